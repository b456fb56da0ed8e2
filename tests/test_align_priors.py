"""Per-document bead-shape priors (align/scorers/priors.py) re-estimated from the first path."""

from __future__ import annotations

import pytest

from align.beads import bead_types
from align.lexical import LexicalAligner
from align.config import AlignConfig
from align.scorers.combine import Weights
from align.scorers.priors import document_shifts

SHAPES = bead_types(5)


def _path(ones: int, splits: int, shape: tuple[int, int] = (1, 2)) -> list[tuple[int, int, int, int]]:
    """A path of `ones` 1-1 beads and `splits` beads of `shape`, spread out so that no two of
    the latter are neighbours (positions do not matter otherwise)."""
    out: list[tuple[int, int, int, int]] = []
    for k in range(max(ones, splits)):
        out += [(0, 0, 1, 1)] * (k < ones) + [(0, 0, *shape)] * (k < splits)
    return out


def test_a_document_full_of_splits_makes_them_cheaper_than_their_mirror_and_omissions_dearer() -> None:
    w = Weights()
    shift = document_shifts(_path(200, 80), SHAPES, w)
    assert shift[(1, 1)] == 0.0
    assert shift[(1, 2)] < 0 and shift[(1, 2)] < shift[(2, 1)]
    assert shift[(1, 0)] > 0 and shift[(0, 1)] > 0  # no omission in 280 beads
    assert all(abs(v) <= w.prior_bound for v in shift.values())


def test_omissions_on_one_side_only_tilt_towards_that_side() -> None:
    shift = document_shifts(_path(200, 30, (0, 1)), SHAPES, Weights())
    assert shift[(0, 1)] < shift[(1, 0)]
    assert shift[(1, 2)] == pytest.approx(shift[(2, 1)])


def test_a_run_of_omissions_counts_as_one_event() -> None:
    w = Weights()
    scattered = document_shifts(_path(200, 30, (0, 1)), SHAPES, w)
    block = document_shifts([(0, 0, 1, 1)] * 200 + [(0, 0, 0, 1)] * 30, SHAPES, w)
    one = document_shifts([(0, 0, 1, 1)] * 200 + [(0, 0, 0, 1)], SHAPES, w)
    assert block == one
    assert scattered[(0, 1)] < block[(0, 1)]
    # a run on one side and a run on the other are two events
    both = document_shifts([(0, 0, 1, 1)] * 200 + [(0, 0, 0, 1)] * 5 + [(0, 0, 1, 0)] * 5, SHAPES, w)
    assert both[(1, 0)] < one[(1, 0)]


def test_little_evidence_keeps_the_defaults() -> None:
    w = Weights()
    assert all(v == pytest.approx(0.0) for v in document_shifts([], SHAPES, w).values())
    short, long = document_shifts(_path(20, 8), SHAPES, w), document_shifts(_path(200, 80), SHAPES, w)
    assert abs(short[(1, 2)]) < abs(long[(1, 2)])
    assert abs(short[(1, 0)]) < abs(long[(1, 0)])


def test_shapes_the_first_search_could_not_choose_keep_their_prior() -> None:
    simple = [s for s in SHAPES if sum(s) <= 3]
    shift = document_shifts(_path(200, 80), simple, Weights())
    assert set(shift) == set(simple)  # 2-2, 1-3 and larger: no entry, no shift


def _document(n: int) -> tuple[list[str], list[str]]:
    """n source sentences; every second one is split in two in the translation."""
    src, tgt = [], []
    for i in range(n):
        a, b = 100 + 7 * i, 5000 + 13 * i
        if i % 2:
            src.append(f"Lot {a} kostet {b} Franken.")
            tgt.extend([f"Le lot {a} est à vendre.", f"Il coûte {b} francs."])
        else:
            src.append(f"Lot {a} wiegt {b} Gramm.")
            tgt.append(f"Le lot {a} pèse {b} grammes.")
    return src, tgt


def _second_pass_shifts(monkeypatch: pytest.MonkeyPatch, n: int) -> list:
    seen: list = []
    original = LexicalAligner._search

    def spy(self, feats, stats, *args, **kw):
        seen.append(stats.prior_shift)
        return original(self, feats, stats, *args, **kw)

    monkeypatch.setattr(LexicalAligner, "_search", spy)
    src, tgt = _document(n)
    links = LexicalAligner().align(src, tgt, AlignConfig())
    assert sum((len(link.src), len(link.tgt)) == (1, 2) for link in links) == n // 2
    return seen


def test_planted_splits_get_a_cheaper_split_prior_in_pass_two(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _second_pass_shifts(monkeypatch, 60)
    assert first is None
    assert second[(1, 2)] < 0 and second[(1, 2)] < second[(2, 1)]


def test_a_short_document_keeps_the_default_priors(monkeypatch: pytest.MonkeyPatch) -> None:
    # two searches (the second with the length refitted from the first, length.short_document_fit),
    # both with the fitted priors: a short document's shapes prove too little to shift them
    assert _second_pass_shifts(monkeypatch, 12) == [None, None]
