"""Pass one in repetitive texts (anchoring.py) and the hard bound on band cells (search.cap_band)."""

from __future__ import annotations

import random

import numpy as np
import pytest

import align.lexical as lexical
from align.anchoring import find_anchors
from align.lexical import LexicalAligner, Settings
from align.config import AlignConfig
from align.scorers.features import build_features, tokenize
from align.search import cap_band, guide_band, monotone_band

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "si", "po", "ve", "du", "ga", "ze"]


def repeated(block: int = 200, copies: int = 10, extra: int = 20, seed: int = 1):
    """A block of sentences repeated `copies` times; the target copies each hold `extra`
    untranslated sentences more, so the target drifts ahead and a diagonal window holds several
    identical copies of each translation. Returns source, target and the gold (src, tgt) links."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))

    unit = [" ".join(word() for _ in range(rng.randint(4, 12))) + "." for _ in range(block)]
    src: list[str] = []
    tgt: list[str] = []
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for _ in range(copies):
        where = sorted(rng.sample(range(block), extra))
        for k, sentence in enumerate(unit):
            gold.append(((len(src),), (len(tgt),)))
            src.append(sentence)
            tgt.append(sentence)
            while where and where[0] == k:
                where.pop(0)
                gold.append(((), (len(tgt),)))
                tgt.append("Xq " + " ".join("zz" + word() for _ in range(rng.randint(4, 12))) + ".")
    return src, tgt, gold


def test_repeated_text_gets_anchors_on_the_true_path() -> None:
    src, tgt, gold = repeated()
    feats = build_features(tokenize(src), tokenize(tgt), LexicalAligner().weights.classes)
    anchors = find_anchors(feats, len(src), len(tgt), Settings(), 10)
    truth = {s[0]: t[0] for s, t in gold if s and t}
    assert len(anchors) > len(src) // 2  # plenty, although every sentence has 5 copies in the window
    assert all(truth[i] == j for i, j in anchors)


def test_repeated_text_is_aligned_in_a_narrow_band(monkeypatch: pytest.MonkeyPatch) -> None:
    src, tgt, gold = repeated()
    cells: list[int] = []
    search = lexical.best_path

    def counting(lo, hi, *args, **kwargs):
        cells.append(int((hi - lo + 1).sum()))
        return search(lo, hi, *args, **kwargs)

    monkeypatch.setattr(lexical, "best_path", counting)
    links = LexicalAligner().align(src, tgt, AlignConfig())
    assert {(link.src, link.tgt) for link in links} == set(gold)
    # ties broken by index order (before) chained copies 200-400 sentences apart: 330 cells a row
    assert cells[0] <= 32 * (len(src) + 1)


@pytest.mark.parametrize("seed", range(30))
def test_cap_band_bounds_the_cells_and_keeps_a_path(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(5, 400)), int(rng.integers(5, 400))
    picks = np.sort(rng.choice(min(n, m), size=int(rng.integers(0, min(n, m))), replace=False))
    anchors = list(zip(picks.tolist(), np.sort(rng.choice(m, size=len(picks), replace=False)).tolist()))
    lo, hi = guide_band(n, m, anchors, int(rng.integers(1, 12)))
    per_row = int(rng.integers(1, 40))
    clo, chi = cap_band(lo, hi, m, per_row)
    cells = int((chi - clo + 1).sum())
    if int((hi - lo + 1).sum()) <= per_row * (n + 1):
        assert np.array_equal(clo, lo) and np.array_equal(chi, hi)  # within budget: untouched
    else:
        assert cells <= per_row * (n + 1) + m + n + 1
    assert (clo >= 0).all() and (chi <= m).all() and (clo <= chi).all()
    assert clo[0] == 0 and chi[-1] == m
    assert (np.diff(clo) >= 0).all() and (np.diff(chi) >= 0).all() and (chi[:-1] >= clo[1:]).all()
    assert all(np.array_equal(a, b) for a, b in zip(monotone_band(clo, chi, m), (clo, chi)))


def test_hit_budget_keeps_the_rarest_features_and_both_kernel_paths_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    from align.scorers import overlap

    monkeypatch.setenv("BITEXT_NUMBA", "1")
    src, tgt, _ = repeated(block=40, copies=12, extra=4)
    feats = build_features(tokenize(src), tokenize(tgt), LexicalAligner().weights.classes)
    lo = np.zeros(len(src), dtype=np.int64)
    hi = np.full(len(src), len(tgt) - 1, dtype=np.int64)
    free = overlap.top_candidates(*feats, lo, hi, 3, 12, budget=10**9)
    tight = overlap.top_candidates(*feats, lo, hi, 3, 12, budget=24)
    assert not np.array_equal(free[1], tight[1])  # the budget binds: fewer features count
    assert (tight[0][:, 0] >= 0).mean() > 0.9  # ... and the rarest still find candidates
    monkeypatch.setattr(overlap._top_candidates, "_impl", overlap._top_candidates.py_func)  # plain Python
    assert all(np.array_equal(a, b) for a, b in zip(overlap.top_candidates(*feats, lo, hi, 3, 12, budget=24), tight))
