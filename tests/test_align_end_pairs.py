"""Paired endings (align/scorers/end_pairs.py): learned from a first path's linked beads."""

from __future__ import annotations

import numpy as np

from align.scorers.end_pairs import bead_pair_cost, end_classes, pair_costs


def test_a_list_colon_opposite_a_sentence_end_costs_when_the_document_pairs_them_rarely() -> None:
    src = ["Literatur :"] * 10 + ["Satz ."] * 30
    tgt = ["Bibliographie :"] * 10 + ["Phrase ."] * 30
    beads = [(k, k, 1, 1) for k in range(40)]  # ":" always opposite ":", "." opposite "."
    sc, tc = end_classes(src), end_classes(tgt)
    table = pair_costs(sc, tc, beads)
    assert table is not None
    colon, other = 1, 3
    assert table[colon, other] > 1.0 and table[other, colon] > 1.0
    assert table[colon, colon] == 0.0 and table[other, other] == 0.0
    cost = bead_pair_cost(table, sc, tc, np.array([9, 9]), np.array([8, 10]), 2, 1)
    assert cost[0] > 1.0 and cost[1] == 0.0  # ends after "Satz ." opposite "Bibliographie :" / "Phrase ."


def test_classes_that_pair_at_random_cost_nothing() -> None:
    """A KJV verse ends in ":" or "." whatever the Russian verse ends in: no pair is informative."""
    src = [":", ".", ":", "."] * 10
    tgt = [".", ".", ":", ":"] * 10
    assert pair_costs(end_classes(src), end_classes(tgt), [(k, k, 1, 1) for k in range(40)]) is None


def test_a_rare_class_proves_nothing() -> None:
    src = ["a ;"] + ["b ."] * 39
    tgt = ["c ."] * 40
    table = pair_costs(end_classes(src), end_classes(tgt), [(k, k, 1, 1) for k in range(40)])
    assert table is None or table.max() < 0.1
