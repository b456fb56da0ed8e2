"""Fit the bead-cost weights of the model-free aligner on the dev sets (coordinate search).

Objective: the weighted mean strict F1 over textberg-dev, bible-en-ru-perturbed,
wmt21-ru-en-perturbed, and at half weight abstract-en-tr (10 beads) and the unperturbed
bible-en-ru and wmt21-ru-en (so that clean 1-1 text does not pay for the perturbed sets). A step is kept only if the mean improves
and no set loses more than 0.01 (a weight that helps one set and hurts another is a
regression). Prints the best weights as Python keyword arguments for align.scorers.combine.Weights.

    .venv/bin/python bench/fit_weights.py [--rounds 2] [--params w_len,skip] [--set len_knee=6]

--params restricts the search to some weights (those a change interacts with); --set starts
from other values (a weight that is 0 by default cannot be scaled away from 0).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora.beadfile import read_beads  # noqa: E402

from align.evaluate import Counts, count_hits, document_folders, metrics  # noqa: E402
from align.lexical import LexicalAligner  # noqa: E402
from align.options import AlignOptions  # noqa: E402
from align.scorers.combine import Weights  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
DEV = {"textberg-dev": 1.0, "abstract-en-tr": 0.5, "bible-en-ru-perturbed": 1.0, "wmt21-ru-en-perturbed": 1.0,
       "bible-en-ru": 0.5, "wmt21-ru-en": 0.5}
SCALARS = ["w_len", "len_knee", "len_slope", "w_lex", "unknown", "mass0", "skip", "omit_lex", "prior_2", "prior_22",
           "prior_3", "prior_4"]
CLASSES = ["word", "stem", "number", "punct", "l"]


def load() -> dict[str, list]:
    """Each dev set's documents as (src lines, tgt lines, gold beads)."""
    return {name: [((f / "src.txt").read_text("utf-8").splitlines(), (f / "tgt.txt").read_text("utf-8").splitlines(),
                    read_beads(f / "gold.txt")) for f in document_folders(EVAL / name)] for name in DEV}


def score(weights: Weights, docs: dict[str, list]) -> dict[str, float]:
    """Strict F1 per dev set."""
    aligner = LexicalAligner(weights=weights)
    out = {}
    for name, items in docs.items():
        total = Counts()
        for src, tgt, gold in items:
            links = aligner.align(src, tgt, AlignOptions(max_align=5))
            total = total + count_hits([(link.src, link.tgt) for link in links], gold)
        out[name] = metrics(total)["F_strict"]
    return out


def objective(f1: dict[str, float]) -> float:
    return sum(DEV[k] * v for k, v in f1.items()) / sum(DEV.values())


def variants(w: Weights, factor: float, params: set[str] | None = None):
    """The weights with one parameter (of `params`, default all) moved up or down by `factor`."""
    for name in SCALARS:
        for f in (factor, 1 / factor):
            if params is None or name in params:
                yield name, replace(w, **{name: getattr(w, name) * f})
    for name in CLASSES:
        for f in (factor, 1 / factor):
            if params is not None and name not in params:
                continue
            classes = dict(w.classes, **{name: w.classes[name] * f})
            yield name, replace(w, classes=classes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--params", help="comma-separated weights to fit (default: all)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="start value of a weight")
    args = parser.parse_args()
    params = set(args.params.split(",")) if args.params else None
    docs = load()
    best = replace(Weights(), **{k: float(v) for k, v in (item.split("=") for item in args.set)})
    best_f1 = score(best, docs)
    print("start", objective(best_f1), best_f1, flush=True)
    for factor in [1.5, 1.2, 1.1][: args.rounds]:
        improved = True
        while improved:
            improved = False
            for name, cand in variants(best, factor, params):
                f1 = score(cand, docs)
                if objective(f1) > objective(best_f1) + 1e-4 and all(f1[k] >= best_f1[k] - 0.01 for k in f1):
                    best, best_f1, improved = cand, f1, True
                    print(f"{name}={getattr(cand, name, None) or cand.classes.get(name)} -> {objective(f1):.4f}",
                          {k: round(v, 3) for k, v in f1.items()}, flush=True)
                    break  # the next candidates must start from the new best, not the old one
    print("best", {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(best).items()})


if __name__ == "__main__":
    main()
