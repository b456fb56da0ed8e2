"""XLIFF 2.1 for CAT tools: one unit per link, its sentences as the unit's source and target.

`<xliff version="2.1" srcLang trgLang>` with one `<file>`; each link is a `<unit id>` (the
link's id) of one `<segment>` whose `<source>` and `<target>` hold the sentences of each side
(a 1-n side joined by a space; a 1-0 link has no target, a 0-1 link an empty source). A
segment with a target is `state="translated"`, or `"reviewed"` for a link checked by hand.
The score and link type go in the Metadata module (`mda:metadata`, category "bitext"), each
review flag in a `<note category="bitext-flag">` with its reason.
"""

from __future__ import annotations

from lxml import etree

from corpora.model import Bitext
from corpora.writing import WriteRequest, Written

from tei.pairs import text_pairs

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"


def _el(parent: etree._Element, tag: str, text: str | None = None, ns: str = XLIFF_NS, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    el.text = text
    return el


def build_xliff(bitext: Bitext, request: WriteRequest) -> etree._Element:
    """The `<xliff>` tree of a bitext's links (those the request keeps)."""
    root = etree.Element(f"{{{XLIFF_NS}}}xliff", nsmap={None: XLIFF_NS, "mda": MDA_NS}, version="2.1",
                         srcLang=bitext.source.lang, trgLang=bitext.target.lang)
    file_el = _el(root, "file", id="f1")
    for pair in text_pairs(bitext, request.keep):
        link = pair.link
        unit = _el(file_el, "unit", id=pair.link_id)
        meta = _el(_el(unit, "metadata", ns=MDA_NS), "metaGroup", ns=MDA_NS, category="bitext")
        _el(meta, "meta", f"{link.score:.3f}", ns=MDA_NS, type="score")
        _el(meta, "meta", link.type, ns=MDA_NS, type="link-type")
        if link.flags:
            notes = _el(unit, "notes")
            for flag in link.flags:
                _el(notes, "note", f"{flag.kind}: {flag.reason}" if flag.reason else flag.kind,
                    category="bitext-flag")
        state = {"state": "reviewed" if link.resp else "translated"} if pair.target else {}
        segment = _el(unit, "segment", **state)
        _el(segment, "source", pair.source)
        if pair.target:
            _el(segment, "target", pair.target)
    return root


def write_xliff(bitext: Bitext, request: WriteRequest) -> Written:
    """The writer of the `xliff` format (bitext_cli.formats)."""
    root = build_xliff(bitext, request)
    etree.indent(root, space="  ")
    return Written(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
