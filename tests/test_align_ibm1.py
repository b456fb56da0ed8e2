"""IBM Model 1 (align/scorers/ibm1.py) and the lexicon learned with it (learned.py)."""

from __future__ import annotations

import numpy as np

from align.scorers.ibm1 import translation_tables
from align.scorers.learned import learn_lexicon

# planted pairs: haus=house, buch=book, das=the, ein=a, rot=red, alt=old; every content word
# shares each of its beads with "the"/"a", so bead counts alone tie it to them
SRC = [["das", "haus"], ["das", "buch"], ["ein", "buch"], ["ein", "haus", "rot"],
       ["das", "buch", "alt"], ["das", "haus", "alt"], ["ein", "buch", "rot"]]
TGT = [["the", "house"], ["the", "book"], ["a", "book"], ["a", "red", "house"],
       ["the", "old", "book"], ["the", "old", "house"], ["a", "red", "book"]]
PLANTED = {"das": "the", "haus": "house", "buch": "book", "ein": "a", "rot": "red", "alt": "old"}


def _table(src, tgt):
    vs = sorted({w for ws in src for w in ws})
    vt = sorted({w for ws in tgt for w in ws})
    s, t, p_ts, p_st, shared = translation_tables(
        [[vs.index(w) for w in ws] for ws in src], [[vt.index(w) for w in ws] for ws in tgt], len(vs), len(vt), 10)
    return {(vs[a], vt[b]): (x, y, c) for a, b, x, y, c in zip(s, t, p_ts, p_st, shared)}


def test_model1_recovers_planted_pairs_in_both_directions() -> None:
    table = _table(SRC, TGT)
    for src, tgt in PLANTED.items():
        p_ts, p_st, _ = table[(src, tgt)]
        # the planted translation is the most probable one in both directions
        assert p_ts == max(v[0] for (s, _), v in table.items() if s == src), src
        assert p_st == max(v[1] for (_, t), v in table.items() if t == tgt), tgt
    assert table[("haus", "house")][0] > 0.5 and table[("haus", "the")][0] < 0.2
    assert table[("buch", "book")][2] == 4  # beads shared


def test_model1_probabilities_are_distributions() -> None:
    table = _table(SRC, TGT)
    for src in PLANTED:  # p(t | s) over real targets sums to at most 1 (the rest goes to NULL)
        total = sum(v[0] for (s, _), v in table.items() if s == src)
        assert 0.5 < total <= 1.0 + 1e-9


def test_learned_lexicon_keeps_planted_pairs_only() -> None:
    beads = [(i, i, 1, 1) for i in range(len(SRC))]
    lex = learn_lexicon(beads, SRC, TGT)
    for src, tgt in PLANTED.items():
        assert lex.get(src) == frozenset([tgt]), src
    assert all(len(ts) == 1 for ts in lex.values())


def test_learned_lexicon_is_deterministic_and_order_free() -> None:
    beads = [(i, i, 1, 1) for i in range(len(SRC))]
    first = learn_lexicon(beads, SRC, TGT)
    assert learn_lexicon(beads, SRC, TGT) == first
    rev = list(reversed(range(len(SRC))))
    assert learn_lexicon(beads, [SRC[i] for i in rev], [TGT[i] for i in rev]) == first


def test_learned_lexicon_of_no_beads_is_empty() -> None:
    assert learn_lexicon([], SRC, TGT) == {}
    s, *_ = translation_tables([], [], 0, 0)
    assert isinstance(s, np.ndarray) and len(s) == 0


def test_co_occurrences_match_the_nested_loops_on_every_path() -> None:
    """pair_occurrences against the plain nested loops, with the distinct pairs found by radix
    sorts (ids within 16 bits) and by np.unique (past them)."""
    from align.scorers import ibm1

    rng = np.random.default_rng(7)
    for n_src, n_tgt, beads in ((12, 9, 40), (3000, 2500, 30), (70000, 5, 20)):
        src = [sorted(set(rng.integers(0, n_src, rng.integers(0, 6)).tolist())) for _ in range(beads)]
        tgt = [sorted(set(rng.integers(0, n_tgt, rng.integers(0, 6)).tolist())) for _ in range(beads)]
        keys, s_group, t_group, s_at, t_at = [], [], [], 0, 0
        for ws, wt in zip(src, tgt):
            for a, s in enumerate([*ws, n_src]):
                for b, t in enumerate([*wt, n_tgt]):
                    keys.append(s * (n_tgt + 1) + t)
                    s_group.append(s_at + a)
                    t_group.append(t_at + b)
            s_at, t_at = s_at + len(ws) + 1, t_at + len(wt) + 1
        inverse, groups_t, groups_s, pairs = ibm1.pair_occurrences(src, tgt, n_src, n_tgt)
        assert pairs.tolist() == sorted(set(keys))
        assert pairs[inverse].tolist() == keys
        assert groups_t.tolist() == t_group and groups_s.tolist() == s_group
