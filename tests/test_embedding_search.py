"""Bertalign's search on a deterministic fake encoder: known beads come back exactly.

The fake embeds a text as the normalised sum of one random vector per word (case folded), so
"GAMMA DELTA" on one side and "gamma" + "delta" on the other meet exactly as a 1-2 bead.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from corpora.model import check_links

from align.embedding.aligner import EmbeddingAligner
from align.embedding.bandscores import bead_costs
from align.embedding.bertalign import BertalignParams, Side, first_pass_window, second_pass_band
from align.embedding.overlaps import embed_overlaps, overlap_texts
from align.embedding.topk import top_k
from align.config import AlignConfig


class FakeEncoder:
    """Bag of random word vectors; counts calls and texts encoded."""

    identity = "fake-bag-of-words"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.calls = 0
        self.texts = 0

    def vector(self, word: str) -> np.ndarray:
        seed = int(hashlib.sha1(word.lower().encode()).hexdigest()[:8], 16)
        return np.random.default_rng(seed).standard_normal(self.dim)

    def encode(self, texts):
        self.calls += 1
        self.texts += len(texts)
        out = np.array([sum(self.vector(w) for w in t.split()) for t in texts], dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def letters(k: int) -> str:
    """A word of letters only (digits would count as numbers for the hybrid's signals)."""
    out = ""
    while True:
        out += "bcdfghjklmnpqrstvwxz"[k % 20]
        k //= 20
        if not k:
            return out + "o"


def beads(links) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.src, link.tgt) for link in links]


def build(gold: list[tuple[int, int]]) -> tuple[list[str], list[str], list]:
    """Source and target texts realising a list of bead shapes: a bead's six words are dealt
    round-robin over its source sentences and in consecutive chunks over its target sentences,
    so no smaller bead matches as well (an empty side is an omission). A 2-2 bead has four
    words, so each of its 1-1 sub-pairs shares only one: two 1-1 beads cannot outscore it."""
    src, tgt, expect = [], [], []
    for k, (a, b) in enumerate(gold):
        bag = [letters(k) + letters(q) for q in range(4 if (a, b) == (2, 2) else 6)]
        s0, t0 = len(src), len(tgt)
        src += [" ".join(bag[p::a]) for p in range(a)] if a else []
        tgt += [" ".join(chunk).upper() for chunk in np.array_split(bag, b)] if b else []
        expect.append((tuple(range(s0, s0 + a)), tuple(range(t0, t0 + b))))
    return src, tgt, expect


