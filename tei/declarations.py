"""Parts of a TEI file bitext does not write itself but keeps: an archive's header and resources, declarations of markup.

Two kinds of content travel with a bitext in `Bitext.meta[META_KEY]` (JSON `[[parent, xml],
...]`), and `restore_declarations` puts them, unchanged, under their parents in the tree the
writer builds:

- the statements an archive adds to the file description of a file bitext wrote (`<extent>`,
  `<seriesStmt>`, `<notesStmt>`, and in `titleStmt` a `<respStmt>` or `<funder>` of its own),
  beside the ones bitext writes;
- declarations that markup in the texts points at: `bitext glossary apply` lists the names it
  marks in `profileDesc` (`particDesc/listPerson`, ...) and says what it regularized in an
  `editorialDecl n="glossary"`;
- what a TEI input holds beside its text, which is kept and extended, never replaced
  (`adopt_header`). Our output has one header for two texts, each of which may have come with
  its own, so each input's header goes where TEI puts the description of a source: its
  `fileDesc` becomes a `<biblFull>` in our `sourceDesc` (pointing at its text with `@corresp`),
  after our `<bibl>`s of the input files; the content of its `encodingDesc` and `profileDesc`
  (tag and class declarations, its `langUsage`, `particDesc`, `correspDesc` ...) joins ours, the
  source's first; its `xenoData` follows our `profileDesc`; its revisions follow ours in
  `revisionDesc` (tei.header: `history`). Its resources beside the text (parent "TEI":
  `<facsimile>`, `<sourceDoc>`, `<fsdDecl>` before our `<text>`, `<standOff>` after ours) and its
  root's attributes (tei.root_attributes) are kept too. Each part says the language it was in
  and the base of its relative addresses (xml:lang, xml:base, from its input's root or header
  where it said none itself).

Reading a file bitext wrote (`kept_declarations`) keeps everything in these parents but what
bitext writes itself (`_OURS`, and the standOff of its alignment), so reading it and writing it
again gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Callable

from lxml import etree

from corpora.xmlinput import safe_parser

from tei.flags_markup import TAXONOMY_ID as FLAGS_TAXONOMY
from tei.names import TEI_NS, XML_BASE, XML_ID, XML_LANG, alignment_standoff, base_of, declaring, tei

_NS = {"t": TEI_NS}
META_KEY = "declarations"  # the Bitext.meta key that carries them from reader to writer
FINDINGS_TAXONOMY = "gl.findings"  # the taxonomy of glossary findings (tei.glossary_markup)
# Where kept parts of the header go, as build_header writes them ("teiHeader": its xenoData;
# "fileDesc": the statements an archive adds beside ours, its extent, seriesStmt and notesStmt;
# "titleStmt": the people and bodies it declares, a respStmt of its own, a funder).
PARENTS = ("titleStmt", "fileDesc", "sourceDesc", "encodingDesc", "profileDesc", "teiHeader")
_PATHS = {"titleStmt": "t:fileDesc/t:titleStmt", "fileDesc": "t:fileDesc", "sourceDesc": "t:fileDesc/t:sourceDesc",
          "encodingDesc": "t:encodingDesc", "profileDesc": "t:profileDesc", "teiHeader": "."}
# The responsibilities bitext's titleStmt states (tei.header), told apart from those an archive adds:
# the translator's, the aligner's, and the person's who checks links by hand, by what they did.
TRANSLATION = "translation"
ALIGNMENT = "automatic sentence alignment"
CHECKED, CORRECTED, CHECKING = "alignment checked by hand", "text corrected by hand", "checking of the alignment by hand"
BY_HAND = (CHECKED, CORRECTED, CHECKING)
ROOT = "TEI"  # the parent of kept resources
RESOURCES = tuple(tei(name) for name in ("facsimile", "sourceDoc", "fsdDecl", "standOff"))  # TEI's beside <text>
_BEFORE_TEXT = frozenset(RESOURCES[:3])  # (a standOff goes after ours)


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
    # titles (main, sub, parallel: corpora.metadata.TITLES), one <author>, <editor> per person (PEOPLE)
    "titleStmt": [*[(name, lambda el: True, False) for name in ("title", "author", "editor")],
                  ("respStmt", lambda el: el.findtext("t:resp", namespaces=_NS) in (TRANSLATION, ALIGNMENT, *BY_HAND),
                   False)],
    "fileDesc": [(name, lambda el: True, True) for name in ("titleStmt", "editionStmt", "publicationStmt", "sourceDesc")],
    "sourceDesc": [("bibl", lambda el: el.get("type") in ("source", "target"), False)],
    "encodingDesc": [("appInfo", _app, True), ("editorialDecl", lambda el: el.get("n") is None, True),
                     ("classDecl", _our_classes, False)],
    "profileDesc": [("langUsage", lambda el: True, True)],
    "teiHeader": [(name, lambda el: True, True) for name in ("fileDesc", "encodingDesc", "profileDesc", "revisionDesc")],
}


def kept_declarations(root: etree._Element) -> str | None:
    """The kept parts of a `<TEI>` bitext wrote, as JSON `[[parent, xml], ...]` in document
    order (None: there are none): those of its header, then its resources (`resources`)."""
    kept = []
    header = root.find("t:teiHeader", _NS)
    for parent in PARENTS if header is not None else ():
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
            kept.append([parent, _xml(el)])
    kept += resources(root, ours=True)
    return json.dumps(kept, ensure_ascii=False) if kept else None


def resources(root: etree._Element, ours: bool) -> list[list[str]]:
    """The resources beside the texts of a `<TEI>` as kept parts, in document order: all of an
    input's; of a file bitext wrote (`ours`), all but the standOff of its alignment."""
    skip = alignment_standoff(root) if ours else None
    return [[ROOT, _xml(el if ours else _in_context(el))] for el in root if el.tag in RESOURCES and el is not skip]


