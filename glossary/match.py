"""Recognize a word as a spelling of a glossary entry, whatever scheme or language made it.

Exact first: every entry's renderings ("alias"), its Cyrillic source form and Russian inflected
forms, and their spellings in every romanization scheme are indexed by their casefolded
spelling, by `latin_key` (so "Yezhov", "Ежов", "Ežov", "Jeschow" all land on one entry) and by
the looser `loose_key` (Trotskij meets Trockij and Trotsky, Čajkovskii meets Tchaikovsky).
A word is tried whole and with English possessives, Turkish case suffixes after an apostrophe,
French elisions and German/English endings removed; a word that only shares a spelling's key
(Ezhow, Jeshow) says so (`key:Yezhov`). Only then fuzzy: the word's key against
the indexed keys with a small edit distance (Damerau-style, so "Tukachevsky" and "Bukahrin"
match); words under six letters get no fuzzy match and words under eight only a substitution
or a transposition, which keeps "Yerevan", "Bukhara" and "stallion" out; a known spelling
with letters appended is a derived word (Trotskyism, Molotovsk), not a typo. Spellings of
several words ("People's Commissar for Internal Affairs") are matched in running text by
`glossary.phrases`, before the words one by one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterator

from rapidfuzz import process
from rapidfuzz.distance import OSA

from corpora.languages import language

from glossary.keys import ascii_fold, latin_key, loose_key
from glossary.model import Entry, Glossary
from glossary.russian import inflections
from glossary.schemes import LANG_SCHEMES, SCHEMES, is_cyrillic, romanize
from glossary.phrases import PhraseIndex, is_phrase
from glossary.words import APOSTROPHES, TOKEN, stems

__all__ = ["PROPER", "TOKEN", "Found", "Match", "Matcher", "fold", "stems"]

log = logging.getLogger("bitext")

PROPER = ("person", "org", "place")
# Endings that make a new word from a name (Trotskyism, Stalinist): never a typo of the name.
_DERIVED = ("ism", "ist", "ite", "ian", "izm", "isme", "iste", "ismus", "sk", "grad")


_ONE_APOSTROPHE = str.maketrans({ch: "'" for ch in APOSTROPHES})


def surface(word: str) -> str:
    """How a spelling is compared exactly: casefolded, any apostrophe as ' (Zinov’ev = Zinov'ev)."""
    return word.casefold().translate(_ONE_APOSTROPHE)


def fold(word: str) -> str:
    """Lowercase ASCII letters of a word (diacritics removed, ı as i), for typo matching."""
    return "".join(c for c in ascii_fold(word.casefold()) if c.isalpha())


def _plausible_typo(query: str, choice: str) -> bool:
    """Whether one edit between a word and a known spelling looks like a typo: the first letter
    agrees, short words (< 8) only substitute or swap letters, and the word neither extends
    the spelling (Molotovsk) nor ends in a derivational suffix the spelling lacks (Trotskyism)."""
    if query[0] != choice[0] or query.startswith(choice):
        return False
    if len(query) < 8 and len(query) != len(choice):
        return False
    return not any(query.endswith(d) and not choice.endswith(d) for d in _DERIVED)


@dataclass(frozen=True)
class Match:
    """How a word matched an entry: `how` is exact:<scheme>, alias, key:<spelling> (the Latin
    key of that glossary or scheme spelling) or fuzzy:<score>."""

    entry_id: str
    how: str
    form: str  # the part of the word that matched (the word without its ending)
    status: str = ""  # for alias matches: preferred, admitted or deprecated
    lang: str = ""  # for alias matches: the language of the rendering
    spelling: str = ""  # the glossary spelling the text shows up to case and endings ("" for key or fuzzy matches)
    also: tuple[str, ...] = ()  # other entries the same spelling (or key) names: "GPU" for ГПУ and ОГПУ

    def entry_ids(self) -> tuple[str, ...]:
        """Every entry the word may name: its own first, then those sharing its spelling."""
        return (self.entry_id, *self.also)

    def spells(self, term: str | None) -> bool:
        """Whether the text shows this glossary term (up to case, endings, inflection)."""
        return term is not None and term != "" and surface(term) in (surface(self.form), surface(self.spelling))


@dataclass(frozen=True)
class Found:
    """A match in running text: character offsets of the whole word (or words, for a phrase)
    and the match."""

    start: int
    end: int
    word: str
    match: Match


class Matcher:
    """Look words up in a glossary: exact spellings first, then fuzzy keys."""

    def __init__(self, glossary: Glossary, schemes: tuple[str, ...] | None = None) -> None:
        self.glossary = glossary
        self.entries: dict[str, Entry] = glossary.by_id()
        self.schemes = tuple(SCHEMES) if schemes is None else schemes
        self._surface: dict[str, Match] = {}
        self._keys: dict[str, Match] = {}
        self._loose: dict[str, Match] = {}  # by loose_key: Trotskij meets Trockij, Čajkovskij Chaikovskii
        self._fuzzy: dict[str, str] = {}  # key of an uninflected form -> entry id
        self._phrases: PhraseIndex[Match] = PhraseIndex()
        self._named: dict[tuple[str, str], list[str]] = {}  # ("s", spelling) / ("k", key) / ("l", loose key) -> entry ids
        self._plain: dict[str, list[str]] = {}  # spelling -> entries it is a name (not a case form) of
        self._cases: dict[str, set[str]] = {}  # romanized Russian case form (Stalina, GULAGe) -> entry ids
        spelled = [(entry, list(self.spellings(entry))) for entry in glossary.entries]
        for inflected in (False, True):  # every entry's own names before any case form (Ежова, Ежов's wife)
            for entry, spellings in spelled:
                self._index(entry, spellings, inflected)
        self._share()
        # Lowercase words are only compared with terms' spellings (names need a capital).
        self._fuzzy_all = list(self._fuzzy)
        self._fuzzy_terms = [k for k, eid in self._fuzzy.items() if self.entries[eid].kind not in PROPER]
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)

    def spellings(self, entry: Entry) -> Iterator[tuple[str, Match, bool]]:
        """(spelling, match, inflected?) for every form an entry is known by, best first."""
        for lang, r in entry.renderings.items():
            for term, status in r.terms():
                yield term, Match(entry.id, "alias", term, status, lang, term), False
                if is_cyrillic(term):  # a Cyrillic rendering declines like the source
                    for form in inflections(term):
                        yield form, Match(entry.id, "alias", form, status, lang, term), True
        forms = [entry.source] + inflections(entry.source) if is_cyrillic(entry.source) else [entry.source]
        for k, form in enumerate(forms):
            yield form, Match(entry.id, "exact:source", form, spelling=entry.source), k > 0
        if is_cyrillic(entry.source):  # every scheme's nominative before any case form (Kalinine: fr)
            for k, form in enumerate(forms):
                for scheme in self.schemes:
                    spelled = romanize(form, scheme)
                    yield spelled, Match(entry.id, f"exact:{scheme}", spelled, spelling=spelled), k > 0

    def _index(self, entry: Entry, spellings: list[tuple[str, Match, bool]], case_forms: bool) -> None:
        """Index an entry's spellings: its names, or (`case_forms`) their case forms."""
        seen: set[str] = set()  # schemes agree on most spellings: the first match of each counts
        for spelling, match, inflected in spellings:
            if inflected != case_forms or spelling in seen:
                continue
            seen.add(spelling)
            if is_phrase(spelling):
                if not inflected:  # phrases decline word by word (glossary/phrases.py)
                    self._phrases.add(spelling, match)
                continue
            exact = surface(spelling)
            if inflected and match.how.startswith("exact:") and not is_cyrillic(spelling):
                self._cases.setdefault(exact, set()).add(entry.id)
            self._surface.setdefault(exact, match)
            key, loose = latin_key(spelling), loose_key(spelling)
            if len(key) >= 2:
                self._keys.setdefault(key, match)
            if len(loose) >= 4:
                self._loose.setdefault(loose, match)
            for ids in (self._named.setdefault(("s", exact), []), self._named.setdefault(("k", key), []),
                        self._named.setdefault(("l", loose), []),
                        *([] if inflected else [self._plain.setdefault(exact, [])])):
                if entry.id not in ids:
                    ids.append(entry.id)
            if not inflected and not is_cyrillic(spelling):
                for form in (key, fold(spelling)):
                    if len(form) >= 6:
                        self._fuzzy.setdefault(form, entry.id)

    def _share(self) -> None:
        """Mark spellings and keys several entries share (each match names the others in
        `also`), and warn once per rendering of one entry that is another's name too (not
        merely one of its case forms)."""
        index = {"s": self._surface, "k": self._keys, "l": self._loose}
        for (where, form), ids in self._named.items():
            if len(ids) > 1 and form in index[where]:
                match = index[where][form]
                index[where][form] = replace(match, also=tuple(i for i in ids if i != match.entry_id))
        warned: set[str] = set()
        for entry in self.glossary.entries:
            for r in entry.renderings.values():
                for term, _ in r.terms():
                    ids = self._plain.get(surface(term), [])
                    if len(ids) > 1 and surface(term) not in warned and not is_phrase(term):
                        warned.add(surface(term))
                        log.warning("%s: %s renders more than one entry (%s); a text's %s counts as either",
                                    self.glossary.origin or "glossary", term, ", ".join(ids), term)

    def spells_preferred(self, match: Match, lang: str) -> bool:
        """Whether a word spells the preferred rendering in `lang` of an entry it may name (a
        spelling two entries share is right where it is one's preferred: GPU for ГПУ)."""
        return any(match.spells(self.entries[i].preferred(lang)) for i in match.entry_ids())

    def cited_case_form(self, match: Match, lang: str) -> bool:
        """Whether a Latin word is a romanized Russian case form of the entry it matched (a title
        cited in transliteration: Prestupleniia Stalina, Soprotivlenie v GULAGe, O Staline) and
        not the entry's nominative as a `lang` text spells it (Staline in French): the name
        correctly cited, not a variant a translator could correct."""
        spelled = surface(match.form)
        if match.how == "alias" or match.entry_id not in self._cases.get(spelled, ()):
            return False
        source = self.entries[match.entry_id].source
        return all(surface(romanize(source, s)) != spelled for s in LANG_SCHEMES.get(language(lang), ()))

    def _lookup(self, word: str) -> Match | None:
        candidates = stems(word)
        for stem in candidates:
            hit = self._surface.get(surface(stem))
            if hit is not None:
                return replace(hit, form=stem)
            hit = self._keys.get(latin_key(stem)) or self._loose.get(loose_key(stem))
            if hit is not None:  # not the spelling itself: say whose key it shares (Ezhow: key:Yezhov)
                return replace(hit, how=f"key:{hit.spelling or hit.form}", form=stem, spelling="")
        return self._fuzzy_lookup(candidates)

    def _fuzzy_lookup(self, candidates: list[str]) -> Match | None:
        """One edit (substitution, insertion, deletion, transposition) on the key or the folded
        spelling, the first letter kept; capitalized words only for names."""
        best: tuple[float, str, str] | None = None
        for stem in candidates:
            if is_cyrillic(stem):
                continue
            for query in dict.fromkeys((latin_key(stem), fold(stem))):
                if len(query) < 6:
                    continue
                choices = self._fuzzy_all if stem[:1].isupper() else self._fuzzy_terms
                hit = process.extractOne(query, choices, scorer=OSA.distance, score_cutoff=1)
                if hit is None or not _plausible_typo(query, hit[0]):
                    continue
                choice = hit[0]
                entry = self.entries[self._fuzzy[choice]]
                if entry.kind in PROPER and not stem[:1].isupper():
                    continue
                score = 1 - hit[1] / max(len(query), len(choice))
                if best is None or score > best[0]:
                    best = (score, choice, stem)
        if best is None:
            return None
        score, choice, stem = best
        return Match(self._fuzzy[choice], f"fuzzy:{round(score * 100)}", stem)

    def find(self, text: str) -> list[Found]:
        """Every word or phrase of a text that matches an entry, in order (the longest phrase
        first; a word inside a phrase is not looked up on its own)."""
        tokens = list(TOKEN.finditer(text))
        out = []
        i = 0
        while i < len(tokens):
            phrase = self._phrases.match_at(text, tokens, i) if self._phrases else None
            if phrase is not None:
                match = replace(phrase.value, form=text[phrase.start:phrase.base_end])
                out.append(Found(phrase.start, phrase.end, text[phrase.start:phrase.end], match))
                i = phrase.last + 1
                continue
            m = tokens[i]
            hit = self.lookup(m.group())
            if hit is not None:
                out.append(Found(m.start(), m.end(), m.group(), hit))
            i += 1
        return out

    def lookup_text(self, text: str) -> Match | None:
        """The entry a word or a whole phrase ("Central Committee's") spells, if any."""
        if not is_phrase(text):
            return self.lookup(text.strip())
        found = self.find(text)
        whole = len(found) == 1 and not text[:found[0].start].strip() and not text[found[0].end:].strip()
        return found[0].match if whole else None

    def keys_of(self, entry_id: str) -> list[str]:
        """The Latin keys and lowercase spellings an entry is known by (for similarity checks)."""
        entry = self.entries[entry_id]
        seen: dict[str, None] = {}
        for spelling, _, inflected in self.spellings(entry):
            if not inflected and not is_cyrillic(spelling) and not is_phrase(spelling):
                seen.setdefault(spelling.casefold(), None)
                seen.setdefault(latin_key(spelling), None)
        return list(seen)
