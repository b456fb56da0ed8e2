"""Numbers per bead: how many numbers one side of a bead has that its other side lacks.

Numbers (dates, heights, page and issue numbers) survive translation almost unchanged, so a
number on one side of a bead and absent from the other is strong evidence that the bead is
wrong, however long its sentences are. In the lexical overlap (features.py) a number is one
feature among many, diluted by the mass of everything else in the bead; here each unmatched
number costs the same in a short caption as in a long sentence. Omitted sentences pay nothing:
their numbers are unmatched because the sentence has no counterpart, which is what an
omission says.

The count reuses the band machinery of overlap.py on number-only features of weight 1, so a
bead's matched count is summed over its sentence pairs and capped per sentence.
"""

from __future__ import annotations

from typing import AbstractSet, Sequence

import numpy as np

from align.arrays import prefix_sums
from align.scorers.features import SideFeatures
from align.scorers.overlap import block_overlap, pair_matches


def number_features(src: Sequence[AbstractSet[str]],
                    tgt: Sequence[AbstractSet[str]]) -> tuple[SideFeatures, SideFeatures]:
    """Both sides' numbers as weight-1 features sharing one numbering (CSR, like features.py)."""
    ids: dict[str, int] = {}
    for side in (src, tgt):
        for nums in side:
            for x in sorted(nums):
                ids.setdefault(x, len(ids))
    out = []
    for side in (src, tgt):
        rows = [sorted(ids[x] for x in nums) for nums in side]
        sizes = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        indptr = prefix_sums(sizes)
        flat = np.fromiter((f for r in rows for f in r), dtype=np.int64, count=int(sizes.sum()))
        out.append(SideFeatures(indptr, flat, np.ones(len(flat)), sizes.astype(np.float64), []))
    return out[0], out[1]


def number_matches(nums: tuple[SideFeatures, SideFeatures], lo: np.ndarray, hi: np.ndarray):
    """Matched number counts of the pairs in a band, in block_overlap's `match` form."""
    offs, values = pair_matches(nums[0], nums[1], lo, hi)
    return offs, lo, hi, values


def unmatched_numbers(nums: tuple[SideFeatures, SideFeatures], cum_src: np.ndarray, cum_tgt: np.ndarray,
                      match, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
    """Numbers of beads source i..i+a-1 x target j..j+b-1 without a match on the other side."""
    total = cum_src[i + a] - cum_src[i] + cum_tgt[j + b] - cum_tgt[j]
    out = total.astype(np.float64)
    some = np.flatnonzero(total > 0)  # most beads hold no number: nothing to match
    if 2 * len(some) > len(i):  # ... but where most do, the same cell arrays as the other overlaps
        out -= 2.0 * block_overlap(match, i, j, a, b, nums[0].mass, nums[1].mass)
    elif len(some):
        out[some] -= 2.0 * block_overlap(match, i[some], j[some], a, b, nums[0].mass, nums[1].mass)
    return out
