"""Dynamic-programming bead search in a band around a guide path; pure, no I/O.

Time and memory are O(n * band): each source position keeps only the target window the band
allows, and back-pointers are stored per window.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

BeadCost = Callable[[int, int, int, int], float]


def diagonal_band(n: int, m: int, width: int) -> list[tuple[int, int]]:
    """For each source prefix length 0..n, the allowed target prefix range [lo, hi]."""
    out = []
    for i in range(n + 1):
        centre = round(i * m / n) if n else 0
        out.append((max(0, centre - width), min(m, centre + width)))
    return out


def search(
    n: int,
    m: int,
    shapes: Sequence[tuple[int, int]],
    cost: BeadCost,
    band: Sequence[tuple[int, int]],
) -> list[tuple[int, int, int, int]]:
    """The cheapest monotone path of beads (i, j, a, b) covering n source and m target items.

    `cost(i, j, a, b)` prices the bead that joins source[i:i+a] with target[j:j+b].
    """
    inf = float("inf")
    los = [lo for lo, _ in band]
    best = [np.full(hi - lo + 1, inf) for lo, hi in band]
    back = [np.full(hi - lo + 1, -1, dtype=np.int16) for lo, hi in band]
    best[0][0 - los[0]] = 0.0 if los[0] == 0 else inf
    for i in range(n + 1):
        lo, hi = band[i]
        row, brow = best[i], back[i]
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            b_cost, b_k = inf, -1
            for k, (a, b) in enumerate(shapes):
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0:
                    continue
                plo, phi = band[pi]
                if not plo <= pj <= phi:
                    continue
                prev = best[pi][pj - plo]
                if prev == inf:
                    continue
                c = prev + cost(pi, pj, a, b)
                if c < b_cost:
                    b_cost, b_k = c, k
            row[j - lo] = b_cost
            brow[j - lo] = b_k
    if band[n][1] < m or best[n][m - band[n][0]] == inf:
        raise ValueError("no path through the band; widen it")
    path = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(back[i][j - band[i][0]])
        a, b = shapes[k]
        i, j = i - a, j - b
        path.append((i, j, a, b))
    path.reverse()
    return path
