"""The overlap kernels without numba: sparse joins of feature lists as numpy array operations.

Each function computes exactly what its reference kernel computes (overlap._pair_matches,
_top_candidates, _block_overlap, crossing._crossing): the same floating-point sums in the same
order, so the same values to the last bit, and the same choices between equal candidates;
align/jit.py runs them for documents too short to pay for loading numba.

The core is `_join`: the features a source sentence shares with each target sentence of its
window, found by binary search among the targets' (feature, sentence) entries sorted by
feature, then sentence (`_Entries`). Its rows come in the order feature, source, target, so
the shared features of any one (source, target) pair come in feature-id order, the order the
reference kernels add them in: a sum per pair is then np.bincount over the rows, which adds in
array order. (Searching in that order is also five times faster than in source order: the
keys searched for ascend.)
"""

from __future__ import annotations

import weakref
from typing import Any

import numpy as np


def _ranges(starts: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, index): for each k, the indices starts[k] .. starts[k] + counts[k] - 1, flat, and
    the k each came from."""
    counts = np.maximum(counts, 0)
    owner = np.repeat(np.arange(len(counts)), counts)
    first = np.cumsum(counts) - counts
    return owner, np.arange(len(owner)) - first[owner] + starts[owner]


def _rows(ptr: np.ndarray) -> np.ndarray:
    """The row of each entry of a CSR side."""
    return np.repeat(np.arange(len(ptr) - 1, dtype=np.int64), np.diff(ptr))


class _Entries:
    """One side's (sentence, feature, weight) entries, without those of weight 0 or less (the
    reference kernels treat a feature without weight as absent), sorted by feature, then
    sentence; `key` = feature * (sentences + 1) + sentence, ascending, for binary searches."""

    def __init__(self, ptr: np.ndarray, ids: np.ndarray, weights: np.ndarray) -> None:
        rows = _rows(ptr)
        ids, weights = ids[:len(rows)], weights[:len(rows)]
        keep = weights > 0.0
        if not keep.all():
            rows, ids, weights = rows[keep], ids[keep], weights[keep]
        order = np.argsort(ids, kind="stable")  # rows ascend within a feature already (CSR)
        self.span = len(ptr)  # sentences + 1
        self.row = rows[order]
        self.feature = ids[order].astype(np.int64)
        self.weight = weights[order]
        self.key = self.feature * self.span + self.row

    def window(self, feature: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(first, count) of the entries of each feature with sentence in lo..hi."""
        base = feature * self.span
        first = np.searchsorted(self.key, base + lo)
        stop = np.searchsorted(self.key, base + hi, side="right")
        return first, np.maximum(stop - first, 0)

    def neighbour(self, step: int) -> np.ndarray:
        """Whether sentence row + step (step = -1 or 1) has each entry's feature too."""
        out = np.zeros(len(self.key), dtype=bool)
        if len(self.key) > 1:
            near = self.key[1:] - self.key[:-1] == 1  # the same feature in the next sentence
            if step > 0:
                out[:-1] = near
            else:
                out[1:] = near
        return out


