"""IBM Model 1 translation probabilities by EM over a small parallel corpus of beads.

Dice counts how often two words share a bead; a frequent word shares beads with everything,
so Dice pairs a rare word with whatever common word sits beside its translation. IBM Model 1
(Brown et al. 1993) lets the words of a bead compete to explain each other word: once "boaz"
explains "vooz", "the" no longer gets credit for it. Each side is a set of word ids per bead
(ids 0..V-1); a NULL word (id V) on the explaining side absorbs function words. Arrays hold
one entry per distinct co-occurring pair, so EM costs a few bincounts per iteration.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np


def pair_occurrences(
    src: Sequence[Sequence[int]], tgt: Sequence[Sequence[int]], n_src: int, n_tgt: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every (bead, source word, target word) co-occurrence, NULL included on both sides.

    Returns the pair key per occurrence (s * (n_tgt + 1) + t), the bead-target group (for
    normalizing over sources), the bead-source group (for normalizing over targets), and the
    distinct pair keys, sorted.
    """
    keys, t_group, s_group = [], [], []
    tg = sg = 0
    for ws, wt in zip(src, tgt):
        s = np.append(np.asarray(ws, dtype=np.int64), n_src)
        t = np.append(np.asarray(wt, dtype=np.int64), n_tgt)
        keys.append((s[:, None] * (n_tgt + 1) + t[None, :]).ravel())
        t_group.append(np.tile(np.arange(tg, tg + len(t)), len(s)))
        s_group.append(np.repeat(np.arange(sg, sg + len(s)), len(t)))
        tg += len(t)
        sg += len(s)
    flat = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
    pairs, inverse = np.unique(flat, return_inverse=True)
    groups_t = np.concatenate(t_group) if t_group else np.zeros(0, dtype=np.int64)
    groups_s = np.concatenate(s_group) if s_group else np.zeros(0, dtype=np.int64)
    return inverse, groups_t, groups_s, pairs


def model1(inverse: np.ndarray, groups: np.ndarray, given: np.ndarray, n_pairs: int,
           iterations: int, skip: np.ndarray) -> np.ndarray:
    """p(word | given word) per distinct pair after EM; `groups` numbers the explained tokens,
    `given` is the explaining word of each pair, `skip` marks occurrences that do not count
    (the NULL token on the explained side)."""
    prob = np.ones(n_pairs)
    keep = ~skip
    inv, grp = inverse[keep], groups[keep]
    for _ in range(iterations):
        t = prob[inv]
        denom = np.bincount(grp, weights=t)
        counts = np.bincount(inv, weights=t / denom[grp], minlength=n_pairs)
        total = np.bincount(given, weights=counts)
        prob = counts / np.maximum(total[given], 1e-300)
    return prob


def translation_tables(
    src: Sequence[Sequence[int]], tgt: Sequence[Sequence[int]], n_src: int, n_tgt: int, iterations: int = 5,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Both directions of IBM-1 over the beads: (source id, target id, p(t | s), p(s | t),
    beads shared) for every distinct co-occurring pair of real words (NULL pairs dropped)."""
    inverse, groups_t, groups_s, pairs = pair_occurrences(src, tgt, n_src, n_tgt)
    s_of, t_of = pairs // (n_tgt + 1), pairs % (n_tgt + 1)
    occ_s, occ_t = s_of[inverse], t_of[inverse]
    p_t_s = model1(inverse, groups_t, s_of, len(pairs), iterations, occ_t == n_tgt)
    p_s_t = model1(inverse, groups_s, t_of, len(pairs), iterations, occ_s == n_src)
    shared = np.bincount(inverse, minlength=len(pairs))
    real = (s_of < n_src) & (t_of < n_tgt)
    return s_of[real], t_of[real], p_t_s[real], p_s_t[real], shared[real]
