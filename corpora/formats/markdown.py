"""Markdown (CommonMark with tables and strikethrough, by markdown-it-py): markup out, kinds kept.

Headings (`#`, underlined) are headings; list items items; paragraphs, block quotes, table
cells and code blocks (their lines kept) body text. Emphasis, strong, code, strikethrough and
links leave their marks out of the text and become spans; an image leaves nothing, raw HTML
its text. A YAML front matter block (`---` ... `---` at the top) is not text; its `title:`
names the document, its `lang:` (as Pandoc reads it) gives the document's language.
"""

from __future__ import annotations

import html
import re

from corpora.errors import InputError
from corpora.formats.blocks import BlockBuilder
from corpora.languages import declared
from corpora.source import InputText
from corpora.sourcetext import HEAD, ITEM, P, Block, SourceText

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FIELD = r"^{}:[ \t]*(.+?)[ \t]*$"
_TAG = re.compile(r"<[^>]*>")
_SPANS = {"em": "emph", "strong": "strong", "s": "strike", "link": "link"}


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    """The text without its front matter (its lines left blank, so line numbers hold) and the
    fields of it bitext reads (`title`, `lang`)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, {}
    fields = {name: found.group(1).strip("'\"")
              for name in ("title", "lang") if (found := re.search(_FIELD.format(name), m.group(1), re.M))}
    return "\n" * m.group().count("\n") + text[m.end():], fields


def _inline(children, builder: BlockBuilder) -> None:
    """The inline tokens of one block into its builder (marks out, spans in)."""
    open_spans: list[tuple[int, str, str]] = []
    for tok in children or ():
        kind = tok.type
        if kind == "text":
            builder.add(tok.content)
        elif kind == "code_inline":
            start = builder.mark()
            builder.add(tok.content)
            builder.close(start, "code")
        elif kind == "softbreak":
            builder.add(" ")
        elif kind == "hardbreak":
            builder.line_break()
        elif kind == "html_inline":
            continue
        elif kind.endswith("_open") and kind[: -len("_open")] in _SPANS:
            name = kind[: -len("_open")]
            open_spans.append((builder.mark(), _SPANS[name], str(tok.attrGet("href") or "") if name == "link" else ""))
        elif kind.endswith("_close") and kind[: -len("_close")] in _SPANS and open_spans:
            start, name, value = open_spans.pop()
            builder.close(start, name, value)


def read_markdown(given: InputText) -> list[SourceText]:
    """The text of a Markdown file (see the module docstring)."""
    from markdown_it import MarkdownIt

    if not given.text.strip():
        raise InputError("is empty (no text to align)", given.path)
    text, fields = _front_matter(given.text)
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    blocks: list[Block] = []
    kinds: list[str] = []  # the kind of the innermost open container (list item)
    for k, tok in enumerate(tokens):
        if tok.type == "list_item_open":
            kinds.append(ITEM)
        elif tok.type == "list_item_close" and kinds:
            kinds.pop()
        elif tok.type == "inline":
            opener = tokens[k - 1].type if k else ""
            kind = HEAD if opener == "heading_open" else (kinds[-1] if kinds else P)
            builder = BlockBuilder()
            _inline(tok.children, builder)
            block = builder.finish(kind)
            if block is not None:
                blocks.append(block)
        elif tok.type in ("fence", "code_block", "html_block"):
            builder = BlockBuilder()
            if tok.type == "html_block":
                builder.add(html.unescape(_TAG.sub(" ", tok.content)))
            for n, line in enumerate(tok.content.split("\n") if tok.type != "html_block" else ()):
                if n:
                    builder.line_break()
                builder.add(line)
            block = builder.finish(kinds[-1] if kinds else P)
            if block is not None:
                blocks.append(block)
    if not blocks:
        raise InputError("has no text", given.path)
    lang = declared(fields.get("lang"), given.path, "front matter lang:", strict=False)
    return [SourceText(given.path, "markdown", tuple(blocks), lang, title=fields.get("title"),
                       segmentation="markdown")]
