"""Markup inside a sentence: its reading text, and keeping the markup exactly as it was read.

A `<s>` may hold markup bitext does not model: a translation's own spelling kept beside the
glossary's (`<persName ref="#gl.yezhov"><choice><orig>Ezhov</orig><reg>Yezhov</reg></choice>
</persName>`), names, highlighting. The data model works on the reading text (`element_text`:
`<reg>` inside `<choice>`, notes skipped); the markup itself travels with the segment
(`Segment.markup`, the `<s>` serialized without its xml:id) and is written back unchanged, so
reading a file and writing it again changes no character of a sentence or of its markup.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from corpora.xmlinput import safe_parser

from tei.names import TEI_NS, XML_ID

_NS = {"t": TEI_NS}
_SKIP = ("note", "fw", "figDesc", "bibl")
_NEWLINE_SPACE = re.compile(r"\s*\n\s*")


def _local(el: etree._Element) -> str:
    return el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""


def element_text(el: etree._Element, original: bool = False) -> str:
    """The running text of an element: inside `<choice>` the `<reg>` (with `original`: the
    `<orig>`, the spelling of the text itself), else the `<corr>`; notes skipped, lines joined."""
    parts: list[str] = [el.text or ""]
    for child in el:
        name = _local(child)
        if name and name not in _SKIP:
            if name == "choice":
                pick = child.find("t:orig" if original else "t:reg", _NS)
                pick = pick if pick is not None else child.find("t:corr", _NS)
                pick = pick if pick is not None else (child[0] if len(child) else None)
                parts.append(element_text(pick, original) if pick is not None else "")
            else:
                parts.append(element_text(child, original))
        parts.append(child.tail or "")
    text = "".join(parts)
    return _NEWLINE_SPACE.sub(" ", text).strip() if "\n" in text or "\t" in text else text


def inline_markup(s: etree._Element, text: str) -> str | None:
    """What of an `<s>` its reading `text` does not hold (child elements, other attributes,
    whitespace the reading text normalizes), as the `<s>` serialized without xml:id; None
    when the text says it all."""
    if not len(s) and s.text == text and set(s.attrib) <= {XML_ID}:
        return None
    kept = copy.deepcopy(s)
    kept.attrib.pop(XML_ID, None)
    kept.tail = None
    return etree.tostring(kept, encoding="unicode")


def markup_element(markup: str | None) -> etree._Element | None:
    """The `<s>` element a segment's kept markup serializes (None: no markup, or unreadable)."""
    if not markup:
        return None
    try:
        return etree.fromstring(markup, safe_parser(huge=True))  # a sentence read can be written
    except etree.XMLSyntaxError:
        return None


def write_inline(s: etree._Element, text: str, markup: str | None) -> None:
    """Fill a new `<s>` with its kept markup, or with `text` when there is none or the markup
    no longer reads as `text` (the segment's text was changed after it was read)."""
    kept = markup_element(markup)
    if kept is None or element_text(kept) != text:
        s.text = text
        return
    for name, value in kept.attrib.items():
        s.set(name, value)
    s.text = kept.text
    for child in list(kept):
        s.append(child)  # lxml moves the child (and its tail) into the new tree
