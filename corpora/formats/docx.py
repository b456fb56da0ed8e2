"""DOCX (Word, Office Open XML): the body's paragraphs, headings by style, footnotes as notes.

Read with lxml from the zip package (corpora.formats.package: size limits, no DTDs). A
paragraph's style decides its kind: a heading (a style named "heading N", "Title" or
"Subtitle", or with an outline level, directly or through the styles it is based on; Word
keeps these English names in styles.xml whatever the interface language), a caption (style
"caption"), a list item (numbered or bulleted); otherwise body text. Table cells are
paragraphs in reading order. Footnotes and endnotes come after the body, as notes, in the
order the text cites them. Deleted text of tracked changes, field codes, headers and footers
and the text of drawings (text boxes) are left out. Runs in bold, italic, underlined, struck
through, superscript or subscript, and hyperlinks, become spans. The document's title and
language are those of its core properties (`dc:title`, `dc:language`), where it sets them.
"""

from __future__ import annotations

import re

from lxml import etree

from corpora.errors import InputError
from corpora.formats.blocks import BlockBuilder
from corpora.formats.package import Package
from corpora.languages import declared
from corpora.source import InputText
from corpora.sourcetext import CAPTION, HEAD, ITEM, NOTE, P, Block, SourceText

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = {"w": W}
_HEADING = re.compile(r"^(heading\s*\d|title|subtitle)$", re.I)
_SKIP = {"delText", "instrText", "drawing", "pict", "object", "AlternateContent", "del", "moveFrom",
         "rPr", "pPr", "footnoteRef", "endnoteRef", "annotationRef", "commentReference"}
_FORMAT = (("b", "strong"), ("i", "emph"), ("u", "underline"), ("strike", "strike"), ("dstrike", "strike"))


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _local(el: etree._Element) -> str:
    return el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""


class _Styles:
    """Paragraph styles by id: name, outline level and the style each is based on."""

    def __init__(self, root: etree._Element | None) -> None:
        self._by_id: dict[str, tuple[str, str | None, str | None]] = {}
        for style in root.iterfind("w:style", _NS) if root is not None else ():
            name = style.find("w:name", _NS)
            based = style.find("w:basedOn", _NS)
            level = style.find("w:pPr/w:outlineLvl", _NS)
            self._by_id[style.get(_w("styleId"), "")] = (
                name.get(_w("val"), "") if name is not None else "",
                based.get(_w("val")) if based is not None else None,
                level.get(_w("val")) if level is not None else None,
            )

    def kind(self, style_id: str | None) -> str:
        """The block kind of a paragraph style (following basedOn, at most 20 steps)."""
        for _ in range(20):
            if style_id is None or style_id not in self._by_id:
                return P
            name, based, level = self._by_id[style_id]
            if _HEADING.match(name.strip()) or (level is not None and level.isdigit() and int(level) < 9):
                return HEAD
            if name.strip().lower() == "caption":
                return CAPTION
            if name.strip().lower() == "list paragraph":
                return ITEM
            style_id = based
        return P


