"""Check an alignment against a glossary, link by link.

For every entry found in a link's source sentences, the target sentences should hold its
preferred rendering. A finding says what they hold instead:
- `variant`: another spelling of the entry (admitted, deprecated, another scheme, a typo);
- `suspect`: no spelling of the entry, but a capitalized word no other entry explains that
  resembles it (the machine translation's "Yerev" for Ежов) — the best such candidate;
- `missing`: nothing in the target resembles it (where the glossary has no rendering of the
  entry in the target's language, a word that resembles it is taken for its rendering);
- `inconsistent`: where the glossary has no rendering of the entry in the target's language
  (or none at all in it), a spelling other than the one the translation uses most (first on
  ties): "Jeshow" in one link, "Jeschow" in two others.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Sequence

from rapidfuzz import fuzz

from corpora.model import Bitext, link_ids
from corpora.languages import same_language

from glossary.keys import latin_key
from glossary.match import PROPER, TOKEN, Found, Match, Matcher, stems
from glossary.model import Glossary
from glossary.phrases import is_phrase
from glossary.schemes import is_cyrillic
from glossary.words import norm

log = logging.getLogger("bitext")

KINDS = ("variant", "missing", "suspect", "inconsistent")
SUSPECT_MIN = 50.0  # similarity (0-100) a candidate needs to be a suspect rather than nothing


@dataclass(frozen=True)
class Finding:
    """One problem in one link: the entry, what the glossary prefers, what the target has."""

    link_id: str
    entry_id: str
    source_term: str  # the entry's canonical source form
    source_form: str  # the form in the source sentence (e.g. an inflected Ежова)
    preferred: str
    target_has: str  # "" when missing
    kind: str
    how: str = ""  # variants: how the target word matched; suspects: similarity; inconsistent: usual:<spelling> (where)

    def as_dict(self) -> dict[str, str]:
        """A plain dictionary for JSON output."""
        return asdict(self)


def how_matched(match: Match, lang: str) -> str:
    """A variant's evidence: how its word matched, an alias with its status and, when the
    rendering is another language's, that language (alias:admitted, alias:preferred (tr))."""
    if match.how != "alias":
        return match.how
    return f"alias:{match.status}" + (f" ({match.lang})" if not same_language(match.lang, lang) else "")


def similarity(word: str, known: list[str]) -> float:
    """How much a word resembles any of an entry's spellings or keys (0-100)."""
    forms = {word.casefold(), latin_key(word)}
    return max((fuzz.ratio(f, k) for f in forms for k in known), default=0.0)


def _suspect(matcher: Matcher, entry_id: str, tgt_text: str, explained: set[tuple[int, int]]) -> tuple[str, float]:
    """The target word most like the entry among capitalized words no entry explains."""
    entry = matcher.entries[entry_id]
    known = matcher.keys_of(entry_id)
    best, score = "", 0.0
    for m in TOKEN.finditer(tgt_text):
        if m.span() in explained or is_cyrillic(m.group()):
            continue
        word = stems(m.group())[-1] if "'" in m.group() or "’" in m.group() else m.group()
        if entry.kind in PROPER and not word[:1].isupper():
            continue
        s = similarity(word, known)
        if s > score:
            best, score = word, s
    return (best, score) if score >= SUSPECT_MIN else ("", score)


@dataclass(frozen=True)
class Usual:
    """The spelling a text gives an entry most often (first on ties), and where (place ids)."""

    spelling: str
    places: tuple[str, ...]

    def evidence(self, most: int = 3) -> str:
        """`usual:Jeschow (l1, l3)`, at most `most` places named."""
        more = ", ..." if len(self.places) > most else ""
        return f"usual:{self.spelling} ({', '.join(self.places[:most])}{more})"


def usual_spellings(matcher: Matcher, places: Sequence[tuple[str, Sequence[Found]]], lang: str) -> dict[str, Usual]:
    """For each entry with no preferred rendering in `lang` that a text spells two ways or
    more (up to case and diacritics), its usual spelling; `places` are (place id, names found
    there), in text order."""
    by_entry: dict[str, dict[str, tuple[str, list[str]]]] = {}
    for where, found in places:
        for f in found:
            if matcher.entries[f.match.entry_id].preferred(lang) or matcher.cited_case_form(f.match, lang):
                continue
            spelled = by_entry.setdefault(f.match.entry_id, {}).setdefault(norm(f.match.form), (f.match.form, []))
            if where not in spelled[1]:
                spelled[1].append(where)
    return {eid: Usual(spelling, tuple(where)) for eid, forms in by_entry.items() if len(forms) > 1
            for spelling, where in [max(forms.values(), key=lambda v: len(v[1]))]}


