"""Each aligner's largest bead unless --max-align says: 5 (Bertalign's) for lexical and
embedding, 6 for the hybrid, whose freely translated 3-3, 2-4, 4-2 and 1-5 beads are
otherwise out of reach (BENCHMARKS.md, "Largest bead of the hybrid")."""

from __future__ import annotations

import pytest

from align.config import AlignConfig, resolve
from align.embedding.hybrid import HybridAligner, HybridSettings
from align.lexical import LexicalAligner
from align.scorers.combine import Weights
from tests.test_embedding_search import FakeEncoder, beads, build


def test_each_aligner_has_its_own_default_and_an_explicit_value_wins() -> None:
    assert resolve(AlignConfig(aligner="lexical")).max_align == 5
    assert resolve(AlignConfig(aligner="hybrid")).max_align == 6
    assert AlignConfig(aligner="embedding").bead_limit() == 5
    assert resolve(AlignConfig(aligner="hybrid", max_align=4)).max_align == 4
    assert AlignConfig().bead_limit("hybrid") == 6  # an aligner called directly names itself
    assert AlignConfig(aligner="hybrid").signature("0.1.0").startswith("scorer:hybrid|max:6|")


@pytest.mark.parametrize("big", [(1, 5), (5, 1), (2, 4), (4, 2), (3, 3)])
def test_hybrid_reaches_six_sentence_beads_by_default(big: tuple[int, int], tmp_path) -> None:
    src, tgt, gold = build([(1, 1)] * 4 + [big] + [(1, 1)] * 4)
    hybrid = HybridAligner(encoder=FakeEncoder(), cache_dir=tmp_path)
    assert beads(hybrid.align(src, tgt, AlignConfig(aligner="hybrid", src_lang="en", tgt_lang="de"))) == gold
    assert beads(hybrid.align(src, tgt, AlignConfig(aligner="hybrid", max_align=5, src_lang="en",
                                                    tgt_lang="de"))) != gold


def test_hybrid_prices_each_sentence_beyond_five_more_than_lexical() -> None:
    hybrid = HybridAligner(lexical=LexicalAligner(weights=Weights(prior_step=2.0)))
    assert hybrid.search.weights.prior_step == 2.0 + HybridSettings().large_step
    assert hybrid.search.weights.prior(3, 3) == Weights().prior_4 + 2.0 + HybridSettings().large_step
    assert hybrid.lexical.weights.prior_step == 2.0  # the aligner it was given is left as it was
