"""Segment shape: where a segment visibly continues into the next one, and debris.

Pre-split text is not always split at sentence ends: OCR and sentence splitters leave fragments
such as "( Zürich :" / "Orell Füssli 1956 ) vorliegt ...", whose brackets only balance when
the two are read together. A bead that ends between them cuts an open bracket, which a correct
alignment rarely does; `open_boundaries` marks those positions so that the bead cost can
charge the cut. Only round, square and curly brackets count: they mean the same in every
script, while capitalization and final punctuation are left open by verse and headline
segmentation, and quotation marks span several sentences (splitters often put the closing
mark at the start of the next one).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import regex as re

_OPEN = "([{"
_CLOSE = ")]}"
_BRACKET = re.compile(r"[()\[\]{}]")
_TWO_ALNUM = re.compile(r"[^\W_].*?[^\W_]", re.S)  # two letters or digits anywhere
_LABEL = re.compile(r"^\W*\w{1,2}\s?[)\]]")  # a list label such as "a )" or "3)", not a closing bracket


def bracket_balance(text: str) -> tuple[int, int]:
    """(unclosed openers at the end, closers without an opener) of one segment."""
    depth = unmatched = 0
    if not any(ch in text for ch in _OPEN + _CLOSE):  # most segments: nothing to count
        return 0, 0
    for ch in _BRACKET.findall(_LABEL.sub("", text, count=1)):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth:
                depth -= 1
            else:
                unmatched += 1
    return depth, unmatched


def open_boundaries(texts: Sequence[str]) -> np.ndarray:
    """1.0 at each boundary p (between segment p-1 and p, len n + 1) that cuts an open bracket:
    segment p-1 leaves a bracket open or segment p closes one it never opened; 0 elsewhere."""
    out = np.zeros(len(texts) + 1)
    for x, text in enumerate(texts):
        depth, unmatched = bracket_balance(text)
        if depth and x + 1 < len(texts):
            out[x + 1] = 1.0
        if unmatched and x > 0:
            out[x] = 1.0
    return out


def debris(texts: Sequence[str]) -> np.ndarray:
    """True for segments with at most one letter or digit ("....." , "- _-", 'h * "'): OCR noise
    and separators, which carry nothing to translate, so leaving one out costs little."""
    return np.fromiter((_TWO_ALNUM.search(t) is None for t in texts), dtype=bool, count=len(texts))
