"""The registered ISO 639 codes (corpora/iso639.txt) and the code meant by a mistyped one.

The table holds every ISO 639-1 code (with its reference name), every ISO 639-2 and 639-3
code (B and T forms: ger, deu) and the codes deprecated or retired that a language tag may
still carry (iw, mo); tools/iso639_table.py makes it from SIL's ISO 639-3 code table and the
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
def _table() -> tuple[dict[str, str], frozenset[str]]:
    """The 2-letter codes with their names, and the 3-letter codes."""
    two: dict[str, str] = {}
    three: set[str] = set()
    section = ""
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("["):
            section = line[1:line.index("]")]
        elif section == "two":
            code, _, name = line.partition("\t")
            two[code] = name
        else:
            three.update(line.split())
    return two, frozenset(three)


def registered(language: str) -> bool:
    """Whether a language subtag ("en", "kaa", "ger"; any case) is a registered ISO 639 code."""
    code = language.lower()
    two, three = _table()
    return code in two or code in three or (len(code) == 3 and "qaa" <= code <= "qtz")


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
        return f"{_tag(meant, rest)!r} ({_short(meant)}; {first!r} is a country's code)"
    letters = re.sub(r"[\W\d_]", "", first)  # "english!": English
    named = _by_name(letters) if len(letters) >= 3 and not registered(letters) else None
    return f"{_tag(named, rest)!r} ({_short(named)})" if named else None


def canonical(tag: str) -> str:
    """A language tag in BCP 47's canonical case: language lower, Script title, REGION upper."""
    first, *rest = tag.split("-")
    return "-".join([first.lower(), *(p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p.lower()
                                      for p in rest)])


def _tag(language: str, rest: list[str]) -> str:
    """A tag of `language` with the subtags given after a mistyped one, in canonical case."""
    return canonical("-".join([language, *rest]))


def _short(language: str) -> str:
    """An ISO 639-1 code's name without its qualifier ("Modern Greek (1453-)": Modern Greek)."""
    return (name(language) or language).split(" (")[0]


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
