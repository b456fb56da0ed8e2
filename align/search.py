"""Two-pass bead search, as Bertalign does it; pure, no I/O.

Pass one chains confident 1-1 candidates (the best targets of each source sentence, found by
inverted index) into the heaviest monotone chain; pass two runs the full dynamic programme over
every bead shape in a band around the path through those anchors. Time and memory are
O(n * band): each prefix row i keeps the target window [lo[i], hi[i]] only.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from align import search_vector
from align.arrays import distinct, prefix_sums
from align.beads import SearchPath, Step
from align.jit import kernel


@kernel
def _chain(cand_j, cand_sim, m, min_sim, out_i, out_j):
    n, k = cand_j.shape
    size = m + 1
    tree_val = np.zeros(size + 1)
    tree_id = np.full(size + 1, -1, dtype=np.int64)
    pts_i = np.zeros(n * k, dtype=np.int64)
    pts_j = np.zeros(n * k, dtype=np.int64)
    prev = np.full(n * k, -1, dtype=np.int64)
    val = np.zeros(n * k)
    row_start = 0
    count = 0
    for i in range(n):
        row_start = count
        for c in range(k):
            j = cand_j[i, c]
            if j < 0 or cand_sim[i, c] < min_sim:
                continue
            # best chain ending at a target strictly before j: Fenwick prefix max over 1..j
            best, best_id = 0.0, -1
            x = j
            while x > 0:
                if tree_val[x] > best:
                    best, best_id = tree_val[x], tree_id[x]
                x -= x & (-x)
            pts_i[count], pts_j[count] = i, j
            val[count] = best + cand_sim[i, c]
            prev[count] = best_id
            count += 1
        for p in range(row_start, count):
            x = pts_j[p] + 1
            while x <= size:
                if val[p] > tree_val[x]:
                    tree_val[x], tree_id[x] = val[p], p
                x += x & (-x)
    best, end = 0.0, -1
    for p in range(count):
        if val[p] > best:
            best, end = val[p], p
    length = 0
    while end >= 0:
        out_i[length], out_j[length] = pts_i[end], pts_j[end]
        length += 1
        end = prev[end]
    return length


_chain.numpy = search_vector.chain


def anchor_chain(cand_j: np.ndarray, cand_sim: np.ndarray, m: int, min_sim: float) -> list[tuple[int, int]]:
    """The heaviest strictly monotone chain of (source, target) candidates with sim >= min_sim."""
    n = cand_j.shape[0]
    out_i = np.zeros(n, dtype=np.int64)
    out_j = np.zeros(n, dtype=np.int64)
    length = _chain(cand_j, cand_sim, m, min_sim, out_i, out_j)
    return list(zip(out_i[:length][::-1].tolist(), out_j[:length][::-1].tolist()))


def consistent_anchors(anchors: Sequence[tuple[int, int]], tolerance: int, window: int = 2) -> list[tuple[int, int]]:
    """The anchors whose diagonal offset (j - i) is within `tolerance` of the median offset of
    the 2 * window + 1 anchors around them (at the ends, the first or last offset repeated).

    A single wrong but confident anchor (a repeated formula, a number that recurs) far off the
    path would otherwise pull the band through itself and shut the true path out of it; a real
    jump of the offset (a block one side omits) moves the median too once a few anchors agree
    on each side of it, so it survives.
    """
    if len(anchors) <= 2:
        return list(anchors)
    offsets = np.array([j - i for i, j in anchors], dtype=np.int64)
    padded = np.pad(offsets, window, mode="edge")
    median = np.median(np.lib.stride_tricks.sliding_window_view(padded, 2 * window + 1), axis=1)
    keep = np.abs(offsets - median) <= tolerance
    return [a for a, k in zip(anchors, keep.tolist()) if k]


def diagonal_window(n: int, m: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """For each source sentence, the target sentences within `width` of the diagonal."""
    centre = np.arange(n) * (m / max(n, 1))
    lo = np.clip(np.floor(centre - width), 0, max(m - 1, 0)).astype(np.int64)
    hi = np.clip(np.ceil(centre + width), 0, max(m - 1, 0)).astype(np.int64)
    return lo, hi


def guide_band(n: int, m: int, anchors: Sequence[tuple[int, int]], base: int) -> tuple[np.ndarray, np.ndarray]:
    """Prefix-row windows [lo[i], hi[i]] (i = 0..n) around the path through the anchors.

    Between two anchors the path is interpolated; the window widens by how much the stretch
    departs from a one-to-one slope, so omissions and merges between anchors stay reachable.
    The windows are made monotone and overlapping, so a path always exists.
    """
    knots_i, knots_j = [0], [0]
    for i, j in anchors:
        for ki, kj in ((i, j), (i + 1, j + 1)):
            if ki > knots_i[-1] and kj > knots_j[-1] and ki < n and kj < m:
                knots_i.append(ki)
                knots_j.append(kj)
    knots_i.append(n)
    knots_j.append(m)
    rows = np.arange(n + 1)
    centre = np.interp(rows, knots_i, knots_j)
    at_i, at_j = np.asarray(knots_i), np.asarray(knots_j)
    slack = np.abs(np.diff(at_j) - np.diff(at_i))
    seg = np.clip(np.searchsorted(at_i, rows, side="right") - 1, 0, len(slack) - 1)
    half = base + slack[seg]
    # never beyond the rectangle between the two anchors (plus the base margin)
    lo = np.maximum(np.floor(centre - half), at_j[seg] - base)
    hi = np.minimum(np.ceil(centre + half), at_j[seg + 1] + base)
    lo = np.clip(lo, 0, m).astype(np.int64)
    hi = np.clip(hi, 0, m).astype(np.int64)
    return monotone_band(lo, hi, m)


def cap_band(lo: np.ndarray, hi: np.ndarray, m: int, per_row: int) -> tuple[np.ndarray, np.ndarray]:
    """The band with at most about `per_row` cells per prefix row on average: when the windows
    hold more (anchors too scarce, the rectangles between them wide), the widest rows are
    narrowed around their middles to a common width, as wide as the budget allows. The rows
    stay monotone and overlapping (a run of omissions still fits in its row), so the cells are
    at most per_row * (n + 1) + m: no pass holds more than O(n * per_row), whatever the anchors."""
    width = hi - lo + 1
    budget = per_row * len(lo)
    if int(width.sum()) <= budget:
        return lo, hi
    low, high = 1, int(width.max())  # the largest cap c with sum(min(width, c)) <= budget
    while low < high:
        c = (low + high + 1) // 2
        if int(np.minimum(width, c).sum()) <= budget:
            low = c
        else:
            high = c - 1
    cap = low
    wide = width > cap
    mid = (lo + hi) // 2
    lo = np.where(wide, np.maximum(mid - (cap - 1) // 2, 0), lo)
    hi = np.where(wide, np.minimum(lo + cap - 1, m), hi)
    return monotone_band(lo, hi, m)


def path_band(n: int, m: int, path: SearchPath, base: int) -> tuple[np.ndarray, np.ndarray]:
    """Prefix-row windows of half-width `base` around a previous bead path."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    i, j, a, b = np.array([*path, (n, m, 0, 0)], dtype=np.int64).reshape(-1, 4).T
    rows = np.repeat(i - np.cumsum(a + 1) + a + 1, a + 1) + np.arange(int((a + 1).sum()))  # i..i+a of each bead
    np.minimum.at(lo, rows, np.repeat(j - base, a + 1))
    np.maximum.at(hi, rows, np.repeat(j + b + base, a + 1))
    return monotone_band(np.clip(lo, 0, m), np.clip(hi, 0, m), m)