def check_link(matcher: Matcher, link_id: str, src_text: str, tgt_text: str, tgt_lang: str,
               usual: dict[str, Usual] | None = None, names_only: bool = False) -> list[Finding]:
    """Findings for one aligned pair of texts (the sentences of each side joined). `usual`:
    the target's usual spellings of entries the glossary does not render in its language;
    `names_only`: only those are checked (a language the glossary has no renderings in)."""
    src_found: dict[str, Found] = {}
    for f in matcher.find(src_text):
        src_found.setdefault(f.match.entry_id, f)
    tgt_found = matcher.find(tgt_text)
    explained = {(f.start, f.end) for f in tgt_found}
    findings = []
    for entry_id, sf in src_found.items():
        entry = matcher.entries[entry_id]
        same_lang = same_language(tgt_lang, matcher.glossary.src_lang)  # inflected source forms are not variants
        preferred = entry.source if same_lang else entry.preferred(tgt_lang) or ""
        mine = [f for f in tgt_found if entry_id in f.match.entry_ids()]
        spelled = [f for f in mine if not matcher.cited_case_form(f.match, tgt_lang)]  # not Prestupleniia Stalina
        if mine and not spelled:  # only cited in Russian: nothing a translator could correct
            continue
        mine = spelled
        if mine:
            if preferred and not same_lang and not any(f.match.spells(preferred) for f in mine):
                f = mine[0]
                findings.append(Finding(link_id, entry_id, entry.source, sf.match.form, preferred,
                                        f.match.form, "variant", how_matched(f.match, tgt_lang)))
            elif not preferred and not same_lang and entry_id in (usual or {}):
                u = (usual or {})[entry_id]
                other = next((f for f in mine if norm(f.match.form) != norm(u.spelling)), None)
                if other is not None:
                    findings.append(Finding(link_id, entry_id, entry.source, sf.match.form, u.spelling,
                                            other.match.form, "inconsistent", u.evidence()))
            continue
        if names_only:
            continue
        word, score = ("", 0.0) if is_phrase(preferred) else _suspect(matcher, entry_id, tgt_text, explained)
        if word and not preferred:  # no rendering in this language: the word like it is the likeliest one
            continue
        kind = "suspect" if word else "missing"
        findings.append(Finding(link_id, entry_id, entry.source, sf.match.form, preferred, word, kind,
                                f"similarity:{round(score)}" if word else ""))
    return findings


def renderings_notice(glossary: Glossary, lang: str) -> str | None:
    """One line saying the glossary renders nothing in `lang` (None when it does, or when
    `lang` is its source language): names are then not checked, rather than each reported."""
    if same_language(lang, glossary.src_lang) or any(same_language(lang, t) for t in glossary.target_langs()):
        return None
    has = ", ".join(t for t in glossary.target_langs() if not same_language(t, glossary.src_lang)) or "none"
    return f"the glossary has no renderings in {lang} (it has: {has}); names were checked against each other only"


def glossary_findings(path: str | None, bitext: Bitext) -> list[Finding]:
    """The findings of an aligned bitext against a glossary file (None: the starter glossary),
    its untagged rows read in the target's language (glossary.io.load_matcher): the one check
    that `align --check`, `glossary check` and `review --glossary` all make."""
    from glossary.io import load_matcher

    return check_bitext(load_matcher(path, bitext.target.lang), bitext)


def check_bitext(matcher: Matcher, bitext: Bitext) -> list[Finding]:
    """Findings for every link of a bitext, in link order (when the glossary has no renderings
    in the target language: one warning, and only names the target spells two ways)."""
    lang = bitext.target.lang
    notice = renderings_notice(matcher.glossary, lang)
    if notice:
        log.warning("%s", notice)
    pairs = [(lid, " ".join(src), " ".join(tgt)) for lid, (link, src, tgt) in zip(link_ids(bitext.links),
                                                                               bitext.iter_pairs()) if src and tgt]
    usual = usual_spellings(matcher, [(lid, matcher.find(tgt)) for lid, _, tgt in pairs], lang)
    findings: list[Finding] = []
    for lid, src, tgt in pairs:
        findings += check_link(matcher, lid, src, tgt, lang, usual, names_only=bool(notice))
    return findings
