"""Check an alignment against a glossary, link by link.

For every entry found in a link's source sentences, the target sentences should hold its
preferred rendering. A finding says what they hold instead:
- `variant`: another spelling of the entry (admitted, deprecated, another scheme, a typo);
- `suspect`: no spelling of the entry, but a capitalized word no other entry explains that
  resembles it (the machine translation's "Yerev" for Ежов) — the best such candidate;
- `missing`: nothing in the target resembles it.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass

from rapidfuzz import fuzz

from corpora.model import Bitext, link_ids

from glossary.keys import latin_key
from glossary.match import PROPER, TOKEN, Found, Matcher, stems
from glossary.model import Glossary
from glossary.phrases import is_phrase
from glossary.schemes import is_cyrillic

log = logging.getLogger("bitext")

KINDS = ("variant", "missing", "suspect")
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
    how: str = ""  # for variants: how the target word matched; for suspects: similarity

    def as_dict(self) -> dict[str, str]:
        """A plain dictionary for JSON output."""
        return asdict(self)


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


def check_link(matcher: Matcher, link_id: str, src_text: str, tgt_text: str, tgt_lang: str) -> list[Finding]:
    """Findings for one aligned pair of texts (the sentences of each side joined)."""
    src_found: dict[str, Found] = {}
    for f in matcher.find(src_text):
        src_found.setdefault(f.match.entry_id, f)
    tgt_found = matcher.find(tgt_text)
    explained = {(f.start, f.end) for f in tgt_found}
    findings = []
    for entry_id, sf in src_found.items():
        entry = matcher.entries[entry_id]
        same_lang = tgt_lang == matcher.glossary.src_lang  # inflected source forms are not variants
        preferred = entry.source if same_lang else entry.preferred(tgt_lang) or ""
        mine = [f for f in tgt_found if entry_id in f.match.entry_ids()]
        if mine:
            if preferred and not same_lang and not any(f.match.spells(preferred) for f in mine):
                f = mine[0]
                findings.append(Finding(link_id, entry_id, entry.source, sf.match.form, preferred,
                                        f.match.form, "variant", f.match.how))
            continue
        word, score = ("", 0.0) if is_phrase(preferred) else _suspect(matcher, entry_id, tgt_text, explained)
        kind = "suspect" if word else "missing"
        findings.append(Finding(link_id, entry_id, entry.source, sf.match.form, preferred, word, kind,
                                f"similarity:{round(score)}" if word else ""))
    return findings


def renderings_notice(glossary: Glossary, lang: str) -> str | None:
    """One line saying the glossary renders nothing in `lang` (None when it does, or when
    `lang` is its source language): names are then not checked, rather than each reported."""
    if lang == glossary.src_lang or lang in glossary.target_langs():
        return None
    has = ", ".join(t for t in glossary.target_langs() if t != glossary.src_lang) or "none"
    return f"the glossary has no renderings in {lang} (it has: {has}); names were not checked"


def glossary_findings(path: str | None, bitext: Bitext) -> list[Finding]:
    """The findings of an aligned bitext against a glossary file (None: the starter glossary),
    its untagged rows read in the target's language (glossary.io.load_matcher): the one check
    that `align --check`, `glossary check` and `review --glossary` all make."""
    from glossary.io import load_matcher

    return check_bitext(load_matcher(path, bitext.target.lang), bitext)


def check_bitext(matcher: Matcher, bitext: Bitext) -> list[Finding]:
    """Findings for every link of a bitext, in link order (none, and one warning, when the
    glossary has no renderings in the target language)."""
    notice = renderings_notice(matcher.glossary, bitext.target.lang)
    if notice:
        log.warning("%s", notice)
        return []
    findings: list[Finding] = []
    for lid, (link, src, tgt) in zip(link_ids(bitext.links), bitext.iter_pairs()):
        if src and tgt:
            findings += check_link(matcher, lid, " ".join(src), " ".join(tgt), bitext.target.lang)
    return findings
