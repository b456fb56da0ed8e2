"""Multi-word glossary terms found in running text, each word free to take its own endings.

"нарком внутренних дел" is also "наркома внутренних дел" and "наркомом внутренних дел";
"People's Commissar for Internal Affairs" is also "People’s Commissars for Internal Affairs";
"Central Committee" is also "Central Committee's". A phrase is indexed as one set of forms per
word: a Cyrillic word with its Russian case forms, any other word with the bases `stems` finds
(plural, possessive, Turkish suffix). A text matches when consecutive words each share a form
with the phrase's word at that place, separated by nothing but spaces or hyphens. Longer
phrases are tried first, so "People's Commissar for Internal Affairs" wins over "People's
Commissar".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, Sequence, TypeVar

import regex as re

from glossary.russian import inflections
from glossary.schemes import is_cyrillic
from glossary.words import TOKEN, norm, stems

T = TypeVar("T")
_GAP = re.compile(r"[\s\-‐‑]{1,3}")


def word_forms(word: str) -> frozenset[str]:
    """Every normalized form a word of a glossary phrase may take in running text."""
    if is_cyrillic(word):
        return frozenset(norm(w) for w in [word, *inflections(word)])
    return frozenset(norm(w) for w in stems(word))


@lru_cache(maxsize=200_000)
def token_bases(word: str) -> tuple[str, ...]:
    """The normalized bases of a word of running text, the whole word first."""
    return tuple(dict.fromkeys(norm(w) for w in stems(word)))


def is_phrase(spelling: str) -> bool:
    """Whether a spelling has more than one word."""
    return len(TOKEN.findall(spelling)) > 1


@dataclass(frozen=True)
class PhraseHit(Generic[T]):
    """A phrase found at tokens [first, last]: character span of the whole, end of its base
    (without the last word's ending), and what the phrase stands for."""

    first: int
    last: int
    start: int
    end: int
    base_end: int
    value: T


class PhraseIndex(Generic[T]):
    """Multi-word spellings, each with a value (the glossary match it stands for)."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[frozenset[str], ...], T]]] = {}
        self._starting = lru_cache(maxsize=100_000)(self._starting_with)

    def add(self, spelling: str, value: T) -> None:
        """Index a spelling of two or more words (the first value for a spelling is kept)."""
        words = tuple(word_forms(w) for w in TOKEN.findall(spelling))
        for form in words[0]:
            bucket = self._by_first.setdefault(form, [])
            if all(w != words for w, _ in bucket):
                bucket.append((words, value))
                bucket.sort(key=lambda item: -len(item[0]))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def match_at(self, text: str, tokens: Sequence[re.Match], i: int) -> PhraseHit[T] | None:
        """The longest phrase starting at token i, if any."""
        for words, value in self._starting(tokens[i].group()):
            last = i + len(words) - 1
            if last >= len(tokens):
                continue
            if all(_GAP.fullmatch(text[tokens[k - 1].end():tokens[k].start()])
                   and any(b in words[k - i] for b in token_bases(tokens[k].group()))
                   for k in range(i + 1, last + 1)):
                end = tokens[last].end()
                return PhraseHit(i, last, tokens[i].start(), end, _base_end(tokens[last], words[-1]), value)
        return None


    def _starting_with(self, word: str) -> tuple[tuple[tuple[frozenset[str], ...], T], ...]:
        """The phrases whose first word a word of running text can be, longest first."""
        candidates = [c for base in token_bases(word) for c in self._by_first.get(base, ())]
        return tuple(sorted(candidates, key=lambda item: -len(item[0])))


def _base_end(token: re.Match, forms: frozenset[str]) -> int:
    """Where the last word's matched base ends (the whole word when it matches as it is)."""
    for base in stems(token.group()):
        if norm(base) in forms:
            return token.start() + len(base) if token.group().startswith(base) else token.end()
    return token.end()
