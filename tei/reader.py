"""Read TEI back into the data model: a whole bitext (`read_tei`) or one text (`read_tei_text`).

`read_tei` understands what `tei.writer` writes: the header (into `Bitext.meta`, see
`tei.header.read_header`), `<head>`/`<p>` blocks (in `<div>`s or not) of `<s xml:id>`,
omission anchors, and the links of `<linkGrp type="alignment">` with @cert, @resp and
@xml:id. Reading a file bitext wrote and writing it again gives the same bytes. Text a person
typed into such a file between the `<s>` of a block is kept (`Paragraph.between`, the block's
content outside its sentences as it was, white space included), and so is a block without `<s>`
(in the layout); commands that cannot write it say so (tei.outside). So are an element typed
around sentences (a `<q>` around two `<s>`) and where an omission anchor stood among typed text,
as marks in `between` (tei.layout). Markup inside
`<s>` (names, `<choice>`) is kept as it was read (`Segment.markup`, see tei.inline; the
segment's text is its reading text, inside `<choice>` the `<reg>`), and so are the header
declarations it points at and what a TEI input held beside its text (tei.declarations: other
header parts, resources; tei.root_attributes). Other markup it does not model is not kept;
tools that add such markup re-create it through writer extensions.

`read_tei_sources` reads the `<text>`s of any TEI file as input to `align`, the reader of the
TEI format (corpora.sourcetext): `<s xml:id>` keep their ids; a text with only `<p>` comes back
unsegmented, its blocks with the ids of their `<p>`, for the segmenter; text a block holds
between its `<s>` comes as runs of its own among them (`_run`), for the segmenter too.

Blocks: `<head>` (a heading), `<p>`, `<ab>` (`type="caption"`: a caption), `<note>` and `<item>`
outside any of these (a note inside a `<p>` is part of it, and its text is left out).
"""

from __future__ import annotations

import copy
import logging
from xml.sax.saxutils import escape
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from corpora import languages
from corpora.errors import InputError
from corpora.markup import Span
from corpora.model import Bitext, Document, Link, Paragraph, Segment, with_unpaired
from corpora.sourcetext import CAPTION, P, Block, SourceText
from corpora.wording import counted

from tei.declarations import META_KEY as DECLARATIONS
from tei.declarations import RESOURCES, is_ours, kept_declarations
from tei.flags_markup import read_flags
from tei.inline import block_text, element_text, fragment, inline_markup
from tei.layout import ANCHOR, CLOSE, blocks, make_layout, opening
from tei.header import ALIGNER_ID, read_header
from tei.names import TEI_NS, XML_BASE, XML_ID, XML_LANG, alignment_links, alignment_standoff, base_of, declaring
from tei.root_attributes import add_attributes, root_attributes
from corpora.source import InputText
from corpora.xmlinput import parse_xml, parse_xml_text

_NS = {"t": TEI_NS}
log = logging.getLogger("bitext")
_S = f"{{{TEI_NS}}}s"
_ANCHOR = f"{{{TEI_NS}}}anchor"


def _local(el: etree._Element) -> str:
    return el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""


def block_kind(el: etree._Element) -> str:
    """The SourceText kind of a block element (see the module docstring)."""
    name = _local(el)
    if name == "ab":
        return CAPTION if el.get("type") == CAPTION else P
    return name if name in ("head", "note", "item") else P


def _has_sentences(block: etree._Element) -> bool:
    return next(block.iter(_S), None) is not None


def _outermost(el: etree._Element, block: etree._Element) -> bool:
    """Whether an element of a block is not inside a `<s>` (most are the block's children)."""
    return el.getparent() is block or next(el.iterancestors(_S), None) is None


def _is_omission(el: etree._Element) -> bool:
    return el.tag == _ANCHOR and el.get("type") == "omission"


@dataclass
class _TextParts:
    paragraphs: list[Paragraph]
    anchors: dict[str, int]  # omission anchor id -> segment position it precedes
    layout: str


def _gaps(block: etree._Element) -> list[tuple[int, str, str, list[etree._Element]]]:
    """What a block of `<s>` holds outside them, gap by gap: the number of `<s>` before the gap,
    the mark that starts it (tei.layout: an omission anchor, the start or end of an element
    holding `<s>`, as a `<q>`; "" after a `<s>` or at the start), the text that starts it (the
    block's, or the tail of what comes before) and its elements (with their tails); `<s>`,
    omission anchors and the start and end of an element holding `<s>` end a gap (such an
    element's sentences are read, and what it holds beside them, gap by gap)."""
    gaps: list[tuple[int, str, str, list[etree._Element]]] = [(0, "", block.text or "", [])]
    count = 0

    def walk(parent: etree._Element) -> None:
        nonlocal count
        for child in parent:
            if child.tag == _S:
                count += 1
                gaps.append((count, "", child.tail or "", []))
            elif _is_omission(child):
                gaps.append((count, ANCHOR, child.tail or "", []))
            elif _has_sentences(child):
                gaps.append((count, fragment(opening(child)), child.text or "", []))
                walk(child)
                gaps.append((count, f"<?{CLOSE}?>", child.tail or "", []))
            else:
                gaps[-1][3].append(child)

    walk(block)
    return gaps


