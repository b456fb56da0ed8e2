"""Drift in short documents with little evidence (issue 22, item 2)."""

from __future__ import annotations

from align.scorers.combine import Weights
from align.scorers.features import build_features, chance_keys, tokenize


def test_two_letter_keys_shared_across_scripts_are_chance() -> None:
    en = tokenize(["He went on by the river to do no harm.", "Boaz came."])
    ru = tokenize(["Он шёл бы до реки, но Вооз пришёл.", "Он пришёл."])
    # on/он, by/бы (both "bi"), do/до, no/но: function words of two languages that key alike
    assert chance_keys(en, ru) == {"on", "bi", "do", "no"}
    assert chance_keys(en, tokenize(["He went on by the river to do no harm."])) == frozenset()  # one script


def test_a_chance_key_weighs_less_than_a_word_in_the_same_script() -> None:
    w = Weights()
    cross = build_features(tokenize(["on"]), tokenize(["он"]), w.classes)
    same = build_features(tokenize(["on"]), tokenize(["on"]), w.classes)
    assert len(cross[0].weights) == len(same[0].weights) == 1  # both keep the shared key
    assert cross[0].weights[0] == same[0].weights[0] * w.classes["short"] / w.classes["word"]
    assert w.classes["short"] < w.classes["word"]
    # a longer key shared across scripts (a name, a loanword) is a word, not chance
    name = build_features(tokenize(["ada"]), tokenize(["ада"]), w.classes)
    assert name[0].weights.tolist() == same[0].weights.tolist()
