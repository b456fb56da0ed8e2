"""Word translations learned from the document pair itself (hunalign's -realign, done better).

After a first alignment, the confident beads are a small parallel corpus: a source word and a
target word that keep appearing in the same beads (and rarely apart) are probably
translations. Association is the Dice coefficient of their bead counts; pairs seen together
at least `min_count` times with Dice >= `min_dice` become a lexicon for the second alignment.
"""

from __future__ import annotations

from typing import Sequence

Bead = tuple[int, int, int, int]  # i, j, a, b


def learn_lexicon(
    beads: Sequence[Bead],
    src_words: Sequence[Sequence[str]],
    tgt_words: Sequence[Sequence[str]],
    min_count: int = 2,
    min_dice: float = 0.4,
    per_word: int = 2,
    max_beads: int = 4000,
) -> dict[str, frozenset[str]]:
    """{source word key: likely target word keys} from a set of (confident) beads."""
    if len(beads) > max_beads:  # evenly spaced, deterministic
        step = len(beads) / max_beads
        beads = [beads[int(k * step)] for k in range(max_beads)]
    pair: dict[tuple[str, str], int] = {}
    count_s: dict[str, int] = {}
    count_t: dict[str, int] = {}
    for i, j, a, b in beads:
        ws = {w for x in range(i, i + a) for w in src_words[x]}
        wt = {w for y in range(j, j + b) for w in tgt_words[y]}
        for s in ws:
            count_s[s] = count_s.get(s, 0) + 1
        for t in wt:
            count_t[t] = count_t.get(t, 0) + 1
        for s in ws:
            for t in wt:
                pair[s, t] = pair.get((s, t), 0) + 1
    best: dict[str, list[tuple[float, str]]] = {}
    for (s, t), c in pair.items():
        if c < min_count or s == t:
            continue
        dice = 2 * c / (count_s[s] + count_t[t])
        if dice >= min_dice:
            best.setdefault(s, []).append((-dice, t))
    return {s: frozenset(t for _, t in sorted(cands)[:per_word]) for s, cands in best.items()}