CASES = {
    "1-2": [(1, 1), (1, 2), (1, 1), (1, 1)],
    "2-1": [(1, 1), (2, 1), (1, 1), (1, 1)],
    "1-0": [(1, 1), (1, 1), (1, 0), (1, 1), (1, 1)],
    "0-1": [(1, 1), (0, 1), (1, 1), (1, 1)],
    "2-2": [(1, 1), (1, 1), (2, 2), (1, 1)],
    "mixed": [(1, 1), (1, 2), (2, 1), (1, 0), (1, 1), (2, 2), (0, 1), (1, 3), (1, 1)],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_search_reproduces_planted_beads(name: str) -> None:
    src, tgt, gold = build(CASES[name])
    links = EmbeddingAligner(encoder=FakeEncoder()).align(src, tgt, AlignConfig(max_align=5))
    assert beads(links) == gold
    assert check_links(links, len(src), len(tgt)) == []


def test_long_document_with_shifts_keeps_every_later_link() -> None:
    shapes = [(1, 1)] * 40 + [(1, 0)] + [(1, 1)] * 30 + [(2, 1)] + [(1, 1)] * 30 + [(0, 1)] + [(1, 1)] * 20
    src, tgt, gold = build(shapes)
    links = EmbeddingAligner(encoder=FakeEncoder()).align(src, tgt, AlignConfig(max_align=5))
    assert beads(links) == gold


def test_empty_side_gives_omissions() -> None:
    links = EmbeddingAligner(encoder=FakeEncoder()).align(["a b", "c d"], [], AlignConfig())
    assert beads(links) == [((0,), ()), ((1,), ())]


def test_overlap_texts_are_runs_ending_at_each_sentence() -> None:
    assert overlap_texts(["a", "b ", "c"], 2) == [["a", "b", "c"], ["a b", "b c"]]
    vecs, lens = embed_overlaps(FakeEncoder(8), ["a", "b", "c"], 3)
    assert vecs.shape == (3, 3, 8)
    assert not vecs[2, :2].any() and lens[2].tolist() == [0, 0, 5]
    _, lens = embed_overlaps(FakeEncoder(8), ["Да", "no"], 2)
    assert lens.tolist() == [[4, 2], [0, 7]]  # UTF-8 bytes, as Bertalign measures its length penalty


def test_windowed_top_k_matches_brute_force() -> None:
    rng = np.random.default_rng(3)
    src, tgt = rng.standard_normal((300, 16)), rng.standard_normal((280, 16))
    lo = np.clip(np.arange(300) - 40, 0, 279)
    hi = np.clip(np.arange(300) + 40, 0, 279)
    scores, idx = top_k(src, tgt, 3, lo, hi, block=64)
    for i in (0, 17, 150, 299):
        sims = src[i] @ tgt.T
        window = np.arange(lo[i], hi[i] + 1)
        best = window[np.argsort(-sims[window], kind="stable")[:3]]
        assert idx[i].tolist() == best.tolist()
        assert np.allclose(scores[i], sims[best])


def naive_gain(S: Side, T: Side, i: int, j: int, a: int, b: int) -> float:
    """Bertalign's bead score as its code computes it (corelib.calculate_similarity_score), one bead at a time."""
    n, m = len(S), len(T)
    sv, tv = S.vecs[a - 1, i + a - 1], T.vecs[b - 1, j + b - 1]
    zero = np.zeros_like(sv)
    t_left = T.vecs[0, j - 1] if j > 0 else zero
    t_right = T.vecs[0, j + b] if j + b < m else zero
    s_left = S.vecs[0, i - 1] if i > 0 else zero
    s_right = S.vecs[0, i + a] if i + a < n else zero
    def mean(left: float, right: float) -> float:  # Bertalign halves the sum only when both neighbours exist
        return (left + right) / 2 if left and right else left + right

    margin = sv @ tv - (mean(sv @ t_left, sv @ t_right) + mean(tv @ s_left, tv @ s_right)) / 2
    ratio = S.lens[0].sum() / T.lens[0].sum()
    ls, lt = S.lens[a - 1, i + a - 1], T.lens[b - 1, j + b - 1] * ratio
    return float(margin * np.log2(1 + min(ls, lt) / max(ls, lt)))


def test_blocked_band_costs_equal_the_formula() -> None:
    enc = FakeEncoder(16)
    src, tgt, _ = build(CASES["mixed"] * 8)
    S, T = Side(*embed_overlaps(enc, src, 4)), Side(*embed_overlaps(enc, tgt, 4))
    n, m = len(S), len(T)
    lo, hi = second_pass_band([(k, k) for k in range(0, min(n, m) - 1, 7)], n, m, 5)
    shapes = [(1, 0), (0, 1), (1, 1), (2, 1), (1, 3), (2, 2)]
    cost = bead_costs(S.vecs, T.vecs, S.lens, T.lens, lo, hi, shapes, -0.1, block=7)
    offsets = np.concatenate([[0], np.cumsum(hi - lo + 1)])
    checked = 0
    for i in range(0, n + 1, 3):
        for j in range(lo[i], hi[i] + 1):
            cell = offsets[i] + j - lo[i]
            for k, (a, b) in enumerate(shapes):
                if i + a > n or j + b > m:
                    assert cost[k, cell] == np.inf
                elif a == 0 or b == 0:
                    assert cost[k, cell] == pytest.approx(0.1)
                else:
                    assert cost[k, cell] == pytest.approx(-naive_gain(S, T, i, j, a, b), abs=1e-5)
                    checked += 1
    assert checked > 100


def test_second_pass_band_follows_anchors_and_contains_the_corners() -> None:
    lo, hi = second_pass_band([(2, 3), (6, 5)], 10, 9, 1)
    assert (lo[0], hi[-1]) == (0, 9)
    assert lo[1] == 0 and hi[3] == 5  # rows 1..3 lie between (0, 0) and the anchor bead ending at (3, 4)
    assert all(lo[r] <= lo[r + 1] and hi[r] <= hi[r + 1] and lo[r + 1] <= hi[r] for r in range(10))
    lo1, hi1 = first_pass_window(1000, 800, BertalignParams())
    assert hi1[500] - lo1[500] == 500 and lo1[0] == 0 and hi1[-1] == 799
