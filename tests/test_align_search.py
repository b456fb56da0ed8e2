"""Search invariants: every sentence once, in order, omissions anywhere, every bead shape."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import numpy as np
import pytest

from corpora.model import check_links

from align.beads import bead_types
from align.lexical import LexicalAligner
from align.config import AlignConfig
from align.search import _dp, band_offsets, consistent_anchors, guide_band, monotone_band, search

WORDS = "alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega".split()


def _doc(rng: random.Random, n: int) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 25))) + f" {rng.randint(1, 3000)}."
            for _ in range(n)]


@pytest.mark.parametrize("seed", range(6))
def test_links_cover_every_sentence_once_in_order(seed: int) -> None:
    rng = random.Random(seed)
    src = _doc(rng, rng.randint(1, 60))
    tgt = _doc(rng, rng.randint(1, 60))
    for max_align in (2, 4, 5):
        links = LexicalAligner().align(src, tgt, AlignConfig(max_align=max_align))
        assert check_links(links, len(src), len(tgt)) == []
        assert all(len(link.src) + len(link.tgt) <= max_align for link in links)


def test_empty_side_gives_omissions_only() -> None:
    links = LexicalAligner().align(["One."], [], AlignConfig())
    assert [(link.src, link.tgt) for link in links] == [((0,), ())]


@pytest.mark.parametrize("shape", bead_types(5))
def test_every_bead_shape_is_reachable(shape: tuple[int, int]) -> None:
    a, b = shape
    shapes = bead_types(5)
    lo, hi = np.zeros(a + 1, dtype=np.int64), np.full(a + 1, b, dtype=np.int64)
    cost = np.full((len(shapes), int(band_offsets(lo, hi)[-1])), 10.0, dtype=np.float32)
    cost[shapes.index(shape), 0] = 0.0
    assert search(lo, hi, shapes, cost) == [(0, 0, a, b)]


def _numbered(n: int, extra: dict[int, str]) -> tuple[list[str], list[str], list[tuple]]:
    """Source sentences with distinct numbers; the target inserts extra sentences at given places."""
    src = [f"Paragraph {100 + k} of the year {1800 + 7 * k} was read aloud." for k in range(n)]
    tgt, gold = [], []
    for k in range(n):
        if k in extra:
            gold.append(((), (len(tgt),)))
            tgt.append(extra[k])
        gold.append(((k,), (len(tgt),)))
        tgt.append(f"Le paragraphe {100 + k} de l'année {1800 + 7 * k} fut lu à haute voix.")
    if n in extra:
        gold.append(((), (len(tgt),)))
        tgt.append(extra[n])
    return src, tgt, gold


@pytest.mark.parametrize("where", [0, 12, 30])
def test_an_added_sentence_anywhere_becomes_an_omission(where: int) -> None:
    src, tgt, gold = _numbered(30, {where: "Une phrase ajoutée par le traducteur, sans équivalent 4242."})
    links = LexicalAligner().align(src, tgt, AlignConfig())
    assert [(link.src, link.tgt) for link in links] == gold
    omitted = next(link for link in links if not link.src)
    assert omitted.score > 0.5  # confidently left out
    assert min(link.score for link in links if link.src) > 0.5


def test_paragraphs_keep_beads_inside_them_when_counts_agree() -> None:
    src = ["Aaaaa aaaaa aaaaa aaaaa.", "Bbbbb bbbbb bbbbb bbbbb."]
    tgt = ["Ccccc ccccc.", "Ddddd ddddd.", "Eeeee eeeee eeeee eeeee."]
    beads = lambda links: [(link.src, link.tgt) for link in links]  # noqa: E731
    assert beads(LexicalAligner().align(src, tgt, AlignConfig())) == [((0,), (0, 1)), ((1,), (2,))]
    with_pars = LexicalAligner().align(src, tgt, AlignConfig(), [0, 1], [0, 1, 1])
    assert beads(with_pars) == [((0,), (0,)), ((1,), (1, 2))]
    # a paragraph-count mismatch must not force anything: length decides again
    assert beads(LexicalAligner().align(src, tgt, AlignConfig(), [0, 1], [0, 1, 2])) == [((0,), (0, 1)), ((1,), (2,))]


def test_band_is_monotone_and_always_has_a_path() -> None:
    lo, hi = guide_band(50, 80, [(10, 40), (11, 41), (30, 45)], base=3)
    assert lo[0] == 0 and hi[-1] == 80
    assert (np.diff(lo) >= 0).all() and (np.diff(hi) >= 0).all() and (hi[:-1] >= lo[1:]).all()
    lo2, hi2 = monotone_band(np.array([0, 5, 2, 9]), np.array([1, 3, 8, 9]), 9)
    assert (np.diff(lo2) >= 0).all() and (hi2[:-1] >= lo2[1:]).all()


def test_a_lone_anchor_off_the_path_is_dropped_and_a_real_jump_is_kept() -> None:
    on_path = [(i, i + 2) for i in range(0, 100, 10)]
    stray = sorted(on_path + [(55, 75)])  # a confident but wrong anchor, 18 off the path
    assert consistent_anchors(stray, tolerance=10) == on_path
    # a block of 30 lines that one side lacks: the offset jumps from 0 to 30 and stays there
    jump = [(i, i) for i in range(0, 50, 10)] + [(i, i + 30) for i in range(50, 100, 10)]
    assert consistent_anchors(jump, tolerance=10) == jump
    assert consistent_anchors([(3, 40), (5, 5)], tolerance=10) == [(3, 40), (5, 5)]  # too few to judge
    # the band through the kept anchors reaches the true path at row 55 again
    lo, hi = guide_band(100, 102, consistent_anchors(stray, 10), base=10)
    assert lo[55] <= 57 <= hi[55]
    lo, hi = guide_band(100, 102, stray, base=10)
    assert not lo[55] <= 57 <= hi[55]


def test_python_kernels_agree_with_numba(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BITEXT_NUMBA", "1")  # numba however small the call (align/jit.py)
    rng = random.Random(7)
    shapes = bead_types(5)
    lo, hi = guide_band(40, 45, [], base=6)
    offsets = band_offsets(lo, hi)
    cost = np.array([[rng.random() * 5 for _ in range(int(offsets[-1]))] for _ in shapes], dtype=np.float32)
    results = []
    for func in (_dp, _dp.py_func):
        best = np.full(int(offsets[-1]), np.inf)
        back = np.full(int(offsets[-1]), -1, dtype=np.int8)
        func(lo, hi, offsets, np.array([a for a, _ in shapes]), np.array([b for _, b in shapes]), cost, best, back)
        results.append((best, back))
    assert np.allclose(results[0][0], results[1][0]) and (results[0][1] == results[1][1]).all()


def test_aligner_without_numba_gives_the_same_links(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BITEXT_NUMBA", "1")  # this process: numba however small the calls (align/jit.py)
    src, tgt, _ = _numbered(25, {5: "Ajout 777."})
    code = ("import sys; from align.lexical import LexicalAligner; from align.config import AlignConfig; "
            "src, tgt = eval(sys.stdin.read()); "
            "print([(l.src, l.tgt, l.score) for l in LexicalAligner().align(src, tgt, AlignConfig())]); "
            "print('numba' in sys.modules)")
    env = dict(os.environ, BITEXT_NO_NUMBA="1")
    env.pop("BITEXT_NUMBA")
    out = subprocess.run([sys.executable, "-c", code], input=repr((src, tgt)), capture_output=True, text=True,
                         env=env, check=True).stdout.splitlines()
    assert out[1] == "False"
    expected = [(link.src, link.tgt, link.score) for link in LexicalAligner().align(src, tgt, AlignConfig())]
    assert out[0] == str(expected)
