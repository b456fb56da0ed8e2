"""Links merged after the search when their cut separates a translation unit (crossed_links.py)."""

from __future__ import annotations

import numpy as np

from align.crossed_links import crossed_cuts, home_matches, merge_crossed
from align.scorers.combine import Weights
from align.scorers.crossing import cut_matches
from align.scorers.features import build_features, tokenize
from align.search import band_offsets

W = Weights()


def features(src: list[str], tgt: list[str]):
    return build_features(tokenize(src), tokenize(tgt), W.classes)


def crossed(src: list[str], tgt: list[str], path: list[tuple[int, int, int, int]]) -> list[bool]:
    return crossed_cuts(*features(src, tgt), path, W.merge_cross, W.merge_home).tolist()


def cut_evidence(src: list[str], tgt: list[str], i: int, j: int) -> np.ndarray:
    """crossing.cut_matches of the one cut (i, j): weight matched across it per pair, and own."""
    lo, hi = np.ones(len(src) + 1, dtype=np.int64), np.zeros(len(src) + 1, dtype=np.int64)
    lo[i] = hi[i] = j
    return cut_matches(*features(src, tgt), lo, hi, band_offsets(lo, hi))[0]


# the translator turned the two sentences round: each matches only across the cut
TURNED_SRC = ["In 1955 Anna Kowalski visited Berlin.", "Peter Lindqvist flew to Madrid in 1960."]
TURNED_TGT = ["Peter Lindqvist flog 1960 nach Madrid.", "Anna Kowalski besuchte 1955 Berlin."]


def test_two_links_that_match_only_crosswise_are_crossed() -> None:
    assert crossed(TURNED_SRC, TURNED_TGT, [(0, 0, 1, 1), (1, 1, 1, 1)]) == [True]


def test_two_links_that_each_match_at_home_are_not() -> None:
    src = ["In 1955 Anna Kowalski visited Berlin.", "Peter Lindqvist flew to Madrid in 1960."]
    tgt = ["Anna Kowalski besuchte 1955 Berlin.", "Peter Lindqvist flog 1960 nach Madrid."]
    assert crossed(src, tgt, [(0, 0, 1, 1), (1, 1, 1, 1)]) == [False]


def test_a_name_shared_across_the_cut_does_not_outweigh_a_well_matched_home() -> None:
    # "Brzezinski" is in source 0 and target 1 only: matched across the cut, and enough weight
    # on its own, but both sentences match far more inside their own links
    src = ["In 1955 Anna Kowalski visited Berlin, wrote Brzezinski.", "Peter Lindqvist flew to Madrid in 1960."]
    tgt = ["Anna Kowalski besuchte 1955 Berlin.", "Peter Lindqvist flog 1960 nach Madrid, schrieb Brzezinski."]
    assert cut_evidence(src, tgt, 1, 1)[0] >= W.merge_cross  # the threshold alone would merge them
    assert crossed(src, tgt, [(0, 0, 1, 1), (1, 1, 1, 1)]) == [False]


def test_omissions_are_never_merged() -> None:
    # source 1 is left unlinked, though it shares "1958" with target 0 across the cut: a dropped
    # sentence that repeats something of its neighbour is no evidence of a split unit
    src = ["In 1955 Anna Kowalski visited Berlin.", "She returned there in 1958.",
           "Peter Lindqvist flew to Madrid in 1960."]
    tgt = ["Anna Kowalski besuchte 1955 Berlin und kam 1958 wieder.", "Peter Lindqvist flog 1960 nach Madrid."]
    assert cut_evidence(src, tgt, 1, 1)[1] >= W.merge_cross  # the evidence is there
    assert crossed(src, tgt, [(0, 0, 1, 1), (1, 1, 1, 0), (2, 1, 1, 1)]) == [False, False]


def test_home_is_what_a_sentence_matches_in_its_own_link() -> None:
    s, t = features(TURNED_SRC, TURNED_TGT)
    src_home, tgt_home = home_matches(s, t, [(0, 0, 1, 1), (1, 1, 1, 1)])
    assert src_home.tolist() == [0.0, 0.0] and tgt_home.tolist() == [0.0, 0.0]  # nothing but "." in common
    src_home, tgt_home = home_matches(s, t, [(0, 0, 2, 2)])
    assert np.allclose(src_home, s.mass) and np.allclose(tgt_home, t.mass)  # all matched, capped at the mass
    src_home, tgt_home = home_matches(s, t, [(0, 0, 1, 0), (1, 0, 1, 1), (2, 1, 0, 1)])
    assert src_home[0] == 0.0 and tgt_home[1] == 0.0  # omissions have no home
    src_home, tgt_home = home_matches(s, t, [(0, 0, 1, 1), (1, 1, 1, 0), (2, 1, 0, 1)])  # ends unlinked
    assert src_home[1] == 0.0 and tgt_home[1] == 0.0


def test_merging_keeps_every_sentence_once_in_order_within_max_align() -> None:
    path = [(0, 0, 1, 1), (1, 1, 1, 1), (2, 2, 1, 1), (3, 3, 1, 0), (4, 3, 1, 1)]
    scores = np.array([0.9, 0.4, 0.8, 0.7, 0.95])
    beads, out = merge_crossed(path, scores, np.array([True, True, False, True]), 4)
    # the first run would hold 6 sentences: it stops at 4; the omission merges only because the
    # cut says so (crossed_cuts never does that)
    assert beads == [(0, 0, 2, 2), (2, 2, 1, 1), (3, 3, 2, 1)]
    assert out.tolist() == [0.4, 0.8, 0.7]  # a merged link keeps its lowest score
    beads, out = merge_crossed(path, scores, np.zeros(4, dtype=bool), 5)
    assert beads == path and out.tolist() == scores.tolist()