def restore_declarations(root: etree._Element, kept: str | None) -> None:
    """Put the kept parts under their parents in a tree `tei.writer.build_tei` made: header
    parts appended to theirs (a xenoData before `revisionDesc`, a fileDesc statement where TEI
    puts it among ours, a titleStmt's people after ours), resources beside the `<text>`
    (a standOff after the last, the others before the text)."""
    if not kept:
        return
    header, text = root[0], root.find("t:text", _NS)
    for parent, xml in json.loads(kept):
        el = etree.fromstring(xml, safe_parser(huge=True))
        if parent == ROOT:
            if el.tag in _BEFORE_TEXT:
                text.addprevious(el)
            else:
                root.append(el)
        elif parent == "teiHeader":
            header.find("t:revisionDesc", _NS).addprevious(el)
        elif parent == "fileDesc":  # in TEI's order: extent before the publicationStmt, the rest after it
            before = "t:publicationStmt" if _local(el) == "extent" else "t:sourceDesc"
            header.find(f"t:fileDesc/{before}", _NS).addprevious(el)
        else:
            header.find(_PATHS.get(parent, f"t:{parent}"), _NS).append(el)  # build_header writes every parent


def is_ours(header: etree._Element) -> bool:
    """Whether bitext wrote a header (its application is declared in it)."""
    return header.find("t:encodingDesc/t:appInfo/t:application[@ident='bitext']", _NS) is not None


def foreign_parts(root: etree._Element, text_id: str) -> tuple[list[list[str]], list[str]]:
    """What of an input's own `<TEI>` is kept (see the module docstring): the parts of its
    header and its resources, and its revisions (`<change>`s, out of any `<listChange>`) as XML."""
    parts = []
    header = root.find("t:teiHeader", _NS)
    file_desc = None if header is None else header.find("t:fileDesc", _NS)
    if file_desc is not None:
        full = etree.Element(tei("biblFull"), dict(file_desc.attrib))
        _in_context(full, file_desc)
        if full.get("corresp") is None:
            full.set("corresp", f"#{text_id}")
        full.text = file_desc.text
        for child in file_desc:
            full.append(child)
        parts.append(["sourceDesc", _xml(full)])
    for parent in ("encodingDesc", "profileDesc") if header is not None else ():
        for el in header.iterfind(f"t:{parent}/*", _NS):
            parts.append([parent, _xml(_in_context(el))])
    parts += [["teiHeader", _xml(_in_context(el))] for el in ([] if header is None else header.iterfind("t:xenoData", _NS))]
    parts += resources(root, ours=False)
    changes = [] if header is None else [_xml(_in_context(el)) for el in header.iterfind("t:revisionDesc//t:change", _NS)]
    return parts, changes


def _in_context(el: etree._Element, where: etree._Element | None = None) -> etree._Element:
    """A part taken out of an input (`where` there: itself, or the element it is made from)
    saying the language it was in and the base of its relative addresses: its own xml:lang,
    else its nearest ancestor's, and the xml:base in effect there, as the root `<TEI>`'s, which
    the output does not keep (it holds two texts, each says its own)."""
    where = el if where is None else where
    said, base = declaring(where), base_of(where)
    if said is not None and el.get(XML_LANG) is None:
        el.set(XML_LANG, said.get(XML_LANG))
    if base is not None:
        el.set(XML_BASE, base)
    return el


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
