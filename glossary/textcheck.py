"""Check a text on its own against a glossary: a translation (often a machine translation)
without its source.

Every glossary name or term the text spells is judged: the preferred rendering is fine; any
other spelling (admitted, deprecated, another scheme's, a one-letter typo) is a `variant`.
Where the glossary has no rendering of the entry in the text's language, a spelling other
than the one the text uses most is `inconsistent` (glossary.check.usual_spellings).
A capitalized word the glossary does not explain is a `suspect` of the entry it resembles
(normalized edit distance to the entry's spellings, folded to ASCII and as Latin keys, the
first letter kept) when the document's own evidence points that way and nothing says it is a
word of its own:
- strong: the same text also spells that entry elsewhere, and the word is a near miss of it
  (the machine translation's "Yerev" and "Yernov" a few paragraphs from "Yezhov");
- weak: the text never spells the entry, and the word is a closer miss;
- never: a word the lexicon knows (Yerevan, Kiev), one the text also writes in lower case (a
  common word), one it uses `REPEATED` times or more (a name of its own), one derived from a
  glossary spelling (Trotskyite, Zinovievite), acronyms and words under four letters.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Sequence

from rapidfuzz.distance import Levenshtein

from corpora.languages import same_language

from glossary.check import how_matched, usual_spellings
from glossary.keys import latin_key
from glossary.lexicon import Lexicon, NoLexicon
from glossary.match import PROPER, Found, Matcher, fold
from glossary.model import Renderings
from glossary.phrases import is_phrase
from glossary.schemes import is_cyrillic
from glossary.words import APOSTROPHES, TOKEN, norm, stems

STRONG_MIN = 0.5  # similarity a near miss needs when the text spells the entry elsewhere
WEAK_MIN = 0.7  # similarity a near miss needs when it does not
REPEATED = 3  # a word used this often is a name of its own, not a slip
MIN_LETTERS = 4
_DERIVED = ("ism", "ist", "ite", "ites", "ists", "izm", "isme", "iste", "ismus", "sk", "grad")


@dataclass(frozen=True)
class TextFinding:
    """One finding in a text: where (sentence id, line), the entry, what the text has."""

    sentence_id: str
    line: int | None
    entry_id: str
    source_term: str
    preferred: str
    text_has: str
    kind: str  # variant, inconsistent or suspect
    how: str  # variants: how the word matched; suspects: similarity; inconsistent: usual:<spelling> (where)
    strength: str = ""  # suspects: strong (the text spells the entry elsewhere) or weak
    seen: str = ""  # strong suspects: how and where else the text spells the entry ("Yezhov (line 9)")
    sentence: str = ""

    def as_dict(self) -> dict[str, object]:
        """A plain dictionary for JSON output."""
        return asdict(self)


@dataclass
class _Sentence:
    sid: str
    line: int | None
    text: str
    found: list[Found] = field(default_factory=list)


def _where(s: _Sentence) -> str:
    return f"line {s.line}" if s.line is not None else s.sid


def _seen(places: list[tuple[_Sentence, str]], here: _Sentence, most: int = 3) -> str:
    """How and where the text spells an entry, other sentences first: "Yezhov (line 9, line 30)"."""
    others = [(s, form) for s, form in places if s is not here] or places
    by_form: dict[str, list[str]] = {}
    for s, form in others:
        by_form.setdefault(form, [])
        if _where(s) not in by_form[form]:
            by_form[form].append(_where(s))
    return "; ".join(f"{form} ({', '.join(w[:most])}{', ...' if len(w) > most else ''})" for form, w in by_form.items())


class _NearMisses:
    """The names a word may be a near miss of: each glossary name's spellings in this text
    (strong evidence) and its renderings in the language (weak), folded and as Latin keys,
    bucketed by their first two letters."""

    def __init__(self, cyrillic: bool) -> None:
        self.cyrillic = cyrillic
        self._buckets: dict[str, list[tuple[str, str, bool]]] = {}
        self._prefixes: set[str] = set()

    def forms(self, word: str) -> tuple[str, ...]:
        """A word folded (Latin: ASCII letters; Cyrillic: casefolded) and as its Latin key."""
        folded = norm(word) if self.cyrillic else fold(word)
        return tuple(dict.fromkeys((folded, latin_key(word))))

    def add(self, spelling: str, entry_id: str, in_text: bool) -> None:
        """Index one spelling of an entry (`in_text`: the text itself spells the entry so)."""
        for form in self.forms(spelling):
            if len(form) >= MIN_LETTERS:
                self._buckets.setdefault(form[:2], []).append((form, entry_id, in_text))
                self._prefixes.add(form)

    def derived(self, word: str) -> bool:
        """Whether a word extends a glossary spelling (Trotskyite, Zinovievite, Stalinist)."""
        folded = self.forms(word)[0]
        return folded.endswith(_DERIVED) or any(folded.startswith(p) and len(folded) > len(p) for p in self._prefixes)

    def best(self, word: str) -> tuple[str, float, bool]:
        """(entry id, similarity, strong?) of the name a word misses most nearly, or ("", 0, False).

        Similarity is the normalized edit distance; the first two letters must agree and the
        lengths differ by two at most. A miss of a spelling the text uses counts from
        STRONG_MIN, of a rendering the text never uses from WEAK_MIN."""
        best: tuple[str, float, bool] = ("", 0.0, False)
        for query in self.forms(word):
            for form, entry_id, in_text in self._buckets.get(query[:2], ()):
                if abs(len(form) - len(query)) > 2:
                    continue
                score = Levenshtein.normalized_similarity(query, form)
                if score >= (STRONG_MIN if in_text else WEAK_MIN) and (score, in_text) > best[1:]:
                    best = (entry_id, score, in_text)
        return best


def _near_misses(matcher: Matcher, lang: str, cyrillic: bool, sents: list[_Sentence]) -> _NearMisses:
    """Every name's spellings as this text writes them (non-fuzzy matches) and its renderings in
    `lang` (for the source language: the source form and its Cyrillic renderings)."""
    misses = _NearMisses(cyrillic)
    for s in sents:
        for f in s.found:
            entry = matcher.entries[f.match.entry_id]
            if entry.kind in PROPER and not f.match.how.startswith("fuzzy") and not is_phrase(f.match.form):
                misses.add(f.match.form, entry.id, True)
    for entry in matcher.glossary.entries:
        if entry.kind not in PROPER:
            continue
        own = [entry.source] if same_language(lang, matcher.glossary.src_lang) else []
        for term in own + [t for t, _ in (entry.renderings_in(lang) or Renderings()).terms()]:
            if is_cyrillic(term) == cyrillic and not is_phrase(term):
                misses.add(term, entry.id, False)
    return misses


def _known(lexicon: Lexicon, word: str, lang: str, source_lang: str | None) -> bool:
    """Whether the word, or its base without a plural or possessive ending, is a word of the
    text's language, or (`source_lang`) a romanized word of the glossary's source language."""
    return any(lexicon.known(w, lang) or (source_lang is not None and lexicon.known_romanized(w, source_lang))
               for w in stems(word))


def _base(word: str) -> str:
    """A word without what follows an apostrophe (Yerev's, Yerev'in)."""
    for ch in APOSTROPHES:
        word = word.split(ch, 1)[0]
    return word


def check_text(matcher: Matcher, sentences: Sequence[tuple[str, str]], lang: str,
               lexicon: Lexicon | None = None, lines: Sequence[int | None] | None = None) -> list[TextFinding]:
    """Findings for a text in `lang` given as (sentence id, text) pairs, in text order.

    `lines` gives each sentence's line in the input, for the findings' context.
    """
    sents = [_Sentence(sid, lines[k] if lines else None, text, matcher.find(text))
             for k, (sid, text) in enumerate(sentences)]
    found = _variants(matcher, sents, lang) + _suspects(matcher, sents, lang, lexicon or NoLexicon())
    return [f for _, _, f in sorted(found, key=lambda item: item[:2])]


def _variants(matcher: Matcher, sents: list[_Sentence], lang: str) -> list[tuple[int, int, TextFinding]]:
    """Names and terms the text spells otherwise than the glossary prefers, or than it usually
    does where the glossary renders nothing in `lang` (none in the source language, where every
    case form of the source is right)."""
    out: list[tuple[int, int, TextFinding]] = []
    if same_language(lang, matcher.glossary.src_lang):
        return out
    usual = usual_spellings(matcher, [(_where(s), s.found) for s in sents], lang)
    for k, s in enumerate(sents):
        for f in s.found:
            if matcher.cited_case_form(f.match, lang):  # Prestupleniia Stalina: Stalin cited in Russian
                continue
            entry = matcher.entries[f.match.entry_id]
            preferred = entry.preferred(lang)
            u = usual.get(entry.id)
            if not preferred and u is not None and norm(f.match.form) != norm(u.spelling):
                out.append((k, f.start, TextFinding(s.sid, s.line, entry.id, entry.source, u.spelling, f.match.form,
                                                    "inconsistent", u.evidence(), sentence=s.text)))
            elif preferred and not matcher.spells_preferred(f.match, lang):
                how = how_matched(f.match, lang)
                out.append((k, f.start, TextFinding(s.sid, s.line, entry.id, entry.source, preferred, f.match.form,
                                                    "variant", how, sentence=s.text)))
    return out


def _suspects(matcher: Matcher, sents: list[_Sentence], lang: str,
              lexicon: Lexicon) -> list[tuple[int, int, TextFinding]]:
    """Capitalized words no entry explains that are near misses of a glossary name and, as far
    as the text and the lexicon tell, no words of their own."""
    glossary = matcher.glossary
    source_side = same_language(lang, glossary.src_lang)
    cyrillic = source_side and is_cyrillic(next((e.source for e in glossary.entries), ""))
    spelled: dict[str, list[tuple[_Sentence, str]]] = {}
    for s in sents:
        for f in s.found:
            if not f.match.how.startswith("fuzzy"):
                spelled.setdefault(f.match.entry_id, []).append((s, f.match.form))
    misses = _near_misses(matcher, lang, cyrillic, sents)
    words = [(k, m, _base(m.group())) for k, s in enumerate(sents) for m in TOKEN.finditer(s.text)]
    uses = Counter(word for _, _, word in words)
    lower = {norm(word) for _, _, word in words if word[:1].islower()}
    out = []
    for k, m, word in words:
        s = sents[k]
        if (len(word) < MIN_LETTERS or not word[:1].isupper() or word.isupper() or not word.isalpha()
                or is_cyrillic(word) != cyrillic or uses[word] >= REPEATED or norm(word) in lower
                or any(f.start < m.end() and m.start() < f.end for f in s.found) or misses.derived(word)):
            continue
        entry_id, score, strong = misses.best(word)
        if not entry_id or _known(lexicon, word, lang, None if source_side else glossary.src_lang):
            continue
        entry = matcher.entries[entry_id]
        preferred = entry.source if source_side else entry.preferred(lang) or ""
        out.append((k, m.start(), TextFinding(s.sid, s.line, entry_id, entry.source, preferred, word, "suspect",
                                              f"similarity:{round(score * 100)}", "strong" if strong else "weak",
                                              _seen(spelled[entry_id], s) if strong else "", s.text)))
    return out
