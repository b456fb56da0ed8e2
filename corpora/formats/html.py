"""HTML (and XHTML): block elements are blocks, `<h1>`-`<h6>` headings, entities decoded.

Parsed with lxml.html (libxml2's HTML parser: no network, no entity expansion beyond HTML's
own character references; nesting bounded as for XML). Left out: `<head>` (but its `<title>`
names the document), `<script>`, `<style>`, `<nav>`, `<noscript>`, `<template>`, forms and
embedded objects. Blocks: `<p>`, headings, list items (`<li>`, `<dt>`, `<dd>`), captions
(`<caption>`, `<figcaption>`), table cells, `<pre>` (its line breaks kept), `<blockquote>`,
`<address>`, and text directly in a container (`<div>`, `<section>`, `<body>`, ...). A block
inside a list item or a caption has that kind. Notes: the blocks inside an element marked as
footnotes or endnotes (`role="doc-endnotes"`, `doc-footnote`, `epub:type="footnote"`, Pandoc's
`class="footnotes"`). `<br>` is a line break; emphasis, strong, code, sub/superscript and links
become spans. The page's language is its `<html lang>` (or `xml:lang`), else its `<meta
http-equiv="Content-Language">` (HTML's pragma-set default), where it is a code bitext takes
(corpora.languages.declared; another is left aside with a warning).
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from corpora.errors import InputError
from corpora.formats.blocks import BlockBuilder
from corpora.languages import declared
from corpora.limits import MAX_NESTING
from corpora.source import InputText
from corpora.sourcetext import CAPTION, HEAD, ITEM, NOTE, P, Block, SourceText

DROP = {"head", "script", "style", "nav", "noscript", "template", "iframe", "object", "embed", "svg", "math",
        "form", "button", "select", "textarea", "input", "option", "canvas", "audio", "video", "map"}
_KINDS = {**{f"h{n}": HEAD for n in range(1, 7)}, "li": ITEM, "dt": ITEM, "dd": ITEM,
          "caption": CAPTION, "figcaption": CAPTION}
BLOCKS = {"p", "pre", "blockquote", "address", "td", "th", "div", "section", "article", "main", "aside",
          "header", "footer", "body", "html", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr",
          "figure", "hgroup", "details", "summary", "center", "fieldset", "legend", "hr", *_KINDS}
_SPANS = {"em": "emph", "i": "emph", "cite": "emph", "dfn": "emph", "strong": "strong", "b": "strong",
          "code": "code", "kbd": "code", "samp": "code", "tt": "code", "sup": "sup", "sub": "sub", "u": "underline",
          "s": "strike", "del": "strike", "strike": "strike", "a": "link"}
_NOTE_ROLES = {"doc-endnotes", "doc-footnote", "doc-endnote", "doc-footnotes"}
_EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _is_notes(el: etree._Element) -> bool:
    classes = (el.get("class") or "").split()
    kinds = set((el.get("role") or "").split()) | set((el.get("epub:type") or el.get(_EPUB_TYPE) or "").split())
    return bool(kinds & (_NOTE_ROLES | {"footnote", "footnotes", "endnote", "endnotes", "rearnote"})) or \
        "footnotes" in classes


def _text(builder: BlockBuilder, text: str | None, pre: bool) -> None:
    """Running text; inside `<pre>` its line breaks are kept."""
    if not pre:
        builder.add(text)
        return
    for k, line in enumerate((text or "").split("\n")):
        if k:
            builder.line_break()
        builder.add(line)


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def flush(self, builder: BlockBuilder, kind: str) -> BlockBuilder:
        block = builder.finish(kind)
        if block is not None:
            self.blocks.append(block)
        return BlockBuilder()

    def block(self, el: etree._Element, kind: str, depth: int = 0) -> None:
        """One block-level element: its own text as blocks, its block children in between."""
        if depth > MAX_NESTING:
            raise InputError(f"line {el.sourceline}: elements nest deeper than {MAX_NESTING} levels")
        builder = BlockBuilder()
        pre = el.tag == "pre"
        _text(builder, el.text, pre)
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in DROP or not tag:
                pass
            elif tag in BLOCKS:
                builder = self.flush(builder, kind)
                own = _KINDS.get(tag) or (NOTE if _is_notes(child) else None)
                self.block(child, own if own and kind not in (NOTE,) else kind, depth + 1)
            else:
                self.inline(child, builder, pre, depth + 1)
            _text(builder, child.tail, pre)
        self.flush(builder, kind)

    def inline(self, el: etree._Element, builder: BlockBuilder, pre: bool, depth: int) -> None:
        if depth > MAX_NESTING:
            raise InputError(f"line {el.sourceline}: elements nest deeper than {MAX_NESTING} levels")
        if el.tag == "br":
            builder.line_break()
            return
        if el.tag == "img":
            return
        start = builder.mark()
        _text(builder, el.text, pre)
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and tag not in DROP:
                self.inline(child, builder, pre, depth + 1)
            _text(builder, child.tail, pre)
        if el.tag in _SPANS:
            builder.close(start, _SPANS[el.tag], el.get("href", "") if el.tag == "a" else "")


def _content_language(root: etree._Element) -> str | None:
    """HTML's pragma-set default language: the code of the last `<meta http-equiv=
    "Content-Language">`, its first word; None where there is none, or it lists several
    (a comma: HTML leaves such a list aside)."""
    content = None
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").strip().lower() == "content-language":
            content = meta.get("content") or ""
    return None if content is None or "," in content else next(iter(content.split()), None)


def read_html(given: InputText) -> list[SourceText]:
    """The text of an HTML page (see the module docstring)."""
    if not given.text.strip():
        raise InputError("is empty (no text to align)", given.path)
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml_html.document_fromstring(given.text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"is not readable HTML ({exc})", given.path) from None
    lang = declared(root.get("lang") or root.get("xml:lang") or root.get(_XML_LANG), given.path, "<html lang>",
                    strict=False) or declared(_content_language(root), given.path,
                                              '<meta http-equiv="Content-Language">', strict=False)
    title_el = root.find(".//head/title")
    title = " ".join(title_el.text_content().split()) if title_el is not None else ""
    body = root.find("body")
    walker = _Walker()
    try:
        walker.block(body if body is not None else root, P)
    except InputError as exc:
        raise InputError(str(exc), given.path) from None
    if not walker.blocks:
        raise InputError("has no text in its <body>", given.path)
    return [SourceText(given.path, "html", tuple(walker.blocks), lang, title=title or None, segmentation="html")]

