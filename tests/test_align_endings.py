"""Soft segment endings (align/scorers/endings.py): learned from a first alignment, charged in the second."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from align.lexical import LexicalAligner
from align.config import AlignConfig
from align.scorers.combine import Weights
from align.scorers.endings import end_costs, ending_class


def test_ending_classes() -> None:
    assert [ending_class(t) for t in ["fut cordial ;", "Literatur :", "et,", "Fin .", "Titre", ""]] == [0, 1, 2, 3, 3, 3]


def test_semicolons_that_seldom_end_a_bead_cost_and_verse_ends_do_not() -> None:
    texts = ["a ;", "b .", "c ;", "d .", "e ;", "f .", "g ;", "h .", "i .", "j ."]
    split_clauses = end_costs(texts, [1, 3, 5, 7, 8, 9])  # every ";" segment runs on into the next
    assert split_clauses is not None
    assert split_clauses[1] > 0.3 and split_clauses[2] == 0.0  # after "a ;" costs, after "b ." does not
    assert end_costs(texts, list(range(10))) is None  # verses: every segment is a bead of its own
    assert end_costs(["a .", "b ."], [0, 1]) is None  # no soft ending at all


def test_clause_split_side_joins_its_semicolon_segments(shared: Path) -> None:
    """Text+Berg's French side is split at semicolons, its German side is not: with the learned
    cost, clause segments ending in ";" join the rest of their sentence (gold beads)."""
    doc = shared / "eval" / "textberg-dev" / "dev"
    src = (doc / "src.txt").read_text("utf-8").splitlines()
    tgt = (doc / "tgt.txt").read_text("utf-8").splitlines()
    wanted = {((6,), (6, 7, 8)), ((282, 283), (326, 327))}  # "a ) ... ;" "b ) ... ;" "c ) ..." and "... cordiaux ;"
    with_cost = {(link.src, link.tgt) for link in LexicalAligner().align(src, tgt, AlignConfig())}
    without = {(link.src, link.tgt) for link in
               LexicalAligner(weights=replace(Weights(), soft_end=0.0)).align(src, tgt, AlignConfig())}
    assert wanted <= with_cost
    # without it, the "a ) ... ;" list splits; the "cordiaux ;" bead is also found by the shape
    # priors since a run of omissions counts once (priors.py)
    assert ((6,), (6, 7, 8)) not in without
