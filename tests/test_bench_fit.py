"""bench/fit_weights.py, bench/perturb.py and bench/perturbed_sets.py: generated train sets and weight overrides."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench(name: str):
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
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
    from align.config import AlignConfig
    from align.registry import get_aligner
    from align.scorers.combine import Weights

    fields = _bench("perturb").weights_for({"skip": 9.0, "classes": {"word": 2.0}})
    weights = get_aligner(AlignConfig(**fields)).weights
    assert weights.skip == 9.0 and weights.classes["word"] == 2.0 and weights.classes["stem"] == Weights().classes["stem"]
    assert get_aligner(AlignConfig()).weights == Weights()  # the fitted ones stay the default's
    assert AlignConfig(**fields).signature("v") != AlignConfig().signature("v")


def test_the_search_moves_the_grid_set_weights_too() -> None:
    from align.scorers.combine import Weights

    fit = _bench("fit_weights")
    moved = {name: w for name, w in fit.variants(Weights(), 1.5, {"prior_gain", "stray"})}
    assert set(moved) == {"prior_gain", "stray"}
    assert moved["prior_gain"].prior_gain == Weights().prior_gain / 1.5 and moved["stray"].stray == Weights().stray / 1.5


def test_fused_weights_reach_the_registry_hybrid() -> None:
    from align.config import AlignConfig
    from align.registry import get_aligner

    fields = _bench("perturb").weights_for({"skip": 5.0, "fused": {"weight": 2.5, "omit": 1.0}})
    hybrid = get_aligner(AlignConfig(aligner="hybrid", **fields))
    assert hybrid.weights.weight == 2.5 and hybrid.weights.omit == 1.0
    assert hybrid.lexical.weights.skip == 5.0


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


def test_turned_round_segments_give_a_two_by_two_gold_bead() -> None:
    import random

    sets = _bench("perturbed_sets")
    src, tgt = [f"s{k}" for k in range(6)], [f"t{k}" for k in range(6)]
    s, t, gold = sets.build_document(src, tgt, [("11", 1), ("ts", 2), ("tt", 2), ("11", 1)])
    assert s == ["s0", "s2", "s1", "s3", "s4", "s5"] and t == ["t0", "t1", "t2", "t4", "t3", "t5"]
    assert gold == ["[0]:[0]", "[1, 2]:[1, 2]", "[3, 4]:[3, 4]", "[5]:[5]"]
    events = sets.perturb(2000, random.Random(7), 0.5, 2, turn=1 / 3)
    kinds = [k for k, _ in events]
    assert {"ts", "tt", "ms", "mt", "ds", "dt"} <= set(kinds) and sum(n for _, n in events) == 2000
    assert 0.25 < (kinds.count("ts") + kinds.count("tt")) / sum(k != "11" for k in kinds) < 0.42
    # without turns, the draws are those the older variants were generated with
    assert all(k not in ("ts", "tt") for k, _ in sets.perturb(500, random.Random(7), 0.5, 2))


def test_short_variant_cuts_documents_into_pieces_under_40_segments(shared: Path, tmp_path: Path) -> None:
    import random

    sets = _bench("perturbed_sets")
    for n in (9, 39, 40, 85, 149, 1000):
        cuts = sets.pieces(n, random.Random(n), 10, 39)
        assert cuts[0][0] == 0 and cuts[-1][1] == n and all(a[1] == b[0] for a, b in zip(cuts, cuts[1:]))
        assert all(b - a <= 39 for a, b in cuts) and all(b - a >= 10 for a, b in cuts[:-1] if n >= 10)
    manifest = sets.generate(tmp_path, [5], 0.18, ["short", "swap"])
    short = tmp_path / "data" / "short" / "bible-en-ru" / "seed5"
    docs = [p for p in short.iterdir() if p.is_dir()]
    assert len(docs) > 4 and all(len((p / "src.txt").read_text("utf-8").splitlines()) < 40 for p in docs)
    assert {info["variant"] for info in manifest.values()} == {"short", "swap"}
    swap = (tmp_path / "data" / "swap" / "bible-en-ru" / "seed5" / "08-Ruth" / "gold.txt").read_text("utf-8")
    assert any(len(s.split(",")) == 2 and len(t.split(",")) == 2 for s, t in
               (line.split(":") for line in swap.splitlines()))


def test_free_variant_resplits_pairs_elsewhere_into_one_n_m_gold_bead() -> None:
    import random

    sets = _bench("perturbed_sets")
    src = ["Now it came to pass in the days when the judges ruled, that there was a famine in the land.",
           "And a certain man of Bethlehemjudah went to sojourn in the country of Moab, he, and his wife.",
           "And the name of the man was Elimelech, and the name of his wife Naomi."]
    tgt = [f"t{k} " + "word " * 12 + "end." for k in range(3)]
    s, t, gold = sets.build_document(src, tgt, [("rs23", 2), ("11", 1)])
    assert gold == ["[0, 1, 2]:[0, 1]", "[3]:[2]"] and t == tgt and s[3] == src[2]
    # the same words, cut at new places: no piece ends where an old line ended
    def words(lines: list[str]) -> list[str]:
        return [w.strip(".,;:").lower() for w in " ".join(lines).split()]

    assert words(s[:3]) == words(src[:2])
    old_ends = {src[0].split()[-1].rstrip("."), src[1].split()[-1].rstrip(".")}
    assert all(piece.endswith(".") and piece[0].isupper() for piece in s[:3])
    assert not {piece.split()[-1].rstrip(".") for piece in s[:2]} & old_ends
    # ... and half a line or more from them: a clause moves across
    old_cut, total = len(src[0].split()), len(words(src[:2]))
    cuts = [len(words(s[:k])) for k in (1, 2)]
    assert all(abs(c - old_cut) >= total // 4 for c in cuts)
    s, t, gold = sets.build_document(src, tgt, [("rt32", 3)])
    assert gold == ["[0, 1, 2]:[0, 1]"] and s == src and len(t) == 2
    # a pair too short to cut elsewhere stays 1-1
    s, t, gold = sets.build_document(["A b.", "C d."], ["x.", "y."], [("rs22", 2)])
    assert gold == ["[0]:[0]", "[1]:[1]"] and s == ["A b.", "C d."]
    events = sets.perturb(3000, random.Random(7), 0.5, 2, resplit=1 / 3)
    kinds = [k for k, _ in events]
    assert set(sets.RESPLITS) <= set(kinds) and sum(n for _, n in events) == 3000
    assert 0.25 < sum(k in sets.RESPLITS for k in kinds) / sum(k != "11" for k in kinds) < 0.42
    # without re-splits, the draws are those the older variants were generated with
    assert sets.perturb(500, random.Random(7), 0.5, 2, turn=1 / 3) == \
        sets.perturb(500, random.Random(7), 0.5, 2, turn=1 / 3, resplit=0.0)


def test_the_fit_aligns_each_aligner_at_its_own_largest_bead(monkeypatch) -> None:
    """The hybrid's default largest bead is 6 (lexical's 5): fitting it at 5 fits weights for a
    search the command line never runs."""
    from align.embedding.fused import FusedWeights
    from align.embedding.hybrid import HybridAligner
    from align.lexical import LexicalAligner
    from align.scorers.combine import Weights

    fit = _bench("fit_weights")
    seen: dict[str, int] = {}

    def spy(name: str):
        def align(self, src, tgt, options, *rest, **kw):
            seen[name] = options.bead_limit(name)
            return []
        return align

    monkeypatch.setattr(HybridAligner, "align", spy("hybrid"))
    monkeypatch.setattr(LexicalAligner, "align", spy("lexical"))
    monkeypatch.setattr(fit, "_DOCS", [(["a"], ["b"], [], ("en", "en"), ([[1.0]], [[1.0]]))])
    fit.align_doc((Weights(), 0))
    fit.align_doc((Weights(), FusedWeights(), 0))
    assert seen == {"lexical": 5, "hybrid": 6}
