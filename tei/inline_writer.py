"""Writing a sentence's kept markup back: its standoff spans (corpora.markup) as elements inside a new `<s>`.

The other half of tei.inline, which reads the spans from a `<s>` or a `<p>`: `write_inline` fills
the `<s>` the TEI writer makes, `markup_element` builds it detached (a correction's `<sic>` keeps
the markup of the text it replaces). Markup that no longer reads as the sentence's text (the text was changed after it was
read) is dropped: the `<s>` holds the text alone.
"""

from __future__ import annotations

from lxml import etree

from corpora.markup import Markup
from corpora.xmlinput import safe_parser

from tei.inline import WRAP, element_text
from tei.names import TEI_NS


def _append_text(el: etree._Element, text: str) -> None:
    if not text:
        return
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def _append_xml(el: etree._Element, xml: str) -> None:
    wrapper = etree.fromstring(f"{WRAP}{xml}</w>", safe_parser(huge=True))
    _append_text(el, wrapper.text or "")
    for child in list(wrapper):
        tail, child.tail = child.tail, None
        el.append(child)
        _append_text(el, tail or "")


def _fill(s: etree._Element, text: str, markup: Markup) -> None:
    """Put the text and its spans inside `s` (ValueError: the spans do not fit the text)."""
    for name, value in markup.attrs:
        s.set(name, value)
    stack: list[tuple[etree._Element, int]] = [(s, len(text))]
    pos = 0
    for span in markup.spans:
        while len(stack) - 1 > span.depth:
            el, end = stack.pop()
            _append_text(el, text[pos:end])
            pos = end
        if span.depth != len(stack) - 1 or not pos <= span.start <= span.end <= stack[-1][1]:
            raise ValueError("markup does not fit its text")
        _append_text(stack[-1][0], text[pos:span.start])
        pos = span.start
        if span.xml is not None:
            _append_xml(stack[-1][0], span.xml)
            pos = span.end
        elif span.name.startswith("{"):
            el = etree.SubElement(stack[-1][0], span.name)
            for name, value in span.attrs:
                el.set(name, value)
            stack.append((el, span.end))
        else:
            raise ValueError(f"no element for markup {span.name!r}")
    while stack:
        el, end = stack.pop()
        _append_text(el, text[pos:end])
        pos = end


def markup_element(text: str, markup: Markup | None) -> etree._Element | None:
    """A detached `<s>` holding `text` with its markup, or None when there is no markup or it
    no longer reads as `text` (the segment's text was changed after it was read)."""
    if markup is None or markup.text != text:
        return None
    s = etree.Element(f"{{{TEI_NS}}}s", nsmap={None: TEI_NS})
    try:
        _fill(s, text, markup)
    except (ValueError, etree.XMLSyntaxError):
        return None
    return s if element_text(s) == text else None


def write_inline(s: etree._Element, text: str, markup: Markup | None) -> None:
    """Fill a new `<s>` with its text and kept markup, or with the text alone when there is
    none or the markup no longer reads as `text`."""
    kept = markup_element(text, markup)
    if kept is None:
        s.text = text
        return
    for name, value in kept.attrib.items():
        s.set(name, value)
    s.text = kept.text
    for child in list(kept):
        s.append(child)  # lxml moves the child (and its tail) into the new tree
