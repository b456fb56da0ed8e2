"""Bertalign's two-pass search (Liu & Zhu 2022), written from the paper, over given embeddings.

Pass 1 finds anchors: each source sentence's top-k nearest target sentences, then a 1-1/skip
dynamic programme in a wide diagonal window that rewards only those top-k pairs. Pass 2 runs
the full bead search (every shape up to `max_align`) in a narrow band around the anchors,
scoring a bead by its margin-based similarity (cosine minus the mean similarity to the
neighbouring sentences) times a length penalty log2(1 + shorter/longer).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from align.beads import Step, bead_types
from align.embedding.bandscores import bead_costs
from align.embedding.topk import top_k
from align.search import anchor_chain, monotone_band, search


@dataclass(frozen=True)
class BertalignParams:
    """Bertalign's parameters with its defaults."""

    max_align: int = 5
    top_k: int = 3
    window: int = 5
    skip: float = -0.1
    min_first_window: int = 250
    first_window_share: float = 0.06


@dataclass
class Side:
    """One side's overlap embeddings and lengths (see overlaps.embed_overlaps)."""

    vecs: np.ndarray  # k x n x d
    lens: np.ndarray  # k x n

    def __len__(self) -> int:
        return self.vecs.shape[1]


def first_pass_window(n: int, m: int, params: BertalignParams) -> tuple[np.ndarray, np.ndarray]:
    """For each source sentence, targets within max(250, 6% of the longer side) of the diagonal."""
    w = max(params.min_first_window, int(max(n, m) * params.first_window_share))
    centre = (np.arange(n) * m) // max(n, 1)
    return np.maximum(0, centre - w), np.minimum(m - 1, centre + w)


def find_anchors(src: Side, tgt: Side, params: BertalignParams) -> list[tuple[int, int]]:
    """Sentence pairs (i, j) of pass one: the heaviest monotone chain of top-k neighbours.

    The top k are taken inside the window (Bertalign takes them globally, then its programme
    ignores those outside the window). This is Bertalign's 1-1/skip programme: skips gain 0, a
    1-1 bead gains its similarity when the pair is among the top k.
    """
    lo, hi = first_pass_window(len(src), len(tgt), params)
    scores, index = top_k(src.vecs[0], tgt.vecs[0], params.top_k, lo, hi)
    return anchor_chain(index, scores, len(tgt), -np.inf)


def second_pass_band(anchors: list[tuple[int, int]], n: int, m: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """Prefix rows between two anchors may use targets from w before the first to w after the
    second (Bertalign's band); anchors are sentence pairs, i.e. 1-1 beads ending at (i+1, j+1)."""
    points = [(i + 1, j + 1) for i, j in anchors if i + 1 < n and j + 1 < m] + [(n, m)]
    lo, hi = [0], [min(m, points[0][1] + w)]
    prev_s, prev_t = 0, 0
    for s, t in points:
        lo.extend([max(0, prev_t - w)] * (s - prev_s))
        hi.extend([min(m, t + w)] * (s - prev_s))
        prev_s, prev_t = s, t
    return monotone_band(np.array(lo, dtype=np.int64), np.array(hi, dtype=np.int64), m)


def align_embeddings(src: Side, tgt: Side, params: BertalignParams) -> list[Step]:
    """Bertalign's alignment as beads (i, j, a, b) joining source[i:i+a] and target[j:j+b]."""
    n, m = len(src), len(tgt)
    shapes = bead_types(params.max_align)
    if n == 0 or m == 0:
        return [(i, 0, 1, 0) for i in range(n)] + [(n, j, 0, 1) for j in range(m)]
    lo, hi = second_pass_band(find_anchors(src, tgt, params), n, m, params.window)
    cost = bead_costs(src.vecs, tgt.vecs, src.lens, tgt.lens, lo, hi, shapes, params.skip)
    return search(lo, hi, shapes, cost)


def bead_similarity(src: Side, tgt: Side, i: int, j: int, a: int, b: int) -> float:
    """Cosine similarity of the bead source[i:i+a] / target[j:j+b] (0 for an omission)."""
    if a == 0 or b == 0:
        return 0.0
    return float(src.vecs[a - 1, i + a - 1] @ tgt.vecs[b - 1, j + b - 1])
