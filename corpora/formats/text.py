"""Plain text: paragraphs separated by blank lines, `# Title` lines as headings.

A line that starts with one to six `#` and a space is a heading (corpora.headings): a block
of its own, without the marks. Every other block keeps its lines ("\\n" between them): the
segmenter joins them into one paragraph, or with `--presplit` takes each line as a segment.
"""

from __future__ import annotations

from corpora.errors import InputError
from corpora.headings import heading_text, isolate_headings
from corpora.readers import split_presplit
from corpora.source import InputText
from corpora.sourcetext import HEAD, Block, SourceText


def blocks_of(text: str) -> list[Block]:
    """The blocks of a plain text: runs of non-blank lines (stripped), headings apart."""
    blocks: list[Block] = []
    for lines in split_presplit(isolate_headings(text)):
        title = heading_text(lines[0]) if len(lines) == 1 else None
        blocks.append(Block(title, HEAD) if title is not None else Block("\n".join(lines)))
    return blocks


def read_text_source(given: InputText) -> list[SourceText]:
    """The one text of a plain-text input; an empty or blank one is an error."""
    if not given.text.strip():
        raise InputError("is empty (no text to align)", given.path)
    return [SourceText(given.path, "text", tuple(blocks_of(given.text)))]