def monotone_band(lo: np.ndarray, hi: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Widen windows so that lo and hi never decrease, consecutive rows overlap, and the
    corners (0, 0) and (n, m) are inside."""
    lo = np.minimum.accumulate(lo[::-1])[::-1].copy()
    hi = np.maximum.accumulate(hi).copy()
    lo[0], hi[-1] = 0, m
    hi[:-1] = np.maximum(hi[:-1], lo[1:])
    return lo, hi


def edge_rows(path: SearchPath, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The prefix rows where the path runs along the band's edge: a bead boundary (i, j) at
    lo[i] or hi[i] where that edge is not the document's own (0 or m). Such a path may have been
    held back by the band (a wrong anchor pulled it off the true path) rather than chosen."""
    m = int(hi[-1])
    i, j, a, b = np.array(path, dtype=np.int64).reshape(-1, 4).T
    i, j = i + a, j + b  # the boundary after each bead
    held = ((j == lo[i]) & (lo[i] > 0)) | ((j == hi[i]) & (hi[i] < m))
    return distinct(i[held])


def widen_band(lo: np.ndarray, hi: np.ndarray, rows: np.ndarray, reach: int) -> tuple[np.ndarray, np.ndarray]:
    """The band with the rows within `reach` of `rows` widened by `reach` columns on each side
    (made monotone again)."""
    m, n = int(hi[-1]), len(lo) - 1
    near = np.zeros(n + 1, dtype=bool)
    for r in rows.tolist():
        near[max(r - reach, 0):r + reach + 1] = True
    lo = np.where(near, np.maximum(lo - reach, 0), lo)
    hi = np.where(near, np.minimum(hi + reach, m), hi)
    return monotone_band(lo, hi, m)


def band_offsets(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Index of each row's first cell in a flat array of band cells (len n + 2)."""
    return prefix_sums(hi - lo + 1)


@kernel
def _dp(lo, hi, offsets, shape_a, shape_b, cost, best, back):
    rows = len(lo)
    inf = np.inf
    for i in range(rows):
        for j in range(lo[i], hi[i] + 1):
            cell = offsets[i] + j - lo[i]
            if i == 0 and j == 0:
                best[cell] = 0.0
                continue
            b_cost, b_k = inf, -1
            for k in range(len(shape_a)):
                pi, pj = i - shape_a[k], j - shape_b[k]
                if pi < 0 or pj < lo[pi] or pj > hi[pi]:
                    continue
                start = offsets[pi] + pj - lo[pi]
                c = best[start] + cost[k, start]
                if c < b_cost:
                    b_cost, b_k = c, k
            best[cell] = b_cost
            back[cell] = b_k


_dp.numpy = search_vector.dp

def search(
    lo: np.ndarray, hi: np.ndarray, shapes: Sequence[tuple[int, int]], cost: np.ndarray
) -> list[Step]:
    """The cheapest monotone path of beads (i, j, a, b) through the band.

    `cost[k, cell]` prices the bead of shape k that starts at band cell `cell`
    (source[i:i+a] with target[j:j+b]); cells are numbered row by row (see band_offsets).
    """
    return search_with_margins(lo, hi, shapes, cost, margins=False)[0]


@kernel
def _backward(lo, hi, offsets, shape_a, shape_b, cost, rest):
    rows = len(lo)
    for i in range(rows - 1, -1, -1):
        for j in range(hi[i], lo[i] - 1, -1):
            cell = offsets[i] + j - lo[i]
            if i == rows - 1 and j == hi[i]:
                rest[cell] = 0.0
                continue
            best = np.inf
            for k in range(len(shape_a)):
                ni, nj = i + shape_a[k], j + shape_b[k]
                if ni >= rows or nj < lo[ni] or nj > hi[ni]:
                    continue
                c = cost[k, cell] + rest[offsets[ni] + nj - lo[ni]]
                if c < best:
                    best = c
            rest[cell] = best


_backward.numpy = search_vector.backward

@kernel
def _alternatives(lo, hi, offsets, shape_a, shape_b, cost, best, rest, own_src, own_tgt, alt_src, alt_tgt):
    # for every sentence, the cheapest complete path that covers it with a bead other than its own
    rows = len(lo)
    for i in range(rows):
        for j in range(lo[i], hi[i] + 1):
            cell = offsets[i] + j - lo[i]
            if not np.isfinite(best[cell]):
                continue
            for k in range(len(shape_a)):
                a, b = shape_a[k], shape_b[k]
                ni, nj = i + a, j + b
                if ni >= rows or nj < lo[ni] or nj > hi[ni]:
                    continue
                total = best[cell] + cost[k, cell] + rest[offsets[ni] + nj - lo[ni]]
                for x in range(i, ni):
                    if (own_src[x, 0] != i or own_src[x, 1] != j or own_src[x, 2] != k) and total < alt_src[x]:
                        alt_src[x] = total
                for y in range(j, nj):
                    if (own_tgt[y, 0] != i or own_tgt[y, 1] != j or own_tgt[y, 2] != k) and total < alt_tgt[y]:
                        alt_tgt[y] = total


_alternatives.numpy = search_vector.alternatives

@kernel
def _trace_back(back, lo, offsets, shape_a, shape_b, n, m, out):
    # beads of the cheapest path, last first, as rows (i, j, a, b); returns how many
    i, j = n, m
    count = 0
    while i > 0 or j > 0:
        k = back[offsets[i] + j - lo[i]]
        a, b = shape_a[k], shape_b[k]
        i, j = i - a, j - b
        out[count, 0], out[count, 1], out[count, 2], out[count, 3] = i, j, a, b
        count += 1
    return count


_trace_back.numpy = search_vector.trace_back

def _trace(back, lo, offsets, shape_a, shape_b, n: int, m: int) -> list[Step]:
    """The beads of the cheapest path, read back from the end through the back pointers
    (in a kernel: no Python copy of the back pointers, whatever the band's size)."""
    out = np.empty((n + m, 4), dtype=np.int64)
    count = _trace_back(back, lo, offsets, shape_a, shape_b, n, m, out)
    return list(map(tuple, out[:count][::-1].tolist()))


def _bead_min(values: np.ndarray, start: np.ndarray, size: np.ndarray) -> np.ndarray:
    """min(values[start:start + size]) per bead (inf for an empty side); beads tile values in order."""
    out = np.full(len(start), np.inf)
    full = size > 0
    if full.any():
        out[full] = np.minimum.reduceat(values, start[full])
    return out


def search_with_margins(
    lo: np.ndarray, hi: np.ndarray, shapes: Sequence[tuple[int, int]], cost: np.ndarray, margins: bool = True
) -> tuple[list[Step], np.ndarray | None]:
    """The cheapest path, and for each of its beads how much dearer the best path without it is.

    The margin of a bead is the smallest extra cost of a complete path that covers one of its
    sentences differently (min-marginals from a forward and a backward pass); 0 means a tie.
    """
    path, margins_of = best_path(lo, hi, shapes, cost)
    return path, margins_of() if margins else None


def best_path(
    lo: np.ndarray, hi: np.ndarray, shapes: Sequence[tuple[int, int]], cost: np.ndarray
) -> tuple[list[Step], Callable[[], np.ndarray]]:
    """The cheapest path (the forward pass), and a function that gives its beads' margins (the
    backward pass, see search_with_margins) for a caller that learns from the path whether it
    wants them: a search repeated in a wider band wants those of the last path only."""
    offsets = band_offsets(lo, hi)
    shape_a = np.array([a for a, _ in shapes], dtype=np.int64)
    shape_b = np.array([b for _, b in shapes], dtype=np.int64)
    best = np.full(int(offsets[-1]), np.inf)
    back = np.full(int(offsets[-1]), -1, dtype=np.int8)
    _dp(lo, hi, offsets, shape_a, shape_b, cost, best, back)
    n, m = len(lo) - 1, int(hi[-1])
    total = best[offsets[n] + m - lo[n]]
    if not np.isfinite(total):
        raise ValueError("no path through the band")
    path = _trace(back, lo, offsets, shape_a, shape_b, n, m)
    del back

    def margins() -> np.ndarray:
        rest = np.full(int(offsets[-1]), np.inf)
        _backward(lo, hi, offsets, shape_a, shape_b, cost, rest)
        index = {sh: k for k, sh in enumerate(shapes)}
        p_i, p_j, p_a, p_b = np.array(path, dtype=np.int64).reshape(-1, 4).T
        p_k = np.array([index[a, b] for _, _, a, b in path], dtype=np.int64)
        own = np.stack([p_i, p_j, p_k], axis=1)
        own_src = np.repeat(own, p_a, axis=0)  # the path covers every sentence once, in order
        own_tgt = np.repeat(own, p_b, axis=0)
        alt_src = np.full(n, np.inf)
        alt_tgt = np.full(m, np.inf)
        _alternatives(lo, hi, offsets, shape_a, shape_b, cost, best, rest, own_src, own_tgt, alt_src, alt_tgt)
        return np.minimum(_bead_min(alt_src, p_i, p_a), _bead_min(alt_tgt, p_j, p_b)) - total

    return path, margins
