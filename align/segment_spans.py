"""Where no sentence ends, for align/segment.py: balanced brackets, quoted titles
(«Архив. Документы и материалы») and references running from "См.:" or an author's initials to
their year; a sentence held whole in brackets; and the cuts of a run of numbered endnotes, each
of which stays whole."""

from __future__ import annotations

import regex as re

from align.segment_rules import SegmentRules

_QUOTES = "\"'“‘„«״׳"
_TITLE_QUOTES = {"«": "»", "„": "“", "“": "”"}  # quotation marks that may hold a title
_LONGEST_TITLE = 150  # characters of a quoted title, at most
_NOTE_NUMBER = re.compile(r"(\p{N}{1,3})\.\s")
_YEAR_AFTER_COMMA = re.compile(r",\s*(?:\p{N}{1,2}\s+\p{L}+\s+)?\p{N}{4}(?:[–-]\p{N}{2,4})?")
_LONGEST_REFERENCE = 300  # characters from a reference's opener to its year, at most
_PLACE_YEAR = re.compile(r"\p{Lu}[\p{L}\-]*\.?(?::\s*[^,]{1,60})?,\s*\p{N}{4}")  # "М., 2010", "М.: Наука, 1985"
_AUTHOR = re.compile(r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?,?\s+\p{Lu}\.\s?(?:\p{Lu}\.\s)?")  # "Хлевнюк О. В. "
_CITATION = re.compile(
    r"\b(?:p|pp|vol|v|s|c|с|т|l|f|op|d|л|ф|оп|д)\.\s*\p{N}|\bibid\b|\bop\. cit\b|№"
    r"|,\s*(?:\p{N}{1,2}\s+\p{L}+\s+)?(?:1[5-9]|20)\p{N}{2}\b",
    re.IGNORECASE,
)


def _bracket_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) positions of balanced () and [] pairs that may not hold a boundary.

    Unmatched brackets are ignored, and so are brackets that open with a quotation, whose
    sentences are split like any others ("("I am shaking ... etc. Perhaps ...")").
    """
    spans, stack = [], []
    pairs = {")": "(", "]": "["}
    for i, ch in enumerate(text):
        if ch in "([":
            stack.append((ch, i))
        elif ch in pairs:
            while stack and stack[-1][0] != pairs[ch]:
                stack.pop()
            if stack:
                spans.append((stack.pop()[1], i))
    return [(a, b) for a, b in spans if text[a + 1:a + 2] not in _QUOTES]


def _title_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) positions of quoted titles, which may not hold a boundary: a quotation of
    at most _LONGEST_TITLE characters that does not end with a sentence mark («Архив. Документы
    и материалы»). A quoted sentence ends with its own mark («Он ушёл. Она осталась.») and is
    split like any other."""
    spans = []
    for opener, closer in _TITLE_QUOTES.items():
        start = text.find(opener)
        while start >= 0:
            end = text.find(closer, start + 1)
            if end < 0:
                break
            inner = text[start + 1:end].rstrip()
            if end - start <= _LONGEST_TITLE and inner and inner[-1] not in ".!?…":
                spans.append((start, end))
            start = text.find(opener, end + 1)
    return spans


def _reference_spans(text: str, rules: SegmentRules) -> list[tuple[int, int]]:
    """(start, year) positions of references, whose title periods end nothing: from an opener
    ("См.:", "см.", "bkz.") or, at the start of a paragraph, an author with initials ("Хлевнюк
    О. В. Хозяин. Сталин ... М., 2010.") to the first year after a comma, within
    _LONGEST_REFERENCE characters."""
    starts = []
    if rules.reference_openers:
        words = "|".join(sorted(map(re.escape, rules.reference_openers), key=len, reverse=True))
        starts = [m.end() for m in re.finditer(rf"(?<!\p{{L}})(?i:{words})\.:?\s", text)]
    spans = []
    for start in starts:
        year = _YEAR_AFTER_COMMA.search(text, start, start + _LONGEST_REFERENCE)
        if year:
            spans.append((start, year.end()))
    author = _AUTHOR.match(text)  # a bibliography entry: its place and year must follow
    year = _PLACE_YEAR.search(text, author.end(), author.end() + _LONGEST_REFERENCE) if author else None
    if year:
        spans.append((author.end(), year.end()))
    return spans


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


def note_cuts(text: str) -> list[int] | None:
    """Where a run of numbered endnotes is cut, or None: each note ("7. Khlevniuk O. V.
    Politburo ..., M., 1996, pp. 189-191.") stays whole.

    A paragraph that starts with a note number and holds a citation is a run of notes: it is
    cut only before the next numbers in sequence (8., 9., ...), never inside a note.
    """
    first = _NOTE_NUMBER.match(text)
    if not first or not _CITATION.search(text):
        return None
    cuts, number, pos = [0], int(first.group(1)), first.end()
    while True:
        number += 1
        nxt = re.compile(rf"(?<=[\p{{N}}.;)\]”\"»’*]\s+){number}\.\s+(?!\p{{N}})").search(text, pos)
        if not nxt:
            break
        cuts.append(nxt.start())
        pos = nxt.end()
    return cuts[1:]


def closes_bracketed_sentence(text: str, m: re.Match, spans: list[tuple[int, int]], begin: int) -> bool:
    """Whether the mark ends a sentence held whole in brackets ("(См. с. 45.) Далее"): the
    brackets holding it open where the sentence starts and close right after the mark."""
    first = len(text) - len(text[begin:].lstrip())
    return all(a == first and b < m.end() for a, b in spans if a < m.start() < b)


def held_spans(text: str, rules: SegmentRules) -> list[tuple[int, int]]:
    """(start, end) positions of every span of a paragraph that may not hold a boundary."""
    return _bracket_spans(text) + _title_spans(text) + _reference_spans(text, rules)