def _run(block: etree._Element, text: str, elements: list[etree._Element]) -> Block | None:
    """A gap of a block of `<s>` as a block for the segmenter, its markup kept (None: it holds
    no text to read, as the white space and page breaks between sentences)."""
    if not elements and not text.strip():
        return None
    run = etree.Element(block.tag, nsmap=block.nsmap)
    run.text = text
    run.extend(copy.deepcopy(el) for el in elements)
    return block_text(run, block_kind(block), None)


def _segmented(block: etree._Element, pos: int, anchors: dict[str, int], original: bool,
               keep_markup: bool, runs: list[tuple[int, Block | str]] | None = None) -> Paragraph:
    """A block of `<s>`: its segments (with their markup), the omission anchors among them,
    and what else it holds between them in order (`Paragraph.between`, marks included: see
    `_gaps`); with `runs`, all that goes there instead, in order, a gap that holds text as a
    block of its own ((k, block or xml): before segment k, see `_run`)."""
    segs: list[Segment] = []
    for el in block.iter(_S, _ANCHOR):
        if el.tag == _ANCHOR:
            if el.get(XML_ID) and _outermost(el, block):
                anchors[el.get(XML_ID)] = pos + len(segs)
        elif _outermost(el, block):
            text = element_text(el, original)
            segs.append(Segment(el.get(XML_ID) or "", text, inline_markup(el, text, original) if keep_markup else None))
    gaps = _gaps(block) if keep_markup else []
    loose = runs is None and any(_holds_text(text, elements) for _, _, text, elements in gaps)
    kept: list[tuple[int, Block | str]] = []
    for count, mark, text, elements in gaps:
        kept += [(count, mark)] if mark else []
        run = None if runs is None else _run(block, text, elements)
        if run is not None:
            kept.append((count, run))
        elif loose:  # (kept as it was typed, white space included: the writer indents no such block)
            raw = escape(text) + "".join(fragment(el) + escape(el.tail or "") for el in elements)
            kept += [(count, raw)] if raw else []
        else:
            kept += [(count, fragment(el)) for el in elements]
    if runs is not None:
        runs += kept
        return Paragraph(tuple(segs), block_kind(block))
    return Paragraph(tuple(segs), block_kind(block), tuple((k, xml) for k, xml in kept if isinstance(xml, str)))


def _holds_text(text: str, elements: list[etree._Element]) -> bool:
    """Whether a gap between sentences holds text of its own (not only white space)."""
    return bool(text.strip()) or any((el.tail or "").strip() for el in elements)


def _read_text(text_el: etree._Element, original: bool = False, keep_markup: bool = False) -> _TextParts:
    """The paragraphs, omission anchors and layout (tei.layout) of one `<text>` of `<s>`;
    `original` reads `<orig>` where a `<choice>` also regularizes, `keep_markup` keeps each
    `<s>`'s markup on its segment and what its block holds between sentences."""
    paragraphs: list[Paragraph] = []
    anchors: dict[str, int] = {}
    pos = 0
    emptied = []
    for block in blocks(text_el):
        if not _has_sentences(block):
            continue
        para = _segmented(block, pos, anchors, original, keep_markup)
        paragraphs.append(para)
        emptied.append(block)
        pos += len(para.segments)
    return _TextParts(paragraphs, anchors, make_layout(text_el, emptied))


def _inner_texts(root: etree._Element) -> list[etree._Element]:
    """Every `<text>` that holds a body (the texts of a `<group>`, or the single text)."""
    return [t for t in root.iterfind(".//t:text", _NS) if t.find("t:body", _NS) is not None]


def holds_bitext(root: etree._Element) -> bool:
    """Whether a TEI file is a bitext `read_tei` reads: two texts and bitext's alignment
    (tei.names.alignment_standoff); a single text another tool aligned with a file elsewhere is not."""
    return alignment_standoff(root) is not None and len(_inner_texts(root)) == 2


def _lang(el: etree._Element) -> str | None:
    """An element's xml:lang as written (bitext's own files: read back as they were written)."""
    node = declaring(el)
    return None if node is None else node.get(XML_LANG)


