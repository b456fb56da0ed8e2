"""Name keys (the ids of the glossary entries a sentence names) as features of each sentence.

A key present on both sides of a bead is strong evidence for it; a key on one side only is
mild evidence against (it enlarges the bead's feature mass without a match). (Not to be
confused with the search's anchors: the confident 1-1 beads pass one chains, align.anchoring.)
"""

from __future__ import annotations

from typing import Sequence


def name_key_features(keys: Sequence[frozenset[str]] | None, count: int) -> list[set[str]]:
    """Per-sentence feature names for name keys; an absent or short list means none."""
    out: list[set[str]] = [set() for _ in range(count)]
    if keys is None:
        return out
    for i, found in enumerate(keys[:count]):
        out[i] = {"n:" + str(k) for k in found}
    return out
