"""Per-language sentence-splitting rules, one table per language (align/segrules/<code>.toml).

A table says where a sentence may end and which periods do not end one; align/segment.py
applies it. Adding a language is adding a table. Fields (all optional; the defaults are those
of a Latin-script language without abbreviations):

- ``ends``: marks that end a sentence when a plausible sentence start follows them after a
  space: a capital letter or a digit where ``capital`` is true (Latin, Cyrillic, Greek,
  Armenian), any letter or digit where it is false (Arabic, Devanagari, Thai scripts).
- ``uncased_starts``: where ``capital`` is true, a letter of a script that does not capitalize
  a sentence's first word starts one too: a letter that is no capital and that title-casing
  leaves as it is (Hebrew, Georgian, Hangul, Ethiopic, ...; "a", "я" change, so a lower-case
  word starts none; align.segment.UNCASED_LETTER, the one test of it). The
  generic table sets it, so a language without a table of its own is split in any script.
- ``hard_ends``: marks that always end a sentence, with or without a space after them
  (Chinese and Japanese "。！？", the Devanagari danda "।", the Armenian "։", Urdu "۔", the
  Khmer "។", the Tibetan shad "།").
- ``space_ends``: a space between two words of Thai or Lao, which have no sentence mark, ends
  a sentence (a best effort, since a space also separates phrases; not after "ฯ" "ຯ" "ๆ" "ໆ",
  nor beside a number: align/segment.py).
- ``dash_opens``: a dash after an end mark opens a new sentence when a capital follows it
  ("Он пришёл. — Да, — сказал он."), not when a lower-case word does ("Виновен? — спросил он.").
- ``ordinal_dots``: a number with a period is an ordinal, not a sentence end ("2. Dünya Savaşı").
- ``dotted_dates``: a date is written year, month and day, each with a period ("2024. 3. 15.",
  Korean); its periods end nothing, the last one included ("2024. 3. 15. 기준" is one phrase).
- word lists (lower case, without the final period; inner periods stay, "т.д"):
  ``prefix``: abbreviations that never end a sentence ("Prof.", "ул.", "bkz.");
  ``homographs``: abbreviations that are also words, ending a sentence only before a word of
  ``starters`` ("Завод им. Кирова", but "объявил им. И сказали": "им" is "them");
  ``final``: abbreviations that may end one, so a capital after them starts a new one ("etc.");
  ``after_number``: end one only after a number ("в 1937 г. Он" splits, "в г. Москве" does not);
  ``before_number``: abbreviations only before a number ("No. 5"), ordinary words elsewhere
  ("He said no. Everyone agreed.");
  ``digraph_initials``: two-letter initials ("A. Kh. Artuzov");
  ``phrase_openers``: prepositions that open a time phrase, which is no sentence ("В 1920-х гг. Сталин");
  ``starters``: words that start a sentence after an initial ("... signed by P. K. The next
  day"), a homograph, a dotted acronym ("moved to the U.S. He liked it") or, where
  ``ordinal_dots``, a number ("sayısı 25. Bu çok az"): followed by another word they end none;
  ``reference_openers``: words that open a reference running to its year ("См.: Хлевнюк О. В.
  Хозяин. Сталин и ... М., 2010."), whose title periods end nothing.
- ``include``: other tables (file names without .toml) this one builds on, read in order, this
  table last. Every field an included table sets is merged in: word lists and the mark sets
  (``ends``, ``hard_ends``) add up, so an including table can add words and marks but not drop
  any; a scalar (``capital``, ``dotted_dates``, ...) is the last one set, this table's own value
  winning. A field no table sets keeps its default. (ka.toml includes generic.toml and so gets
  every script's full stops and ``uncased_starts``.)
Single letters are always abbreviations or initials and need no entry.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from typing import Any

_WORD_LISTS = ("prefix", "homographs", "final", "after_number", "before_number", "digraph_initials", "phrase_openers",
               "starters", "reference_openers")
_MARK_SETS = ("ends", "hard_ends")


@dataclass(frozen=True)
class SegmentRules:
    """One language's sentence-splitting rules (see the module docstring)."""

    ends: str = ".!?…"
    hard_ends: str = ""
    capital: bool = True
    uncased_starts: bool = False
    space_ends: bool = False
    dash_opens: bool = True
    ordinal_dots: bool = False
    dotted_dates: bool = False
    prefix: frozenset[str] = frozenset()
    homographs: frozenset[str] = frozenset()
    final: frozenset[str] = frozenset()
    after_number: frozenset[str] = frozenset()
    before_number: frozenset[str] = frozenset()
    digraph_initials: frozenset[str] = frozenset()
    phrase_openers: frozenset[str] = frozenset()
    starters: frozenset[str] = frozenset()
    reference_openers: frozenset[str] = frozenset()


def _merge(base: dict, table: dict) -> None:
    """Merges one table's fields into base: word lists and mark sets add up, scalars replace."""
    for key, value in table.items():
        if key in _WORD_LISTS:
            base[key] = base.get(key, set()) | value
        elif key in _MARK_SETS:
            marks = base.get(key, "")
            base[key] = marks + "".join(dict.fromkeys(ch for ch in value if ch not in marks))
        else:
            base[key] = value


def _table(name: str) -> dict:
    """The fields one file sets, merged over those of the tables it includes (module docstring)."""
    text = resources.files("align").joinpath("segrules", f"{name}.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)
    unknown = set(table) - {f.name for f in fields(SegmentRules)} - {"include"}
    if unknown:
        raise ValueError(f"segrules/{name}.toml: unknown field(s) {', '.join(sorted(unknown))}")
    merged: dict = {}
    for other in table.pop("include", []):
        _merge(merged, _table(other))
    _merge(merged, {k: set(str(v).split()) if k in _WORD_LISTS else v for k, v in table.items()})
    return merged


@lru_cache(maxsize=None)
def load_rules(name: str) -> SegmentRules:
    """The rules of one table (a primary language subtag, or "generic")."""
    values: dict[str, Any] = {k: frozenset(v) if k in _WORD_LISTS else v for k, v in _table(name).items()}
    return SegmentRules(**values)


@lru_cache(maxsize=None)
def languages() -> frozenset[str]:
    """The languages that have a table of their own."""
    names = (p.name[:-5] for p in resources.files("align").joinpath("segrules").iterdir() if p.name.endswith(".toml"))
    return frozenset(n for n in names if not n.startswith("_") and n != "generic")


def rules_for(primary_code: str) -> SegmentRules:
    """The rules for a primary language subtag; languages without a table get the generic ones."""
    return load_rules(primary_code if primary_code in languages() else "generic")