def _declared_lang(el: etree._Element, label: str) -> str | None:
    """An input text's xml:lang as a declared language (corpora.languages.declared, as a page's
    `lang`): canonical form, a blank one none, one bitext cannot take left aside with a warning."""
    node = declaring(el)
    if node is None:
        return None
    where = f"line {node.sourceline}: <{_local(node)} xml:lang>"
    return languages.declared(node.get(XML_LANG), label, where, strict=False)


def _parse_tei(source: str | Path | bytes | InputText) -> tuple[etree._Element, str]:
    if isinstance(source, InputText):
        root, label = parse_xml_text(source.text, source.path), source.path
    else:
        label = "<bytes>" if isinstance(source, bytes) else str(source)
        root = parse_xml(source, label)
    if etree.QName(root).namespace != TEI_NS:
        raise InputError(f"is not TEI (root element <{etree.QName(root).localname}> is not in the TEI namespace)", label)
    return root, label


def read_tei(source: str | Path | bytes | InputText, original: bool = False) -> Bitext:
    """A bitext from a TEI file bitext wrote (path, "-" or bytes); `original` reads the
    spellings of the texts themselves (`<orig>`) where a `<choice>` also regularizes them."""
    root, label = _parse_tei(source)
    texts = _inner_texts(root)
    if len(texts) != 2:
        raise InputError(f"holds {len(texts)} <text> with a <body>; a bitext TEI holds two in a <group>", label)
    docs, parts = [], []
    positions: dict[str, tuple[str, int | None]] = {}
    for side, text_el in zip(("source", "target"), texts):
        lang = _lang(text_el)
        if not lang:
            raise InputError(f"line {text_el.sourceline}: <text> has no xml:lang", label)
        part = _read_text(text_el, original, keep_markup=True)
        doc = Document(lang, part.paragraphs, text_el.get(XML_ID) or lang, layout=part.layout)
        for i, seg in enumerate(doc.segments):
            positions[seg.id] = (side, i)
        for anchor_id in part.anchors:
            positions[anchor_id] = (side, None)
        docs.append(doc)
        parts.append(part)
    elements = alignment_links(root)
    links = [_read_link(el, positions, label) for el in elements]
    _each_sentence_once(elements, links, docs, label)
    links = _with_unlinked(read_flags(root, links), docs, label)
    header = root.find("t:teiHeader", _NS)
    meta = read_header(header) if header is not None else {}
    declarations = kept_declarations(root)
    if declarations:
        meta[DECLARATIONS] = declarations
    add_attributes(meta, root_attributes(root, ours=True), label)
    return Bitext(docs[0], docs[1], links, meta)


def _each_sentence_once(elements: list[etree._Element], links: list[Link], docs: list[Document], label: str) -> None:
    """An InputError for the first link that joins no sentence (only omission anchors) or a
    sentence an earlier link joins: every command would carry it on (an export's empty row, a
    sentence exported twice). `validate` reports these among the rest; a sentence no link joins
    becomes an unpaired link (`_with_unlinked`)."""
    joined: dict[tuple[int, int], str | None] = {}
    for el, link in zip(elements, links):
        if not link.src and not link.tgt:
            raise InputError(f"{_where(el)} joins no sentence", label)
        for side, positions in enumerate((link.src, link.tgt)):
            for pos in positions:
                if (side, pos) in joined:
                    raise InputError(f"{_where(el)} joins {docs[side].segments[pos].id}, which link "
                                     f"{joined[side, pos]!r} joins too", label)
                joined[side, pos] = el.get(XML_ID)


def _with_unlinked(links: list[Link], docs: list[Document], label: str) -> list[Link]:
    """The links, and an unpaired one (warned of) for each sentence none joins: none is dropped."""
    out, read = with_unpaired(links, len(docs[0].segments), len(docs[1].segments)), set(map(id, links))
    added = [docs[0 if link.src else 1].segments[(link.src or link.tgt)[0]].id for link in out if id(link) not in read]
    if added:
        log.warning("%s: %s in no link (%s): read as unpaired 1-0/0-1 links", label,
                    counted(len(added), "sentence"), ", ".join(added))
    return out


def _where(el: etree._Element) -> str:
    return f"line {el.sourceline}: link {el.get(XML_ID)!r}"


def _read_link(el: etree._Element, positions: dict[str, tuple[str, int | None]], label: str) -> Link:
    """One `<link>` as a Link, its pointers turned back into segment positions."""
    lid = el.get(XML_ID)
    src: list[int] = []
    tgt: list[int] = []
    for ptr in (el.get("target") or "").split():
        found = positions.get(ptr[1:]) if ptr.startswith("#") else None
        if found is None:
            raise InputError(f"{_where(el)} points at {ptr!r}, which is not in this file", label)
        side, pos = found
        if pos is not None:
            (src if side == "source" else tgt).append(pos)
    try:
        score = float(el.get("cert") or 1.0)
    except ValueError:
        raise InputError(f"{_where(el)} has @cert={el.get('cert')!r}, not a number between 0 and 1", label) from None
    resp = (el.get("resp") or "").lstrip("#") or None
    return Link(tuple(src), tuple(tgt), score, resp=None if resp == ALIGNER_ID else resp, id=lid)


