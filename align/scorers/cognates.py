"""Names and cognates: words compared through a common Latin key, plus near matches.

Every word goes through `glossary.keys.latin_key`, so "Бухарин", "Bukharin" and "Buharin"
share a key. Two looser forms catch cognates that spelling conventions pull apart:
a consonant skeleton stem ("президент" -> "prsd", "president" -> "prsd"), and character
trigrams, which names.py uses to link names (capitalized words) of the two vocabularies.
"""

from __future__ import annotations

from functools import lru_cache
import regex as re

from glossary.keys import latin_key

_WORD = re.compile(r"\p{L}[\p{L}\p{M}'’]*")
_SKELETON = str.maketrans({"z": "s", "c": "k", "q": "k", "w": "v", "x": "s"})
_DROP = str.maketrans("", "", "aeiouyhj")  # letters the skeleton leaves out
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
    skeleton = folded[0] + folded[1:].translate(_DROP)
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
