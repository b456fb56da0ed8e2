"""Recognize a word as a spelling of a glossary entry, whatever scheme or language made it.

Exact first: every entry's renderings ("alias"), its Cyrillic source form and Russian inflected
forms, and their spellings in every romanization scheme are indexed twice, by their casefolded
spelling and by `latin_key` (so "Yezhov", "Ежов", "Ežov", "Jeschow" all land on one entry).
A word is tried whole and with English possessives, Turkish case suffixes after an apostrophe,
French elisions and German/English endings removed. Only then fuzzy: the word's key against
the indexed keys with a small edit distance (Damerau-style, so "Tukachevsky" and "Bukahrin"
match) that short words do not get at all, which keeps "Yerevan" and "Bukhara" out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import regex as re
from rapidfuzz import process
from rapidfuzz.distance import OSA

from glossary.keys import latin_key
from glossary.model import Entry, Glossary
from glossary.russian import inflections
from glossary.schemes import SCHEMES, is_cyrillic, romanize

TOKEN = re.compile(r"[\p{L}\p{M}\p{N}]+(?:['’ʼ`][\p{L}\p{M}]+)*")
_APOSTROPHES = "'’ʼ`"
_ELISION = re.compile(r"^(?:d|l|qu|D|L|Qu)['’](?=\p{L})")
# Endings removed to find the base of an inflected Latin-script name, longest first.
_ENDINGS = ("schen", "schem", "scher", "sches", "sche", "s'", "s’", "es", "s")
_TR_ENDINGS = ("ların", "lerin", "ları", "leri", "lar", "ler", "nın", "nin", "nun", "nün", "yla",
               "yle", "dan", "den", "tan", "ten", "da", "de", "ta", "te", "ya", "ye", "yı", "yi",
               "ın", "in", "un", "ün", "ı", "i", "u", "ü", "a", "e")
PROPER = ("person", "org", "place")


@dataclass(frozen=True)
class Match:
    """How a word matched an entry: `how` is exact:<scheme>, alias or fuzzy:<score>."""

    entry_id: str
    how: str
    form: str  # the part of the word that matched (the word without its ending)
    status: str = ""  # for alias matches: preferred, admitted or deprecated
    lang: str = ""  # for alias matches: the language of the rendering


@dataclass(frozen=True)
class Found:
    """A match in running text: character offsets of the whole word and the match."""

    start: int
    end: int
    word: str
    match: Match


def stems(word: str) -> list[str]:
    """The word and its candidate bases: possessive or Turkish suffix, elision, endings removed."""
    out = [word]
    m = _ELISION.match(word)
    if m:
        out.append(word[m.end():])
    for ch in _APOSTROPHES:
        if ch in word:
            head = word.split(ch, 1)[0]
            if len(head) >= 2:
                out.append(head)
    base = out[-1]
    if not is_cyrillic(base):
        for ending in _ENDINGS:
            if base.endswith(ending) and len(base) - len(ending) >= 3:
                out.append(base[: -len(ending)])
        if base[:1].islower():
            for ending in _TR_ENDINGS:
                if base.endswith(ending) and len(base) - len(ending) >= 4:
                    out.append(base[: -len(ending)])
    return list(dict.fromkeys(out))


class Matcher:
    """Look words up in a glossary: exact spellings first, then fuzzy keys."""

    def __init__(self, glossary: Glossary, schemes: tuple[str, ...] | None = None) -> None:
        self.glossary = glossary
        self.entries: dict[str, Entry] = glossary.by_id()
        self.schemes = tuple(SCHEMES) if schemes is None else schemes
        self._surface: dict[str, Match] = {}
        self._keys: dict[str, Match] = {}
        self._fuzzy: dict[str, str] = {}  # key of an uninflected form -> entry id
        for entry in glossary.entries:
            self._index(entry)
        self._fuzzy_keys = list(self._fuzzy)
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)

    def spellings(self, entry: Entry) -> Iterator[tuple[str, Match, bool]]:
        """(spelling, match, inflected?) for every form an entry is known by, best first."""
        for lang, r in entry.renderings.items():
            for term, status in r.terms():
                yield term, Match(entry.id, "alias", term, status, lang), False
        forms = [entry.source] + inflections(entry.source) if is_cyrillic(entry.source) else [entry.source]
        for k, form in enumerate(forms):
            yield form, Match(entry.id, "exact:source", form), k > 0
        if is_cyrillic(entry.source):
            for scheme in self.schemes:
                for k, form in enumerate(forms):
                    spelled = romanize(form, scheme)
                    yield spelled, Match(entry.id, f"exact:{scheme}", spelled), k > 0

    def _index(self, entry: Entry) -> None:
        for spelling, match, inflected in self.spellings(entry):
            self._surface.setdefault(spelling.casefold(), match)
            key = latin_key(spelling)
            if len(key) >= 2:
                self._keys.setdefault(key, match)
                if not inflected and len(key) >= 6:
                    self._fuzzy.setdefault(key, entry.id)

    def _lookup(self, word: str) -> Match | None:
        candidates = stems(word)
        for stem in candidates:
            hit = self._surface.get(stem.casefold())
            if hit is None:
                hit = self._keys.get(latin_key(stem))
            if hit is not None:
                return Match(hit.entry_id, hit.how, stem, hit.status, hit.lang)
        return self._fuzzy_lookup(word, candidates)

    def _fuzzy_lookup(self, word: str, candidates: list[str]) -> Match | None:
        best: tuple[float, str, str] | None = None
        for stem in candidates:
            key = latin_key(stem)
            if len(key) < 6:
                continue
            limit = 1 if len(key) <= 8 else 2
            hit = process.extractOne(key, self._fuzzy_keys, scorer=OSA.distance, score_cutoff=limit)
            if hit is None:
                continue
            choice, dist, _ = hit
            entry = self.entries[self._fuzzy[choice]]
            if entry.kind in PROPER and not stem[:1].isupper():
                continue
            score = 1 - dist / max(len(key), len(choice))
            if best is None or score > best[0]:
                best = (score, choice, stem)
        if best is None:
            return None
        score, choice, stem = best
        return Match(self._fuzzy[choice], f"fuzzy:{round(score * 100)}", stem)

    def find(self, text: str) -> list[Found]:
        """Every word of a text that matches an entry, in order."""
        out = []
        for m in TOKEN.finditer(text):
            hit = self.lookup(m.group())
            if hit is not None:
                out.append(Found(m.start(), m.end(), m.group(), hit))
        return out

    def keys_of(self, entry_id: str) -> list[str]:
        """The Latin keys and lowercase spellings an entry is known by (for similarity checks)."""
        entry = self.entries[entry_id]
        seen: dict[str, None] = {}
        for spelling, _, inflected in self.spellings(entry):
            if not inflected and not is_cyrillic(spelling):
                seen.setdefault(spelling.casefold(), None)
                seen.setdefault(latin_key(spelling), None)
        return list(seen)
