"""Debris segments (OCR noise, dotted lines): cheap to leave out, so they stay out of beads."""

from __future__ import annotations

from dataclasses import replace

from align.lexical import LexicalAligner
from align.config import AlignConfig
from align.scorers.combine import Weights
from align.scorers.shape import debris


def test_debris_is_at_most_one_letter_or_digit() -> None:
    texts = [".....", "- _-", 'h * "', "24 a !", "m", "Zürich", "293 , Nov .", "", "Ж ."]
    assert debris(texts).tolist() == [True, True, True, False, True, False, False, True, True]


def test_debris_line_is_left_out_rather_than_merged() -> None:
    src = ["Der Berg ist 8603 m hoch und wurde 1930 von Marcel Kurz vermessen.",
           "Der Lhotse misst amtlich noch immer 8501 m.", "Der neue Wert ist 8481 m."]
    tgt = ["La montagne mesure 8603 m et fut mesurée en 1930 par Marcel Kurz.", ".....", "- _-",
           "Officiellement , le Lhotsé mesure toujours 8501 m.", "Le nouveau chiffre est 8481 m."]
    expected = [((0,), (0,)), ((), (1,)), ((), (2,)), ((1,), (3,)), ((2,), (4,))]
    # at the ordinary omission cost, the two noise lines ride along with their neighbour
    plain = LexicalAligner(weights=replace(Weights(), skip_debris=5.5)).align(src, tgt, AlignConfig())
    assert [(link.src, link.tgt) for link in plain] != expected
    links = LexicalAligner().align(src, tgt, AlignConfig())
    assert [(link.src, link.tgt) for link in links] == expected
