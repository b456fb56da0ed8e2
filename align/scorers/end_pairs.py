"""Paired endings: a question is translated as a question, learned per document.

A bead is a translation unit, so where it ends both sides usually end the same kind of
sentence: a question ("?") opposite a question, an exclamation ("!") opposite an exclamation,
anything else opposite anything else. A bead cut so that one side ends on a question and the
other does not has probably put the cut in the wrong place (or left the question's translation
in the next bead). endings.py prices each side's ending on its own; this prices the pair.
How strictly a translation keeps the sentence type depends on the languages and the
translator (German "!" often becomes a French "."), so nothing is fixed: the end classes of the
two sides of every linked bead of a first path are counted, and a bead of the second search
whose sides end in classes s and t costs log((E + PRIOR) / (N + PRIOR)) when that is positive,
N the pair's count and E the count the two classes would give if they paired at random: a
pair seen much less often than chance would give costs, and the PRIOR pseudo-beads keep a
pair that chance would give only once or twice (a rare class) from proving anything.
The finer ending classes of endings.py (";", ":", ",") were measured here too and lose a bead
on textberg-dev (a colon that introduces the next sentence is merged with it on one side only).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from align.beads import SearchPath
from align.scorers.endings import final_class

MARKS = ("?", "!")  # final punctuation that gives a sentence its own type; class len(MARKS): the rest
K = len(MARKS) + 1
PRIOR = 2.0  # pseudo-beads added to both the observed and the expected count of a pair
CLOSERS = " \t\"'»”’›)]}"  # closing quotes and brackets after the mark: «Это Ноеминь?»
WIDE = str.maketrans("？！", "?!")  # full-width marks


def end_class(text: str) -> int:
    """Index of a segment's final punctuation in MARKS (after closing quotes and brackets), or
    len(MARKS) for any other ending."""
    return final_class(text.rstrip(CLOSERS)[-1:].translate(WIDE), MARKS, CLOSERS)  # only the last mark widened


def end_classes(texts: Sequence[str]) -> np.ndarray:
    """end_class of every segment, as an array."""
    return np.fromiter(map(end_class, texts), dtype=np.int64, count=len(texts))


def pair_costs(src_classes: np.ndarray, tgt_classes: np.ndarray,
               beads: SearchPath) -> np.ndarray | None:
    """K x K cost of a linked bead ending in (source class, target class), from the (i, j, a, b)
    beads of a first path (omissions are skipped); None when no pair costs anything."""
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
    """Cost of the linked beads (i, j, a, b) from their last segments' end classes."""
    return table[src_classes[i + a - 1], tgt_classes[j + b - 1]]
