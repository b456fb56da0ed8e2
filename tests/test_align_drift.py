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


def _lots(n: int) -> tuple[list[str], list[str]]:
    src = [f"Lot {k} of the harvest weighed {100 + 7 * k} kilograms at the mill." for k in range(n)]
    tgt = [f"Партия {k} урожая весила на мельнице {100 + 7 * k} килограммов." for k in range(n)]
    return src, tgt


def test_a_path_held_back_by_the_band_is_searched_again_in_a_wider_band(monkeypatch) -> None:
    from dataclasses import replace

    from align.lexical import LexicalAligner, Settings
    from align.config import AlignConfig
    from align.search import guide_band

    # a wrong anchor at (12, 16) with a narrow base pulls the band off the diagonal there
    monkeypatch.setattr(LexicalAligner, "_anchor_band",
                        lambda self, feats, n, m, max_align: guide_band(n, m, [(5, 5), (12, 16), (20, 20)], 2))
    src, tgt = _lots(30)
    options = AlignConfig(src_lang="en", tgt_lang="ru")
    held = LexicalAligner(settings=replace(Settings(), widen=0)).align(src, tgt, options)
    assert any(not link.src or not link.tgt for link in held)  # drifted: omissions along the band's edge
    links = LexicalAligner().align(src, tgt, options)
    assert [(link.src, link.tgt) for link in links] == [((k,), (k,)) for k in range(30)]


def test_edge_rows_and_widen_band() -> None:
    import numpy as np

    from align.search import edge_rows, widen_band

    lo = np.array([0, 0, 1, 2, 3, 3])
    hi = np.array([2, 3, 4, 5, 5, 5])  # m = 5
    assert edge_rows([(k, k, 1, 1) for k in range(5)], lo, hi).tolist() == []
    # along the lower edge at rows 2 and 3
    assert edge_rows([(0, 0, 1, 1), (1, 1, 1, 0), (2, 1, 1, 1), (3, 2, 1, 2), (4, 4, 1, 1)], lo, hi).tolist() == [2, 3]
    assert edge_rows([(0, 0, 1, 3), (1, 3, 4, 2)], lo, hi).tolist() == [1]  # the upper edge of row 1
    assert edge_rows([(0, 0, 1, 2), (1, 2, 3, 3), (4, 5, 1, 0)], lo, hi).tolist() == []  # hi = m: the document's edge
    wlo, whi = widen_band(lo, hi, np.array([4]), 2)
    assert wlo.tolist() == [0, 0, 0, 0, 1, 1] and whi.tolist() == [2, 3, 5, 5, 5, 5]
