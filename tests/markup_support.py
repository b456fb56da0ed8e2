"""Comparing the markup of a TEI input's text with the aligned output's: every element kept, in
order, holding the same text (an element split along sentences counted once, its parts joined
through @next), every comment kept, the text itself unchanged. An element a sentence cannot
hold (tei.inline.NOT_IN_SENTENCE) leaves the elements around it, so their text is compared
without it."""

from __future__ import annotations

from lxml import etree

from tei.inline import NOT_IN_SENTENCE
from tei.names import TEI_NS, XML_ID

S = f"{{{TEI_NS}}}s"
ANCHOR = f"{{{TEI_NS}}}anchor"
_OURS = (XML_ID, "next", "prev")  # attributes the writer sets on parts (or renames)


def _letters(text: str) -> str:
    return "".join(text.split())


def _own_text(el: etree._Element) -> str:
    """The text of an element, leaving out what elements a sentence cannot hold hold."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and etree.QName(child).localname not in NOT_IN_SENTENCE:
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _text(el: etree._Element) -> str:
    local = etree.QName(el).localname
    return "".join(el.itertext()) if local in NOT_IN_SENTENCE else _own_text(el)


def _attrs(el: etree._Element, renamed: str) -> tuple[tuple[str, str], ...]:
    """An element's attributes but those the writer sets, pointers renamed by `renamed.` undone."""
    undo = (lambda v: v.replace(f"#{renamed}.", "#")) if renamed else (lambda v: v)
    return tuple(sorted((k, undo(v)) for k, v in el.attrib.items() if k not in _OURS))


def input_elements(text_el: etree._Element) -> list[tuple[str, tuple, str]]:
    """(tag, attributes, text) of every element of an input `<text>` below it, in order."""
    return [(el.tag, _attrs(el, ""), _letters(_text(el)))
            for el in text_el.iterdescendants() if isinstance(el.tag, str)]


def output_elements(text_el: etree._Element, renamed: str = "") -> list[tuple[str, tuple, str]]:
    """The same of an output `<text>`, leaving out the sentences and omission anchors the
    writer adds and the later parts of split elements (their text joined to the first's)."""
    by_id = {el.get(XML_ID): el for el in text_el.iter() if isinstance(el.tag, str) and el.get(XML_ID)}
    out = []
    for el in text_el.iterdescendants():
        if not isinstance(el.tag, str) or el.tag == S or (el.tag == ANCHOR and el.get("type") == "omission"):
            continue
        if el.get("prev") and el.get("prev")[1:] in by_id:
            continue
        text, part = "", el
        while part is not None:
            text += _text(part)
            part = by_id.get((part.get("next") or "#")[1:])
        out.append((el.tag, _attrs(el, renamed), _letters(text)))
    return out


def comments(text_el: etree._Element) -> list[str]:
    return [c.text for c in text_el.iter(etree.Comment)]


def letters(text_el: etree._Element) -> str:
    """Every non-space character of a text, in order (markup left out)."""
    return _letters("".join(text_el.itertext()))
