"""The terms of the model-free aligner that score a bead or a cut as a whole, not one sentence
pair: stray sentences in merged beads, numbers unmatched per bead, and the crossing evidence
of a boundary that cuts a translation in two."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from align.lexical import LexicalAligner
from align.config import AlignConfig
from align.scorers.combine import Weights
from align.scorers.features import build_features, tokenize
from align.scorers.overlap import block_match, block_overlap, pair_matches
from tests.conftest import bead_of


# --- stray sentences in merged beads ------------------------------------------------------

def _stray(pairs: dict[tuple[int, int], float], src_mass: list[float], tgt_mass: list[float], a: int, b: int,
           base: float = 0.3) -> tuple[float, float]:
    """(overlap, stray) of the bead source 0..a-1 x target 0..b-1 from hand-set pair overlaps."""
    n, m = len(src_mass), len(tgt_mass)
    lo, hi = np.zeros(n, dtype=np.int64), np.full(n, m - 1, dtype=np.int64)
    offsets = np.arange(n + 1, dtype=np.int64) * m
    values = np.array([pairs.get((i, j), 0.0) for i in range(n) for j in range(m)])
    ov, st = block_match((offsets, lo, hi, values), np.array([0]), np.array([0]), a, b,
                         np.array(src_mass), np.array(tgt_mass), 0.25, base, 0.5)
    return float(ov[0]), float(st[0])


def test_a_sentence_matching_nothing_beside_an_explained_side_is_stray() -> None:
    # target 0 explains source 0 fully; target 1 has real material that matches nothing
    ov, stray = _stray({(0, 0): 2.0}, [2.0], [2.0, 3.0], 1, 2)
    assert ov == pytest.approx(2.0)
    assert stray == pytest.approx(3.0 / 3.5)
    # a 1-1 bead has no stray sentence, whatever it matches
    assert _stray({}, [2.0], [2.0, 3.0], 1, 1)[1] == 0.0


def test_a_sentence_that_matches_its_share_or_has_nothing_to_match_is_not_stray() -> None:
    # target 1 matches a third of its mass (above the floor of a quarter): it earns its place
    assert _stray({(0, 0): 2.0, (0, 1): 1.0}, [3.0], [2.0, 3.0], 1, 2)[1] == 0.0
    # no lexical material at all: no evidence either way
    assert _stray({(0, 0): 2.0}, [2.0], [2.0, 0.0], 1, 2)[1] == 0.0
    # a little material counts less than a lot
    assert _stray({(0, 0): 2.0}, [2.0], [2.0, 0.2], 1, 2)[1] < _stray({(0, 0): 2.0}, [2.0], [2.0, 3.0], 1, 2)[1]


def test_a_stray_sentence_beside_an_unexplained_remainder_counts_less() -> None:
    # source 0 is only half explained: target 1 may be its unrecognized rest
    half = _stray({(0, 0): 2.0}, [4.0], [2.0, 3.0], 1, 2)[1]
    full = _stray({(0, 0): 2.0}, [2.0], [2.0, 3.0], 1, 2)[1]
    assert half < full
    assert half == pytest.approx(3.0 / 3.5 * (0.3 + 0.7 * 0.5))
    # with base 1 the other side does not matter
    assert _stray({(0, 0): 2.0}, [4.0], [2.0, 3.0], 1, 2, base=1.0)[1] == pytest.approx(full / 1.0 * 1.0)


def test_block_overlap_is_unchanged_by_the_stray_term() -> None:
    s, t = build_features(tokenize(["Moscow Berlin 1938.", "Paris 1945."]),
                          tokenize(["Moskau Berlin 1938.", "Paris 1945.", "Rome."]), Weights().classes)
    lo, hi = np.zeros(2, dtype=np.int64), np.full(2, 2, dtype=np.int64)
    offs, values = pair_matches(s, t, lo, hi)
    match = (offs, lo, hi, values)
    ov = block_overlap(match, np.array([0]), np.array([0]), 2, 2, s.mass, t.mass)
    full = values.reshape(2, 3)[:, :2]
    expected = (np.minimum(full.sum(axis=1), s.mass).sum() + np.minimum(full.sum(axis=0), t.mass[:2]).sum()) / 2
    assert ov[0] == pytest.approx(expected)
    assert block_match(match, np.array([0]), np.array([0]), 2, 2, s.mass, t.mass)[0][0] == pytest.approx(ov[0])


def test_stray_term_leaves_an_extra_sentence_out_of_a_merge() -> None:
    # target 1 adds words that occur elsewhere in the source but not in source 1
    src = ["Ankara 1923 Atatürk.", "Istanbul 1453 Mehmet.", "Izmir 1922 Smyrna Atatürk Ankara."]
    tgt = ["Ankara 1923 Atatürk.", "Izmir Smyrna 1922.", "Istanbul 1453 Mehmet.", "Izmir 1922 Smyrna Atatürk Ankara."]
    # at unknown 0.72 (before the refit with generated data) the pooled lexical term alone merges
    # target 1 into source 1's bead; the default weights leave it out even without the stray term
    for stray, merged in ((0.0, True), (Weights().stray, False)):
        links = LexicalAligner(weights=replace(Weights(), stray=stray, unknown=0.72)).align(src, tgt, AlignConfig())
        assert (bead_of(links, "tgt", 1) == ((1,), (1, 2))) == merged, links


def test_unmatched_numbers_count_per_bead_not_per_pair() -> None:
    """A number on one side of a bead and not on the other costs; one matched anywhere in the bead does not."""
    import numpy as np
    from align.scorers.number_match import number_features, number_matches, unmatched_numbers

    src = tokenize(["Am 9. Mai erreichten sie 8501 m.", "Sherpa-Liste Nr.57 )", "Es regnete."])
    tgt = tokenize(["Le 9 mai ils atteignirent 8501 m ( n° 57 ) .", "Il pleuvait."])
    nums = number_features(src.numbers, tgt.numbers)
    lo, hi = np.zeros(3, dtype=np.int64), np.full(3, 1, dtype=np.int64)
    match = number_matches(nums, lo, hi)
    cum = [np.concatenate([[0.0], np.cumsum(side.mass)]) for side in nums]
    def miss(i: int, j: int, a: int, b: int) -> float:
        return float(unmatched_numbers(nums, cum[0], cum[1], match, np.array([i]), np.array([j]), a, b)[0])
    assert miss(0, 0, 2, 1) == 0.0  # 9, 8501 and 57 all meet
    assert miss(0, 0, 1, 1) == 1.0  # 57 is left on the French side
    assert miss(2, 1, 1, 1) == 0.0  # no numbers at all
    assert miss(1, 1, 1, 1) == 1.0  # 57 against a sentence without it


# --- boundary crossing --------------------------------------------------------------------

def crossing_at(src: list[str], tgt: list[str], i: int, j: int) -> float:
    """Crossing evidence of the boundary (i, j) (full band), through the aligner's own features."""
    from align.scorers.crossing import band_crossing
    s, t, lo, hi, offsets = full_band(src, tgt)
    return float(band_crossing(s, t, lo, hi, offsets, Weights().mass0)[offsets[i] + j - lo[i]])


