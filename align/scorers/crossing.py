"""Boundary crossing: how much a cut between two beads separates sentences that match each other.

A bead boundary at prefix position (i, j) puts source sentences < i and target sentences < j
before it. When a translation unit really continues across the cut (a 2-2 bead split into two
1-1 beads, a 1-2 bead cut into 1-1 + 0-1), sentences on opposite sides of it match each other:
source i-1 matches target j, or target j-1 matches source i. The bead costs lose that evidence
(the shared features just count as unmatched in both beads, cheaply); this signal prices it
directly, once per boundary (added to every bead that ends there, so the search is unchanged).

Only features that match across the cut and nowhere next to it count: a feature of source i-1
and target j counts unless source i or target j-1 has it too (then it is explained on its own
side of the cut: a name repeated in consecutive verses is no evidence). A cross pair (x, y)
counts that matched weight `got` as a share of the smaller sentence's mass (at most 1), damped
by how much material that sentence has (mass / (mass + mass0)) and by how it compares with the
pairings the cut keeps, got / (got + own), own being the larger overlap of source i-1 with
target j-1 and of source i with target j: a cut between two well-matched 1-1 beads loses little
to a stray shared word. Computed once per band cell (scatter arrays, as in pair_matches).
"""

from __future__ import annotations

import numpy as np

from align.arrays import band_cells, copy_rows, kept_rows
from align.jit import kernel
from align.scorers import overlap_vector
from align.scorers.features import SideFeatures


@kernel
def _crossing(s_ptr, s_ids, s_w, t_ptr, t_ids, t_w, n, m, lo, hi, offsets, weight_of, out):
    # weight_of[k, f]: the weight of feature f in source i-1 (k = 0), source i (1), target j-1 (2)
    # and target j (3), 0 when absent; numba kernels cannot call each other here, hence one loop
    for i in range(1, n + 1):
        for k in range(2):
            if i - 1 + k < n:
                for a in range(s_ptr[i - 1 + k], s_ptr[i + k]):
                    weight_of[k, s_ids[a]] = s_w[a]
        for j in range(max(lo[i], 1), hi[i] + 1):
            for k in range(2):
                if j - 1 + k < m:
                    for b in range(t_ptr[j - 1 + k], t_ptr[j + k]):
                        weight_of[2 + k, t_ids[b]] = t_w[b]
            own = 0.0  # the larger overlap of the pairs the cut keeps: (i-1, j-1) and (i, j)
            got = np.zeros(2)  # weight matched across the cut only: (i-1, j) and (j-1, i)
            for k in range(2):
                if j - 1 + k >= m:
                    continue
                kept = 0.0
                for b in range(t_ptr[j - 1 + k], t_ptr[j + k]):
                    f = t_ids[b]
                    if weight_of[k, f] > 0.0:
                        kept += min(weight_of[k, f], t_w[b])
                    if k == 1 and weight_of[0, f] > 0.0 and weight_of[1, f] == 0.0 and weight_of[2, f] == 0.0:
                        got[0] += min(weight_of[0, f], t_w[b])
                if i - 1 + k < n:
                    own = max(own, kept)
            if i < n:
                for a in range(s_ptr[i], s_ptr[i + 1]):
                    f = s_ids[a]
                    if weight_of[2, f] > 0.0 and weight_of[3, f] == 0.0 and weight_of[0, f] == 0.0:
                        got[1] += min(weight_of[2, f], s_w[a])
            cell = offsets[i] + j - lo[i]
            out[cell, 0] = got[0]
            out[cell, 1] = got[1]
            out[cell, 2] = own
            for k in range(2):
                if j - 1 + k < m:
                    for b in range(t_ptr[j - 1 + k], t_ptr[j + k]):
                        weight_of[2 + k, t_ids[b]] = 0.0
        for k in range(2):
            if i - 1 + k < n:
                for a in range(s_ptr[i - 1 + k], s_ptr[i + k]):
                    weight_of[k, s_ids[a]] = 0.0


_crossing.numpy = overlap_vector.crossing


def cut_matches(src: SideFeatures, tgt: SideFeatures, lo: np.ndarray, hi: np.ndarray,
                offsets: np.ndarray) -> np.ndarray:
    """The raw evidence of every band cell (boundary (i, j), j in lo[i]..hi[i], flat as in
    search.band_offsets), one row per cell: the weight that source i-1 shares with target j and
    target j-1 with source i across the cut only (not also with source i or target j-1,
    resp. source i-1 or target j), and the larger overlap of the pairs the cut keeps, (i-1, j-1)
    and (i, j)."""
    out = np.zeros((int(offsets[-1]), 3))
    n_features = int(max(src.ids.max(initial=-1), tgt.ids.max(initial=-1))) + 1
    if n_features and len(src) and len(tgt):
        _crossing(src.indptr, src.ids, src.weights, tgt.indptr, tgt.ids, tgt.weights, len(src), len(tgt),
                  lo.astype(np.int64), hi.astype(np.int64), offsets.astype(np.int64),
                  np.zeros((4, n_features)), out)
    return out


def band_crossing(src: SideFeatures, tgt: SideFeatures, lo: np.ndarray, hi: np.ndarray,
                  offsets: np.ndarray, mass0: float,
                  previous: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Crossing evidence of every band cell (as in cut_matches): 0 when nothing matches across
    the cut only, up to about 1 per cross pair whose smaller sentence matches fully across it and
    not at all in its own bead. A cell's value depends on its own cut only, so the rows whose
    window is as in a `previous` band (lo, hi, offsets, values) are copied from it."""
    keep = kept_rows(previous[0], previous[1], lo, hi, 0) if previous is not None else None
    # the kept rows are left out of the matching (an empty window), then copied
    raw = cut_matches(src, tgt, lo, np.where(keep, lo - 1, hi) if keep is not None else hi, offsets)
    rows, cols = band_cells(lo, hi, offsets)
    n, m = len(src), len(tgt)
    own = raw[:, 2]
    total = np.zeros(len(raw))
    for k, (x, y) in enumerate(((src.mass, tgt.mass), (tgt.mass, src.mass))):
        # pair k: source i-1 with target j (k = 0), target j-1 with source i (k = 1)
        before, after = (rows, cols) if k == 0 else (cols, rows)
        limit = m if k == 0 else n
        got = raw[:, k]
        small = np.minimum(x[np.clip(before - 1, 0, None)], y[np.minimum(after, limit - 1)])
        live = (got > 0.0) & (small > 0.0)
        g, s, o = got[live], small[live], own[live]
        total[live] += np.minimum(1.0, g / s) * s / (s + mass0) * g / (g + o)
    if previous is not None and keep is not None:
        copy_rows(previous[3], previous[2], total, offsets, keep)
    return total


def at_ends(values: np.ndarray, lo: np.ndarray, hi: np.ndarray, offsets: np.ndarray,
            i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The band values at cells (i, j) (0 outside the band)."""
    inside = (j >= lo[i]) & (j <= hi[i])
    return np.where(inside, values[np.where(inside, offsets[i] + j - lo[i], 0)], 0.0)
