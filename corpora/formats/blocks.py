"""Building a block's text and its inline spans while walking a document's markup.

Readers of marked-up formats (HTML, DOCX, ODT, Markdown, TEI) add text pieces and open and
close inline markup (emphasis, links) as they meet them; `BlockBuilder.finish` then collapses
white space as a browser or word processor shows it (runs of spaces, tabs and source line
breaks become one space; a hard line break, `<br>` or a line break element, stays "\\n") and
moves the spans with the text, and the offsets where a source line ends though the text reads
on (`line_end`, Block.lines: a TEI's, for --presplit). Markup an XML reader keeps
(corpora.markup: elements, pieces kept as they are) is kept in document order, empty elements
too (`open`, `keep`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpora.sourcetext import P, Block, Span

_SPACE = re.compile(r"[^\S\n\u00a0]")  # white space but a hard line break and a no-break space


class BlockBuilder:
    """The text and spans of one block, as its reader meets them."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0
        self._spans: list[tuple[int, int, str, str]] = []
        self._kept: list[tuple[int, int, Span | None]] = []  # (start, end, span) in document order
        self._line_ends: list[int] = []

    def add(self, text: str | None, lines: bool = False) -> None:
        """Running text (its line breaks are white space, not hard breaks; with `lines` each
        also ends a line of the source, `line_end`)."""
        if text:
            if lines:
                self._line_ends += [self._size + i for i, ch in enumerate(text) if ch == "\n"]
            text = _SPACE.sub(" ", text.replace("\n", " "))
            self._parts.append(text)
            self._size += len(text)

    def line_break(self) -> None:
        """A hard line break inside the block."""
        self._parts.append("\n")
        self._size += 1

    def line_end(self) -> None:
        """A line of the source ends here though the text reads on (Block.lines)."""
        self._line_ends.append(self._size)

    def mark(self) -> int:
        """Where a span starts: pass it to `close` when the markup ends."""
        return self._size

    def close(self, start: int, name: str, value: str = "") -> None:
        """A span of markup `name` from `start` (from `mark`) to here; empty spans are dropped."""
        if self._size > start:
            self._spans.append((start, self._size, name, value))

    def open(self) -> int:
        """Where kept markup starts, its place in document order reserved: pass it to `keep`."""
        self._kept.append((self._size, self._size, None))
        return len(self._kept) - 1

    def keep(self, opened: int, span: Span) -> None:
        """Kept markup (corpora.markup) from `opened` (from `open`) to here, empty or not; the
        span's own offsets are replaced by where it lies."""
        self._kept[opened] = (self._kept[opened][0], self._size, span)

    @property
    def empty(self) -> bool:
        return not "".join(self._parts).strip()

    def finish(self, kind: str = P, block_id: str | None = None) -> Block | None:
        """The block, white space collapsed and spans moved with it; None when it has no text."""
        raw = "".join(self._parts)
        out: list[str] = []
        where = [0] * (len(raw) + 1)  # each raw offset's offset in the collapsed text
        for i, ch in enumerate(raw):
            if ch == "\n":
                while out and out[-1] == " ":
                    out.pop()
            where[i] = len(out)
            if ch == " ":
                if out and out[-1] not in " \n":
                    out.append(" ")
            elif ch == "\n":
                if out and out[-1] != "\n":
                    out.append("\n")
            else:
                out.append(ch)
        where[len(raw)] = len(out)
        while out and out[-1] in " \n":
            out.pop()
        text = "".join(out)
        if not text.strip():
            return None
        spans = []
        for start, end, name, value in self._spans:
            a, b = min(where[start], len(text)), min(where[end], len(text))
            while a < b and text[a] in " \n":
                a += 1
            while b > a and text[b - 1] in " \n":
                b -= 1
            if b > a:
                spans.append(Span(a, b, name, value))
        for start, end, span in self._kept:
            if span is not None:
                spans.append(replace(span, start=min(where[start], len(text)), end=min(where[end], len(text))))
        lines = tuple(sorted({where[i] for i in self._line_ends if 0 < where[i] < len(text)}))
        return Block(text, kind, block_id, tuple(spans), lines=lines)
