"""Fragments: short segments that, in this document, are usually part of a larger bead.

Pre-split text is sometimes cut inside sentences (OCR, reference lists: "G.O.Dyhrenfurth :" /
"« Dämon Himalaya » ( Basel :" / "Benno Schwabe 1935 ) ."), and then a bead of three or more
segments on one side is the right answer although its shape prior is high. Short segments are
not fragments everywhere (a short Bible verse is a bead of its own), so the rule is learned from
the document, as in endings.py: after a first alignment, the share of short segments (under
SHORT times the median length of their side) that share a bead side with another segment is
compared with the share of the rest; each short segment inside a merged side then earns
log(short rate / rest rate) (rates shrunk towards the rest by PRIOR segments), and nothing
where short segments are merged no more often than the others.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

SHORT = 0.4  # share of the side's median length under which a segment is short
PRIOR = 5.0  # segments, of the rest's rate, mixed into the short segments' rate


def merge_credit(lengths: np.ndarray, merged: Sequence[int]) -> np.ndarray | None:
    """Cumulative credit (len n + 1) of short segments for lying inside a merged bead side, given
    `merged`, the segment indexes that share their bead side in a first alignment; None when
    short segments are not merged more often than the rest."""
    if len(lengths) == 0:
        return None
    short = lengths < SHORT * float(np.median(lengths))
    if not short.any() or short.all():
        return None
    is_merged = np.zeros(len(lengths), dtype=bool)
    is_merged[np.asarray(merged, dtype=np.int64)] = True
    base = max(float(is_merged[~short].mean()), 1e-3)
    rate = (float(is_merged[short].sum()) + PRIOR * base) / (float(short.sum()) + PRIOR)
    credit = math.log(rate / base)
    if credit <= 0.0:
        return None
    out = np.zeros(len(lengths) + 1)
    np.cumsum(short * credit, out=out[1:])
    return out
