"""A text's own structure around its blocks, kept from a TEI input and rebuilt on writing.

An archive's `<text>` holds more than paragraphs: `<div type="letter" n="1">`, `<front>` and
`<back>` matter, a `<pb/>` between two paragraphs, an `<opener>`, a `<p xml:id="p3" rend="indent">`.
The reader finds the blocks it segments (`blocks`) and keeps everything else as the layout: the
`<text>` element with each block emptied and marked (`make_layout`). The writer fills the marks
with the sentences of the paragraphs, in order (`fill_layout`), so every element of the input
is in the output at its place, and the output read back gives the same layout again. Text
outside the blocks (a verse quotation in `<lg>`, an `<opener>`) stays as it is, not aligned.
"""

from __future__ import annotations

from lxml import etree

from corpora.xmlinput import safe_parser

from tei.names import TEI_NS

MARK = "bitext-block"  # the processing instruction that marks an emptied block
BLOCK_TAGS = tuple(f"{{{TEI_NS}}}{b}" for b in ("p", "head", "ab", "note", "item"))
# A block holding one of these is a container (a <note> of <p>s); its paragraphs are the blocks.
_HOLDS_BLOCKS = tuple(f"{{{TEI_NS}}}{b}" for b in ("p", "ab", "div"))
_S = f"{{{TEI_NS}}}s"


def is_container(el: etree._Element) -> bool:
    return any(child.tag in _HOLDS_BLOCKS for child in el)


def blocks(text_el: etree._Element) -> list[etree._Element]:
    """The blocks of a text's body in order: `<p>`, `<head>`, `<ab>`, `<note>`, `<item>` not
    inside another block or a `<s>`, and not holding paragraphs themselves."""
    body = text_el.find(f"{{{TEI_NS}}}body")
    found: list[etree._Element] = []

    def visit(el: etree._Element) -> None:
        for child in el:
            if not isinstance(child.tag, str) or child.tag == _S:
                continue
            if child.tag in BLOCK_TAGS and not is_container(child):
                found.append(child)
            else:
                visit(child)

    if body is not None:
        visit(body)
    return found


def make_layout(text_el: etree._Element, emptied: list[etree._Element]) -> str:
    """The `<text>` as XML with the `emptied` blocks (elements of it) emptied and marked. The
    blocks are emptied in place: call it on a tree of the reader's own, once it is read."""
    for block in emptied:
        for child in list(block):
            block.remove(child)  # (its tail goes with it)
        block.text = None
        block.append(etree.ProcessingInstruction(MARK))
    return etree.tostring(text_el, encoding="unicode", with_tail=False)


def fill_layout(layout: str, count: int) -> tuple[etree._Element, list[etree._Element]] | None:
    """The `<text>` of a layout and its marked blocks, the marks removed, for `count`
    paragraphs (None when the layout does not have that many blocks)."""
    text = etree.fromstring(layout, safe_parser(huge=True))
    marks = [pi for pi in text.iter(etree.ProcessingInstruction) if pi.target == MARK]
    if len(marks) != count:
        return None
    out = []
    for pi in marks:
        block = pi.getparent()
        block.remove(pi)
        out.append(block)
    return text, out
