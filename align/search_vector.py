"""The bead search's kernels without numba: numpy row by row, for documents too short to pay for it.

Each function computes exactly what its reference kernel in search.py computes (the same
floating-point operations in the same order, so the same values to the last bit, and the same
choices between equal costs) and fills the same output arrays; align/jit.py picks one or the
other. Loading numba costs about 0.7 s (and compiling its kernels about 5 s on a first run),
while these run a 2,000-sentence document's searches in a tenth of a second.

The forward pass (`dp`) visits the prefix rows in order: every bead with a source side (a >= 1)
comes from an earlier row, so a row's cells are priced at once, as a gather over precomputed
cell indices; only the beads within a row (0-b, an omitted target) depend on the cell to their
left, a short scan over Python floats. The back pointers are the first cheapest shape of each
cell, read from the final costs in one pass. `backward` mirrors it from the last row up;
`alternatives` has no order at all (a minimum over every bead) and runs on whole arrays.
"""

from __future__ import annotations

import numpy as np

from align.arrays import band_cells


ROWS = 2048  # prefix rows whose cell links are held at a time (memory O(ROWS * band * shapes), not O(cells))


def _links(lo, hi, offsets, shape_a, shape_b, sign: int, rows: range) -> np.ndarray:
    """(cells of `rows`, shapes): for each band cell of those rows and each bead shape, the cell
    that bead links it with: where it starts (sign -1: the bead ends at the cell) or where it
    ends (sign +1: it starts there); the band's cell count (one past the last cell) where that
    is outside the band."""
    cells, n = int(offsets[-1]), len(lo)
    first = int(offsets[rows.start])
    width = hi - lo + 1
    shift = offsets[:-1] - lo  # the cell of (r, c) is shift[r] + c
    out = np.full((int(offsets[rows.stop]) - first, len(shape_a)), cells, dtype=np.int64)
    for k in range(len(shape_a)):
        a, b = sign * int(shape_a[k]), sign * int(shape_b[k])
        r0, r1 = max(-a, rows.start), min(n - a, rows.stop)  # the rows whose linked row exists
        if r0 >= r1:
            continue
        w = width[r0:r1]
        pc = np.arange(int(offsets[r0]), int(offsets[r1])) - np.repeat(shift[r0:r1], w) + b  # linked column
        inside = (pc >= np.repeat(lo[r0 + a:r1 + a], w)) & (pc <= np.repeat(hi[r0 + a:r1 + a], w))
        out[int(offsets[r0]) - first:int(offsets[r1]) - first, k] = np.where(
            inside, np.repeat(shift[r0 + a:r1 + a], w) + pc, cells)
    return out


def _priced(cost, links: np.ndarray) -> np.ndarray:
    """(cells, shapes): the cost of each shape's bead at the cell it links (inf outside the band);
    one gather for every shape (a masked column at a time was three times slower)."""
    cost = np.asarray(cost)
    cells = cost.shape[1]
    if not cells:
        return np.full(links.shape, np.inf)
    out = cost[np.arange(links.shape[1]), np.minimum(links, cells - 1)].astype(np.float64)
    out[links >= cells] = np.inf
    return out


def _within(shape_a, shape_b) -> int | None:
    """The shape of a bead within a row, an omitted target (0, 1), if the shapes hold one."""
    within = [k for k in range(len(shape_a)) if shape_a[k] == 0]
    if not within:
        return None
    if len(within) > 1 or shape_b[within[0]] != 1:
        raise ValueError("bead shapes within a row other than (0, 1)")
    return within[0]


def _blocks(rows: int, backwards: bool = False) -> list[range]:
    """The prefix rows in blocks of ROWS, in the order a pass visits them."""
    out = [range(r, min(r + ROWS, rows)) for r in range(0, rows, ROWS)]
    return out[::-1] if backwards else out


def dp(lo, hi, offsets, shape_a, shape_b, cost, best, back) -> None:
    """search._dp: best[cell] the cheapest path from (0, 0) to each cell, back[cell] the shape
    of its last bead (the first such shape in `shapes` order; -1 where none)."""
    cells = int(offsets[-1])
    across = np.flatnonzero(shape_a > 0)
    skip = _within(shape_a, shape_b)
    value = np.full(cells + 1, np.inf)
    off = offsets.tolist()
    for block in _blocks(len(lo)):
        start = _links(lo, hi, offsets, shape_a, shape_b, -1, block)
        priced = _priced(cost, start)  # the bead ending at each cell: its cost
        base = off[block.start]
        from_rows, priced_rows = start[:, across], priced[:, across]
        step = priced[:, skip].tolist() if skip is not None else []
        for i in block:
            a, b = off[i] - base, off[i + 1] - base
            row = (value[from_rows[a:b]] + priced_rows[a:b]).min(axis=1) if len(across) else np.full(b - a, np.inf)
            if i == 0 and lo[0] == 0:
                row[0] = 0.0  # the path starts at (0, 0)
            if skip is None:
                value[base + a:base + b] = row
                continue
            # an omitted target from the cell to the left: left to right, as the reference adds
            r = row.tolist()
            prev = r[0]
            for t in range(1, b - a):
                u = prev + step[a + t]
                prev = r[t] = u if u < r[t] else r[t]
            value[base + a:base + b] = r
        # back pointers: the first shape whose bead reaches each cell at its cheapest cost
        end = off[block.stop]
        done = np.isfinite(value[base:end])
        back[base:end] = np.where(done, (value[start] + priced).argmin(axis=1), -1)
    best[:] = value[:-1]
    if lo[0] == 0:
        back[0] = -1  # (0, 0) has no bead


