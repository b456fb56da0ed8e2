"""Pass one of the model-free aligner: confident 1-1 anchors, also in repetitive texts.

Each source sentence's best targets are found by inverted index (overlap.top_candidates) in a
window of target sentences; the heaviest monotone chain of them (search.anchor_chain) keeps the
confident ones: similar enough, with enough matched weight, and clearly ahead of any runner-up
nearby; search.consistent_anchors drops those far off the path their neighbours agree on.

Repetition (legal codes, liturgy, minutes with formulae, a document repeated) puts several
identical copies of a translation inside the window. Three rules keep anchors coming there:
- of equally similar targets, the one nearest the expected position comes first, and the chain
  may take any of the tied ones (it, not the order of an index, decides between copies);
- a feature is skipped as too common only beyond `max_hits` sentences per `hits_window` target
  sentences of window, so a rare word repeated in each copy still counts; a sentence then
  counts at most `hit_budget` hits, from its rarest features up (a window that grows with the
  drift would otherwise make the round quadratic);
- a long document (both sides >= `refine_min` sentences) is searched a second time in a narrow
  window (+-`refine` sentences) around the path through the first round's anchors: there a
  repeated passage has few copies, and the expected position is that path, not the diagonal.
Each round costs O(sentences x features x max_hits), however repetitive the text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from align.scorers.features import SideFeatures
from align.scorers.overlap import top_candidates
from align.search import anchor_chain, consistent_anchors, diagonal_window

if TYPE_CHECKING:
    from align.lexical import Settings

Anchor = tuple[int, int]


def find_anchors(feats: tuple[SideFeatures, SideFeatures], n: int, m: int, s: "Settings", tolerance: int) -> list[Anchor]:
    """Confident 1-1 anchors (source, target), in order; `tolerance`: consistent_anchors'."""
    width = int(max(s.window, 2 * abs(n - m) + min(0.05 * max(n, m), s.max_window)))
    lo, hi = diagonal_window(n, m, width)
    hits = max(s.max_hits, int(np.ceil(s.max_hits * (2 * width + 1) / s.hits_window)))
    anchors = _round(feats, m, lo, hi, np.arange(n) * (m / max(n, 1)), hits, s, tolerance)
    if min(n, m) >= s.refine_min and len(anchors) * s.refine >= n:
        centre = path_centre(anchors, n, m)
        lo = np.clip(np.floor(centre - s.refine), 0, m - 1).astype(np.int64)
        hi = np.clip(np.ceil(centre + s.refine), 0, m - 1).astype(np.int64)
        anchors = _round(feats, m, lo, hi, centre, s.max_hits, s, tolerance)
    return anchors


def path_centre(anchors: list[Anchor], n: int, m: int) -> np.ndarray:
    """For each source sentence, the target position on the line through (0, 0), the anchors and (n, m)."""
    knots = np.array([(0, 0), *anchors, (n, m)], dtype=np.float64)
    return np.interp(np.arange(n, dtype=np.float64), knots[:, 0], knots[:, 1])


def _round(feats, m: int, lo: np.ndarray, hi: np.ndarray, centre: np.ndarray, hits: int, s: "Settings",
           tolerance: int) -> list[Anchor]:
    """One search for anchors in the windows [lo[i], hi[i]], ties towards `centre`; with more
    hits allowed than max_hits, at most hit_budget of them per sentence (its rarest features)."""
    budget = s.hit_budget if hits > s.max_hits else None
    cand_j, cand_sim = top_candidates(feats[0], feats[1], lo, hi, s.candidates, hits, centre, budget)
    chain = anchor_chain(cand_j, cand_sim, m, 0.0)
    top = cand_j[:, 0]
    overlap = cand_sim[:, 0] * (feats[0].mass + feats[1].mass[np.maximum(top, 0)]) / 2
    # a close runner-up makes an anchor doubtful; a distant one (a repeated passage) is
    # left to the chain, which keeps the order
    near = np.abs(cand_j[:, 1:] - top[:, None]) <= s.band
    second = np.where(near, cand_sim[:, 1:], 0.0).max(axis=1, initial=0.0)
    sure = (cand_sim[:, 0] >= s.anchor_sim) & (overlap >= s.anchor_overlap) & (cand_sim[:, 0] - second >= s.anchor_margin)
    best = (cand_sim == cand_sim[:, :1]) & (cand_j >= 0)  # the top candidate and any tied with it
    ci, cj = np.array(chain, dtype=np.int64).reshape(-1, 2).T
    keep = sure[ci] & (best[ci] & (cand_j[ci] == cj[:, None])).any(axis=1)
    return consistent_anchors(list(zip(ci[keep].tolist(), cj[keep].tolist())), tolerance)
