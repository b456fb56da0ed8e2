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
from itertools import chain
from typing import Sequence

import numpy as np

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
    count_s = Counter(chain.from_iterable(ws for ws, _ in sides))
    count_t = Counter(chain.from_iterable(wt for _, wt in sides))
    # words seen fewer than min_count times cannot qualify; ids follow the words' sorted order
    src_vocab = sorted(w for w, c in count_s.items() if c >= min_count)
    tgt_vocab = sorted(w for w, c in count_t.items() if c >= min_count)
    if not src_vocab or not tgt_vocab:
        return {}
    s_id, t_id = {w: k for k, w in enumerate(src_vocab)}, {w: k for k, w in enumerate(tgt_vocab)}
    s_beads = [[s_id[w] for w in ws if w in s_id] for ws, _ in sides]
    t_beads = [[t_id[w] for w in wt if w in t_id] for _, wt in sides]
    pair, together = _pair_counts(s_beads, t_beads, len(tgt_vocab))
    s, t = pair // len(tgt_vocab), pair % len(tgt_vocab)
    same = np.array([s_id.get(w, -1) for w in tgt_vocab], dtype=np.int64)[t] == s
    dice = 2 * together / (np.array([count_s[w] for w in src_vocab])[s] + np.array([count_t[w] for w in tgt_vocab])[t])
    ok = (together >= min_count) & ~same & (dice >= min_dice)
    s, t, dice = s[ok], t[ok], dice[ok]
    order = np.lexsort((t, -dice, s))  # per source word: best Dice first, ties by target word
    s, t = s[order], t[order]
    start = np.searchsorted(s, s)  # first position of each source word's run
    top = np.arange(len(s)) - start < per_word
    out: dict[str, set[str]] = {}
    for x, y in zip(s[top].tolist(), t[top].tolist()):
        out.setdefault(src_vocab[x], set()).add(tgt_vocab[y])
    return {w: frozenset(ts) for w, ts in out.items()}


def _pair_counts(s_beads: list[list[int]], t_beads: list[list[int]], n_tgt: int) -> tuple[np.ndarray, np.ndarray]:
    """Every (source id, target id) pair that shares a bead, as s * n_tgt + t, with its bead count."""
    ls = np.fromiter(map(len, s_beads), dtype=np.int64, count=len(s_beads))
    lt = np.fromiter(map(len, t_beads), dtype=np.int64, count=len(t_beads))
    s_flat = np.fromiter(chain.from_iterable(s_beads), dtype=np.int64, count=int(ls.sum()))
    t_flat = np.fromiter(chain.from_iterable(t_beads), dtype=np.int64, count=int(lt.sum()))
    sizes = ls * lt
    bead = np.repeat(np.arange(len(sizes)), sizes)
    local = np.arange(int(sizes.sum())) - (np.cumsum(sizes) - sizes)[bead]
    s_at = (np.cumsum(ls) - ls)[bead] + local // np.maximum(lt[bead], 1)
    t_at = (np.cumsum(lt) - lt)[bead] + local % np.maximum(lt[bead], 1)
    code = np.sort(s_flat[s_at] * n_tgt + t_flat[t_at])
    if not len(code):
        return code, code
    first = np.flatnonzero(np.concatenate([[True], code[1:] != code[:-1]]))
    return code[first], np.diff(np.append(first, len(code)))