def read_tei_sources(source: str | Path | bytes | InputText) -> list[SourceText]:
    """The texts of a TEI file (each `<text>` with a `<body>`), for alignment."""
    root, label = _parse_tei(source)
    texts = _inner_texts(root)
    if not texts:
        raise InputError("holds no <text> with a <body>", label)
    sides = ("source", "target") if len(texts) == 2 else (None,) * len(texts)
    return [_source_text(text_el, label, side) for text_el, side in zip(texts, sides)]


def _given(para: Paragraph, runs: list[tuple[int, Block | str]], block_id: str | None) -> Block:
    """A block whose segments the file gives, with what it leaves outside them in their place
    among them, in order ((k, run or xml): before segment k, see `_segmented`): the runs of text
    as pieces, what it holds between them as spans (corpora.markup: `between`, at the start of
    the piece they precede in the pieces' text joined by spaces)."""
    pieces: list[Segment | Block] = []
    kept = []  # (the piece it precedes, xml)
    waiting = iter(runs)  # (in order)
    run = next(waiting, None)
    for k in range(len(para.segments) + 1):
        while run is not None and run[0] == k:
            if isinstance(run[1], str):
                kept.append((len(pieces), run[1]))
            else:
                pieces.append(run[1])
            run = next(waiting, None)
        pieces += para.segments[k:k + 1]
    text = " ".join(piece.text for piece in pieces)
    starts = [0]
    for piece in pieces:
        starts.append(starts[-1] + len(piece.text) + 1)
    spans = tuple(Span(min(starts[n], len(text)), min(starts[n], len(text)), "#between", xml=xml, between=True)
                  for n, xml in kept)
    return Block(text, para.kind, block_id, spans, tuple(pieces))


def _tei(text_el: etree._Element) -> etree._Element | None:
    """The `<TEI>` that holds a text (a `<teiCorpus>` has one per text)."""
    return next(text_el.iterancestors(f"{{{TEI_NS}}}TEI"), None)


def _envelope(tei: etree._Element | None) -> str | None:
    """A `<TEI>` as XML without its texts: its attributes, its header and the resources beside
    its texts (tei.declarations), what the writer keeps of it."""
    if tei is None:
        return None
    kept = etree.Element(tei.tag, dict(tei.attrib), nsmap=tei.nsmap)
    for child in tei:
        if child.tag == f"{{{TEI_NS}}}teiHeader" or child.tag in RESOURCES:
            kept.append(copy.deepcopy(child))
    return etree.tostring(kept, encoding="unicode")


def _title(header: etree._Element | None, side: str | None) -> str | None:
    """The title of a text: its file's, or in a file bitext wrote, the one given for its side."""
    if header is None:
        return None
    path = f"t:fileDesc/t:sourceDesc/t:bibl[@type='{side}']/t:title" if is_ours(header) else "t:fileDesc/t:titleStmt/t:title"
    title = header.find(path, _NS)
    return " ".join("".join(title.itertext()).split()) or None if title is not None else None


def _source_text(text_el: etree._Element, label: str, side: str | None = None) -> SourceText:
    """One `<text>`: its blocks of `<s>` kept as segments (their markup with them), the others
    with their text and markup for the segmenter; its layout and its file's header."""
    lang, tid = _declared_lang(text_el, label), text_el.get(XML_ID)
    found: list[Block] = []
    emptied = []
    anchors: dict[str, int] = {}
    for block in blocks(text_el):
        if _has_sentences(block):
            runs: list[tuple[int, Block | str]] = []
            para = _segmented(block, 0, anchors, False, keep_markup=True, runs=runs)
            found.append(_given(para, runs, block.get(XML_ID) or None))
        else:
            read = block_text(block, block_kind(block), block.get(XML_ID) or None)
            if read is None:
                continue
            found.append(read)
        emptied.append(block)
    if not found:
        raise InputError("has no sentences (no <s> or <p> with text in its <body>)", label)
    base = base_of(text_el)  # (its file's root's: the output's root holds two texts)
    if base is not None:
        text_el.set(XML_BASE, base)
    tei = _tei(text_el)
    header = None if tei is None else tei.find("t:teiHeader", _NS)
    return SourceText(label, "tei", tuple(found), lang, tid, segmentation="tei", title=_title(header, side),
                      layout=make_layout(text_el, emptied), header=_envelope(tei))
