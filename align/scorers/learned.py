"""Word translations learned from the document pair itself (hunalign's -realign, done better).

After a first alignment, its beads are a small parallel corpus. Words are counted by their
first PREFIX letters, so that the inflected forms of a Russian or German word pool their
evidence (full keys split it; 5 letters did best on the dev sets, 4 merged too much in
German-French). Association is IBM Model 1 in both directions (see ibm1.py): a pair seen in
at least `min_count` beads whose geometric mean sqrt(p(t | s) p(s | t)) reaches `min_score`
joins the lexicon for the second alignment. IBM-1 replaced the Dice coefficient of bead counts,
which paired rare words with the common words next to their translations (bible-en-ru-perturbed
strict F1 0.947 -> 0.979, textberg-dev 0.848 -> 0.859).
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

import numpy as np

from align.beads import Step
from align.scorers.ibm1 import translation_tables

PREFIX = 5  # words are learned by their first letters, so that inflected forms pool their counts


def learn_key(key: str) -> str:
    """The form under which a word key is learned and looked up (its first PREFIX letters)."""
    return key[:PREFIX]


def bead_vocabularies(
    beads: Sequence[Step], src_words: Sequence[Sequence[str]], tgt_words: Sequence[Sequence[str]],
) -> list[tuple[list[str], list[str]]]:
    """Each bead's distinct source and target stems (learn_key), sorted."""
    return [(sorted({learn_key(w) for x in range(i, i + a) for w in src_words[x]}),
             sorted({learn_key(w) for y in range(j, j + b) for w in tgt_words[y]}))
            for i, j, a, b in beads]


def learn_lexicon(
    beads: Sequence[Step],
    src_words: Sequence[Sequence[str]],
    tgt_words: Sequence[Sequence[str]],
    min_count: int = 2,
    min_score: float = 0.3,
    per_word: int = 1,
    max_beads: int = 1000,
    iterations: int = 5,
) -> dict[str, frozenset[str]]:
    """{source word key: likely target word keys} from a set of (confident) beads."""
    if len(beads) > max_beads:  # evenly spaced, deterministic
        step = len(beads) / max_beads
        beads = [beads[int(k * step)] for k in range(max_beads)]
    sides = bead_vocabularies(beads, src_words, tgt_words)
    # words seen in fewer than min_count beads cannot qualify: leave them out of EM
    count_s = Counter(w for ws, _ in sides for w in ws)
    count_t = Counter(w for _, wt in sides for w in wt)
    vocab_s = sorted(w for w, c in count_s.items() if c >= min_count)
    vocab_t = sorted(w for w, c in count_t.items() if c >= min_count)
    id_s = {w: k for k, w in enumerate(vocab_s)}
    id_t = {w: k for k, w in enumerate(vocab_t)}
    s, t, p_ts, p_st, shared = translation_tables(
        [[id_s[w] for w in ws if w in id_s] for ws, _ in sides],
        [[id_t[w] for w in wt if w in id_t] for _, wt in sides], len(vocab_s), len(vocab_t), iterations)
    score = np.sqrt(p_ts * p_st)
    best: dict[str, list[tuple[float, str]]] = {}
    for k in np.flatnonzero((shared >= min_count) & (score >= min_score)):
        src, tgt = vocab_s[s[k]], vocab_t[t[k]]
        if src != tgt:  # the same key already matches as a word feature
            best.setdefault(src, []).append((-float(score[k]), tgt))
    return {w: frozenset(x for _, x in sorted(cands)[:per_word]) for w, cands in best.items()}