def full_band(src: list[str], tgt: list[str]) -> tuple:
    """Both sides' features and a band holding every boundary (i, j)."""
    from align.search import band_offsets
    s, t = build_features(tokenize(src), tokenize(tgt), Weights().classes)
    lo = np.zeros(len(src) + 1, dtype=np.int64)
    hi = np.full(len(src) + 1, len(tgt), dtype=np.int64)
    return s, t, lo, hi, band_offsets(lo, hi)


SPLIT_SRC = ["Anna visited Berlin in 1955 and Peter flew to Madrid in 1960.", "Everyone met in Lisbon in 1970."]
SPLIT_TGT = ["Anna besuchte Berlin im Jahr 1955.", "Peter flog 1960 nach Madrid, und alle trafen sich 1970 in Lissabon."]


def test_a_cut_inside_a_split_translation_costs() -> None:
    # source 0 ends in "Peter ... Madrid ... 1960", which target 1 translates: cutting at (1, 1)
    # separates them; cutting after both sides (2, 2) separates nothing
    assert crossing_at(SPLIT_SRC, SPLIT_TGT, 1, 1) > 0.2
    assert crossing_at(SPLIT_SRC, SPLIT_TGT, 2, 2) == 0.0


def test_a_cut_between_independent_pairs_or_a_repeated_name_costs_nothing() -> None:
    src = ["Anna visited Berlin in 1955.", "Peter flew to Madrid in 1960."]
    tgt = ["Anna besuchte Berlin im Jahr 1955.", "Peter flog 1960 nach Madrid."]
    assert crossing_at(src, tgt, 1, 1) < 0.02
    # "Anna" in both sources: the target's "Anna" is explained on its own side of the cut
    src = ["Anna visited Berlin in 1955.", "Anna flew to Madrid in 1960."]
    tgt = ["Anna besuchte Berlin im Jahr 1955.", "Anna flog 1960 nach Madrid."]
    assert crossing_at(src, tgt, 1, 1) < 0.02


def test_crossing_kernel_agrees_with_its_python_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BITEXT_NUMBA", "1")  # numba however small the call (align/jit.py)
    from align.scorers.crossing import _crossing, cut_matches
    s, t, lo, hi, offsets = full_band(SPLIT_SRC, SPLIT_TGT)
    compiled = cut_matches(s, t, lo, hi, offsets)
    python = np.zeros_like(compiled)  # the plain Python kernel, as without numba
    _crossing.py_func(s.indptr, s.ids, s.weights, t.indptr, t.ids, t.weights, len(s), len(t), lo, hi, offsets,
                      np.zeros((4, int(max(s.ids.max(), t.ids.max())) + 1)), python)
    assert compiled.any()
    assert np.array_equal(compiled, python)
