"""The k most similar target sentences of each source sentence inside its window.

Blocks of source rows are multiplied with the union of their windows only, so memory is
O(block * window) and time O(n * window * d), never an n x m matrix. (A global index such as
faiss would search every target, only for pass one to discard those outside the window.)
"""

from __future__ import annotations

import numpy as np


def top_k(
    src: np.ndarray, tgt: np.ndarray, k: int, lo: np.ndarray, hi: np.ndarray, block: int = 256
) -> tuple[np.ndarray, np.ndarray]:
    """(similarities, target indices), n x k, best first, of targets lo[i]..hi[i] of source i.

    Rows with fewer than k targets in their window are padded with index -1.
    """
    n = len(src)
    scores = np.zeros((n, k), dtype=np.float64)
    idx = np.full((n, k), -1, dtype=np.int64)
    for start in range(0, n, block):
        stop = min(n, start + block)
        c0, c1 = int(lo[start:stop].min()), int(hi[start:stop].max())
        if c1 < c0:
            continue
        sims = (src[start:stop] @ tgt[c0:c1 + 1].T).astype(np.float64)
        cols = np.arange(c0, c1 + 1)
        sims[(cols < lo[start:stop, None]) | (cols > hi[start:stop, None])] = -np.inf
        kk = min(k, sims.shape[1])
        part = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
        vals = np.take_along_axis(sims, part, axis=1)
        order = np.argsort(-vals, axis=1, kind="stable")
        vals = np.take_along_axis(vals, order, axis=1)
        found = np.where(np.isfinite(vals), np.take_along_axis(part, order, axis=1) + c0, -1)
        idx[start:stop, :kk] = found
        scores[start:stop, :kk] = np.where(np.isfinite(vals), vals, 0.0)
    return scores, idx