def backward(lo, hi, offsets, shape_a, shape_b, cost, rest) -> None:
    """search._backward: rest[cell] the cheapest path from each cell to (n, m)."""
    cells = int(offsets[-1])
    across = np.flatnonzero(shape_a > 0)
    skip = _within(shape_a, shape_b)
    value = np.full(cells + 1, np.inf)
    off = offsets.tolist()
    last_row = len(lo) - 1
    for block in _blocks(len(lo), backwards=True):
        base = off[block.start]
        to_rows = _links(lo, hi, offsets, shape_a, shape_b, +1, block)[:, across]
        cost_t = np.asarray(cost)[:, base:off[block.stop]].T
        cost_rows = cost_t[:, across]
        step = cost_t[:, skip].tolist() if skip is not None else []
        for i in reversed(block):
            a, b = off[i] - base, off[i + 1] - base
            row = (cost_rows[a:b] + value[to_rows[a:b]]).min(axis=1) if len(across) else np.full(b - a, np.inf)
            if i == last_row:
                row[-1] = 0.0  # the path ends at (n, m)
            if skip is None:
                value[base + a:base + b] = row
                continue
            # an omitted target to the cell on the right: right to left
            r = row.tolist()
            nxt = r[-1]
            for t in range(b - a - 2, -1, -1):
                u = step[a + t] + nxt
                nxt = r[t] = u if u < r[t] else r[t]
            value[base + a:base + b] = r
    rest[:] = value[:-1]


def alternatives(lo, hi, offsets, shape_a, shape_b, cost, best, rest, own_src, own_tgt, alt_src, alt_tgt) -> None:
    """search._alternatives: for every sentence, the cheapest complete path that covers it with
    a bead other than the one the path (own_src, own_tgt: its bead (i, j, k) per sentence) gives
    it. A bead of the path is its own bead for every sentence it covers, so the path's beads
    are left out whole; the rest is a minimum, per row for the sources, per column for the
    targets."""
    cells = int(offsets[-1])
    cols = band_cells(lo, hi, offsets)[1]
    by_col = np.argsort(cols, kind="stable")  # the cells of each column together
    col_start = np.searchsorted(cols[by_col], np.arange(len(alt_tgt)))
    col_full = col_start < np.append(col_start[1:], cells)
    value = np.append(rest, np.inf)
    live = np.isfinite(best)
    path = np.concatenate([own_src, own_tgt]).reshape(-1, 3)  # repeats are harmless: cells set to inf
    path_cell = offsets[path[:, 0]] + path[:, 1] - lo[path[:, 0]]
    starts = offsets[:-1]
    full = starts < offsets[1:]  # rows with cells (all of them, in a band from monotone_band)
    every = range(len(lo))
    for k in range(len(shape_a)):
        a, b = int(shape_a[k]), int(shape_b[k])
        end = _links(lo, hi, offsets, shape_a[k:k + 1], shape_b[k:k + 1], +1, every)[:, 0]
        total = best + np.asarray(cost[k], dtype=np.float64) + value[end]
        del end
        total[~live] = np.inf
        total[path_cell[path[:, 2] == k]] = np.inf
        if a and cells:  # sources i .. i + a - 1 of the beads starting in row i
            per_row = np.full(len(starts), np.inf)
            per_row[full] = np.minimum.reduceat(total, starts[full])
            for r in range(a):
                x = np.arange(len(per_row)) + r
                fit = x < len(alt_src)
                alt_src[x[fit]] = np.minimum(alt_src[x[fit]], per_row[fit])
        if b and cells:  # targets j .. j + b - 1 of the beads starting in column j
            per_col = np.full(len(alt_tgt), np.inf)
            per_col[col_full] = np.minimum.reduceat(total[by_col], col_start[col_full])
            for c in range(min(b, len(alt_tgt))):
                alt_tgt[c:] = np.minimum(alt_tgt[c:], per_col[:len(alt_tgt) - c])


def trace_back(back, lo, offsets, shape_a, shape_b, n, m, out) -> int:
    """search._trace_back over Python ints (the path is n + m cells long at most)."""
    sa, sb = shape_a.tolist(), shape_b.tolist()
    i, j = int(n), int(m)
    count = 0
    while i > 0 or j > 0:
        k = int(back[int(offsets[i]) + j - int(lo[i])])
        a, b = sa[k], sb[k]
        i, j = i - a, j - b
        out[count] = (i, j, a, b)
        count += 1
    return count


def chain(cand_j, cand_sim, m, min_sim, out_i, out_j) -> int:
    """search._chain over Python lists (its Fenwick tree of prefix maxima, the same ties)."""
    size = int(m) + 1
    tree_val = [0.0] * (size + 1)
    tree_id = [-1] * (size + 1)
    pts_i: list[int] = []
    pts_j: list[int] = []
    prev: list[int] = []
    val: list[float] = []
    for i, (js, sims) in enumerate(zip(cand_j.tolist(), cand_sim.tolist())):
        row_start = len(val)
        for j, sim in zip(js, sims):
            if j < 0 or sim < min_sim:
                continue
            best, best_id = 0.0, -1
            x = j
            while x > 0:
                if tree_val[x] > best:
                    best, best_id = tree_val[x], tree_id[x]
                x -= x & (-x)
            pts_i.append(i)
            pts_j.append(j)
            val.append(best + sim)
            prev.append(best_id)
        for p in range(row_start, len(val)):
            x = pts_j[p] + 1
            v = val[p]
            while x <= size:
                if v > tree_val[x]:
                    tree_val[x], tree_id[x] = v, p
                x += x & (-x)
    best, end = 0.0, -1
    for p, v in enumerate(val):
        if v > best:
            best, end = v, p
    length = 0
    while end >= 0:
        out_i[length], out_j[length] = pts_i[end], pts_j[end]
        length += 1
        end = prev[end]
    return length
