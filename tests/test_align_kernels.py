"""The aligner's kernels three ways: the plain Python reference, its numpy twin, numba.

The twins (align/search_vector.py, align/scorers/overlap_vector.py) must compute the same
values to the last bit and make the same choices between equal costs as the reference
kernels, which numba compiles: outputs are byte-identical whichever runs (align/jit.py picks
by size). Each test draws random inputs, with the edge cases the aligner meets: ties, beads
impossible (inf) or running past the band, empty windows, one sentence a side, features of
weight 0; and compares the three paths exactly (BITEXT_KERNELS).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from align import search_vector
from align.beads import bead_types
from align.scorers.crossing import cut_matches
from align.scorers.features import SideFeatures
from align.scorers.overlap import block_match, pair_matches, top_candidates
from align.search import anchor_chain, band_offsets, guide_band, search_with_margins

PATHS = ("python", "numpy", "numba")


def _three_ways(monkeypatch: pytest.MonkeyPatch, run):
    """run() under each kernel path; asserts all agree exactly and returns the reference result."""
    results = []
    for path in PATHS:
        monkeypatch.setenv("BITEXT_KERNELS", path)
        results.append(run())
    for other in results[1:]:
        _same(results[0], other)
    return results[0]


def _same(a, b) -> None:
    if isinstance(a, (tuple, list)) and not isinstance(a, np.ndarray):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            _same(x, y)
    elif isinstance(a, np.ndarray):
        assert a.dtype == np.asarray(b).dtype and np.array_equal(a, b, equal_nan=True)
    else:
        assert a == b


def _band(rng: np.random.Generator, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    anchors = sorted({(int(i), int(j)) for i, j in zip(rng.integers(0, n, 3), rng.integers(0, m, 3))})
    chain = [a for k, a in enumerate(anchors) if all(a[0] > b[0] and a[1] > b[1] for b in anchors[:k])]
    return guide_band(n, m, chain, base=int(rng.integers(1, 8)))


def _costs(rng: np.random.Generator, shapes: int, cells: int, trial: int) -> np.ndarray:
    cost = rng.random((shapes, cells)) * 6
    if trial % 3 == 0:
        cost = np.round(cost)  # ties everywhere: the first cheapest shape must win, the same one
    cost[rng.random(cost.shape) < 0.08] = np.inf
    return cost.astype(np.float64 if trial % 4 == 1 else np.float32)  # the embedding aligner's costs are float64


@pytest.mark.parametrize("seed", range(4))
def test_bead_search_and_margins(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    if seed % 2:  # the numpy passes hold their cell links a few rows at a time: block edges too
        monkeypatch.setattr(search_vector, "ROWS", 3)
    rng = np.random.default_rng(seed)
    searched = 0
    for trial in range(25):
        n, m = int(rng.integers(1, 40)), int(rng.integers(1, 40))
        if trial < 3:
            n, m = ((1, 1), (1, 7), (6, 1))[trial]
        shapes = bead_types(int(rng.integers(2, 7)))
        lo, hi = _band(rng, n, m)
        cost = _costs(rng, len(shapes), int(band_offsets(lo, hi)[-1]), trial)

        def run():
            try:
                return search_with_margins(lo, hi, shapes, cost)
            except ValueError as exc:  # no path through the band: all three must say so
                assert str(exc) == "no path through the band"
                return "no path"

        searched += _three_ways(monkeypatch, run) != "no path"
    assert searched > 15  # most bands have a path: the comparisons are of real searches


@pytest.mark.parametrize("seed", range(3))
def test_anchor_chain(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    rng = np.random.default_rng(seed)
    for trial in range(30):
        n, m, k = int(rng.integers(1, 80)), int(rng.integers(1, 80)), int(rng.integers(1, 4))
        cand_j = rng.integers(-1, m, (n, k))
        cand_sim = np.round(rng.random((n, k)) * 4) / 4  # equal chains: the Fenwick tree's ties
        min_sim = float(rng.choice([0.0, 0.3, -np.inf]))
        _three_ways(monkeypatch, lambda: anchor_chain(cand_j, cand_sim, m, min_sim))


def _side(rng: np.random.Generator, n: int, features: int, zero: bool = False) -> SideFeatures:
    """Random sorted feature sets (a few common features, many rare), weights with ties."""
    rows = []
    for _ in range(n):
        size = int(rng.integers(0, 8))
        common = rng.integers(0, 4, size // 2)
        rare = rng.integers(0, features, size - size // 2)
        rows.append(np.unique(np.concatenate([common, rare])).astype(np.int32))
    indptr = np.concatenate([[0], np.cumsum([len(r) for r in rows])]).astype(np.int64)
    ids = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int32)
    weights = np.round(rng.random(len(ids)) * 4) / 4 + 0.25
    if zero:
        weights[rng.random(len(ids)) < 0.1] = 0.0
    mass = np.bincount(np.repeat(np.arange(n), np.diff(indptr)), weights=weights, minlength=n).astype(np.float64)
    return SideFeatures(indptr, ids.astype(np.int32), weights, mass, [])


@pytest.mark.parametrize("seed", range(3))
def test_pair_matches_and_block_match(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    rng = np.random.default_rng(seed)
    for trial in range(20):
        n, m = int(rng.integers(1, 50)), int(rng.integers(1, 50))
        src, tgt = _side(rng, n, 30, zero=trial % 4 == 3), _side(rng, m, 30)
        lo = np.sort(rng.integers(0, m, n))
        hi = np.minimum(lo + rng.integers(-2, 12, n), m - 1)  # some windows empty (hi < lo)
        offs, values = _three_ways(monkeypatch, lambda: pair_matches(src, tgt, lo, hi))
        match = (offs, lo, hi, values)
        for a, b in bead_types(5):
            if not a or not b:
                continue
            i = rng.integers(0, max(n - a + 1, 1), 40)
            j = rng.integers(0, max(m - b + 1, 1), 40)
            fits = (i + a <= n) & (j + b <= m)
            i, j = i[fits], j[fits]
            _three_ways(monkeypatch, lambda: block_match(match, i, j, a, b, src.mass, tgt.mass, 0.25, 0.3, 0.333))


@pytest.mark.parametrize("seed", range(3))
def test_top_candidates(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    rng = np.random.default_rng(seed)
    for trial in range(20):
        n, m = int(rng.integers(1, 60)), int(rng.integers(1, 60))
        src, tgt = _side(rng, n, 12), _side(rng, m, 12)  # few features: many hits, many ties
        lo = np.sort(rng.integers(0, m, n))
        hi = np.minimum(lo + rng.integers(-1, 30, n), m - 1)
        centre = (lo + hi) / 2 + rng.choice([0.0, 0.5], n)  # equidistant copies on both sides
        max_hits = int(rng.integers(1, 10))
        budget = [None, int(rng.integers(0, 12))][trial % 2]  # a budget that binds: rarest features first
        k = int(rng.integers(1, 4))
        _three_ways(monkeypatch, lambda: top_candidates(src, tgt, lo, hi, k, max_hits, centre, budget))


@pytest.mark.parametrize("seed", range(3))
def test_crossing(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    rng = np.random.default_rng(seed)
    for trial in range(20):
        n, m = int(rng.integers(1, 30)), int(rng.integers(1, 30))
        src, tgt = _side(rng, n, 10, zero=trial % 3 == 2), _side(rng, m, 10)
        lo, hi = _band(rng, n, m)
        offsets = band_offsets(lo, hi)
        _three_ways(monkeypatch, lambda: cut_matches(src, tgt, lo, hi, offsets))


ALIGN_2K = """
import sys
from align.lexical import LexicalAligner
from align.config import AlignConfig
from tests.test_align_kernels import document
src, tgt = document(2000)
links = LexicalAligner().align(src, tgt, AlignConfig())
print(len(links), sum(len(link.src) == len(link.tgt) == 1 for link in links), "numba" in sys.modules)
"""


def document(n: int) -> tuple[list[str], list[str]]:
    """A text of n numbered sentences and its 'translation' (the words shifted by one letter, the
    names and numbers kept), one sentence of it dropped every 97 and two joined every 89."""
    rng = np.random.default_rng(5)
    words = ["".join(rng.choice(list("abcdefghiklmnoprstuvw"), int(rng.integers(2, 9)))) for _ in range(900)]
    names = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Fyodor"]
    src = [" ".join([names[k % 6], *rng.choice(words, int(rng.integers(4, 16))), str(k)]) + "." for k in range(n)]
    tgt, k = [], 0
    while k < n:
        said = " ".join(w[1:] + w[0] if len(w) > 2 else w for w in src[k].split())
        if k % 97 == 50:
            k += 1
            continue
        if k % 89 == 30 and k + 1 < n:
            said += " " + src[k + 1]
            k += 1
        tgt.append(said)
        k += 1
    return src, tgt


def test_a_2000_sentence_document_is_aligned_without_loading_numba() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BITEXT_")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    out = subprocess.run([sys.executable, "-c", ALIGN_2K], capture_output=True, text=True, check=True,
                         env=env).stdout.split()
    assert out[2] == "False"  # numpy twins only: numba's import and cache loading cost more than they save here
    assert int(out[1]) > 1900  # ... and the alignment is a real one
