"""Segment-shape signals: boundaries that cut an open bracket (align/scorers/shape.py)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from align.lexical import LexicalAligner
from align.config import AlignConfig
from align.scorers.combine import Weights
from align.scorers.shape import bracket_balance, open_boundaries


def test_bracket_balance_counts_unclosed_and_unopened() -> None:
    assert bracket_balance("Das Buch ( Zürich :") == (1, 0)
    assert bracket_balance("Orell Füssli 1956 ) vorliegt") == (0, 1)
    assert bracket_balance("( Mount Everest ) [ 8848 m ]") == (0, 0)
    assert bracket_balance("a ) la réfraction des rayons") == (0, 0)  # a list label, not a closer
    assert bracket_balance("« Makalu » , Grenoble") == (0, 0)  # quotes are not brackets


def test_open_boundaries_mark_cuts_inside_brackets_only() -> None:
    texts = ["Ein Satz .", "Das Buch ( Zürich :", "Orell 1956 ) ist gut .", "b ) Les Alpes .", "» Das Tal ."]
    assert open_boundaries(texts).tolist() == [0, 0, 1, 0, 0, 0]
    assert not open_boundaries(["Verse one, and", "and verse two"]).any()  # open punctuation is no bracket
    assert open_boundaries(["x ( y", "z"]).dtype == np.float64


def test_fragment_with_open_bracket_joins_its_own_sentence() -> None:
    src = ["Das Buch von Jean Franco ist schön.",
           "Es erschien auch in deutscher Fassung bei einem Verlag, den alle kennen, und das Buch bringt wenig Neues ( Zürich :",
           "Orell 1956 ).", "Der Gipfel wurde am 9. Mai erreicht."]
    tgt = ["Le livre de Jean Franco est beau.",
           "Il a paru en allemand chez un éditeur que tout le monde connaît, et apporte peu de nouveau.",
           "Le sommet fut atteint le 9 mai."]
    # the unmatched-number and stray costs also object to the drift: switch them off to see the cut
    others_off = replace(Weights(), number_miss=0.0, stray=0.0)
    blind = LexicalAligner(weights=replace(others_off, open_cut=0.0)).align(src, tgt, AlignConfig())
    links = LexicalAligner(weights=others_off).align(src, tgt, AlignConfig())
    assert ((2, 3), (2,)) in [(link.src, link.tgt) for link in blind]  # by length the fragment drifts on
    assert [(link.src, link.tgt) for link in links] == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
    assert [(link.src, link.tgt) for link in LexicalAligner().align(src, tgt, AlignConfig())] == \
        [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
