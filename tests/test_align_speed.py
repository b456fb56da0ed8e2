"""The array-based rewrites of the model-free aligner give what the plain definitions give.

Each fast path (band around a path, block-wise bead costs, feature arrays) is checked against a
direct implementation of its definition on random inputs; bench/same_output.py checks the whole
aligner byte for byte on the evaluation sets. (The learned lexicon is IBM-1 now, tested in
test_align_ibm1.py.)
"""

from __future__ import annotations

import gc
import random

import numpy as np
import pytest

from align.beads import bead_types
from align.lexical import LexicalAligner, _gc_paused
from align.config import AlignConfig
from align.scorers import combine
from align.scorers.features import build_features, name_links, tokenize
from align.search import monotone_band, path_band

WORDS = "haus maison rot rouge baum arbre gross grande gruen vert berg montagne weg chemin".split()


@pytest.mark.parametrize("seed", range(20))
def test_path_band_covers_every_bead_row(seed: int) -> None:
    rng = np.random.default_rng(seed)
    path, i, j = [], 0, 0
    for _ in range(rng.integers(0, 50)):
        a, b = bead_types(5)[rng.integers(12)]
        path.append((i, j, a, b))
        i, j = i + a, j + b
    base = int(rng.integers(1, 8))
    lo = np.full(i + 1, j)
    hi = np.zeros(i + 1, dtype=np.int64)
    for bi, bj, a, b in path + [(i, j, 0, 0)]:
        for r in range(bi, bi + a + 1):
            lo[r], hi[r] = min(lo[r], bj - base), max(hi[r], bj + b + base)
    want = monotone_band(np.clip(lo, 0, j), np.clip(hi, 0, j), j)
    got = path_band(i, j, path, base)
    assert all(np.array_equal(g, w) for g, w in zip(got, want))


