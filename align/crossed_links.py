"""Merging two links whose cut separates a translation unit: a repair after the last search.

A translator who turns two sentences round ("250 Höhenmeter erforderten zwei Tage." | "Der
Gipfel ..." against "Il fallut deux jours pour gravir 250 m ..." | ...) leaves a 2-2 unit
whose halves match only crosswise; the bead search often prefers two 1-1 links there, because
a 2-2 bead pays a large shape prior. `crossing.py` prices such a cut inside the search, but
damped: there it acts on every candidate cut, including cuts beside inserted lines that repeat
a neighbour's number, and undamped it shifts whole runs of links (BENCHMARKS, session 6). On the
cuts of the path itself the evidence is sharp: on textberg-dev and bible-en-ru-perturbed, weight
of 2 or more matched across a cut and nowhere next to it occurs at 1 of 747 cuts the gold also
has and at 9 of the 33 it lacks.

So, once the path is found, two consecutive links are merged when a sentence pair across their
cut, (last source of the first, first target of the second) or (last target of the first, first
source of the second), shares at least `threshold` weight that neither shares with the sentence
next to it (crossing.cut_matches), and at least `home` times what one of the two matches
inside its own link: a sentence that matches across the cut better than at home is in the
wrong link. Only links are merged, never omissions: in perturbed Bibles a dropped verse shares
topic words with its neighbour, and merging omissions lost 36 gold beads on 40 seeds. A merge
never makes a bead larger than --max-align (runs are merged left to right until the next link
would not fit). The merged link keeps the lower score of its parts: the search did not choose it.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from align.arrays import band_cells
from align.beads import Bead
from align.scorers.crossing import cut_matches
from align.scorers.features import SideFeatures
from align.scorers.overlap import pair_matches
from align.search import band_offsets


def home_matches(src: SideFeatures, tgt: SideFeatures, path: Sequence[Bead]) -> tuple[np.ndarray, np.ndarray]:
    """How much each sentence matches the other side of its own bead (pair overlaps summed, at
    most the sentence's mass); 0 for a sentence of an omission."""
    n = len(src)
    lo, hi = np.ones(n, dtype=np.int64), np.zeros(n, dtype=np.int64)  # empty rows by default
    for i, j, a, b in path:
        if a and b:
            lo[i:i + a], hi[i:i + a] = j, j + b - 1
    offsets, values = pair_matches(src, tgt, lo, hi)
    rows, cols = band_cells(lo, hi, offsets)
    src_home, tgt_home = np.zeros(n), np.zeros(len(tgt))
    np.add.at(src_home, rows, values)
    np.add.at(tgt_home, cols, values)
    return np.minimum(src_home, src.mass), np.minimum(tgt_home, tgt.mass)


def crossed_cuts(src: SideFeatures, tgt: SideFeatures, path: Sequence[Bead],
                 threshold: float, home: float) -> np.ndarray:
    """For each cut between path[k] and path[k + 1]: whether it separates a translation unit."""
    crossed = np.zeros(max(len(path) - 1, 0), dtype=bool)
    cuts = [k for k in range(len(crossed)) if all(path[k][2:]) and all(path[k + 1][2:])]
    if not cuts:
        return crossed
    n = len(src)
    lo, hi = np.ones(n + 1, dtype=np.int64), np.zeros(n + 1, dtype=np.int64)
    i, j = (np.array([path[k + 1][x] for k in cuts], dtype=np.int64) for x in (0, 1))
    lo[i], hi[i] = j, j  # links only: each cut has its own source position
    offsets = band_offsets(lo, hi)
    raw = cut_matches(src, tgt, lo, hi, offsets)[offsets[i]]
    src_home, tgt_home = home_matches(src, tgt, path)
    own = (np.minimum(src_home[i - 1], tgt_home[j]), np.minimum(tgt_home[j - 1], src_home[i]))
    hit = np.zeros(len(cuts), dtype=bool)
    for k in range(2):
        hit |= (raw[:, k] >= threshold) & (raw[:, k] >= home * own[k])
    crossed[cuts] = hit
    return crossed


def merge_crossed(path: Sequence[Bead], scores: np.ndarray, crossed: np.ndarray,
                  max_align: int) -> tuple[list[Bead], np.ndarray]:
    """The path with every crossed cut removed where the merged bead still fits in max_align
    sentences, and the scores of its beads (a merged bead keeps the lowest of its parts)."""
    if not len(path):
        return list(path), scores
    beads, out = [list(path[0])], [float(scores[0])]
    for k in range(1, len(path)):
        i, j, a, b = path[k]
        last = beads[-1]
        if crossed[k - 1] and last[2] + last[3] + a + b <= max_align:
            last[2] += a
            last[3] += b
            out[-1] = min(out[-1], float(scores[k]))
        else:
            beads.append([i, j, a, b])
            out.append(float(scores[k]))
    return [(i, j, a, b) for i, j, a, b in beads], np.array(out)
