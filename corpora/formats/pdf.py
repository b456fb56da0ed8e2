"""PDF: the text layer, as a reader of the page sees it (pypdf, BSD licence).

A PDF holds lines placed on pages, not paragraphs. Lines come in the order of the page's
content (the order its producer wrote them: columns one after the other), with their
positions and font sizes; then:
- page furniture is dropped: a line at the top or bottom of a page that is a page number
  ("12", "- 12 -", "Page 12", "xii", "12 of 300"), or that recurs at the same height at the
  top or bottom of another page with only its numbers changed (running heads: a book's title
  on one page, its chapter on the next);
- paragraphs are rebuilt: a new one starts after a vertical gap wider than the body's line
  spacing, at an indented first line, or after a short line that ends a sentence; a
  paragraph runs on across a page break;
- a line in a font clearly larger than the body's, short and on its own, is a heading; lines
  in a clearly smaller font are notes; a line starting with a bullet starts a list item;
- words broken at a line end are joined ("inter-" + "national": "international") where the
  next line goes on in lower case; a soft hyphen at a line end is dropped.
A PDF without a text layer (scanned pages) is an error that says OCR is needed; an encrypted
one that opens without a password is read. The document's language is its catalog's `/Lang`
(as tagged PDF and PDF/UA set it), where it has one.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from corpora.errors import InputError
from corpora.languages import declared
from corpora.source import InputText
from corpora.sourcetext import HEAD, ITEM, NOTE, P, Block, SourceText
from corpora.wording import counted

log = logging.getLogger("bitext")

EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be furniture
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:(?:page|p\.|seite|стр\.?|с\.|sayfa)\s*)?(?:\d{1,5}|[ivxlcdm]{1,8})"
                          r"(?:\s*(?:of|/|из)\s*\d{1,5})?[-–—\s]*$", re.I)
_DIGITS = re.compile(r"\d+")
_ENDS_SENTENCE = re.compile(r"[.!?:;…»”\"')\]]$")
_BROKEN_WORD = re.compile(r"(\w)[-\u00ad]$")
_BULLET = re.compile(r"^[•◦▪▫‣⁃∙·●○■□–-]\s")


@dataclass
class Line:
    """One line of a page: its text, where it starts (x, y: up from the page's foot) and its
    font size; `page` counts from 0."""

    text: str
    x: float
    y: float
    size: float
    page: int
    right: float = 0.0


def _page_lines(page, number: int) -> list[Line]:
    """The lines of one page in content order, from pypdf's text pieces and their positions."""
    lines: list[Line] = []
    current: list[tuple[str, float, float, float]] = []

    def end_line() -> None:
        text = "".join(piece for piece, _, _, _ in current)
        if text.strip():
            placed = [(piece, x, y, size) for piece, x, y, size in current if piece.strip()]
            _, x, y, _ = placed[0]
            last, last_x, _, last_size = placed[-1]
            right = last_x + len(last.rstrip()) * last_size * 0.5  # about half an em a character
            lines.append(Line(" ".join(text.split()), x, y, max(p[3] for p in placed), number, right))
        current.clear()

    def visit(text: str, cm, tm, font, size) -> None:  # pypdf's visitor_text
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        scale = (abs(tm[3] * cm[3]) or 1.0)
        for k, piece in enumerate(text.split("\n")):
            if k:
                end_line()
            if piece:
                if current and piece.strip() and abs(y - current[-1][2]) > max(size * scale, 1.0) * 0.6:
                    end_line()  # the same text object moved to another line
                current.append((piece, x, y, size * scale))

    page.extract_text(visitor_text=visit)
    end_line()
    return lines


def _furniture(pages: list[list[Line]]) -> set[int]:
    """The ids of lines that are page furniture (module docstring): among the top and bottom
    lines of each page, page numbers, and lines that recur at the same height on other pages
    with only their numbers changed."""
    edges: list[list[Line]] = []
    for lines in pages:
        by_height = sorted(lines, key=lambda line: -line.y)
        edges.append(by_height[:EDGE_LINES] + by_height[-EDGE_LINES:] if len(by_height) > 2 * EDGE_LINES
                     else by_height)
    counts = Counter(key for page in edges for key in {_key(line) for line in page})
    dropped = set()
    for page in edges:
        for line in page:
            if _PAGE_NUMBER.match(line.text) or counts[_key(line)] >= 2:
                dropped.add(id(line))
    return dropped


def _key(line: Line) -> tuple[int, str]:
    """A line's height (in steps of 3 points) and its text with every number as "#"."""
    return round(line.y / 3), _DIGITS.sub("#", " ".join(line.text.lower().split()))


def _join(text: str, line: str) -> str:
    """A paragraph's text with the next line, joining a word broken at the line end."""
    broken = _BROKEN_WORD.search(text)
    if broken and line[:1].islower():
        return text[:-1] + line
    return text[:-1] + " " + line if text.endswith("\u00ad") else text + " " + line


def _blocks(lines: list[Line]) -> list[Block]:
    """Paragraphs, headings and notes from the body's lines (module docstring)."""
    if not lines:
        return []
    body = statistics.median(line.size for line in lines)
    gaps = [a.y - b.y for a, b in zip(lines, lines[1:]) if a.page == b.page and 0 < a.y - b.y < 3 * body]
    spacing = statistics.median(gaps) if gaps else body * 1.2
    left = statistics.median(line.x for line in lines)
    right = statistics.median(line.right for line in lines)
    blocks: list[Block] = []
    text, kind = "", P
    prev: Line | None = None
    for line in lines:
        line_kind = HEAD if line.size > 1.15 * body and len(line.text) < 120 else (
            NOTE if line.size < 0.85 * body else P)
        bullet = line_kind == P and _BULLET.match(line.text) is not None
        line_kind = ITEM if bullet else line_kind
        broken = prev is None or kind == HEAD or bullet
        if prev is not None and not broken:
            gap = prev.y - line.y if prev.page == line.page else None
            indented = line.x > left + body and prev.x <= left + body / 2
            short_end = prev.right < right - 4 * body and _ENDS_SENTENCE.search(prev.text) is not None
            broken = (gap is not None and (gap > 1.5 * spacing or gap < 0)) or indented or short_end
        if not broken and kind == ITEM and line_kind == P:
            line_kind = ITEM  # the item's next line
        if (broken or line_kind != kind) and text:
            blocks.append(Block(text, kind))
            text = ""
        words = _BULLET.sub("", line.text) if bullet else line.text
        text = _join(text, words) if text else words
        kind = line_kind
        prev = line
    if text:
        blocks.append(Block(text, kind))
    return blocks


def read_pdf(given: InputText) -> list[SourceText]:
    """The text layer of a PDF file (see the module docstring)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    # pypdf's warnings on a damaged file ("EOF marker not found") name no file and would print as
    # `bitext:` lines; what is wrong with the file is said by the one-line error below.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(given.data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("is an encrypted PDF that needs a password; save an unprotected copy", given.path)
        pages = [_page_lines(page, k) for k, page in enumerate(reader.pages)]
        title = (reader.metadata.title if reader.metadata else None) or None
        root = reader.trailer["/Root"]
        lang = root.get("/Lang") if isinstance(root, dict) else None
    except InputError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            AssertionError, OSError, RecursionError) as exc:  # pypdf's errors on a damaged file vary
        raise InputError(f"is not a readable PDF ({type(exc).__name__}: {exc})", given.path) from None
    if not any(pages):
        raise InputError(f"has no text layer ({counted(len(pages), 'page')} of images, a scan?); it needs OCR first, "
                         "e.g. ocrmypdf IN.pdf OUT.pdf, then align OUT.pdf", given.path)
    dropped = _furniture(pages)
    body = [line for page in pages for line in page if id(line) not in dropped]
    if len(dropped):
        log.info("%s: left out %d lines of page furniture (page numbers, running heads)", given.path, len(dropped))
    blocks = _blocks(body)
    if not blocks:
        raise InputError("has no text besides page numbers and running heads", given.path)
    return [SourceText(given.path, "pdf", tuple(blocks), declared(str(lang) if lang else None, given.path,
                                                                  "catalog /Lang", strict=False),
                       title=" ".join(str(title).split()) if title else None, segmentation="pdf")]
