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
    s_len = np.fromiter(map(len, src), dtype=np.int64, count=len(src)) + 1  # NULL last on each side
    t_len = np.fromiter(map(len, tgt), dtype=np.int64, count=len(tgt)) + 1
    s_ids = _with_null(src, s_len, n_src)
    t_ids = _with_null(tgt, t_len, n_tgt)
    # every (bead, source word, target word), source major within a bead, as the nested loops go:
    # each source token (the bead-source group) meets its bead's target tokens (the bead-target
    # groups) in order
    met = np.repeat(t_len, s_len)  # target tokens each source token meets
    s_at = np.repeat(np.arange(len(met)), met)
    first = np.repeat(np.cumsum(t_len) - t_len, s_len)  # the first target token of its bead
    t_at = np.arange(int(met.sum())) - np.repeat(np.cumsum(met) - met - first, met)
    pairs, inverse = _distinct(s_ids[s_at], t_ids[t_at], n_src, n_tgt)
    return inverse, t_at, s_at, pairs


def _distinct(s: np.ndarray, t: np.ndarray, n_src: int, n_tgt: int) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(s * (n_tgt + 1) + t, return_inverse=True), sorted by two radix passes when
    the ids fit 16 bits (three times faster: the occurrences number hundreds of thousands)."""
    key = s * (n_tgt + 1) + t
    if max(n_src, n_tgt) >= 2**16 - 1 or not len(key):
        return np.unique(key, return_inverse=True)
    by_t = np.argsort(t.astype(np.uint16), kind="stable")
    order = by_t[np.argsort(s.astype(np.uint16)[by_t], kind="stable")]
    ordered = key[order]
    new = np.empty(len(key), dtype=bool)
    new[0] = True
    new[1:] = ordered[1:] != ordered[:-1]
    inverse = np.empty(len(key), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ordered[new], inverse


def _with_null(side: Sequence[Sequence[int]], lengths: np.ndarray, null: int) -> np.ndarray:
    """Each bead's word ids followed by the NULL id, flat (`lengths`: words + 1 per bead)."""
    out = np.full(int(lengths.sum()), null, dtype=np.int64)
    word = np.ones(len(out), dtype=bool)
    word[np.cumsum(lengths) - 1] = False
    out[word] = np.fromiter((w for ws in side for w in ws), dtype=np.int64, count=int(word.sum()))
    return out


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
