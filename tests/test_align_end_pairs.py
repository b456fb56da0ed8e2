"""Paired endings (align/scorers/end_pairs.py): learned from a first path's linked beads."""

from __future__ import annotations

import numpy as np

from align.scorers.end_pairs import bead_pair_cost, end_class, end_classes, pair_costs


def test_end_classes() -> None:
    assert [end_class(t) for t in ["Warum ?", "Los !", "Fin .", "Titre", "a ;", ""]] == [0, 1, 2, 2, 2, 2]
    # the mark counts behind closing quotes and brackets, and in its full-width form
    assert [end_class(t) for t in ["«Это Ноеминь?»", 'Is this Naomi?" ', "(wirklich!)", "何？", "«Нет.»"]] == [0, 0, 1, 0, 2]


def test_a_question_opposite_a_statement_costs_when_the_document_keeps_questions() -> None:
    src = ["Warum ?"] * 10 + ["Satz ."] * 30
    tgt = ["Pourquoi ?"] * 10 + ["Phrase ."] * 30
    sc, tc = end_classes(src), end_classes(tgt)
    table = pair_costs(sc, tc, [(k, k, 1, 1) for k in range(40)])
    assert table is not None
    question, rest = 0, 2
    assert table[question, rest] > 1.0 and table[rest, question] > 1.0
    assert table[question, question] == 0.0 and table[rest, rest] == 0.0
    cost = bead_pair_cost(table, sc, tc, np.array([9, 9]), np.array([8, 10]), 2, 1)
    assert cost[0] > 1.0 and cost[1] == 0.0  # "Satz ." opposite "Pourquoi ?" costs, opposite "Phrase ." not


def test_classes_that_pair_at_random_cost_nothing() -> None:
    """A translator who turns questions into statements as often as not: no pair is informative."""
    src = ["?", ".", "?", "."] * 10
    tgt = [".", ".", "?", "?"] * 10
    assert pair_costs(end_classes(src), end_classes(tgt), [(k, k, 1, 1) for k in range(40)]) is None


def test_a_rare_class_proves_nothing() -> None:
    src = ["a ?"] + ["b ."] * 39
    tgt = ["c ."] * 40
    table = pair_costs(end_classes(src), end_classes(tgt), [(k, k, 1, 1) for k in range(40)])
    assert table is None or table.max() < 0.1

