"""Review flags: reasons to doubt a link, each with a short human-readable explanation.

Flag kinds (the TEI writes them as categories `flag.<kind>`, see tei/flags_markup.py):

- `low-score`: the score is an outlier below this document's own score distribution (under
  Tukey's lower fence over the links with text on both sides, and under half their median), so
  a scorer whose scores are all low does not flag everything; or under `tie` (0.15), since a
  link score is the margin over the best rival alignment and near 0 means a near tie;
- `omission`: a 1-0 or 0-1 link, a sentence with no counterpart;
- `unusual-bead`: more sentences than a 1-2/2-1 bead on the two sides together (2-2, 1-3, ...);
- `number`: a number, date or year on one side missing on the other ("1937 in the source,
  1938 in the target"); "1938-56" counts as 1938 and 1956;
- `length-ratio`: the target/source length ratio is far from the document's typical ratio;
- `glossary`: a glossary finding for the link, passed in by the caller (glossary/ checks).

Links someone already reviewed (a `resp` other than the aligner's) are not flagged again.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from corpora.model import Bitext, Flag, Link, link_ids
from corpora.wording import counted

from align.scorers.numbers import stated_numbers as numbers

AUTOMATIC_RESP = {None, "", "bitext", "#bitext"}
AUTOMATIC_KINDS = ("low-score", "omission", "unusual-bead", "number", "length-ratio")


@dataclass(frozen=True)
class FlagSettings:
    """Thresholds; the defaults keep a clean translation quiet (see tests/test_flags.py)."""

    fence: float = 1.5          # Tukey multiplier of the score IQR for `low-score`
    low_share: float = 0.5      # ... and below this share of the median score
    length_z: float = 4.0       # robust z-score of the log length ratio for `length-ratio`
    length_factor: float = 1.8  # ... and at least this far from the typical ratio
    min_chars: int = 25         # both sides together, before a length ratio means anything
    min_links: int = 8          # fewer two-sided links: no distribution, no relative flags
    tie: float = 0.15           # below this score the aligner saw a rival almost as good


def number_reason(src_texts: Sequence[str], tgt_texts: Sequence[str]) -> str | None:
    """Why the numbers of the two sides disagree, or None when every number has its match."""
    src = set().union(*map(numbers, src_texts))
    tgt = set().union(*map(numbers, tgt_texts))
    only_s = sorted(_unmatched(src, tgt), key=_numeric)
    only_t = sorted(_unmatched(tgt, src), key=_numeric)
    if not only_s and not only_t:
        return None
    if only_s and only_t:
        return f"{', '.join(only_s)} in the source, {', '.join(only_t)} in the target"
    if only_s:
        return f"{', '.join(only_s)} in the source, not in the target"
    return f"{', '.join(only_t)} in the target, not in the source"


def _unmatched(mine: set[str], other: set[str]) -> set[str]:
    """Numbers of `mine` not in `other`; the short end of a range ("56" of "1938-56") counts as
    matched when its expansion ("1956") is matched."""
    left = mine - other
    return {n for n in left if not (len(n) <= 2 and any(m.endswith(n) and m in other for m in mine - left))}


def _numeric(n: str) -> tuple[float, str]:
    try:
        return float(n), n
    except ValueError:
        return 0.0, n


def _log_ratio(src_texts: Sequence[str], tgt_texts: Sequence[str]) -> float:
    return math.log((sum(map(len, tgt_texts)) + 1) / (sum(map(len, src_texts)) + 1))


def is_reviewed(link: Link) -> bool:
    """Whether a person made or confirmed the link (its `resp` is not the aligner's)."""
    return link.resp not in AUTOMATIC_RESP


def _score_fence(links: Sequence[Link], settings: FlagSettings) -> tuple[float, float] | None:
    scores = sorted(link.score for link in links if link.src and link.tgt)
    if len(scores) < settings.min_links:
        return None
    q1, _, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    return q1 - settings.fence * (q3 - q1), statistics.median(scores)


def _ratio_stats(pairs: Sequence[tuple[Link, list[str], list[str]]], settings: FlagSettings):
    ratios = [
        _log_ratio(s, t) for link, s, t in pairs
        if link.src and link.tgt and sum(map(len, s)) + sum(map(len, t)) >= settings.min_chars
    ]
    if len(ratios) < settings.min_links:
        return None
    med = statistics.median(ratios)
    mad = statistics.median(abs(r - med) for r in ratios) * 1.4826
    return med, max(mad, 0.05)


def link_flags(
    link: Link, src: list[str], tgt: list[str], fence: tuple[float, float] | None,
    ratio: tuple[float, float] | None, settings: FlagSettings,
) -> list[Flag]:
    """The automatic flags of one link, given the document's score fence and ratio statistics."""
    flags: list[Flag] = []
    a, b = len(link.src), len(link.tgt)
    if a == 0 or b == 0:
        side = "source" if a else "target"
        other = "target" if a else "source"
        n = max(a, b)
        what = f"this {side} sentence has" if n == 1 else f"these {n} {side} sentences have"
        flags.append(Flag("omission", f"{link.type}: {what} no counterpart in the {other}"))
        return flags
    if fence is not None and link.score < min(fence[0], settings.low_share * fence[1]):
        flags.append(Flag("low-score", f"score {link.score:.2f}, far below this document's typical "
                                       f"{fence[1]:.2f} (cut-off {min(fence[0], settings.low_share * fence[1]):.2f})"))
    elif link.score < settings.tie:
        flags.append(Flag("low-score", f"score {link.score:.2f}: another alignment of these sentences "
                                       "scored almost as well"))
    if a + b > 3:
        flags.append(Flag("unusual-bead", f"{link.type}: {counted(a, 'source sentence')} joined to "
                                          f"{counted(b, 'target sentence')}"))
    reason = number_reason(src, tgt)
    if reason:
        flags.append(Flag("number", reason))
    if ratio is not None and sum(map(len, src)) + sum(map(len, tgt)) >= settings.min_chars:
        r = _log_ratio(src, tgt)
        z = (r - ratio[0]) / ratio[1]
        if abs(z) > settings.length_z and abs(r - ratio[0]) > math.log(settings.length_factor):
            flags.append(Flag("length-ratio", f"target {math.exp(r):.1f}x the source length "
                                              f"(typical here {math.exp(ratio[0]):.1f}x)"))
    return flags


def flag_links(
    bitext: Bitext,
    extra: Mapping[int, Sequence[Flag]] | None = None,
    settings: FlagSettings = FlagSettings(),
) -> list[Link]:
    """Every link with its flags recomputed; `extra` adds flags by link index (glossary findings).

    Reviewed links keep no flags: a person has resolved them.
    """
    pairs = list(bitext.iter_pairs())
    fence = _score_fence(bitext.links, settings)
    ratio = _ratio_stats(pairs, settings)
    out = []
    for k, (link, src, tgt) in enumerate(pairs):
        if is_reviewed(link):
            out.append(replace(link, flags=()))
            continue
        flags = link_flags(link, src, tgt, fence, ratio, settings)
        flags += list((extra or {}).get(k, ()))
        out.append(replace(link, flags=tuple(flags)))
    return out


def reflag(bitext: Bitext, glossary: Mapping[int, Sequence[Flag]] | None = None) -> Bitext:
    """Recompute the automatic flags of a bitext read back, keeping the flags of other kinds
    it recorded (glossary findings), which `glossary` replaces when given."""
    extra: dict[int, list[Flag]] = {}
    for k, link in enumerate(bitext.links):
        kept = [f for f in link.flags if f.kind not in AUTOMATIC_KINDS and not (glossary and f.kind == "glossary")]
        extra[k] = kept + list((glossary or {}).get(k, ()))
    return flag_bitext(bitext, extra)


def flag_bitext(bitext: Bitext, extra: Mapping[int, Sequence[Flag]] | None = None,
                settings: FlagSettings = FlagSettings()) -> Bitext:
    """The bitext with flagged links (the documents and metadata are shared, not copied)."""
    return Bitext(bitext.source, bitext.target, flag_links(bitext, extra, settings), bitext.meta)


def glossary_flags(bitext: Bitext, findings: Sequence) -> dict[int, list[Flag]]:
    """Glossary check findings (glossary.check.Finding) as `glossary` flags by link index."""
    index = {lid: k for k, lid in enumerate(link_ids(bitext.links))}
    out: dict[int, list[Flag]] = {}
    for f in findings:
        if f.link_id not in index:
            continue
        if f.kind == "variant":
            reason = f"{f.source_form}: the glossary prefers “{f.preferred}”, the target has “{f.target_has}”"
        elif f.kind == "inconsistent":
            reason = f"{f.source_form}: the target has “{f.target_has}”, elsewhere “{f.preferred}”"
        elif f.kind == "suspect":
            reason = (f"{f.source_form}: the target has “{f.target_has}”, which only resembles "
                      f"the glossary's “{f.preferred or f.source_term}”")
        else:
            reason = f"{f.source_form}: the glossary's “{f.preferred or f.source_term}” is not in the target"
        out.setdefault(index[f.link_id], []).append(Flag("glossary", reason))
    return out


def check_glossary(bitext: Bitext, path: str | None) -> dict[int, list[Flag]]:
    """Check the bitext against a glossary file (None: the starter glossary) as flags."""
    from glossary.check import glossary_findings

    return glossary_flags(bitext, glossary_findings(path, bitext))