class _Reader:
    def __init__(self, package: Package) -> None:
        self.package = package
        self.styles = _Styles(package.xml("word/styles.xml") if package.has("word/styles.xml") else None)
        self.links = self._relationships()
        self.cited: list[tuple[str, str]] = []  # (footnote|endnote, id) in the order the text cites them

    def _relationships(self) -> dict[str, str]:
        name = "word/_rels/document.xml.rels"
        if not self.package.has(name):
            return {}
        rels = self.package.xml(name)
        return {r.get("Id", ""): r.get("Target", "") for r in rels if r.get("TargetMode") == "External"}

    def paragraph(self, p: etree._Element, kind: str | None = None) -> Block | None:
        """One `<w:p>` as a block (None when it has no text)."""
        if kind is None:
            style = p.find("w:pPr/w:pStyle", _NS)
            kind = self.styles.kind(style.get(_w("val")) if style is not None else None)
            if p.find("w:pPr/w:outlineLvl", _NS) is not None:
                kind = HEAD
            elif kind == P and p.find("w:pPr/w:numPr", _NS) is not None:
                kind = ITEM
        builder = BlockBuilder()
        self._inline(p, builder)
        return builder.finish(kind)

    def _inline(self, el: etree._Element, builder: BlockBuilder) -> None:
        for child in el:
            name = _local(child)
            if not name or name in _SKIP:
                continue
            if name == "t":
                builder.add(child.text)
            elif name in ("tab", "ptab"):
                builder.add(" ")
            elif name in ("br", "cr"):
                if child.get(_w("type")) in (None, "textWrapping"):
                    builder.line_break()
            elif name == "noBreakHyphen":
                builder.add("\u2011")
            elif name in ("footnoteReference", "endnoteReference"):
                self.cited.append((name[: -len("Reference")], child.get(_w("id"), "")))
            elif name == "r":
                start = builder.mark()
                self._inline(child, builder)
                for tag, span in self._formats(child):
                    builder.close(start, span)
            elif name == "hyperlink":
                start = builder.mark()
                self._inline(child, builder)
                builder.close(start, "link", self.links.get(child.get(f"{{{R}}}id", ""), child.get(_w("anchor"), "")))
            elif name == "p":  # a paragraph inside a run (text box content that is not skipped)
                continue
            else:  # ins, smartTag, fldSimple, sdt/sdtContent, customXml, moveTo, ...
                self._inline(child, builder)

    @staticmethod
    def _formats(run: etree._Element) -> list[tuple[str, str]]:
        props = run.find("w:rPr", _NS)
        if props is None:
            return []
        found = []
        for tag, span in _FORMAT:
            el = props.find(f"w:{tag}", _NS)
            if el is not None and el.get(_w("val"), "true") not in ("0", "false", "none"):
                found.append((tag, span))
        align = props.find("w:vertAlign", _NS)
        if align is not None and align.get(_w("val")) in ("superscript", "subscript"):
            found.append(("vertAlign", "sup" if align.get(_w("val")) == "superscript" else "sub"))
        return found

    def body(self, body: etree._Element) -> list[Block]:
        """The blocks of the body (or of a table cell, a content control) in reading order."""
        blocks: list[Block] = []
        for child in body:
            name = _local(child)
            if name == "p":
                block = self.paragraph(child)
                if block is not None:
                    blocks.append(block)
            elif name in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins", "moveTo"):
                blocks += self.body(child)
        return blocks

    def notes(self) -> list[Block]:
        """Footnotes, then endnotes, in the order the text cites them."""
        parts = {}
        for kind in ("footnote", "endnote"):
            name = f"word/{kind}s.xml"
            if self.package.has(name):
                parts[kind] = {n.get(_w("id"), ""): n for n in self.package.xml(name).iterfind(f"w:{kind}", _NS)
                               if n.get(_w("type")) in (None, "normal")}
        blocks: list[Block] = []
        for kind in ("footnote", "endnote"):
            for cited_kind, note_id in self.cited:
                note = parts.get(kind, {}).get(note_id) if cited_kind == kind else None
                if note is None:
                    continue
                for p in note.iterfind(".//w:p", _NS):
                    block = self.paragraph(p, NOTE)
                    if block is not None:
                        blocks.append(block)
        return blocks


def read_docx(given: InputText) -> list[SourceText]:
    """The text of a DOCX file (see the module docstring)."""
    package = Package(given.data, given.path, "DOCX")
    if not package.has("word/document.xml"):
        raise InputError("is not a DOCX file (its zip has no word/document.xml)", given.path)
    reader = _Reader(package)
    body = package.xml("word/document.xml").find("w:body", _NS)
    blocks = reader.body(body) if body is not None else []
    blocks += reader.notes()
    if not blocks:
        raise InputError("has no text (an empty document, or only images)", given.path)
    meta = package.dublin_core("docProps/core.xml")
    lang = declared(meta.get("language"), given.path, "docProps/core.xml dc:language", strict=False)
    return [SourceText(given.path, "docx", tuple(blocks), lang, title=meta.get("title"), segmentation="docx")]
