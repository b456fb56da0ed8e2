"""Bertalign's second-pass bead costs for every cell of a band, computed block by block.

For a block of source rows, all overlap embeddings of the source positions involved are
multiplied with those of the target positions the block's band can reach (one small dense
product), and each bead's similarity, neighbour margin and length penalty are read from that
product with index arrays. Memory is O(n * band + block^2), never O(n * m). The result has the
layout `align.search.search` takes: cost[k, cell] of the bead of shape k starting at `cell`.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from align.arrays import band_cells
from align.embedding.blas import one_blas_thread
from align.search import band_offsets


def bead_costs(
    svecs: np.ndarray, tvecs: np.ndarray, slens: np.ndarray, tlens: np.ndarray,
    lo: np.ndarray, hi: np.ndarray, shapes: Sequence[tuple[int, int]], skip: float, block: int = 64,
) -> np.ndarray:
    """-(margin similarity * length penalty) per bead; omissions cost -skip."""
    k, n, dim = svecs.shape
    m = tvecs.shape[1]
    offsets = band_offsets(lo, hi)
    rows, cols = band_cells(lo, hi, offsets)
    cost = np.full((len(shapes), len(rows)), np.inf)
    for s, (a, b) in enumerate(shapes):
        if a == 0 or b == 0:
            cost[s, (rows + a <= n) & (cols + b <= m)] = -skip
    ratio = slens[0].sum() / max(tlens[0].sum(), 1.0)
    with one_blas_thread():
        for r0 in range(0, n, block):
            r1 = min(n - 1, r0 + block - 1)
            cells = slice(int(offsets[r0]), int(offsets[r1 + 1]))
            p0, p1 = max(0, r0 - 1), min(n - 1, r1 + k)
            q0, q1 = max(0, int(lo[r0]) - 1), min(m - 1, int(hi[r1]) + k)
            grid = _products(svecs[:, p0:p1 + 1], tvecs[:, q0:q1 + 1])
            for s, (a, b) in enumerate(shapes):
                if a and b:
                    gain = _gains(grid, rows[cells], cols[cells], a, b, (n, m, p0, q0), slens, tlens, ratio)
                    cost[s, cells] = np.where(np.isnan(gain), np.inf, -gain)
    return cost


def _products(svecs: np.ndarray, tvecs: np.ndarray) -> np.ndarray:
    """grid[a-1, p, b-1, q] = <source run of a ending at p, target run of b ending at q>."""
    k, P, dim = svecs.shape
    Q = tvecs.shape[1]
    return (svecs.reshape(-1, dim) @ tvecs.reshape(-1, dim).T).reshape(k, P, k, Q)


def _gains(grid, i, j, a, b, frame, slens, tlens, ratio) -> np.ndarray:
    """Margin similarity times length penalty of beads starting at (i, j); NaN where impossible."""
    n, m, p0, q0 = frame
    ie, je = i + a, j + b  # prefix ends
    ok = (ie <= n) & (je <= m)
    P, Q = grid.shape[1], grid.shape[3]
    sp = lambda pos: np.clip(pos - p0, 0, P - 1)  # noqa: E731
    tq = lambda pos: np.clip(pos - q0, 0, Q - 1)  # noqa: E731
    se, te = sp(ie - 1), tq(je - 1)
    sim = grid[a - 1, se, b - 1, te]
    # similarity of each side's run to the sentences just before and after the other run
    right_t = np.where(je < m, grid[a - 1, se, 0, tq(je)], 0.0)
    left_t = np.where(j >= 1, grid[a - 1, se, 0, tq(j - 1)], 0.0)
    right_s = np.where(ie < n, grid[0, sp(ie), b - 1, te], 0.0)
    left_s = np.where(i >= 1, grid[0, sp(i - 1), b - 1, te], 0.0)
    margin = sim - (_neighbour_mean(left_t, right_t) + _neighbour_mean(left_s, right_s)) / 2
    ls = slens[a - 1, np.clip(ie - 1, 0, n - 1)]
    lt = tlens[b - 1, np.clip(je - 1, 0, m - 1)] * ratio
    penalty = np.log2(1.0 + np.minimum(ls, lt) / np.maximum(np.maximum(ls, lt), 1e-9))
    return np.where(ok, margin * penalty, np.nan)


def _neighbour_mean(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The mean of the neighbours' similarities as Bertalign's code takes it: halved only when
    both are there (non-zero), so at a document's edge the one neighbour counts in full."""
    both = (left != 0) & (right != 0)
    return np.where(both, (left + right) / 2, left + right)
