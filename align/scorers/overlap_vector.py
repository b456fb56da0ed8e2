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


_ENTRIES: list[tuple[weakref.ref, weakref.ref, np.ndarray, _Entries]] = []  # the latest four sides


def _entries(ptr: np.ndarray, ids: np.ndarray, weights: np.ndarray) -> _Entries:
    """_Entries of a side, kept for the next kernel that joins the same feature arrays: every band
    search joins both sides once for its pair overlaps and once more for its crossings, and a
    search repeated in a widened band (or the document's second search) reuses the first's
    sides (a sort of every feature entry each time). The arrays are never changed in place once
    built (features.SideFeatures); an entry lives only as long as they do (weak references)."""
    for ids_ref, w_ref, kept_ptr, entries in _ENTRIES:
        if ids_ref() is ids and w_ref() is weights and np.array_equal(kept_ptr, ptr):
            return entries
    entries = _Entries(ptr, ids, weights)

    def drop(_ref) -> None:
        _ENTRIES[:] = [e for e in _ENTRIES if e[3] is not entries]

    _ENTRIES[:] = [(weakref.ref(ids, drop), weakref.ref(weights, drop), ptr.copy(), entries), *_ENTRIES[:3]]
    return entries


def _join(src: _Entries, tgt: _Entries, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The features each source sentence x shares with each target lo[x] .. hi[x] (empty where
    hi < lo): (source entry, target entry) index pairs, ordered by feature, source, target."""
    rows = src.row
    first, count = tgt.window(src.feature, lo[rows], hi[rows])
    return _ranges(first, count)


def pair_matches(s_ptr, s_ids, s_w, t_ptr, t_ids, t_w, lo, hi, offsets, weight_of, out) -> None:
    """overlap._pair_matches: the overlap of source i with targets lo[i] .. hi[i]."""
    n = len(lo)
    src, tgt = _entries(s_ptr[:n + 1], s_ids, s_w), _entries(t_ptr, t_ids, t_w)
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
    # the k best of each row are among those at least as similar as its k-th most similar ...
    near = np.flatnonzero(sim >= _kth_largest(sim, ci, n, k)[ci])
    # ... in order: best first; of equals, nearer the centre, then met first
    ranked = near[np.lexsort((first_seen[near], np.abs(cj[near] - centre[ci[near]]), -sim[near], ci[near]))]
    ci, cj, sim = ci[ranked], cj[ranked], sim[ranked]
    rank = np.arange(len(ci)) - np.searchsorted(ci, ci)
    cand_j[:n] = -1
    cand_sim[:n] = 0.0
    best = rank < k
    cand_j[ci[best], rank[best]] = cj[best]
    cand_sim[ci[best], rank[best]] = sim[best]


def _kth_largest(values: np.ndarray, rows: np.ndarray, n: int, k: int) -> np.ndarray:
    """Per row (rows ascending), the k-th largest of its values counted with repeats (-inf
    for a row with fewer)."""
    out = np.full(n, -np.inf)
    need = np.full(n, k)
    left = values.copy()
    starts = np.searchsorted(rows, np.arange(n))
    some = starts < np.append(starts[1:], len(rows))
    for _ in range(k):
        live = need > 0
        if not live.any() or not len(left):
            break
        top = np.full(n, -np.inf)
        top[some] = np.maximum.reduceat(left, starts[some])
        out[live] = top[live]
        hit = (left == top[rows]) & live[rows] & (left > -np.inf)
        need -= np.bincount(rows[hit], minlength=n)
        left[hit] = -np.inf
    return out


class _Pairs:
    """The pair overlaps around a list of band cells (i, j), by offset (r, c): the overlap of
    source i + r with target j + c (0 outside the band).

    combine.bead_costs prices every shape of a block of cells with the same (i, j) arrays, and
    beads of different shapes share most of their pairs, so they are kept for the next call
    with the same arrays, until those arrays are freed (weak references)."""

    def __init__(self, i_arr, j_arr, m_off, m_lo, m_hi, matches) -> None:
        me = weakref.ref(self)  # the callbacks must not keep the pairs alive themselves

        def drop(_ref) -> None:
            pairs = me()
            if pairs in _PAIRS:
                _PAIRS.remove(pairs)

        self.keys = [weakref.ref(x, drop) for x in (i_arr, j_arr, matches)]
        self.bounds = (m_off, m_lo, m_hi)
        self.i, self.j = i_arr, j_arr
        self.pad = np.append(matches, 0.0).astype(np.float64, copy=False)
        self.pairs: dict[tuple[int, int], np.ndarray] = {}

    def fits(self, i_arr, j_arr, m_off, m_lo, m_hi, matches) -> bool:
        """Whether these are the arrays it was built on."""
        got = [k() for k in self.keys]
        return (got[0] is i_arr and got[1] is j_arr and got[2] is matches
                and all(np.array_equal(x, y) for x, y in zip(self.bounds, (m_off, m_lo, m_hi))))

    def __call__(self, r: int, c: int) -> np.ndarray:
        if (r, c) not in self.pairs:
            x, y = self.i + r, self.j + c
            m_off, m_lo, m_hi = self.bounds
            lo = m_lo[x]
            inside = (lo <= y) & (y <= m_hi[x])
            self.pairs[r, c] = self.pad[np.where(inside, m_off[x] - lo + y, len(self.pad) - 1)]
        return self.pairs[r, c]


_PAIRS: list[_Pairs] = []  # the latest two: the lexical and the number overlaps alternate


def block_overlap(i_arr, j_arr, a, b, m_off, m_lo, m_hi, matches, s_each, t_each, floor, base, mass0, out,
                  stray) -> None:
    """overlap._block_overlap: matched mass and stray share of beads of shape (a, b)."""
    arrays = (i_arr, j_arr, m_off, m_lo, m_hi, matches)
    pair = next((x for x in _PAIRS if x.fits(*arrays)), None)
    if pair is None:
        pair = _Pairs(*arrays)
        _PAIRS[:] = [pair, *_PAIRS[:1]]
    p = len(i_arr)
    each = ([s_each[i_arr + r] for r in range(a)], [t_each[j_arr + c] for c in range(b)])
    got: tuple[list, list] = ([], [])
    parts = []
    for side, count, width in ((0, a, b), (1, b, a)):
        part = np.zeros(p)
        for x in range(count):
            line = np.zeros(p)  # in the reference's order: along the bead's row, or down its column
            for y in range(width):
                line += pair(x, y) if side == 0 else pair(y, x)
            got[side].append(np.minimum(line, each[side][x]))
            part += got[side][x]
        parts.append(part)
    src_part, tgt_part = parts
    out[:] = (src_part + tgt_part) / 2
    if a == 1 and b == 1:
        return
    lone = np.zeros(p)
    for side, count in ((0, a), (1, b)):
        if count < 2:
            continue
        o_mass = np.zeros(p)
        for e in each[1 - side]:
            o_mass += e
        o_got = tgt_part if side == 0 else src_part
        explained = np.where(o_mass > 0.0, o_got / np.where(o_mass > 0.0, o_mass, 1.0), 0.0)
        factor = base + (1.0 - base) * explained
        for x in range(count):
            e, g = each[side][x], got[side][x]
            with np.errstate(divide="ignore", invalid="ignore"):
                short = 1.0 - g / (floor * e)
            conf = e / (e + mass0)
            lone += np.where((e > 0.0) & (short > 0.0), short * conf * factor, 0.0)
    stray[:] = lone


def crossing(s_ptr, s_ids, s_w, t_ptr, t_ids, t_w, n, m, lo, hi, offsets, weight_of, out) -> None:
    """crossing._crossing: per band cell (i, j), i, j >= 1, the weight matched across the cut
    only (source i-1 with target j, target j-1 with source i) and the larger overlap of the
    pairs the cut keeps."""
    n, m = int(n), int(m)
    if n < 1 or m < 1:
        return
    src, tgt = _entries(s_ptr, s_ids, s_w), _entries(t_ptr, t_ids, t_w)
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
