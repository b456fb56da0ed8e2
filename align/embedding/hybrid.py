"""Model-free evidence for the hybrid aligner, taken from the lexical aligner's signals.

Numbers and dates, names and cognates (through the common Latin key), glossary anchors and the
user's dictionary are turned into weighted feature sets by `align.scorers.features`; their
overlap (`align.scorers.overlap`) and the lexical part of the bead cost
(`align.scorers.combine.lexical_evidence`) are reused as they are. This module only converts
that cost into a gain on Bertalign's scale and offers lexical anchor candidates to pass one.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

from align.arrays import prefix_sums
from align.scorers.combine import Weights, lexical_evidence
from align.scorers.features import build_features, tokenize
from align.scorers.overlap import block_overlap, pair_matches, top_candidates

# Untuned: no real embedding model is available offline to fit them (see BENCHMARKS.md).
BAND_WEIGHT = 0.25  # gain per unit of lexical agreement, next to margin similarities of ~0.1-0.5
ANCHOR_WEIGHT = 0.5  # weight of a lexical candidate's Dice similarity in pass one


class LexicalEvidence:
    """The model-free signals of one document pair, as Bertalign hooks (see bertalign.Evidence)."""

    def __init__(
        self, src: Sequence[str], tgt: Sequence[str], anchors=None,
        lexicon: Mapping[str, frozenset[str]] | None = None, weights: Weights | None = None,
    ) -> None:
        self.w = weights or Weights()
        self.feats = build_features(tokenize(src), tokenize(tgt), self.w.classes, lexicon, None, anchors)
        self.n, self.m = len(src), len(tgt)
        self.src_mass = prefix_sums(self.feats[0].mass)
        self.tgt_mass = prefix_sums(self.feats[1].mass)

    def candidates(self, lo: np.ndarray, hi: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Each source sentence's k best lexical matches in its window, weighted for pass one."""
        cand_j, cand_sim = top_candidates(self.feats[0], self.feats[1], lo, hi, k)
        return cand_j, ANCHOR_WEIGHT * cand_sim

    def gains(self, lo: np.ndarray, hi: np.ndarray, max_side: int):
        """A gain function over pass two's band (prefix windows lo/hi, beads up to max_side a side)."""
        rows = np.arange(self.n)  # sentence s lies in beads starting at rows s-max_side+1..s
        mlo = lo[np.maximum(0, rows - max_side + 1)]
        mhi = np.minimum(hi[rows] + max_side - 1, self.m - 1)
        offsets, matches = pair_matches(self.feats[0], self.feats[1], mlo, mhi)
        match = (offsets, mlo, mhi, matches)
        neutral = self.w.w_lex * self.w.unknown  # the cost of a bead with nothing to judge by

        def gain(i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
            ok = (i + a <= self.n) & (j + b <= self.m)
            if a > self.n or b > self.m:
                return np.zeros(len(i))
            i, j = np.where(ok, i, 0), np.where(ok, j, 0)
            mass = self.src_mass[i + a] - self.src_mass[i] + self.tgt_mass[j + b] - self.tgt_mass[j]
            overlap = block_overlap(match, i, j, a, b, self.feats[0].mass, self.feats[1].mass)
            return BAND_WEIGHT * (neutral - lexical_evidence(self.w, overlap, mass)) / self.w.w_lex

        return gain
