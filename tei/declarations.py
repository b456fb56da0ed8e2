"""Header parts bitext does not model but keeps, because markup in the texts points at them.

`bitext glossary apply` marks names in `<s>` (`<persName ref="#gl.yezhov">`) and declares the
entries in `profileDesc` (`particDesc/listPerson`, ...) and what it regularized in an
`editorialDecl n="glossary"`. Reading such a file keeps the sentences' markup (tei.inline), so
it keeps these declarations too: `kept_declarations` collects them as read, `restore_declarations`
puts them back, unchanged, into the header the writer builds. `KEPT` lists what is kept, by
its parent in the header; add a path there to keep more.
"""

from __future__ import annotations

import json

from lxml import etree

from corpora.xmlinput import safe_parser

from tei.names import TEI_NS

_NS = {"t": TEI_NS}
META_KEY = "declarations"  # the Bitext.meta key that carries them from reader to writer

# (parent of the kept elements in teiHeader, XPath of the kept elements relative to it)
KEPT: tuple[tuple[str, str], ...] = (
    ("encodingDesc", "t:editorialDecl[@n]"),
    ("profileDesc", "t:*[not(self::t:langUsage)]"),
)


def kept_declarations(header: etree._Element) -> str | None:
    """The kept parts of a header as JSON `[[parent, xml], ...]` in document order, or None."""
    kept = []
    for parent, path in KEPT:
        for el in header.xpath(f"t:{parent}/{path}", namespaces=_NS):
            kept.append([parent, etree.tostring(el, encoding="unicode", with_tail=False)])
    return json.dumps(kept, ensure_ascii=False) if kept else None


def restore_declarations(header: etree._Element, kept: str | None) -> None:
    """Append the kept parts to their parents in a header `tei.header.build_header` made."""
    if not kept:
        return
    for parent, xml in json.loads(kept):
        container = header.find(f"t:{parent}", _NS)  # build_header writes every parent in KEPT
        container.append(etree.fromstring(xml, safe_parser(huge=True)))