def _join(src: _Entries, tgt: _Entries, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The features each source sentence x shares with each target lo[x] .. hi[x] (empty where
    hi < lo): (source entry, target entry) index pairs, ordered by feature, source, target."""
    rows = src.row
    first, count = tgt.window(src.feature, lo[rows], hi[rows])
    return _ranges(first, count)


def pair_matches(s_ptr, s_ids, s_w, t_ptr, t_ids, t_w, lo, hi, offsets, weight_of, out) -> None:
    """overlap._pair_matches: the overlap of source i with targets lo[i] .. hi[i]."""
    n = len(lo)
    src, tgt = _Entries(s_ptr[:n + 1], s_ids, s_w), _Entries(t_ptr, t_ids, t_w)
    e, at = _join(src, tgt, lo, hi)
    x, y = src.row[e], tgt.row[at]
    out[:] = np.bincount(offsets[x] + y - lo[x], weights=np.minimum(src.weight[e], tgt.weight[at]),
                         minlength=len(out))


def top_candidates(s_ptr, s_ids, s_w, s_mass, p_ptr, p_j, p_w, t_mass, lo, hi, centre, max_hits, budget, k,
                   cand_j, cand_sim) -> None:
    """overlap._top_candidates: the k most similar targets of each source sentence in its window."""
    n, m = len(lo), len(t_mass)
    span = m + 1
    key = np.repeat(np.arange(len(p_ptr) - 1, dtype=np.int64), np.diff(p_ptr)) * span + p_j
    rows = _rows(s_ptr[:n + 1])
    f = s_ids[:len(rows)].astype(np.int64)
    by_feature = np.argsort(f, kind="stable")  # ascending keys: a fast search (rows ascend already)
    fr = rows[by_feature]
    first, hits = np.empty(len(rows), dtype=np.int64), np.empty(len(rows), dtype=np.int64)
    first[by_feature] = np.searchsorted(key, f[by_feature] * span + lo[fr])
    hits[by_feature] = np.searchsorted(key, f[by_feature] * span + hi[fr], side="right")
    hits = np.maximum(hits - first, 0)
    hits[hits > max_hits] = 0  # too common in this window to tell sentences apart
    total = np.bincount(rows, weights=hits, minlength=n)
    over = total[rows] > budget  # a repetitive text: its rarest features only, up to the budget
    position = np.arange(len(rows)) - s_ptr[rows]
    order = np.lexsort((np.where(over, hits, position), rows))  # stable: equal hits keep their order
    spent = np.cumsum(hits[order])
    row_start = np.concatenate([[0], spent])[np.searchsorted(rows[order], np.arange(n))]
    taken = ~over[order] | (spent - row_start[rows[order]] <= budget)
    entry = order[taken]
    owner, at = _ranges(first[entry], hits[entry])
    e = entry[owner]
    i, j = rows[e], p_j[at].astype(np.int64)
    pair, first_seen, inverse = np.unique(i * span + j, return_index=True, return_inverse=True)
    acc = np.bincount(inverse, weights=np.minimum(s_w[e], p_w[at]))
    ci, cj = pair // span, pair % span
    sim = 2.0 * acc / (s_mass[ci] + t_mass[cj] + 1e-9)
    dist = np.abs(cj - centre[ci])
    ranked = np.lexsort((first_seen, dist, -sim, ci))  # best first; of equals, nearer the centre, then met first
    ci, cj, sim = ci[ranked], cj[ranked], sim[ranked]
    rank = np.arange(len(ci)) - np.searchsorted(ci, ci)
    cand_j[:n] = -1
    cand_sim[:n] = 0.0
    best = rank < k
    cand_j[ci[best], rank[best]] = cj[best]
    cand_sim[ci[best], rank[best]] = sim[best]


class _BeadSums:
    """The pair overlaps around a list of band cells (i, j), by offset (r, c): the overlap of
    source i + r with target j + c, and the sums block_overlap builds from them, for any shape.

    combine.bead_costs prices every shape of a block of cells with the same (i, j) arrays, and
    beads of different shapes share most of their pairs and partial sums (a row's sum over
    c < b is the sum over c < b - 1 plus one more pair, added in the same order; likewise a
    side's total over its sentences), so they are kept for the next call with the same arrays,
    until those arrays are freed (weak references)."""

    def __init__(self, i_arr, j_arr, m_off, m_lo, m_hi, matches, s_each, t_each) -> None:
        self.keys = [weakref.ref(x, self._drop) for x in (i_arr, j_arr, matches, s_each, t_each)]
        self.bounds = (m_off, m_lo, m_hi)
        self.i, self.j = i_arr, j_arr
        self.each_of = (s_each, t_each)
        self.pad = np.append(matches, 0.0).astype(np.float64, copy=False)
        self.memo: dict[tuple, Any] = {}

    def _drop(self, _ref) -> None:
        if self in _SUMS:
            _SUMS.remove(self)

    def fits(self, *arrays) -> bool:
        """Whether these are the arrays (i, j, m_off, m_lo, m_hi, matches, s_each, t_each) it was built on."""
        i_arr, j_arr, m_off, m_lo, m_hi, matches, s_each, t_each = arrays
        got = [k() for k in self.keys]
        return (all(x is y for x, y in zip(got, (i_arr, j_arr, matches, s_each, t_each)))
                and all(np.array_equal(x, y) for x, y in zip(self.bounds, (m_off, m_lo, m_hi))))

    def _get(self, key: tuple, make) -> Any:
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    def pair(self, r: int, c: int) -> np.ndarray:
        """The overlap of source i + r with target j + c (0 outside the band)."""
        def make():
            x, y = self.i + r, self.j + c
            m_off, m_lo, m_hi = self.bounds
            lo = m_lo[x]
            inside = (lo <= y) & (y <= m_hi[x])
            return self.pad[np.where(inside, m_off[x] - lo + y, len(self.pad) - 1)]
        return self._get(("pair", r, c), make)

    def each(self, side: int, x: int) -> np.ndarray:
        """The mass of the bead's x-th source (side 0) or target (side 1)."""
        return self._get(("each", side, x), lambda: self.each_of[side][(self.i, self.j)[side] + x])

    def line(self, side: int, x: int, width: int) -> np.ndarray:
        """A bead's row x summed over its first `width` targets (side 0), or its column x over
        its first `width` sources (side 1), in that order from 0.0."""
        def make():
            if width == 0:
                return np.zeros(len(self.i))
            last = self.pair(x, width - 1) if side == 0 else self.pair(width - 1, x)
            return self.line(side, x, width - 1) + last
        return self._get(("line", side, x, width), make)

    def got(self, side: int, x: int, width: int) -> np.ndarray:
        """The matched mass of the bead's x-th sentence of a side, capped at its own mass."""
        return self._get(("got", side, x, width), lambda: np.minimum(self.line(side, x, width), self.each(side, x)))

    def part(self, side: int, count: int, width: int) -> np.ndarray:
        """The matched mass of a side's first `count` sentences, summed in order from 0.0."""
        def make():
            if count == 0:
                return np.zeros(len(self.i))
            return self.part(side, count - 1, width) + self.got(side, count - 1, width)
        return self._get(("part", side, count, width), make)

    def mass(self, side: int, count: int) -> np.ndarray:
        """The mass of a side's first `count` sentences, summed in order from 0.0."""
        def make():
            if count == 0:
                return np.zeros(len(self.i))
            return self.mass(side, count - 1) + self.each(side, count - 1)
        return self._get(("mass", side, count), make)

    def short(self, side: int, x: int, width: int, floor: float, mass0: float) -> np.ndarray:
        """A sentence's stray share without the explained factor, 0 where it is not stray."""
        def make():
            e, g = self.each(side, x), self.got(side, x, width)
            with np.errstate(divide="ignore", invalid="ignore"):
                short = 1.0 - g / (floor * e)
            conf = e / (e + mass0)
            return short * conf, (e > 0.0) & (short > 0.0)
        return self._get(("short", side, x, width, floor, mass0), make)


_SUMS: list[_BeadSums] = []  # the latest few: the lexical and the number overlaps alternate


def block_overlap(i_arr, j_arr, a, b, m_off, m_lo, m_hi, matches, s_each, t_each, floor, base, mass0, out,
                  stray) -> None:
    """overlap._block_overlap: matched mass and stray share of beads of shape (a, b)."""
    arrays = (i_arr, j_arr, m_off, m_lo, m_hi, matches, s_each, t_each)
    sums = next((x for x in _SUMS if x.fits(*arrays)), None)
    if sums is None:
        sums = _BeadSums(*arrays)
        _SUMS[:] = [sums, *_SUMS[:2]]
    src_part, tgt_part = sums.part(0, a, b), sums.part(1, b, a)
    out[:] = (src_part + tgt_part) / 2
    if a == 1 and b == 1:
        return
    lone = np.zeros(len(i_arr))
    for side, count, width in ((0, a, b), (1, b, a)):
        if count < 2:
            continue
        o_mass = sums.mass(1 - side, width)
        o_got = tgt_part if side == 0 else src_part
        explained = np.where(o_mass > 0.0, o_got / np.where(o_mass > 0.0, o_mass, 1.0), 0.0)
        factor = base + (1.0 - base) * explained
        for x in range(count):
            share, stray_ = sums.short(side, x, width, floor, mass0)
            lone += np.where(stray_, share * factor, 0.0)
    stray[:] = lone


def crossing(s_ptr, s_ids, s_w, t_ptr, t_ids, t_w, n, m, lo, hi, offsets, weight_of, out) -> None:
    """crossing._crossing: per band cell (i, j), i, j >= 1, the weight matched across the cut
    only (source i-1 with target j, target j-1 with source i) and the larger overlap of the
    pairs the cut keeps."""
    n, m = int(n), int(m)
    if n < 1 or m < 1:
        return
    src, tgt = _Entries(s_ptr, s_ids, s_w), _Entries(t_ptr, t_ids, t_w)
    # per source sentence x, the columns j of the band cells it meets as source i-1 (x = i - 1)
    # or as source i (x = i): row i's columns from max(lo[i], 1)
    as_prev = (np.maximum(lo[1:], 1), hi[1:].copy())
    as_this = (np.maximum(lo[:-1], 1), hi[:-1].copy())
    as_this[1][0] = -1  # source 0 is never source i of a cell (i >= 1)

    def summed(e, at, shift_x, shift_y, keep=None) -> np.ndarray:
        """Per band cell (source row + shift_x, target row + shift_y), min(weights) summed."""
        if keep is not None:
            e, at = e[keep], at[keep]
        i, j = src.row[e] + shift_x, tgt.row[at] + shift_y
        w = np.minimum(src.weight[e], tgt.weight[at])
        return np.bincount(offsets[i] + j - lo[i], weights=w, minlength=len(out))

    e, at = _join(src, tgt, as_prev[0] - 1, as_prev[1] - 1)  # kept: (i-1, j-1)
    own = summed(e, at, 1, 1)
    e, at = _join(src, tgt, as_this[0], np.minimum(as_this[1], m - 1))  # kept: (i, j), j < m
    own = np.maximum(own, summed(e, at, 0, 0))
    # source i-1 with target j (j < m): the feature not also in source i, nor in target j-1
    e, at = _join(src, tgt, as_prev[0], np.minimum(as_prev[1], m - 1))
    got0 = summed(e, at, 1, 0, ~src.neighbour(1)[e] & ~tgt.neighbour(-1)[at])
    # target j-1 with source i: the feature not also in target j, nor in source i-1
    e, at = _join(src, tgt, as_this[0] - 1, as_this[1] - 1)
    got1 = summed(e, at, 0, 1, ~tgt.neighbour(1)[at] & ~src.neighbour(-1)[e])
    i = np.arange(1, n + 1)
    j_lo = np.maximum(lo[i], 1)
    row, j = _ranges(j_lo, hi[i] - j_lo + 1)
    cell = offsets[i[row]] + j - lo[i[row]]
    out[cell, 0] = got0[cell]
    out[cell, 1] = got1[cell]
    out[cell, 2] = own[cell]
