"""Write a bitext as TEI P5: two texts in a `<group>`, links in a standoff `<linkGrp>`.

Output is deterministic (stable ids, fixed attribute order, a date fixed by SOURCE_DATE_EPOCH),
and files are written atomically. The building blocks (`body_blocks`, `segment_element`,
`link_element`) are small functions; markup that other tools add (glossary names, findings) comes
in as extensions: functions called on the finished tree (`Extension`), so the writer stays one.
`tei.reader` reads what this writes back into the data model, byte for byte.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from lxml import etree

from corpora.atomic import atomic_write
from corpora.model import Bitext, Document, Link, Paragraph, Segment, link_ids
from corpora.writing import WriteRequest, Written
from corpora.xmlinput import safe_parser

from tei.declarations import META_KEY as DECLARATIONS
from tei.clashes import separate_text
from tei.declarations import restore_declarations
from tei.flags_markup import write_flags
from tei.header import ALIGNER_ID, build_header
from tei.inline_writer import write_inline
from tei.layout import ANCHOR, fill_layout, rebuild_wrappers
from tei.names import TEI_NS, XML_ID, XML_LANG, sub
from tei.root_attributes import META_KEY as ROOT_ATTRIBUTES
from tei.root_attributes import set_attributes


def text_ids(bitext: Bitext) -> tuple[str, str]:
    """The `xml:id`s of the two texts: their languages, made distinct when they are the same."""
    s, t = bitext.source.text_id, bitext.target.text_id
    return (s, t) if s != t else (f"{s}.src", f"{t}.tgt")


def omission_anchors(links: list[Link], side: str) -> dict[int, list[int]]:
    """For one side, link numbers of omission beads keyed by the segment position they precede.

    A 1-0 bead has no target segment; its link points at an anchor placed in the target text
    just before the next target segment (or at the end of the text).
    """
    anchors: dict[int, list[int]] = {}
    pos = 0
    for k, link in enumerate(links):
        mine, other = (link.src, link.tgt) if side == "source" else (link.tgt, link.src)
        if other and not mine:
            anchors.setdefault(pos, []).append(k)
        pos += len(mine)
    return anchors


def body_blocks(doc: Document) -> list[list[Paragraph]]:
    """The paragraphs of a text grouped into `<div>`s, or one group when it has no headings.

    TEI does not allow a `<head>` after a `<p>` in the same container, so a text with headings
    is written as divs: a new div starts at each heading that follows body text (consecutive
    headings share a div); paragraphs before the first heading form a div of their own. A text
    without headings is written as paragraphs directly in `<body>` (one group, no div).
    """
    paragraphs = doc.paragraphs or []
    if not any(p.kind == "head" for p in paragraphs):
        return [paragraphs]
    blocks: list[list[Paragraph]] = []
    for k, para in enumerate(paragraphs):
        if k == 0 or (para.kind == "head" and paragraphs[k - 1].kind != "head"):
            blocks.append([])
        blocks[-1].append(para)
    return blocks


def _add_anchors(parent: etree._Element, links: list[int], tid: str, anchor_ids: dict[int, str]) -> None:
    for k in links:
        anchor_ids[k] = f"{tid}.a{len(anchor_ids) + 1}"
        sub(parent, "anchor", type="omission", xml_id=anchor_ids[k])


def segment_element(parent: etree._Element, seg: Segment) -> etree._Element:
    """The `<s xml:id>` of one segment, with the markup it was read with (tei.inline); markup
    bitext adds itself comes from extensions."""
    s = sub(parent, "s", xml_id=seg.id)
    write_inline(s, seg.text, seg.markup)
    return s


def block_element(parent: etree._Element, kind: str) -> etree._Element:
    """The element of a block of `kind` (corpora.sourcetext): `<head>`, `<p>`, `<note>`, or
    `<ab type="caption">` (items go in a `<list>`, see `_write_text`)."""
    if kind == "caption":
        return sub(parent, "ab", type="caption")
    return sub(parent, kind if kind in ("head", "note") else "p")


def _fill_block(block: etree._Element, para: Paragraph, pos: int, anchors: dict[int, list[int]], tid: str,
                anchor_ids: dict[int, str]) -> None:
    """The sentences of a paragraph in its block element: before each, what the block keeps
    there as read (`Paragraph.between`) and the omission anchors of the other text's sentences
    that fall there (each where one was read, tei.layout.ANCHOR, the others just before the
    sentence); after the last, what it keeps after them (and anchors where they were read:
    `anchors` loses those written); then the elements that held sentences put back around them."""
    kept: dict[int, list[str]] = {}
    for k, xml in para.between:
        kept.setdefault(k, []).append(xml)
    for k in range(len(para.segments) + 1):
        waiting = anchors.get(pos + k, [])
        for xml in kept.get(k, []):
            if xml == ANCHOR:
                _add_anchors(block, waiting[:1], tid, anchor_ids)
                del waiting[:1]
            else:
                _add_kept(block, [xml])
        if k < len(para.segments):
            _add_anchors(block, waiting, tid, anchor_ids)
            waiting.clear()
            segment_element(block, para.segments[k])
    rebuild_wrappers(block)


def _add_kept(block: etree._Element, pieces: list[str]) -> None:
    """Append what a block keeps between sentences: elements, and text typed there."""
    for xml in pieces:
        wrapper = etree.fromstring(f'<w xmlns="{TEI_NS}">{xml}</w>', safe_parser(huge=True))
        if wrapper.text:
            last = block[-1] if len(block) else None
            if last is None:
                block.text = (block.text or "") + wrapper.text
            else:
                last.tail = (last.tail or "") + wrapper.text
        block.extend(list(wrapper))


def _generated(text: etree._Element, doc: Document) -> list[etree._Element]:
    """The block elements of a text written from its paragraphs alone (no layout): `<div>`s
    when it has headings (see `body_blocks`), `<list>`s around consecutive items."""
    body = sub(text, "body")
    groups = body_blocks(doc)
    with_divs = len(groups) > 1 or any(p.kind == "head" for p in groups[0])
    out = []
    for group in groups:
        container = sub(body, "div") if with_divs else body
        listed: etree._Element | None = None
        for para in group:
            if para.kind == "item":  # consecutive items share one <list>
                listed = listed if listed is not None else sub(container, "list")
                out.append(sub(listed, "item"))
            else:
                listed = None
                out.append(block_element(container, para.kind))
    if not out:
        out.append(sub(body, "p"))
    return out


def _write_text(
    group: etree._Element, doc: Document, tid: str, anchors: dict[int, list[int]], anchor_ids: dict[int, str]
) -> None:
    """One `<text>`: in the layout it was read with (tei.layout), else in a structure made
    from its paragraphs; its sentences and omission anchors in their blocks."""
    laid = fill_layout(doc.layout, len(doc.paragraphs)) if doc.layout else None
    if laid is not None:
        text, blocks = laid
        text.set(XML_LANG, doc.lang)
        text.set(XML_ID, tid)
        group.append(text)
    else:
        text = sub(group, "text", xml_lang=doc.lang, xml_id=tid)
        blocks = _generated(text, doc)
    pos = 0
    for block, para in zip(blocks, doc.paragraphs):
        _fill_block(block, para, pos, anchors, tid, anchor_ids)
        pos += len(para.segments)
    _add_anchors(blocks[-1], anchors.get(pos, []), tid, anchor_ids)


def link_targets(
    link: Link, src_ids: Sequence[str], tgt_ids: Sequence[str], src_anchor: str | None, tgt_anchor: str | None
) -> str:
    """The `@target` of a link: source pointers then target pointers, anchors for empty sides.

    `src_ids`/`tgt_ids` are the segment ids of each side in order (computed once per file).
    """
    ptrs = [f"#{src_ids[i]}" for i in link.src] or [f"#{src_anchor}"]
    ptrs += [f"#{tgt_ids[j]}" for j in link.tgt] or [f"#{tgt_anchor}"]
    return " ".join(ptrs)


def link_element(grp: etree._Element, link: Link, lid: str, target: str) -> etree._Element:
    """One `<link>`: id (corpora.model.link_ids), bead type, targets, score as @cert, and who
    made it as @resp."""
    return sub(
        grp,
        "link",
        xml_id=lid,
        type=link.type,
        target=target,
        cert=f"{link.score:.3f}",
        resp=f"#{(link.resp or ALIGNER_ID).lstrip('#')}",
    )


# An extension adds markup to the finished tree (header declarations, @ana, names in <s>).
Extension = Callable[[etree._Element, Bitext], None]


def build_tei(bitext: Bitext, extensions: Sequence[Extension] = ()) -> etree._Element:
    """The TEI document of a bitext as an lxml element tree, then each extension applied."""
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    root.append(build_header(bitext))
    outer = sub(root, "text")
    group = sub(outer, "group")
    sid, tid = text_ids(bitext)
    src_anchor_ids: dict[int, str] = {}
    tgt_anchor_ids: dict[int, str] = {}
    _write_text(group, bitext.source, sid, omission_anchors(bitext.links, "source"), src_anchor_ids)
    _write_text(group, bitext.target, tid, omission_anchors(bitext.links, "target"), tgt_anchor_ids)
    standoff = sub(root, "standOff")
    grp = sub(standoff, "linkGrp", type="alignment")
    src_ids = [seg.id for seg in bitext.source.segments]
    tgt_ids = [seg.id for seg in bitext.target.segments]
    for k, (lid, link) in enumerate(zip(link_ids(bitext.links), bitext.links)):
        link_element(grp, link, lid, link_targets(link, src_ids, tgt_ids, src_anchor_ids.get(k), tgt_anchor_ids.get(k)))
    write_flags(root, bitext)
    restore_declarations(root, bitext.meta.get(DECLARATIONS))
    set_attributes(root, bitext.meta.get(ROOT_ATTRIBUTES))
    _separate(root, group, (sid, tid), [*src_ids, *tgt_ids, *src_anchor_ids.values(), *tgt_anchor_ids.values()])
    for extension in extensions:
        extension(root, bitext)
    return root


def _separate(root: etree._Element, group: etree._Element, text_ids: tuple[str, str], written: list[str]) -> None:
    """Make the ids kept in each text unique against the header's, the links', the
    sentences' and the other text's (tei.clashes)."""
    texts = list(group)
    outside = [node.get(XML_ID) for node in root.iter() if isinstance(node.tag, str) and node.get(XML_ID)
               and group not in node.iterancestors() and node is not group]
    taken = {*outside, *written, *text_ids}
    for text, prefix in zip(texts, text_ids):
        separate_text(text, taken, prefix)


# Elements outside any sentence that hold text of their own (mixed content, or text alone).
_MIXED = etree.XPath("//*[not(ancestor-or-self::t:s)][text()[normalize-space()]]", namespaces={"t": TEI_NS})


def indent_outside_sentences(root: etree._Element) -> None:
    """Indent the tree for reading, leaving the inside of each `<s>` and of any element that
    holds text beside its children (an archive's `<dateline>`) as it is: indentation there
    would add white space to the text."""
    kept = [*root.iter(f"{{{TEI_NS}}}s"), *_MIXED(root)]
    inside = {id(d): (d, d.text, d.tail) for el in kept for d in el.iterdescendants()}
    texts = [(el, el.text) for el in kept]
    etree.indent(root, space="  ")
    for el, text, tail in inside.values():
        el.text, el.tail = text, tail
    for el, text in texts:
        el.text = text


def tei_bytes(bitext: Bitext, extensions: Sequence[Extension] = ()) -> bytes:
    """The serialized TEI file (UTF-8, XML declaration, pretty-printed, trailing newline)."""
    root = build_tei(bitext, extensions)
    indent_outside_sentences(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_tei_file(bitext: Bitext, request: WriteRequest) -> Written:
    """The writer of the `tei` format (bitext_cli.formats): every link, with the extensions."""
    return Written(tei_bytes(bitext, request.extensions))


def write_tei(bitext: Bitext, path: str | Path, extensions: Sequence[Extension] = ()) -> None:
    """Write the TEI file atomically ("-" writes to standard output)."""
    atomic_write(path, tei_bytes(bitext, extensions))
