"""Read TEI back into the data model: a whole bitext (`read_tei`) or one text (`read_tei_text`).

`read_tei` understands what `tei.writer` writes: the header (into `Bitext.meta`, see
`tei.header.read_header`), `<head>`/`<p>` blocks (in `<div>`s or not) of `<s xml:id>`,
omission anchors, and the links of `<linkGrp type="alignment">` with @cert, @resp and
@xml:id. Reading a file bitext wrote and writing it again gives the same bytes. Markup it does
not model (inline elements inside `<s>`, other standOff content, extra header parts) is not
kept: the text of `<s>` is read (inside `<choice>`, the `<reg>`), the rest is dropped; tools
that add such markup re-create it through writer extensions.

`read_tei_text` reads one `<text>` of any TEI file as input to `align`: `<s xml:id>` keep
their ids; a text with only `<p>` comes back unsegmented (one segment per paragraph) so the
caller segments it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from corpora.errors import InputError
from corpora.model import Bitext, Document, Link, Paragraph, Segment

from tei.flags_markup import read_flags
from tei.header import ALIGNER_ID, read_header
from tei.names import TEI_NS, XML_ID, XML_LANG
from corpora.xmlinput import parse_xml

_NS = {"t": TEI_NS}
_BLOCKS = ("p", "head", "ab")
_SKIP = ("note", "fw", "figDesc", "bibl")
_NEWLINE_SPACE = re.compile(r"\s*\n\s*")


_S = f"{{{TEI_NS}}}s"
_BLOCK_TAGS = tuple(f"{{{TEI_NS}}}{b}" for b in _BLOCKS)


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


def _blocks(text_el: etree._Element) -> list[etree._Element]:
    """The `<p>`/`<head>`/`<ab>` of a text's body in order, outermost only."""
    body = text_el.find("t:body", _NS)
    if body is None:
        return []
    return [el for el in body.iter(*_BLOCK_TAGS) if next(el.iterancestors(*_BLOCK_TAGS, _S), None) is None]


@dataclass
class _TextParts:
    paragraphs: list[Paragraph]
    anchors: dict[str, int]  # omission anchor id -> segment position it precedes


def _read_text(text_el: etree._Element, original: bool = False) -> _TextParts:
    paragraphs: list[Paragraph] = []
    anchors: dict[str, int] = {}
    pos = 0
    for block in _blocks(text_el):
        segs = []
        for el in block.iter(_S, f"{{{TEI_NS}}}anchor"):
            if el.tag != _S:
                if el.get(XML_ID):
                    anchors[el.get(XML_ID)] = pos
            elif next(el.iterancestors(_S), None) is None:
                segs.append(Segment(el.get(XML_ID) or "", element_text(el, original)))
                pos += 1
        if segs:
            paragraphs.append(Paragraph(tuple(segs), "head" if _local(block) == "head" else "p"))
    return _TextParts(paragraphs, anchors)


def _inner_texts(root: etree._Element) -> list[etree._Element]:
    """Every `<text>` that holds a body (the texts of a `<group>`, or the single text)."""
    return [t for t in root.iterfind(".//t:text", _NS) if t.find("t:body", _NS) is not None]


def _lang(el: etree._Element) -> str | None:
    for node in (el, *el.iterancestors()):
        if node.get(XML_LANG):
            return node.get(XML_LANG)
    return None


def _parse_tei(source: str | Path | bytes) -> tuple[etree._Element, str]:
    label = "<bytes>" if isinstance(source, bytes) else str(source)
    root = parse_xml(source, label)
    if etree.QName(root).namespace != TEI_NS:
        raise InputError(f"is not TEI (root element <{etree.QName(root).localname}> is not in the TEI namespace)", label)
    return root, label


def read_tei(source: str | Path | bytes, original: bool = False) -> Bitext:
    """A bitext from a TEI file bitext wrote (path, "-" or bytes); `original` reads the
    spellings of the texts themselves (`<orig>`) where a `<choice>` also regularizes them."""
    root, label = _parse_tei(source)
    texts = _inner_texts(root)
    if len(texts) != 2:
        raise InputError(f"holds {len(texts)} <text> with a <body>; a bitext TEI holds two in a <group>", label)
    docs, parts, positions = [], [], {}
    for side, text_el in zip(("source", "target"), texts):
        lang = _lang(text_el)
        if not lang:
            raise InputError(f"line {text_el.sourceline}: <text> has no xml:lang", label)
        part = _read_text(text_el, original)
        doc = Document(lang, part.paragraphs, text_el.get(XML_ID) or lang)
        for i, seg in enumerate(doc.segments):
            positions[seg.id] = (side, i)
        for anchor_id in part.anchors:
            positions[anchor_id] = (side, None)
        docs.append(doc)
        parts.append(part)
    links = [_read_link(el, positions, label) for el in root.iterfind(".//t:linkGrp[@type='alignment']/t:link", _NS)]
    links = read_flags(root, links)
    header = root.find("t:teiHeader", _NS)
    meta = read_header(header) if header is not None else {}
    return Bitext(docs[0], docs[1], links, meta)


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


@dataclass
class TeiText:
    """One text read from a TEI file for alignment.

    When `segmented` is false the text had no `<s>`: each paragraph holds one segment with the
    whole paragraph (its id that of the `<p>`, or ""), for the caller to segment.
    """

    lang: str | None
    text_id: str | None
    paragraphs: list[Paragraph]
    segmented: bool


def read_tei_text(source: str | Path | bytes, lang: str | None = None) -> TeiText:
    """The one text of a TEI file (or, when it holds several, the one in language `lang`)."""
    root, label = _parse_tei(source)
    texts = _inner_texts(root)
    if not texts:
        raise InputError("holds no <text> with a <body>", label)
    if len(texts) > 1 and lang:
        texts = [t for t in texts if (_lang(t) or "").split("-")[0].lower() == lang.split("-")[0].lower()]
    if len(texts) != 1:
        raise InputError(f"holds {len(texts)} texts in language {lang!r}; give a file with one text"
                         if lang else "holds several texts; pass its language option to choose one", label)
    text_el = texts[0]
    part = _read_text(text_el)
    if part.paragraphs:
        return TeiText(_lang(text_el), text_el.get(XML_ID), part.paragraphs, True)
    paragraphs = []
    for block in _blocks(text_el):
        content = " ".join(element_text(block).split())
        if content:
            kind = "head" if _local(block) == "head" else "p"
            paragraphs.append(Paragraph((Segment(block.get(XML_ID) or "", content),), kind))
    return TeiText(_lang(text_el), text_id=text_el.get(XML_ID), paragraphs=paragraphs, segmented=False)


def looks_like_tei(path: str, head: bytes) -> bool:
    """Whether an input should be read as TEI: an .xml/.tei name, or a TEI root near the start."""
    if path.lower().endswith((".xml", ".tei")):
        return True
    start = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"<?xml") or start.startswith(b"<TEI")
