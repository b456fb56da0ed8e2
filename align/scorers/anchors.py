"""Anchor keys (e.g. glossary entry ids found in a sentence) as features of each sentence.

A key present on both sides of a bead is strong evidence for it; a key on one side only is
mild evidence against (it enlarges the bead's feature mass without a match).
"""

from __future__ import annotations

from typing import Sequence


def anchor_features(keys: Sequence[frozenset[str]] | None, count: int) -> list[set[str]]:
    """Per-sentence feature names for anchor keys; an absent or short list means no anchors."""
    out: list[set[str]] = [set() for _ in range(count)]
    if keys is None:
        return out
    for i, found in enumerate(keys[:count]):
        out[i] = {"a:" + str(k) for k in found}
    return out
