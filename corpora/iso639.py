"""The registered ISO 639 codes (corpora/iso639.txt) and the code meant by a mistyped one.

The table holds every ISO 639-1 code (with its reference name), every ISO 639-2 and 639-3
code (B and T forms: ger, deu) and the codes deprecated or retired that a language tag may
still carry (iw, mo), and the individual languages of each macrolanguage with an ISO 639-1
code (cmn, yue: zh); tools/iso639_table.py makes it from SIL's ISO 639-3 code table and the
IANA Language Subtag Registry (sources and terms in its header). ISO 639-2's qaa-qtz, kept
for local use, are taken too.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("iso639.txt")
# BCP 47's shape: a 2-3 letter language, then script, region, variant ... subtags
TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

# Country codes often written for a language (ISO 3166 is not ISO 639): the language meant.
# Only codes that are no ISO 639 code themselves (br is Breton, se Northern Sami: taken as such).
COUNTRIES = {
    "gr": "el", "jp": "ja", "cn": "zh", "ua": "uk", "dk": "da", "cz": "cs", "kz": "kk", "ir": "fa", "il": "he",
    "kr": "ko", "vn": "vi", "gb": "en", "us": "en", "rs": "sr", "by": "be", "at": "de", "mx": "es", "ge": "ka",
    "al": "sq", "tj": "tg", "tm": "tk", "md": "ro", "pk": "ur", "sp": "es",
}


@cache
def _table() -> tuple[dict[str, str], frozenset[str], dict[str, str], dict[str, str]]:
    """The 2-letter codes with their names, the 3-letter codes, the 2-letter code of each
    other code of its language (deu, ger, iw: de, de, he), and the macrolanguage of each
    individual language of one with a 2-letter code (cmn, nb: zh, no). Read on first use."""
    two: dict[str, str] = {}
    three: set[str] = set()
    same: dict[str, str] = {}
    macro: dict[str, str] = {}
    section = ""
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("["):
            section = line[1:line.index("]")]
        elif section == "two":
            code, _, name = line.partition("\t")
            two[code] = name
        elif section == "same":
            code, *others = line.split()
            same.update(dict.fromkeys(others, code))
        elif section == "macro":
            code, *members = line.split()
            macro.update(dict.fromkeys(members, code))
        else:
            three.update(line.split())
    return two, frozenset(three), same, macro


def registered(language: str) -> bool:
    """Whether a language subtag ("en", "kaa", "ger"; any case) is a registered ISO 639 code."""
    code = language.lower()
    two, three, *_ = _table()
    return code in two or code in three or (len(code) == 3 and "qaa" <= code <= "qtz")


def two_letter(language: str) -> str:
    """The ISO 639-1 code of the language a language subtag names ("deu", "ger", "DE": "de"; a
    deprecated "iw": "he"), the subtag in lower case where that language has none ("kaa")."""
    code = language.lower()
    return _table()[2].get(code, code)


def macrolanguage(language: str) -> str | None:
    """The ISO 639-1 code of the macrolanguage an individual language belongs to ("cmn", "yue":
    "zh"; "arb": "ar"; "nb": "no"), None where it belongs to none with such a code."""
    return _table()[3].get(two_letter(language))


def name(language: str) -> str | None:
    """The reference name of an ISO 639-1 code ("de" -> "German"), None for any other code."""
    return _table()[0].get(language.lower())


def suggestion(code: str) -> str | None:
    """The code plainly meant by one that is not valid, said for a message ("'pt-BR'", "'ja'
    (Japanese; 'jp' is a country's code)"), or None where nothing is plain: a locale written
    with "_", a country's code, or a language's English name or the start of one (3 letters at
    least) that names a single language with an ISO 639-1 code."""
    text = code.strip()
    if "_" in text:
        dashed = text.replace("_", "-")
        if TAG.match(dashed) and registered(dashed.split("-")[0]):
            return repr(canonical(dashed))
    first, *rest = re.split(r"[-_]", text)
    first = first.lower()
    if first in COUNTRIES and not registered(first):
        meant = COUNTRIES[first]
        return f"{_tag(meant, rest)!r} ({short_name(meant)}; {first!r} is a country's code)"
    letters = re.sub(r"[\W\d_]", "", first)  # "english!": English
    named = _by_name(letters) if len(letters) >= 3 and not registered(letters) else None
    return f"{_tag(named, rest)!r} ({short_name(named)})" if named else None


def canonical(tag: str) -> str:
    """A language tag in BCP 47's canonical case: language lower, Script title, REGION upper."""
    first, *rest = tag.split("-")
    return "-".join([first.lower(), *(p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p.lower()
                                      for p in rest)])


def _tag(language: str, rest: list[str]) -> str:
    """A tag of `language` with the subtags given after a mistyped one, in canonical case."""
    return canonical("-".join([language, *rest]))


def short_name(language: str) -> str | None:
    """An ISO 639-1 code's name without its qualifier ("Modern Greek (1453-)": Modern Greek),
    None for any other code."""
    said = name(language)
    return said.split(" (")[0] if said else None


def _by_name(word: str) -> str | None:
    """The ISO 639-1 code whose name is `word`, else the one code whose name starts with it or
    has a word that does ("greek": Modern Greek), else None."""
    names = _table()[0]
    exact = [code for code, said in names.items() if said.lower() == word]
    if exact:
        return exact[0]
    found = [code for code, said in names.items()
             if any(part.startswith(word) for part in re.findall(r"[a-z]+", said.lower()))]
    return found[0] if len(found) == 1 else None
