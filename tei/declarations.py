"""Header parts bitext does not write itself but keeps: an archive's header, declarations of markup.

Two kinds of header content travel with a bitext in `Bitext.meta[META_KEY]` (JSON
`[[parent, xml], ...]`), and `restore_declarations` appends them, unchanged, to their parents
in the header the writer builds:

- declarations that markup in the texts points at: `bitext glossary apply` lists the names it
  marks in `profileDesc` (`particDesc/listPerson`, ...) and says what it regularized in an
  `editorialDecl n="glossary"`;
- the header of a TEI input, which is kept and extended, never replaced (`adopt_header`). Our
  output has one header for two texts, each of which may have come with its own, so each input's
  header goes where TEI puts the description of a source: its `fileDesc` becomes a `<biblFull>`
  in our `sourceDesc` (pointing at its text with `@corresp`), after our `<bibl>`s of the input
  files; the content of its `encodingDesc` and `profileDesc` (tag and class declarations, its
  `langUsage`, `particDesc`, `correspDesc` ...) joins ours, the source's first; its revisions
  follow ours in `revisionDesc` (tei.header: `history`).

Reading a file bitext wrote (`kept_declarations`) keeps everything in these parents but what
bitext writes itself (`_OURS`), so reading it and writing it again gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Callable

from lxml import etree

from corpora.xmlinput import safe_parser

from tei.flags_markup import TAXONOMY_ID as FLAGS_TAXONOMY
from tei.names import TEI_NS, XML_ID, tei

_NS = {"t": TEI_NS}
META_KEY = "declarations"  # the Bitext.meta key that carries them from reader to writer
FINDINGS_TAXONOMY = "gl.findings"  # the taxonomy of glossary findings (tei.glossary_markup)
PARENTS = ("sourceDesc", "encodingDesc", "profileDesc")  # where kept parts go, as build_header writes them
_PATHS = {"sourceDesc": "t:fileDesc/t:sourceDesc", "encodingDesc": "t:encodingDesc", "profileDesc": "t:profileDesc"}


def _local(el: etree._Element) -> str:
    return el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""


def _app(el: etree._Element) -> bool:
    return el.find("t:application[@ident='bitext']", _NS) is not None


def _our_classes(el: etree._Element) -> bool:
    ids = [t.get(XML_ID) for t in el.findall("t:taxonomy", _NS)]
    return bool(ids) and all(i in (FLAGS_TAXONOMY, FINDINGS_TAXONOMY) for i in ids)


# For each parent: which of its children bitext writes itself, told by name, test and whether
# only the first such child is ours.
_OURS: dict[str, list[tuple[str, Callable[[etree._Element], bool], bool]]] = {
    "sourceDesc": [("bibl", lambda el: el.get("type") in ("source", "target"), False)],
    "encodingDesc": [("appInfo", _app, True), ("editorialDecl", lambda el: el.get("n") is None, True),
                     ("classDecl", _our_classes, False)],
    "profileDesc": [("langUsage", lambda el: True, True)],
}


def kept_declarations(header: etree._Element) -> str | None:
    """The kept parts of a header bitext wrote, as JSON `[[parent, xml], ...]` in document
    order (None: there are none)."""
    kept = []
    for parent in PARENTS:
        container = header.find(_PATHS[parent], _NS)
        if container is None:
            continue
        taken: set[str] = set()
        for el in container:
            if not isinstance(el.tag, str):
                continue
            mine = next((first for name, test, first in _OURS[parent]
                         if _local(el) == name and test(el) and not (first and name in taken)), None)
            if mine is not None:
                taken.add(_local(el))
                continue
            kept.append([parent, etree.tostring(el, encoding="unicode", with_tail=False)])
    return json.dumps(kept, ensure_ascii=False) if kept else None


def restore_declarations(header: etree._Element, kept: str | None) -> None:
    """Append the kept parts to their parents in a header `tei.header.build_header` made."""
    if not kept:
        return
    for parent, xml in json.loads(kept):
        container = header.find(_PATHS.get(parent, f"t:{parent}"), _NS)  # build_header writes every parent
        container.append(etree.fromstring(xml, safe_parser(huge=True)))


def is_ours(header: etree._Element) -> bool:
    """Whether bitext wrote a header (its application is declared in it)."""
    return header.find("t:encodingDesc/t:appInfo/t:application[@ident='bitext']", _NS) is not None


def foreign_parts(header: etree._Element, text_id: str) -> tuple[list[list[str]], list[str]]:
    """What of an input's own header is kept (see the module docstring): the parts, and its
    revisions (`<change>`s, out of any `<listChange>`) as XML."""
    parts = []
    file_desc = header.find("t:fileDesc", _NS)
    if file_desc is not None:
        full = etree.Element(tei("biblFull"), dict(file_desc.attrib))
        if full.get("corresp") is None:
            full.set("corresp", f"#{text_id}")
        full.text = file_desc.text
        for child in file_desc:
            full.append(child)
        parts.append(["sourceDesc", _xml(full)])
    for parent in ("encodingDesc", "profileDesc"):
        for el in header.iterfind(f"t:{parent}/*", _NS):
            parts.append([parent, _xml(el)])
    changes = [_xml(el) for el in header.iterfind("t:revisionDesc//t:change", _NS)]
    return parts, changes


def _xml(el: etree._Element) -> str:
    return etree.tostring(el, encoding="unicode", with_tail=False)


def add_parts(meta: dict[str, str], parts: list[list[str]]) -> None:
    """Add kept parts to a bitext's metadata, after those it has."""
    if parts:
        meta[META_KEY] = json.dumps(json.loads(meta.get(META_KEY) or "[]") + parts, ensure_ascii=False)


def declared_ids(kept: str | None) -> set[str]:
    """The xml:ids the kept parts declare."""
    return {i for _, xml in json.loads(kept or "[]") for i in parse_header(xml).xpath("//@xml:id")}


def parse_header(xml: str) -> etree._Element:
    return etree.fromstring(xml, safe_parser(huge=True))
