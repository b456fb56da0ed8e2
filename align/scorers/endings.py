"""Soft segment endings: final punctuation that, in this document, seldom ends a bead.

Sentence splitters differ by language and by configuration: one side of a document may be
split at semicolons and colons ("l' accueil fut des plus cordiaux ;" / "toutefois ...") while
the other keeps whole sentences, so that a segment ending in ";" is usually the first part of a
larger bead. Verse and headline segmentation do the opposite: a Bible verse ending in ";" is a
bead of its own. No fixed rule fits both, so the rule is learned from the document: after a
first alignment, the share of segments of each ending class (";", ":", ",", anything else) that
end their bead is counted per side, and ending a bead after a segment of a class that ends
beads less often than the rest costs log(rate of the rest / rate of that class) (rates shrunk
towards the rest by PRIOR segments, so a handful of segments proves nothing). In the Bible
pair every class ends beads about equally often, and the cost is about 0.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

CLASSES = (";", ":", ",")  # final punctuation that may or may not close a sentence
PRIOR = 5.0  # segments, of the rest's rate, mixed into each class's rate


def final_class(text: str, marks: tuple[str, ...], after: str | None = None) -> int:
    """Index in `marks` of a segment's last character once the characters of `after` (default:
    whitespace) are stripped from its end, or len(marks) for any other ending."""
    last = text.rstrip(after)[-1:]
    return marks.index(last) if last and last in marks else len(marks)


def ending_class(text: str) -> int:
    """Index of a segment's final punctuation in CLASSES, or len(CLASSES) for any other ending."""
    return final_class(text, CLASSES)


def end_costs(texts: Sequence[str], ends: Sequence[int]) -> np.ndarray | None:
    """Cost of a bead ending at each prefix position (len n + 1) given `ends`, the segment
    indexes that end a bead in a first alignment; None when no class costs anything."""
    classes = np.fromiter(map(ending_class, texts), dtype=np.int64, count=len(texts))
    is_end = np.zeros(len(texts), dtype=bool)
    is_end[np.asarray(ends, dtype=np.int64)] = True
    rest = classes == len(CLASSES)
    if not rest.any():
        return None
    base = max(float(is_end[rest].mean()), 1e-3)
    cost_of = np.zeros(len(CLASSES) + 1)
    for k in range(len(CLASSES)):
        mine = classes == k
        rate = (float(is_end[mine].sum()) + PRIOR * base) / (float(mine.sum()) + PRIOR)
        cost_of[k] = max(0.0, math.log(base / max(rate, 1e-3)))
    if not cost_of.any():
        return None
    out = np.zeros(len(texts) + 1)
    out[1:] = cost_of[classes]
    return out
