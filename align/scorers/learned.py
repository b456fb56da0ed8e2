"""Word translations learned from the document pair itself (hunalign's -realign, done better).

After a first alignment, the confident beads are a small parallel corpus: a source word and a
target word that keep appearing in the same beads (and rarely apart) are probably
translations. Words are counted by their first PREFIX letters, so that the inflected forms of
a Russian or German word pool their evidence (full keys split it; 5 letters did best on the
dev sets, 4 merged too much in German-French). Association is the Dice coefficient of their
bead counts; pairs seen together at least `min_count` times with Dice >= `min_dice` become a lexicon for the second alignment.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

Bead = tuple[int, int, int, int]  # i, j, a, b

PREFIX = 5  # words are learned by their first letters, so that inflected forms pool their counts


def learn_key(key: str) -> str:
    """The form under which a word key is learned and looked up (its first PREFIX letters)."""
    return key[:PREFIX]


def learn_lexicon(
    beads: Sequence[Bead],
    src_words: Sequence[Sequence[str]],
    tgt_words: Sequence[Sequence[str]],
    min_count: int = 2,
    min_dice: float = 0.4,
    per_word: int = 2,
    max_beads: int = 1000,
) -> dict[str, frozenset[str]]:
    """{source word key: likely target word keys} from a set of (confident) beads."""
    if len(beads) > max_beads:  # evenly spaced, deterministic
        step = len(beads) / max_beads
        beads = [beads[int(k * step)] for k in range(max_beads)]
    sides = [({learn_key(w) for x in range(i, i + a) for w in src_words[x]},
              {learn_key(w) for y in range(j, j + b) for w in tgt_words[y]})
             for i, j, a, b in beads]
    count_s = Counter(w for ws, _ in sides for w in ws)
    count_t = Counter(w for _, wt in sides for w in wt)
    pair: Counter[tuple[str, str]] = Counter()
    for ws, wt in sides:  # words seen fewer than min_count times cannot qualify
        ws = [w for w in ws if count_s[w] >= min_count]
        wt = [w for w in wt if count_t[w] >= min_count]
        pair.update((s, t) for s in ws for t in wt)
    best: dict[str, list[tuple[float, str]]] = {}
    for (s, t), c in pair.items():
        if c < min_count or s == t:
            continue
        dice = 2 * c / (count_s[s] + count_t[t])
        if dice >= min_dice:
            best.setdefault(s, []).append((-dice, t))
    return {s: frozenset(t for _, t in sorted(cands)[:per_word]) for s, cands in best.items()}
