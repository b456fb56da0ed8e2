"""Words of running text and their candidate bases, shared by name lookup and phrase matching.

A word (`TOKEN`) is a run of letters, marks and digits, with apostrophe-joined parts kept
(Troçki'nin, People's, d'Iejov). `stems` lists the bases an inflected word may stand for;
`norm` is the form two spellings of one word share (case, diacritics and apostrophes dropped;
Cyrillic "ё" as "е").
"""

from __future__ import annotations

import regex as re

from glossary.keys import ascii_fold
from glossary.schemes import is_cyrillic

TOKEN = re.compile(r"[\p{L}\p{M}\p{N}]+(?:['’ʼ`][\p{L}\p{M}]+)*")
APOSTROPHES = "'’ʼ`"
_ELISION = re.compile(r"^(?:d|l|qu|D|L|Qu)['’](?=\p{L})")
# Endings removed to find the base of an inflected Latin-script name, longest first.
_ENDINGS = ("schen", "schem", "scher", "sches", "sche", "s'", "s’", "es", "s")
_TR_ENDINGS = ("ların", "lerin", "ları", "leri", "lar", "ler", "nın", "nin", "nun", "nün", "yla",
               "yle", "dan", "den", "tan", "ten", "da", "de", "ta", "te", "ya", "ye", "yı", "yi",
               "ın", "in", "un", "ün", "ı", "i", "u", "ü", "a", "e")
_NO_APOSTROPHE = str.maketrans("", "", APOSTROPHES)


def stems(word: str) -> list[str]:
    """The word and its candidate bases: possessive or Turkish suffix, elision, endings removed."""
    out = [word]
    m = _ELISION.match(word)
    if m:
        out.append(word[m.end():])
    for ch in APOSTROPHES:
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


def norm(word: str) -> str:
    """The comparison form of one word: casefolded, no apostrophes; Latin script without
    diacritics (İçişleri = içişleri = Icisleri), Cyrillic with "ё" as "е"."""
    word = word.translate(_NO_APOSTROPHE).casefold()
    return word.replace("ё", "е") if is_cyrillic(word) else ascii_fold(word)
