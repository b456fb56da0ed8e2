"""bench/fit_weights.py and bench/perturb.py: generated train sets and weight overrides."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench(name: str):
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_range() -> None:
    assert _bench("fit_weights").seed_range("3001-3003,3007") == [3001, 3002, 3003, 3007]


def test_generated_sets_join_the_objective_with_their_languages(shared: Path, tmp_path: Path) -> None:
    fit = _bench("fit_weights")
    docs, weights = fit.load([5], 0.18, 0.25, tmp_path)
    assert weights["textberg-dev"] == 1.0 and weights["gen-merge3/wmt21-ru-en"] == 0.25
    assert {doc[3] for doc in docs["gen-rev/bible-en-ru"]} == {("ru", "en")}
    assert {doc[3] for doc in docs["gen-pert/bible-en-ru"]} == {("en", "ru")}
    assert len(docs["gen-pert/bible-en-ru"]) == len(docs["bible-en-ru"])


def test_other_weights_reach_the_registry_aligner() -> None:
    from align import registry
    from align.scorers.combine import Weights

    perturb = _bench("perturb")
    try:
        perturb.use_weights({"skip": 9.0, "classes": {"word": 2.0}})
        weights = registry.get_aligner("lexical").weights
        assert weights.skip == 9.0 and weights.classes["word"] == 2.0 and weights.classes["stem"] == Weights().classes["stem"]
    finally:
        registry._INSTANCES.pop(("lexical", ()), None)


def test_the_search_moves_the_grid_set_weights_too() -> None:
    from align.scorers.combine import Weights

    fit = _bench("fit_weights")
    moved = {name: w for name, w in fit.variants(Weights(), 1.5, {"prior_gain", "stray"})}
    assert set(moved) == {"prior_gain", "stray"}
    assert moved["prior_gain"].prior_gain == Weights().prior_gain / 1.5 and moved["stray"].stray == Weights().stray / 1.5


def test_fused_weights_reach_the_registry_hybrid() -> None:
    from align import registry

    perturb = _bench("perturb")
    try:
        perturb.use_weights({"skip": 5.0, "fused": {"weight": 2.5, "omit": 1.0}})
        hybrid = registry.get_aligner("hybrid")
        assert hybrid.weights.weight == 2.5 and hybrid.weights.omit == 1.0
        assert hybrid.lexical.weights.skip == 5.0
    finally:
        registry._INSTANCES.pop(("lexical", ()), None)
        registry._INSTANCES.pop(("hybrid", ()), None)


def test_the_hybrid_fit_moves_the_term_and_the_lexical_weights() -> None:
    from align.embedding.fused import FusedWeights
    from align.scorers.combine import Weights

    fit = _bench("fit_weights")
    start = (Weights(), FusedWeights())
    term = fit.moved(start, "weight", 2.0)
    assert term[1].weight == 2 * FusedWeights().weight and term[0] == Weights()
    lexical = fit.moved(start, "skip", 2.0)
    assert lexical[0].skip == 2 * Weights().skip and lexical[1] == FusedWeights()
    assert {name for name, _ in fit.moves(1.5, None, fit.HYBRID)} == set(fit.HYBRID)
    assert fit.value(fit._set(start, "omit", 3.0), "omit") == 3.0
