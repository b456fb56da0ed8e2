"""A common Latin key for comparing words across scripts and romanizations.

"Бухарин", "Bukharin" and "Buharin" should meet: Cyrillic goes through a simple romanization,
diacritics are folded (Turkish, German, Czech-style ISO 9 letters), case is dropped, and a few
spelling alternations that romanization schemes disagree on are collapsed.
"""

from __future__ import annotations

import re  # the patterns below are ASCII: the standard module runs them twice as fast as `regex`
import unicodedata
from functools import lru_cache

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "і": "i", "ї": "i", "є": "e", "ґ": "g", "ў": "u",
}
_SPECIAL = {"ı": "i", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ʹ": "", "ʺ": "", "'": ""}
# Alternations romanizations disagree on, collapsed to one spelling (longest first).
_COLLAPSE = [
    ("shch", "sh"), ("tsch", "ch"), ("sch", "sh"), ("kh", "h"), ("zh", "j"), ("ts", "c"),
    ("tz", "c"), ("ks", "x"), ("ck", "k"), ("w", "v"), ("yu", "iu"), ("ju", "iu"), ("ya", "ia"),
    ("ja", "ia"), ("yo", "io"), ("jo", "io"), ("ye", "e"), ("je", "e"), ("y", "i"),
]
_COLLAPSE_RE = re.compile("|".join(re.escape(a) for a, _ in _COLLAPSE))
_COLLAPSE_MAP = dict(_COLLAPSE)
_DOUBLE = re.compile(r"(.)\1+")
_TO_LATIN = str.maketrans({**_CYR, **_SPECIAL})  # the two tables share no character
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")  # on ASCII text: what str.isalnum rejects


def ascii_fold(text: str) -> str:
    """The ASCII characters of a text once diacritics are split off (Turkish dotless ı as i)."""
    return unicodedata.normalize("NFKD", text.replace("ı", "i")).encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=200_000)
def latin_key(word: str) -> str:
    """The comparison key of one word: lowercase Latin letters and digits only."""
    ascii_ = _NOT_ALNUM.sub("", ascii_fold(word.lower().translate(_TO_LATIN)))
    collapsed = _COLLAPSE_RE.sub(lambda m: _COLLAPSE_MAP[m.group()], ascii_)
    return _DOUBLE.sub(r"\1", collapsed)


def latin_keys(words: list[str]) -> list[str]:
    """`latin_key` of many alphabetic words at once (one pass over the joined text: a large
    lexicon's keys in a second rather than a minute)."""
    # Digits never occur in an alphabetic word and survive every step; "01" never doubles up,
    # even around a word whose key is empty.
    joined = "01".join(words)
    ascii_ = _NOT_ALNUM.sub("", ascii_fold(joined.lower().translate(_TO_LATIN)))
    collapsed = _COLLAPSE_RE.sub(lambda m: _COLLAPSE_MAP[m.group()], ascii_)
    return _DOUBLE.sub(r"\1", collapsed).split("01")


# ISO 9 / scholarly letters as the digraphs other romanizations write (Čajkovskij: Chajkovskij).
_HACEK = str.maketrans({"č": "ch", "š": "sh", "ž": "zh", "ŝ": "shch"})
_LOOSE = re.compile(r"tch|j(?![aeiou])")  # French tch is ch; й before a consonant or at the end is i


@lru_cache(maxsize=200_000)
def loose_key(word: str) -> str:
    """A looser key than `latin_key`, for the glossary matcher only: háček letters as digraphs,
    the alternations collapsed a second time (so ts+k of Trotskij, which the first pass makes c+k,
    meets ISO 9's c+k of Trockij), tch as ch, and й as i (Čajkovskij, Chaikovskii, Tchaikovsky:
    one key). The aligner keeps `latin_key`, which its features were measured with."""
    lower = word.lower()
    digraphs = lower.translate(_HACEK)
    key = latin_key(word if digraphs == lower else digraphs)  # the word's own key is cached already
    key = _COLLAPSE_RE.sub(lambda m: _COLLAPSE_MAP[m.group()], key)
    return _DOUBLE.sub(r"\1", _LOOSE.sub(lambda m: "ch" if m.group() == "tch" else "i", key))
