"""ODT (OpenDocument Text: LibreOffice, OpenOffice): paragraphs, headings, lists, notes.

Read with lxml from the zip package (corpora.formats.package: size limits, no DTDs).
`<text:h>` and paragraphs in a heading style ("Heading N", "Title", "Subtitle", by name or
display name, also through the styles they inherit from) are headings, paragraphs in a
"Caption" style (or "Illustration", "Table", "Figure", "Drawing", LibreOffice's caption
styles) captions, paragraphs of `<text:list>` items; table cells are paragraphs in reading
order. Footnotes and endnotes (`<text:note>`) come after the body, as notes, in the order the
text cites them; their citation marks are left out of the text. Tracked changes, frames and
text boxes are left out. Spans: bold and italic (from the automatic styles), underline,
superscript, subscript and hyperlinks. The document's title and language are those of its
meta.xml (`dc:title`, `dc:language`), where it sets them.
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

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
XLINK = "http://www.w3.org/1999/xlink"
_NS = {"text": TEXT, "style": STYLE, "office": OFFICE}
MIMETYPES = (b"application/vnd.oasis.opendocument.text", b"application/vnd.oasis.opendocument.text-template")
_HEADING = re.compile(r"^(heading(\s*\d+)?|title|subtitle)$", re.I)
_CAPTION = re.compile(r"^(caption|illustration|table|figure|drawing)$", re.I)
_SKIP = {"tracked-changes", "note-citation", "bookmark", "bookmark-start", "bookmark-end", "reference-mark",
         "soft-page-break", "annotation", "annotation-end", "change", "change-start", "change-end", "frame",
         "sequence-decls", "variable-decls", "user-field-decls", "table-of-content", "alphabetical-index"}


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _local(el: etree._Element) -> str:
    return el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""


class _Styles:
    """Paragraph and text styles: names, display names, parents and text properties."""

    def __init__(self, roots: list[etree._Element]) -> None:
        self._styles: dict[tuple[str, str], etree._Element] = {}
        for root in roots:
            for style in root.iter(_q(STYLE, "style")):
                self._styles[(style.get(_q(STYLE, "family"), ""), style.get(_q(STYLE, "name"), ""))] = style

    def _chain(self, family: str, name: str | None) -> list[etree._Element]:
        out: list[etree._Element] = []
        while name and len(out) < 20:
            style = self._styles.get((family, name))
            if style is None:
                break
            out.append(style)
            name = style.get(_q(STYLE, "parent-style-name"))
        return out

    def paragraph_kind(self, name: str | None) -> str:
        for style in self._chain("paragraph", name):
            for label in (style.get(_q(STYLE, "name"), ""), style.get(_q(STYLE, "display-name"), "")):
                label = label.replace("_20_", " ").strip()
                if _HEADING.match(label) or style.get(_q(STYLE, "default-outline-level")):
                    return HEAD
                if _CAPTION.match(label):
                    return CAPTION
        return P

    def spans(self, name: str | None) -> list[str]:
        """The span names a text style's properties give (strong, emph, underline, sup, sub)."""
        found: list[str] = []
        for style in self._chain("text", name):
            props = style.find("style:text-properties", _NS)
            if props is None:
                continue
            if props.get(_q(FO, "font-weight")) == "bold" and "strong" not in found:
                found.append("strong")
            if props.get(_q(FO, "font-style")) == "italic" and "emph" not in found:
                found.append("emph")
            if props.get(_q(STYLE, "text-underline-style"), "none") != "none" and "underline" not in found:
                found.append("underline")
            position = props.get(_q(STYLE, "text-position"), "")
            if position.startswith(("super", "sub")) and not {"sup", "sub"} & set(found):
                found.append("sup" if position.startswith("super") else "sub")
        return found


class _Reader:
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.notes: list[Block] = []

    def blocks(self, parent: etree._Element, kind: str | None = None) -> list[Block]:
        """The blocks of a container (the body, a section, a list, a table) in reading order."""
        out: list[Block] = []
        for child in parent:
            name = _local(child)
            if name in ("h", "p"):
                if kind is not None:
                    block_kind = kind
                elif name == "h":
                    block_kind = HEAD
                else:
                    block_kind = self.styles.paragraph_kind(child.get(_q(TEXT, "style-name")))
                block = self.paragraph(child, block_kind)
                if block is not None:
                    out.append(block)
            elif name in ("list", "list-item", "list-header"):
                out += self.blocks(child, kind or ITEM)
            elif name not in _SKIP and name:  # section, table, table-row, table-cell, ...
                out += self.blocks(child, kind)
        return out

    def paragraph(self, p: etree._Element, kind: str) -> Block | None:
        builder = BlockBuilder()
        builder.add(p.text)
        self._inline(p, builder)
        return builder.finish(kind)

    def _inline(self, el: etree._Element, builder: BlockBuilder) -> None:
        for child in el:
            name = _local(child)
            if name == "s":
                builder.add(" " * int(child.get(_q(TEXT, "c"), "1") or 1))
            elif name == "tab":
                builder.add(" ")
            elif name == "line-break":
                builder.line_break()
            elif name == "note":
                body = child.find("text:note-body", _NS)
                if body is not None:
                    self.notes += self.blocks(body, NOTE)
            elif name in ("span", "a"):
                start = builder.mark()
                builder.add(child.text)
                self._inline(child, builder)
                if name == "a":
                    builder.close(start, "link", child.get(_q(XLINK, "href"), ""))
                for span in self.styles.spans(child.get(_q(TEXT, "style-name"))):
                    builder.close(start, span)
            elif name and name not in _SKIP:  # fields (page numbers excepted), meta, ruby, ...
                if name not in ("page-number", "page-count"):
                    builder.add(child.text)
                    self._inline(child, builder)
            builder.add(child.tail)


def read_odt(given: InputText) -> list[SourceText]:
    """The text of an ODT file (see the module docstring)."""
    package = Package(given.data, given.path, "ODT")
    if package.has("mimetype") and package.read("mimetype").strip() not in MIMETYPES:
        raise InputError("is an OpenDocument file but not a text document (ODT)", given.path)
    if not package.has("content.xml"):
        raise InputError("is not an ODT file (its zip has no content.xml)", given.path)
    content = package.xml("content.xml")
    roots = [content] + ([package.xml("styles.xml")] if package.has("styles.xml") else [])
    reader = _Reader(_Styles(roots))
    text = content.find("office:body/office:text", _NS)
    blocks = reader.blocks(text) if text is not None else []
    blocks += reader.notes
    if not blocks:
        raise InputError("has no text (an empty document, or only images)", given.path)
    meta = package.dublin_core("meta.xml")
    lang = declared(meta.get("language"), given.path, "meta.xml dc:language", strict=False)
    return [SourceText(given.path, "odt", tuple(blocks), lang, title=meta.get("title"), segmentation="odt")]
