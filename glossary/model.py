"""The glossary model: entries with a canonical source form and renderings per target language.

An entry is one concept (a person, a body, a term). Its source form is canonical (e.g. "Ежов");
for each target language it has at most one preferred rendering, any number of admitted
variants and any number of deprecated forms. TSV and TBX files both map onto this model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from corpora.errors import InputError
from corpora.model import unique_id

from glossary.keys import ascii_fold

KINDS = ("person", "org", "place", "term")
STATUSES = ("preferred", "admitted", "deprecated")
_ID_UNSAFE = re.compile(r"[^\p{L}\p{N}._-]+")


@dataclass
class Renderings:
    """How one target language writes an entry."""

    preferred: str | None = None
    admitted: list[str] = field(default_factory=list)
    deprecated: list[str] = field(default_factory=list)

    def add(self, term: str, status: str) -> None:
        """Record a term with a status; a second "preferred" becomes admitted."""
        if status == "preferred" and self.preferred is None:
            self.preferred = term
        elif status == "deprecated":
            if term not in self.deprecated:
                self.deprecated.append(term)
        elif term != self.preferred and term not in self.admitted:
            self.admitted.append(term)

    def prefer(self, term: str) -> None:
        """Make a term the preferred one; the former preferred becomes the first admitted."""
        if self.preferred is not None and self.preferred != term:
            self.admitted.insert(0, self.preferred)
        self.preferred = term
        self.admitted = [t for t in self.admitted if t != term]
        self.deprecated = [t for t in self.deprecated if t != term]

    def terms(self) -> list[tuple[str, str]]:
        """(term, status) pairs, preferred first."""
        out = [(self.preferred, "preferred")] if self.preferred else []
        out += [(t, "admitted") for t in self.admitted]
        return out + [(t, "deprecated") for t in self.deprecated]


@dataclass
class Entry:
    """One glossary concept: id, canonical source form, kind, renderings by language, note."""

    id: str
    source: str
    kind: str = "term"
    renderings: dict[str, Renderings] = field(default_factory=dict)
    note: str = ""

    def rendering(self, lang: str) -> Renderings:
        """The renderings for a language, created empty on first use."""
        return self.renderings.setdefault(lang, Renderings())

    def preferred(self, lang: str) -> str | None:
        """The preferred rendering in a language, if the glossary has one."""
        r = self.renderings.get(lang)
        return r.preferred if r else None


@dataclass
class Glossary:
    """Entries in file order, with their source language; ids are unique."""

    src_lang: str = "ru"
    entries: list[Entry] = field(default_factory=list)
    origin: str = ""

    def by_id(self) -> dict[str, Entry]:
        """Entries keyed by id."""
        return {e.id: e for e in self.entries}

    def target_langs(self) -> list[str]:
        """Every target language that has a rendering, in first-seen order."""
        seen: dict[str, None] = {}
        for e in self.entries:
            for lang in e.renderings:
                seen.setdefault(lang, None)
        return list(seen)

    def add(self, entry: Entry) -> Entry:
        """Append an entry; a duplicate id is an input error."""
        if any(e.id == entry.id for e in self.entries):
            raise InputError(f"duplicate entry id {entry.id!r}", self.origin or None)
        self.entries.append(entry)
        return entry


def slug(text: str) -> str:
    """Lowercase ASCII letters, digits and hyphens from a Latin term ("Trotsky" -> "trotsky")."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text.lower())).strip("-")


def make_id(text: str, taken: set[str]) -> str:
    """A readable, XML-safe entry id from a Latin term, made unique within `taken`."""
    base = slug(text) or _ID_UNSAFE.sub("-", text.lower()).strip("-") or "entry"
    if not base[0].isalpha():
        base = "e" + base
    return unique_id(base, taken, "-")
