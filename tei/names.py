"""TEI namespaces, where bitext's alignment is in a TEI file, and small helpers for building
elements with lxml."""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
XML_BASE = f"{{{XML_NS}}}base"
_NS = {"t": TEI_NS}


def tei(tag: str) -> str:
    """The Clark name of a TEI element."""
    return f"{{{TEI_NS}}}{tag}"


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str | None) -> etree._Element:
    """Append a TEI child with optional text and attributes (`xml_id`/`xml_lang` map to xml:*;
    an attribute whose value is None is left out)."""
    el = etree.SubElement(parent, tei(tag))
    for key, value in attrs.items():
        if value is None:
            continue
        name = {"xml_id": XML_ID, "xml_lang": XML_LANG}.get(key, key)
        el.set(name, value)
    if text is not None:
        el.text = text
    return el


def declaring(el: etree._Element) -> etree._Element | None:
    """The element whose xml:lang is an element's language: itself or its nearest ancestor with one."""
    return next((node for node in (el, *el.iterancestors()) if node.get(XML_LANG)), None)


def base_of(el: etree._Element) -> str | None:
    """The xml:base in effect at an element: its own and its ancestors', each resolved against
    the one above it (XML Base); None where none of them sets one."""
    bases = [node.get(XML_BASE) for node in (el, *el.iterancestors()) if node.get(XML_BASE) is not None]
    if not bases:
        return None
    url = bases[-1]
    for base in reversed(bases[:-1]):
        url = urljoin(url, base)
    return url


def alignment_standoff(root: etree._Element) -> etree._Element | None:
    """The `<standOff>` bitext writes: the first beside the texts that holds the alignment's links
    (`<linkGrp type="alignment">`; an input's own standOff, whatever it links, follows it)."""
    return next((el for el in root.iterfind("t:standOff", _NS)
                 if el.find("t:linkGrp[@type='alignment']", _NS) is not None), None)


def alignment_links(root: etree._Element) -> list[etree._Element]:
    """The `<link>`s of bitext's alignment (in `alignment_standoff`), in document order: the one
    lookup of them for reading, checking and marking a file up."""
    standoff = alignment_standoff(root)
    return [] if standoff is None else standoff.findall("t:linkGrp[@type='alignment']/t:link", _NS)
