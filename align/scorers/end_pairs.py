"""Paired endings: whether a bead's two sides end the same kind of unit, learned per document.

A bead is a translation unit, so where it ends both sides usually end the same kind of text: a
full sentence ("." / "?" / "!") on one side opposite a full sentence on the other, a clause
ending in ";" or ":" opposite a clause or a sentence, but seldom a colon that introduces a list
("Literatur :", "- G.O.Dyhrenfurth :") opposite the end of a sentence. endings.py prices each
side's ending on its own; this prices the pair. Which pairs go together depends on the two
languages and on how each side was segmented (a KJV verse ends in ":" where the Russian verse
ends in "."), so nothing is fixed: the ending classes of the two sides of every linked bead of
a first path are counted, and a bead of the second search whose sides end in classes s and t
costs log((E + PRIOR) / (N + PRIOR)) when that is positive, N its count and E the count the
two classes would give independently: a pair seen much less often than chance would pair its
classes costs, and PRIOR pseudo-beads keep a pair that chance would give once or twice (a
rare class) from proving anything.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from align.scorers.endings import CLASSES, ending_class

PRIOR = 8.0  # pseudo-beads added to both the observed and the expected count of a pair
MARKS = ("?", "!")  # sentence ends that are classes of their own here
K = len(CLASSES) + 1 + len(MARKS)


def end_classes(texts: Sequence[str]) -> np.ndarray:
    """endings.ending_class of every segment, with "?" and "!" ends apart from the rest."""
    def one(text: str) -> int:
        last = text.rstrip()[-1:]
        return len(CLASSES) + 1 + MARKS.index(last) if last and last in MARKS else ending_class(text)
    return np.fromiter(map(one, texts), dtype=np.int64, count=len(texts))


def pair_costs(src_classes: np.ndarray, tgt_classes: np.ndarray,
               beads: Sequence[tuple[int, int, int, int]]) -> np.ndarray | None:
    """K x K cost of a linked bead ending in (source class, target class), from the (i, j, a, b)
    linked beads of a first path; None when no pair costs anything."""
    ends = np.array([(i + a - 1, j + b - 1) for i, j, a, b in beads if a and b], dtype=np.int64).reshape(-1, 2)
    if len(ends) == 0:
        return None
    joint = np.zeros((K, K))
    np.add.at(joint, (src_classes[ends[:, 0]], tgt_classes[ends[:, 1]]), 1.0)
    expected = np.outer(joint.sum(axis=1), joint.sum(axis=0)) / joint.sum()  # counts if independent
    cost = np.maximum(np.log((expected + PRIOR) / (joint + PRIOR)), 0.0)
    return cost if cost.any() else None


def bead_pair_cost(table: np.ndarray, src_classes: np.ndarray, tgt_classes: np.ndarray,
                   i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
    """Cost of the linked beads (i, j, a, b) from their last segments' ending classes."""
    return table[src_classes[i + a - 1], tgt_classes[j + b - 1]]

