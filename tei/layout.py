"""A text's own structure around its blocks, kept from a TEI input and rebuilt on writing.

An archive's `<text>` holds more than paragraphs: `<div type="letter" n="1">`, `<front>` and
`<back>` matter, a `<pb/>` between two paragraphs, an `<opener>`, a `<p xml:id="p3" rend="indent">`.
The reader finds the blocks it segments (`blocks`) and keeps everything else as the layout: the
`<text>` element with each block emptied and marked (`make_layout`). The writer fills the marks
with the sentences of the paragraphs, in order (`fill_layout`), so every element of the input
is in the output at its place, and the output read back gives the same layout again. Text
outside the blocks (a verse quotation in `<lg>`, an `<opener>`) stays as it is, not aligned.

Inside a block, what it holds between its sentences is kept in order as pieces of XML
(`Paragraph.between`, tei.reader), among them marks for what the sentences' places decide: an
element that holds sentences (a `<q>` or `<hi>` around two `<s>`) as an empty copy of it marked
`OPEN` and a `CLOSE` mark where it ends, which `rebuild_wrappers` puts back around what lies
between them once the block is filled; and `ANCHOR`, where an omission anchor stood, which the
writer fills with the anchor the links place there (so text typed beside it keeps its side).
"""

from __future__ import annotations

from lxml import etree

from corpora.model import Document
from corpora.xmlinput import safe_parser

from tei.names import TEI_NS

MARK = "bitext-block"  # the processing instruction that marks an emptied block
OPEN, CLOSE = "bitext-open", "bitext-close"  # (processing instructions) an element holding sentences
ANCHOR = "<?bitext-anchor?>"  # (between sentences) where an omission anchor was
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


def opening(el: etree._Element) -> etree._Element:
    """The piece that stands where an element holding sentences starts: an empty copy of it
    (its attributes), marked `OPEN`."""
    shell = etree.Element(el.tag, dict(el.attrib), nsmap=el.nsmap)
    shell.append(etree.ProcessingInstruction(OPEN))
    return shell


def _is_mark(node: etree._Element, target: str) -> bool:
    return isinstance(node, etree._ProcessingInstruction) and node.target == target


def _drop(node: etree._Element) -> None:
    """Remove a node, its tail kept where it was."""
    parent, before = node.getparent(), node.getprevious()
    if node.tail:
        if before is not None:
            before.tail = (before.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def rebuild_wrappers(block: etree._Element) -> None:
    """Put each element that held sentences back around what the block holds between its
    `OPEN` copy and the `CLOSE` mark that ends it (one left open ends with the block; a `CLOSE`
    without one is dropped)."""
    current = block
    for child in list(block):
        if _is_mark(child, CLOSE):
            closed, current = current, current.getparent() if current is not block else block
            if closed is not block:
                closed.tail = child.tail
                child.tail = None
            _drop(child)
            continue
        if current is not block:
            current.append(child)  # (its tail with it)
        if isinstance(child.tag, str) and len(child) and _is_mark(child[0], OPEN):
            child.remove(child[0])
            child.text, child.tail = child.tail, None
            current = child


def anchor_places(doc: Document) -> list[int]:
    """Where a text read back had its omission anchors (`ANCHOR`), in order: the position of
    the sentence each stood before (its length: after the last)."""
    places, pos = [], 0
    for para in doc.paragraphs:
        places += [pos + k for k, xml in para.between if xml == ANCHOR]
        pos += len(para.segments)
    return places
