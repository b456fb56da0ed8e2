"""Names and cognates: words compared through a common Latin key, plus near matches.

Every word goes through `glossary.keys.latin_key`, so "Бухарин", "Bukharin" and "Buharin"
share a key. Two looser forms catch cognates that spelling conventions pull apart:
a consonant skeleton stem ("президент" -> "prsd", "president" -> "prsd"), and, for names
(capitalized words), character-trigram similarity between the two vocabularies.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import regex as re

from glossary.keys import latin_key

_WORD = re.compile(r"\p{L}[\p{L}\p{M}'’]*")
_SKELETON = str.maketrans({"z": "s", "c": "k", "q": "k", "w": "v", "x": "s"})
_DROP = re.compile(r"[aeiouyhj]")
STEM_LENGTH = 4


def words(text: str) -> list[str]:
    """The words of a segment in order (letters with inner apostrophes)."""
    return _WORD.findall(text)


@lru_cache(maxsize=200_000)
def cognate_stem(key: str) -> str:
    """A loose stem of a Latin key: consonant skeleton prefix, "" for short words.

    Romanizations and sister languages disagree mostly on vowels, h, and s/z, c/k, so
    "prezident" and "president", "Kommission" and "commission" share a stem.
    """
    folded = key.replace("ph", "f").translate(_SKELETON)
    skeleton = folded[0] + _DROP.sub("", folded[1:])
    if len(key) < 6 or len(skeleton) < STEM_LENGTH:
        return ""
    return skeleton[:STEM_LENGTH]


@lru_cache(maxsize=100_000)
def trigrams(key: str) -> frozenset[str]:
    """Character trigrams of a key padded with boundary marks."""
    padded = f"#{key}#"
    return frozenset(padded[i:i + 3] for i in range(len(padded) - 2))


def ngram_similarity(a: str, b: str) -> float:
    """Dice coefficient of the character trigrams of two words' Latin keys (0..1)."""
    ta, tb = trigrams(latin_key(a)), trigrams(latin_key(b))
    if not ta or not tb:
        return 0.0
    return 2 * len(ta & tb) / (len(ta) + len(tb))


def is_name(word: str) -> bool:
    """A capitalized word of three letters or more: a candidate name."""
    return len(word) >= 3 and word[0].isupper() and not word.isupper()


def link_names(src_keys: Iterable[str], tgt_keys: Iterable[str], threshold: float = 0.6) -> dict[str, str]:
    """Pair name keys of one side with their nearest key on the other side (trigram Dice).

    Only keys without an exact counterpart are paired; each maps to the best partner above
    `threshold`. Returns {src_key: tgt_key}. Cost grows with the number of distinct names,
    not with the length of the text.
    """
    tgt_set = set(tgt_keys)
    index: dict[str, list[str]] = {}
    for key in sorted(tgt_set):
        for g in trigrams(key):
            index.setdefault(g, []).append(key)
    pairs = {}
    for key in sorted(set(src_keys) - tgt_set):
        grams = trigrams(key)
        counts: dict[str, int] = {}
        for g in grams:
            for other in index.get(g, ()):
                counts[other] = counts.get(other, 0) + 1
        best, best_sim = None, threshold
        for other, shared in counts.items():
            sim = 2 * shared / (len(grams) + len(trigrams(other)))
            if sim > best_sim or (sim == best_sim and best is not None and other < best):
                best, best_sim = other, sim
        if best is not None:
            pairs[key] = best
    return pairs
