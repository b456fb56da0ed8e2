"""Sentence segmentation for English, Turkish, Russian and a generic fallback.

A rule-based splitter: a boundary candidate is sentence-final punctuation followed by space and
a plausible sentence start; candidates after abbreviations and initials are dropped. Splitting
happens at positions of the original string, so every non-space character is kept in order.
"""

from __future__ import annotations

import regex as re

from corpora.languages import primary

RULES_VERSION = 1

_ABBREV = {
    "en": {"mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "cf", "p", "pp",
           "vol", "v", "no", "nos", "ed", "eds", "trans", "fig", "ch", "jr", "sr", "col", "gen",
           "lt", "capt", "ibid", "op", "cit", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
           "sep", "sept", "oct", "nov", "dec", "ca", "approx", "repr", "rev", "comp", "f", "ff"},
    "tr": {"vb", "prof", "dr", "doç", "yrd", "bkz", "s", "sf", "c", "cilt", "no", "vd", "vs",
           "yy", "örn", "ör", "bl", "krş", "çev", "haz", "ed", "age", "a.g.e", "a.g.m", "sy"},
    "ru": {"т", "е", "г", "гг", "с", "им", "см", "ср", "стр", "т.е", "т.д", "т.п", "др", "пр",
           "н.э", "в", "вв", "ок", "тыс", "млн", "млрд", "руб", "коп", "ул", "д", "кв", "проф",
           "акад", "чл", "корр", "л", "об", "оп", "ф", "д", "ed", "p"},
}
_GENERIC = {"e.g", "i.e", "etc", "dr", "prof", "p", "pp", "vol", "no", "cf"}

_CANDIDATE = re.compile(r"(?<=[.!?…])[\"'”»)\]]*(?=\s+[\"'“«(\[]*[\p{Lu}\p{N}])")
_TOKEN_BEFORE = re.compile(r"([\p{L}.]+)\.$")


def describe(lang: str) -> str:
    """A short tag for the rules used, e.g. "en-1", for reproducibility signatures."""
    return f"{primary(lang)}-{RULES_VERSION}"


def _is_abbreviation(before: str, lang: str) -> bool:
    m = _TOKEN_BEFORE.search(before)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "M. J. Bagirov"
    abbrevs = _ABBREV.get(primary(lang), _GENERIC)
    return word.lower() in abbrevs


def segment(paragraph: str, lang: str) -> list[str]:
    """Split one paragraph into sentences."""
    text = paragraph.strip()
    if not text:
        return []
    out: list[str] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        end = m.end()
        if _is_abbreviation(text[start:m.start()], lang):
            continue
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def segment_paragraphs(paragraphs: list[str], lang: str) -> list[list[str]]:
    """Split every paragraph; paragraphs stay separate."""
    return [segment(p, lang) for p in paragraphs]
