"""Ids kept from TEI inputs that would occur twice in the output, made unique.

An archive's markup carries its own ids (`<p xml:id="p1">`, `<l xml:id="l1">`, `<note
xml:id="n1">`, `<rendition xml:id="it">` in its header), and the output holds two texts, each
perhaps with such ids, beside the ids bitext writes (links `l1`, `l2`, ..., sentences, omission
anchors). An id kept from an input that is already taken is renamed `<text id>.<id>` (made
unique with a number if need be), and every pointer of that input that pointed at it (`#n1` in
any attribute: @target, @ref, @rendition, @next ...) follows: tei.adoption does it for the TEI
inputs of an alignment before writing (their headers, resources and texts, where it is known
which input each pointer belongs to), `separate_text` for the ids inside a written `<text>`
that are still taken (those of a bitext read back, or of markup extensions add).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from lxml import etree

from corpora.markup import Markup, Span, span_ids, xml_ids
from corpora.model import Document, unique_id
from corpora.xmlinput import safe_parser

from tei.names import TEI_NS, XML_ID

_WRAP = f'<w xmlns="{TEI_NS}">'
_S = f"{{{TEI_NS}}}s"
_ANCHOR = f"{{{TEI_NS}}}anchor"


def _pointer(token: str, mapping: dict[str, str]) -> str | None:
    """Where a pointer goes now (None: where it went): `#id` to a renamed id, or a pointer into
    another file (`file#id`) that `mapping` holds whole, into this one (tei.adoption)."""
    new = mapping.get(token[1:]) if token.startswith("#") else mapping.get(token) if "#" in token else None
    return None if new is None else f"#{new}"


def _value(value: str, mapping: dict[str, str]) -> str:
    """An attribute value with its pointers (`#id` tokens) to renamed ids following them."""
    tokens = value.split()
    if all(_pointer(t, mapping) is None for t in tokens):
        return value
    return " ".join(_pointer(t, mapping) or t for t in tokens)


def rename_tree(el: etree._Element, mapping: dict[str, str]) -> None:
    """Rename the ids of `mapping` in a tree, and the pointers to them."""
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        for name, value in node.attrib.items():
            new = mapping.get(value, value) if name == XML_ID else _value(value, mapping)
            if new != value:
                node.set(name, new)


def _rename_xml(xml: str, mapping: dict[str, str]) -> str:
    wrapper = etree.fromstring(f"{_WRAP}{xml}</w>", safe_parser(huge=True))
    rename_tree(wrapper, mapping)
    return etree.tostring(wrapper, encoding="unicode")[len(_WRAP):-len("</w>")]


def _rename_markup(markup: Markup | None, mapping: dict[str, str]) -> Markup | None:
    if markup is None:
        return None

    def span(sp: Span) -> Span:
        attrs = tuple((k, mapping.get(v, v) if k == XML_ID else _value(v, mapping)) for k, v in sp.attrs)
        return replace(sp, attrs=attrs, xml=None if sp.xml is None else _rename_xml(sp.xml, mapping))

    return replace(markup, spans=tuple(span(sp) for sp in markup.spans))


def rename_document(doc: Document, mapping: dict[str, str]) -> Document:
    """A document whose kept markup (sentences' markup, what blocks keep between sentences, its
    layout) has the ids of `mapping` renamed and its pointers following them."""
    if not mapping:
        return doc
    paragraphs = [replace(p, segments=tuple(replace(s, markup=_rename_markup(s.markup, mapping)) for s in p.segments),
                          between=tuple((k, _rename_xml(xml, mapping)) for k, xml in p.between))
                  for p in doc.paragraphs]
    layout = None
    if doc.layout:
        tree = etree.fromstring(doc.layout, safe_parser(huge=True))
        rename_tree(tree, mapping)
        layout = etree.tostring(tree, encoding="unicode")
    return replace(doc, paragraphs=paragraphs, layout=layout)


def kept_ids(doc: Document) -> list[str]:
    """The ids a document keeps from its input, in order: those of its layout (not its
    `<text>`'s), of what its blocks keep between sentences and of its sentences' markup (not
    the sentences' own); corpora.markup reads them, as it does for the segmenter."""
    found = xml_ids(doc.layout or "", outer=False)
    for para in doc.paragraphs:
        for _, xml in para.between:
            found += xml_ids(xml)
        for seg in para.segments:
            found += span_ids(seg.markup.spans) if seg.markup else []
    return found


def renaming(own: Iterable[str], taken: set[str], prefix: str) -> dict[str, str]:
    """New ids for those of `own` already in `taken` (which then holds them all)."""
    own = list(dict.fromkeys(own))
    clashes = [i for i in own if i in taken]
    taken.update(own)
    return {old: unique_id(f"{prefix}.{old}", taken) for old in clashes}


def separate_text(text: etree._Element, taken: set[str], prefix: str) -> None:
    """Rename the kept ids of a written `<text>` (not its sentences' and anchors') that are in
    `taken`, and its pointers to them; `taken` then holds the text's ids."""
    own = [node.get(XML_ID) for node in text.iter() if isinstance(node.tag, str) and node.get(XML_ID)
           and node.tag != _S and not (node.tag == _ANCHOR and node.get("type") == "omission") and node is not text]
    mapping = renaming(own, taken, prefix)
    if mapping:
        rename_tree(text, mapping)
