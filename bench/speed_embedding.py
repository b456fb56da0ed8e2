"""Embedding aligner benchmarks; prints the rows of BENCHMARKS.md "## Embedding aligner".

1. `step`: the alignment step alone (encoding excluded) on synthetic 768-dimensional embeddings
   of n x n sentences with planted beads (mostly 1-1, some 1-2, 2-1, 2-2, 1-0, 0-1): each bead
   has a random "meaning" vector and length, its sentences noisy parts of both (noise of norm
   0.5 per unit of meaning, so a 1-1 pair has cosine ~0.8), a run of sentences the normalised
   sum of its parts (as a bag-of-words encoder would give). Timed after one warm-up
   run (numba compiles the search on first use); strict F1 against the planted beads shows the
   search found them.
2. `cache`: realigning the first 150 sentences of textberg-dev with a real sentence-transformers
   model on CPU, first with an empty embedding cache, then with a new aligner (as a new process
   would) on the full cache. The model is built locally with random weights (4 layers, hidden
   256, a letter-level vocabulary, 128 tokens at most), because LaBSE cannot be downloaded here;
   it costs less per sentence than LaBSE (12 layers, hidden 768), so the speed-up is a floor.
3. `encode`: the bundled encoder's (use-m3) throughput in sentences per second on the distinct
   sentences of the dev sets, with one BLAS thread as bitext runs it, and its load time.
Quality with use-m3: bench/quality_models.py.

    .venv/bin/python bench/speed_embedding.py [step|cache|encode ...] [--size 5000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

from align.embedding.bertalign import BertalignParams, Side, align_embeddings
from align.embedding.randommodel import build_random_model
from align.evaluate import count_hits, metrics

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SETS = {"textberg-dev": ("de", "fr"), "abstract-en-tr": ("en", "tr"),
        "bible-en-ru-perturbed": ("en", "ru"), "wmt21-ru-en-perturbed": ("ru", "en")}
SHAPES = [(1, 1)] * 80 + [(1, 2)] * 5 + [(2, 1)] * 5 + [(2, 2)] * 2 + [(1, 0)] * 4 + [(0, 1)] * 4


def planted(n: int, dim: int, seed: int = 0):
    """Source and target Sides of about n sentences each, and the planted beads."""
    rng = np.random.default_rng(seed)
    gold, s_parts, t_parts, s_chars, t_chars = [], [], [], [], []
    while len(s_parts) < n:
        a, b = SHAPES[rng.integers(len(SHAPES))]
        meaning, length = rng.standard_normal(dim), rng.uniform(40, 300)
        gold.append((tuple(range(len(s_parts), len(s_parts) + a)), tuple(range(len(t_parts), len(t_parts) + b))))
        for parts, chars, k, ratio in ((s_parts, s_chars, a, 1.0), (t_parts, t_chars, b, 1.15)):
            weights = 0.3 + 0.7 * rng.dirichlet(np.ones(k)) if k else []  # no part is tiny
            weights = weights / np.sum(weights) if k else []
            parts += [w * meaning + 0.5 * rng.standard_normal(dim) * np.sqrt(w) for w in weights]
            chars += [w * length * ratio * rng.uniform(0.85, 1.15) for w in weights]
    return side(np.array(s_parts), np.array(s_chars)), side(np.array(t_parts), np.array(t_chars)), gold


def side(parts: np.ndarray, chars: np.ndarray, runs: int = 4) -> Side:
    n, dim = parts.shape
    vecs = np.zeros((runs, n, dim), dtype=np.float32)
    lens = np.zeros((runs, n))
    for a in range(1, runs + 1):
        total = np.cumsum(np.vstack([np.zeros(dim), parts]), axis=0)
        run = total[a:] - total[:-a]
        vecs[a - 1, a - 1:] = run / np.linalg.norm(run, axis=1, keepdims=True)
        c = np.cumsum(np.concatenate([[0], chars]))
        lens[a - 1, a - 1:] = c[a:] - c[:-a] + (a - 1)
    return Side(vecs, lens)


def step(size: int) -> list[str]:
    src, tgt, gold = planted(size, 768)
    params = BertalignParams()
    align_embeddings(*planted(300, 768, seed=1)[:2], params)  # warm-up: numba compiles once
    times, cpu = [], []
    for _ in range(5):
        t, c = time.perf_counter(), time.process_time()
        path = align_embeddings(src, tgt, params)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    tracemalloc.start()
    align_embeddings(src, tgt, params)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    beads = [(tuple(range(i, i + a)), tuple(range(j, j + b))) for i, j, a, b in path]
    f = metrics(count_hits(beads, gold))
    inputs = (src.vecs.nbytes + tgt.vecs.nbytes) / 2**20
    return [f"| alignment step, {len(src)} x {len(tgt)} sentences, 768-dim (encoding excluded) | "
            f"{min(times):.2f} s wall (median {sorted(times)[2]:.2f} s of 5; CPU {min(cpu):.2f} s) | peak {peak:.0f} MiB beyond the "
            f"{inputs:.0f} MiB of embeddings | strict F1 {f['F_strict']:.3f} vs planted beads | ≤ 3 s |"]


def cache(workdir: Path) -> list[str]:
    from align.embedding.aligner import EmbeddingAligner
    from align.config import AlignConfig

    model = build_random_model(workdir, 256, 4, 128)
    doc = EVAL / "textberg-dev" / "dev"
    src = (doc / "src.txt").read_text("utf-8").splitlines()[:150]
    tgt = (doc / "tgt.txt").read_text("utf-8").splitlines()[:150]
    options = AlignConfig(aligner="embedding", model=str(model))
    rows = []
    walls = []
    for label in ("empty cache", "full cache, new aligner"):
        aligner = EmbeddingAligner(cache_dir=workdir / "cache")
        aligner.encoder_for(str(model))  # load the model outside the timing (both runs load it)
        t = time.perf_counter()
        aligner.align(src, tgt, options)
        walls.append(time.perf_counter() - t)
        enc = aligner.encoder_for(str(model)).encoder
        rows.append((label, walls[-1], enc.calls))
    texts = sum(len(src) - k for k in range(4)) + sum(len(tgt) - k for k in range(4))
    return [f"| realign textberg-dev's first {len(src)} x {len(tgt)} sentences (~{texts} texts with overlaps), "
            f"random 4-layer 256-wide model on CPU: {rows[0][0]} | {rows[0][1]:.1f} s ({rows[0][2]} encoder calls) | | | |",
            f"| same, {rows[1][0]} | {rows[1][1]:.2f} s ({rows[1][2]} encoder calls): "
            f"**{walls[0] / walls[1]:.0f}x faster** | | | ≥ 5x |"]


def encode(workdir: Path) -> list[str]:
    """use-m3's encoding throughput: every distinct sentence of the dev sets, one call, no cache,
    one BLAS thread (as bitext runs it); and its load time and memory."""
    import resource

    from align.embedding.use import UseEncoder

    texts = sorted({line for name in SETS for f in (EVAL / name).rglob("*.txt") if f.name in ("src.txt", "tgt.txt")
                    for line in f.read_text("utf-8").splitlines()})
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    encoder = UseEncoder()
    load = time.perf_counter() - t
    encoder.encode(texts[:50])  # warm-up
    runs = []
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        encoder.encode(texts)
        runs.append((time.perf_counter() - t, time.process_time() - c))
    wall, cpu = min(runs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    chars = sum(map(len, texts)) / len(texts)
    return [f"| use-m3 encoding, {len(texts):,} distinct dev-set sentences (mean {chars:.0f} characters), one call, "
            f"no cache, one BLAS thread | {len(texts) / wall:.0f} sentences/s (best of 3: {wall:.2f} s wall, "
            f"{cpu:.2f} s CPU) | load {load:.1f} s, +{peak:.0f} MB resident | | |"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", default=["step", "cache", "encode"])
    parser.add_argument("--size", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for part in args.parts:
            work = Path(tmp) / part
            work.mkdir()
            rows = {"step": lambda: step(args.size), "cache": lambda: cache(work),
                    "encode": lambda: encode(work)}[part]()
            print("\n".join(rows), flush=True)


if __name__ == "__main__":
    main()
