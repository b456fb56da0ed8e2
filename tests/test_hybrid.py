"""The hybrid aligner: the lexical search with an embedding term (align/embedding/fused.py, hybrid.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from corpora.model import check_links

from align.embedding.fused import EmbeddingTerm, FusedWeights
from align.embedding.hybrid import DoubtfulTerm, HybridAligner, HybridSettings, crossed_links, doubtful_sentences
from align.config import AlignConfig
from align.search import band_offsets, monotone_band, search_with_margins
from bitext_cli.main import cli
from tests.test_embedding_search import FakeEncoder, beads, build

SHAPES = [(1, 0), (0, 1), (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1), (2, 3), (3, 2)]


def unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def bead_cos(X, Y, i: int, j: int, a: int, b: int) -> float:
    return float(unit(X[i:i + a].sum(0)) @ unit(Y[j:j + b].sum(0)))


def naive_cost(w: FusedWeights, X, Y, i: int, j: int, a: int, b: int) -> float:
    """The term of one bead straight from the module docstring's formula."""
    if a and b:
        cos = bead_cos(X, Y, i, j, a, b)
        if a == b == 2 and w.joined:  # no better than its two 1-1s by over `joined`: theirs
            cut = (X[i] @ Y[j] + X[i + 1] @ Y[j + 1]) / 2
            cos = min(cos, cut) if cos - cut <= w.joined else cos
        z = (cos - w.false_sim) / (w.true_sim - w.false_sim)
        gap = w.neutral - z
        return (w.bad if gap > 0 else w.weight) * gap * (a + b) / 2
    if a:  # source i with targets j - 1 and j
        pairs = [(i, q) for q in (j - 1, j) if 0 <= q < len(Y)]
    else:  # target j with sources i - 1 and i
        pairs = [(p, j) for p in (i - 1, i) if 0 <= p < len(X)]
    best = max((naive_margin(X, Y, p, q) for p, q in pairs), default=-1.0)
    return w.omit * max(0.0, best - w.omit_base)


def naive_margin(X, Y, p: int, q: int) -> float:
    """Bertalign's neighbour margin of the pair (p, q): its cosine less the mean of the mean
    similarity of p with q's neighbours and of q with p's neighbours."""
    near_q = [X[p] @ Y[c] for c in (q - 1, q + 1) if 0 <= c < len(Y)]
    near_p = [X[r] @ Y[q] for r in (p - 1, p + 1) if 0 <= r < len(X)]
    return X[p] @ Y[q] - (np.mean(near_q) + np.mean(near_p)) / 2