def test_bead_costs_do_not_depend_on_the_block_size(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    src, tgt = ([" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9))) + f" {rng.randint(1, 99)}."
                 for _ in range(size)] for size in (80, 70))
    costs = []
    for block in (1 << 17, 37, 1):
        monkeypatch.setattr(combine, "BLOCK", block)
        seen = []
        monkeypatch.setattr("align.lexical.bead_costs", lambda *a: seen.append(combine.bead_costs(*a)) or seen[-1])
        paragraphs = [i // 9 for i in range(80)], [j // 8 for j in range(70)]  # paragraph costs too
        links = LexicalAligner().align(src, tgt, AlignConfig(), *paragraphs)
        costs.append((seen, [(link.src, link.tgt, link.score) for link in links]))
    for seen, links in costs[1:]:
        assert links == costs[0][1]
        assert all(c.tobytes() == c0.tobytes() for c, c0 in zip(seen, costs[0][0]))


def test_features_are_the_words_numbers_and_punctuation_of_each_sentence() -> None:
    src, tgt = tokenize(["Haus und Baum 1938?", "Weg, Weg!"]), tokenize(["Maison et arbre 1938 ?", "Chemin !"])
    feats = build_features(src, tgt, {"word": 1.0, "stem": 0.5, "number": 2.0, "punct": 0.3, "l": 1.0},
                           learned={"haus": frozenset({"maiso"}), "veg": frozenset({"chemi"})})  # "Weg" keys as "veg"
    for side in feats:
        for i in range(len(side)):
            ids = side.ids[side.indptr[i]:side.indptr[i + 1]]
            assert list(ids) == sorted(set(ids))  # each feature once, in id order
    shared = [set(feats[0].ids[feats[0].indptr[i]:feats[0].indptr[i + 1]])
              & set(feats[1].ids[feats[1].indptr[i]:feats[1].indptr[i + 1]]) for i in range(2)]
    assert len(shared[0]) == 3  # l:maiso (haus -> maison), n:1938, p:? (no word is on both sides)
    assert len(shared[1]) == 2  # l:chemi (veg -> chemin), p:! (the comma is no class)


def test_names_linked_once_give_the_same_features() -> None:
    src = tokenize(["Bukharin met Stalin in Moscow.", "Then Bukharin left."])
    tgt = tokenize(["Бухарин встретил Сталина в Москве.", "Потом Бухарин уехал."])
    links = name_links(src, tgt)
    assert links["stalina"] == links["stalin"]  # the two spellings share a group key
    for learned in (None, {"potom": frozenset({"then"})}):
        a = build_features(src, tgt, {"word": 1.0, "stem": 0.5, "number": 2.0, "punct": 0.3, "l": 1.0}, None, learned)
        b = build_features(src, tgt, {"word": 1.0, "stem": 0.5, "number": 2.0, "punct": 0.3, "l": 1.0}, None, learned,
                           None, links)
        for x, y in zip(a, b):
            assert all(np.array_equal(getattr(x, f), getattr(y, f)) for f in ("indptr", "ids", "weights", "mass"))


def test_gc_pause_restores_the_collector_even_on_error() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with _gc_paused():
            assert not gc.isenabled()
            raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with _gc_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_tokens_do_not_depend_on_the_chunk_size(monkeypatch: pytest.MonkeyPatch) -> None:
    from align.scorers import features

    rng = random.Random(5)
    extra = ["zwei Tage", "am 3. Juli", "Juli", "Peter", "drei", "1938", "?", "(siehe", "XIV."]
    texts = [" ".join(rng.choice(WORDS + extra) for _ in range(rng.randint(0, 8))) for _ in range(60)]
    whole = features.tokenize(texts)
    assert whole.spoken is not None and any(whole.spoken) and any(whole.names) and any(whole.numbers)
    for size in (1, 7):
        monkeypatch.setattr(features, "CHUNK", size)
        assert features.tokenize(texts) == whole
    # an empty set is the shared NONE, never a new set per sentence
    assert all(s is features.NONE for s in whole.numbers + whole.names + whole.spoken + whole.punct if not s)


def test_a_widened_band_keeps_the_costs_of_the_rows_it_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from align.arrays import kept_rows
    from align.scorers.crossing import band_crossing
    from align.search import guide_band

    # a wrong anchor at (60, 66) with a narrow base pulls the band off the diagonal there: the
    # search is repeated in a band widened around it, the rest of the band as it was
    monkeypatch.setattr(LexicalAligner, "_anchor_band",
                        lambda self, feats, n, m, max_align: guide_band(n, m, [(5, 5), (60, 66), (110, 110)], 2))
    src = [f"Lot {k} of the harvest weighed {100 + 7 * k} kilograms at the mill." for k in range(120)]
    tgt = [f"Partie {k} de la récolte pesait {100 + 7 * k} kilogrammes au moulin." for k in range(120)]
    reused = []

    def priced_again(*args):
        cost = combine.bead_costs(*args)
        if args[9] is not None:  # a search again in a wider band: what pricing every row gives
            lo, hi = args[2], args[3]
            reused.append((cost, combine.bead_costs(*args[:9]), kept_rows(*args[9][:2], lo, hi, 11).sum()))
        return cost

    def crossed_again(*args):  # the same for the crossings of the second search
        values = band_crossing(*args)
        if args[6] is not None:
            reused.append((values, band_crossing(*args[:6]), kept_rows(*args[6][:2], *args[2:4], 0).sum()))
        return values

    monkeypatch.setattr("align.lexical.bead_costs", priced_again)
    monkeypatch.setattr("align.lexical.band_crossing", crossed_again)
    links = LexicalAligner().align(src, tgt, AlignConfig())
    assert len(reused) >= 3 and all(0 < kept < 121 for _, _, kept in reused)  # some rows copied, some priced
    assert all(cost.tobytes() == full.tobytes() for cost, full, _ in reused)
    assert [(link.src, link.tgt) for link in links] == [((k,), (k,)) for k in range(120)]
    monkeypatch.setattr("align.lexical.bead_costs", lambda *args: combine.bead_costs(*args[:9]))  # no reuse
    monkeypatch.setattr("align.lexical.band_crossing", lambda *args: band_crossing(*args[:6]))
    assert LexicalAligner().align(src, tgt, AlignConfig()) == links