def random_band(n: int, m: int, half: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    centre = np.arange(n + 1) * m // n + rng.integers(-2, 3, n + 1)
    return monotone_band(np.clip(centre - half, 0, m), np.clip(centre + half, 0, m), m)


def test_band_costs_equal_the_formula() -> None:
    rng = np.random.default_rng(7)
    n, m = 60, 70
    X = unit(rng.standard_normal((n, 32))).astype(np.float32)
    Y = unit(X[np.minimum(np.arange(m) * n // m, n - 1)] + 0.6 * rng.standard_normal((m, 32))).astype(np.float32)
    w = FusedWeights()
    lo, hi = random_band(n, m, 6)
    offsets = band_offsets(lo, hi)
    cost = EmbeddingTerm(X, Y, w).costs(lo, hi, offsets, SHAPES)
    checked = 0
    for i in range(n + 1):
        for j in range(lo[i], hi[i] + 1):
            for k, (a, b) in enumerate(SHAPES):
                got = cost[k, offsets[i] + j - lo[i]]
                if i + a > n or j + b > m:
                    assert got == 0
                else:
                    assert got == pytest.approx(naive_cost(w, X, Y, i, j, a, b), abs=1e-4)
                    checked += 1
    assert checked > 5000


def test_a_sentence_no_one_prefers_to_its_neighbours_may_be_omitted() -> None:
    """Every sentence shares a topic (cosine 0.5 between sentences that are not partners).
    Source 2, missing from the target, holds only the topic: cosine 0.71 with every target
    sentence, yet no target sentence agrees with it better than with its own neighbours, so
    leaving it out costs nothing; leaving out source 3, which target 2 translates, costs."""
    topic = np.eye(8)[0]
    X = np.array([unit(topic + np.eye(8)[1 + k]) for k in range(5)], dtype=np.float32)
    X[2] = topic
    Y = X[[0, 1, 3, 4]]
    lo, hi = monotone_band(np.zeros(6, dtype=np.int64), np.full(6, 4), 4)
    offsets = band_offsets(lo, hi)
    cost = EmbeddingTerm(X, Y, FusedWeights()).costs(lo, hi, offsets, SHAPES)
    assert X[2] @ Y[1] == X[2] @ Y[2] == pytest.approx(0.71, abs=0.01)
    assert cost[0, offsets[2] + 2 - lo[2]] == 0  # source 2 left out between targets 1 and 2
    assert cost[0, offsets[3] + 2 - lo[3]] > 1  # source 3 left out there


def term_path(X: np.ndarray, Y: np.ndarray, w: FusedWeights) -> list[tuple[int, int, int, int]]:
    """The cheapest path by the embedding term alone, beads up to 3 sentences a side."""
    n, m = len(X), len(Y)
    lo, hi = np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)
    shapes = [s for s in SHAPES if max(s) <= 3]
    cost = EmbeddingTerm(X, Y, w).costs(lo, hi, band_offsets(lo, hi), shapes)
    return [tuple(step) for step in search_with_margins(lo, hi, shapes, cost.astype(np.float64), margins=False)[0]]


def test_two_true_pairs_are_not_joined_for_the_overlap_of_their_words() -> None:
    e = np.eye(8)
    topic = np.sqrt(0.1) * e[2]  # what both pairs share: their sum agrees better than each pair
    X = unit(np.array([e[0] + topic + e[4], e[1] + topic + e[5]]))
    Y = unit(np.array([e[0] + topic + e[6], e[1] + topic + e[7]]))
    apart, joined = [(0, 0, 1, 1), (1, 1, 1, 1)], [(0, 0, 2, 2)]
    assert bead_cos(X, Y, 0, 0, 2, 2) - (X[0] @ Y[0] + X[1] @ Y[1]) / 2 == pytest.approx(0.022, abs=0.001)
    assert term_path(X, Y, FusedWeights(joined=0.0)) == joined  # the sum's gain alone joined them
    assert term_path(X, Y, FusedWeights()) == apart
    # content crossing the sentence breaks (source p | q r, target p q | r) stays one bead
    p, q, r = e[0], e[1], e[3]
    X, Y = unit(np.array([p, q + r])), unit(np.array([p + q, r]))
    assert term_path(X, Y, FusedWeights()) == joined


def test_beads_with_a_sentence_not_encoded_get_no_term() -> None:
    rng = np.random.default_rng(1)
    X, Y = unit(rng.standard_normal((20, 16))), unit(rng.standard_normal((20, 16)))
    known = (np.arange(20) >= 10, np.ones(20, dtype=bool))
    lo, hi = random_band(20, 20, 4)
    offsets = band_offsets(lo, hi)
    cost = EmbeddingTerm(X, Y, FusedWeights(), known=known).costs(lo, hi, offsets, SHAPES)
    for i in range(21):
        for j in range(lo[i], hi[i] + 1):
            for k, (a, b) in enumerate(SHAPES):
                if a and i < 10 and i + a <= 20 and j + b <= 20:  # a bead holding source 0..9
                    assert cost[k, offsets[i] + j - lo[i]] == 0
    assert np.count_nonzero(cost) > 100


def test_a_long_document_leaves_its_first_search_to_the_lexical_costs() -> None:
    term = EmbeddingTerm(np.eye(4), np.eye(4), FusedWeights(), first=False)
    lo, hi = random_band(4, 4, 4)
    assert term.costs(lo, hi, band_offsets(lo, hi), SHAPES, previous=None) is None
    assert term.costs(lo, hi, band_offsets(lo, hi), SHAPES, previous=([(0, 0, 4, 4)], None)) is not None


def test_doubtful_stretches_most_doubtful_first_within_the_limit() -> None:
    path = [(k, k, 1, 1) for k in range(10)] + [(10, 10, 0, 1)] + [(10, 11, 1, 1), (11, 12, 1, 1)]
    scores = np.array([0.99] * 3 + [0.2] + [0.99] * 3 + [0.4] + [0.99] * 2 + [0.0, 0.99, 0.99])
    (src, tgt), left = doubtful_sentences(path, scores, 12, 13, HybridSettings(doubt=0.5, context=1, most=100))
    assert left == 0
    assert np.flatnonzero(src).tolist() == [2, 3, 4, 6, 7, 8, 9, 10]  # links 3 and 7 with a neighbour each side
    assert np.flatnonzero(tgt).tolist() == [2, 3, 4, 6, 7, 8, 9, 10, 11]  # ... and the omission at target 10
    (src, tgt), left = doubtful_sentences(path, scores, 12, 13, HybridSettings(doubt=0.5, context=1, most=6))
    assert np.flatnonzero(tgt).tolist() == [9, 10, 11] and np.flatnonzero(src).tolist() == [9, 10]  # omission first
    assert left == 2  # links 3 and 7 did not fit


def test_crossed_links_are_the_beads_beside_a_cut_with_crossing_evidence() -> None:
    path = [(0, 0, 1, 1), (1, 1, 1, 1), (2, 2, 0, 1), (2, 3, 1, 1), (3, 4, 1, 1)]
    lo, hi = monotone_band(np.zeros(5, dtype=np.int64), np.full(5, 5), 5)
    offsets = band_offsets(lo, hi)
    crossing = np.zeros(int(offsets[-1]))
    crossing[offsets[2] + 3 - lo[2]] = 0.2  # the cut after the omission, at prefix (2, 3)
    assert crossed_links(path, crossing, lo, hi, offsets).tolist() == [False, False, True, True, False]
    assert not crossed_links(path, np.zeros_like(crossing), lo, hi, offsets).any()


def test_crossed_links_are_encoded_after_the_links_scored_under_doubt() -> None:
    path = [(k, k, 1, 1) for k in range(12)]
    scores = np.array([0.99] * 3 + [0.2] + [0.99] * 8)
    crossed = np.zeros(12, dtype=bool)
    crossed[[8, 9]] = True  # two sure links beside a crossed cut
    (src, tgt), left = doubtful_sentences(path, scores, 12, 12, HybridSettings(context=1, most=100), crossed)
    assert left == 0 and np.flatnonzero(src).tolist() == [2, 3, 4, 7, 8, 9, 10] == np.flatnonzero(tgt).tolist()
    (src, tgt), left = doubtful_sentences(path, scores, 12, 12, HybridSettings(context=1, most=12), crossed)
    assert np.flatnonzero(src).tolist() == [2, 3, 4, 7, 8, 9] and left == 1  # link 3 first; link 9 did not fit
    (src, _), _ = doubtful_sentences(path, scores, 12, 12, HybridSettings(context=1, most=100))
    assert np.flatnonzero(src).tolist() == [2, 3, 4]


def crossed_pair(home: int = 3, n: int = 80, k: int = 40):
    """n 1-1 beads (build), but the translations of source k and k + 1 each keep only `home` of
    their six words and take the other's rest: the content crosses the sentence break, so
    the gold is one 2-2 bead, and each 1-1 half shares `home` words either way."""
    src, tgt, gold = build([(1, 1)] * n)
    a, b = src[k].split(), src[k + 1].split()
    tgt[k] = " ".join(b[:6 - home] + a[6 - home:]).upper()
    tgt[k + 1] = " ".join(a[:6 - home] + b[6 - home:]).upper()
    return src, tgt, gold[:k] + [((k, k + 1), (k, k + 1))] + gold[k + 2:]


def test_a_sure_cut_that_words_cross_is_left_to_the_encoder(tmp_path) -> None:
    """The lexical first search is sure of the two 1-1 halves (its 2-2 prior outweighs them),
    so nothing there was encoded; the crossing evidence at their cut makes the encoder judge
    them, and the joined bead wins."""
    src, tgt, gold = crossed_pair()
    found = {}
    for crossed in (False, True):
        encoder = FakeEncoder()
        aligner = HybridAligner(encoder=encoder, cache_dir=tmp_path / str(crossed), settings=HybridSettings(crossed=crossed))
        found[crossed] = beads(aligner.align(src, tgt, AlignConfig(max_align=6))), encoder.texts
    assert found[False][0][40:42] == [((40,), (40,)), ((41,), (41,))] and found[False][1] == 0
    assert found[True][0] == gold and 0 < found[True][1] <= 12


def test_hybrid_finds_planted_beads_and_encodes_only_doubtful_stretches_of_a_long_document(tmp_path) -> None:
    shapes = [(1, 1)] * 30 + [(1, 2)] + [(1, 1)] * 30 + [(1, 0)] + [(1, 1)] * 30 + [(2, 1)] + [(1, 1)] * 20
    src, tgt, gold = build(shapes)
    encoder = FakeEncoder()
    links = HybridAligner(encoder=encoder, cache_dir=tmp_path).align(src, tgt, AlignConfig(max_align=5))
    assert beads(links) == gold and check_links(links, len(src), len(tgt)) == []
    assert 0 < encoder.texts < (len(src) + len(tgt)) / 2  # the first search was sure of most links


def test_doubtful_term_is_none_for_the_first_search() -> None:
    term = DoubtfulTerm(FakeEncoder(), ["a"] * 40, ["b"] * 40, FusedWeights(), HybridSettings(), 4)
    lo, hi = random_band(40, 40, 4)
    assert term.costs(lo, hi, band_offsets(lo, hi), SHAPES, None) is None and term.encoded == 0


def test_eval_takes_model_and_cache_dir(tmp_path) -> None:
    doc = tmp_path / "set" / "doc"
    doc.mkdir(parents=True)
    (doc / "src.txt").write_text("The war ended in 1945.\nBukharin was arrested.\nThe weather was fine.\n", "utf-8")
    (doc / "tgt.txt").write_text("Savaş 1945'te bitti.\nBuharin tutuklandı.\nHava güzeldi.\n", "utf-8")
    (doc / "gold.txt").write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n", "utf-8")
    cache = tmp_path / "cache"
    result = CliRunner().invoke(cli, ["eval", "-s", "en", "-t", "tr", str(tmp_path / "set"), "--scorer", "hybrid",
                                      "--model", "use-m3", "--cache-dir", str(cache), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)[str(tmp_path / "set")]
    assert scores["F_strict"] == 1.0
    assert list(cache.glob("*.sqlite"))  # --cache-dir is where the vectors went
