"""How time, peak memory and link F1 of the model-free aligner grow with the text, per kind of text.

Issue 23: the cost of an alignment must stay linear in the text whatever the text is. Three
kinds, each built (with its gold) into --out, a temp folder, never the repository (eval text
must not be committed):

- `repetitive`: textberg-dev (de-fr) and the four books of bible-en-ru-perturbed, repeated
  verbatim in turn: every passage recurs every ~830 segments, so a diagonal window holds several
  identical copies of each translation (the worst case for anchoring: ties everywhere);
- `news`: the fifteen wmt21-ru-en documents, concatenated in a new order each round, each round
  perturbed afresh (bench/perturb.py's merges and drops, rate 0.18), so the gold has 2-1, 1-2,
  1-0 and 0-1 beads and the same sentences recur about every 180 segments;
- `book`: seed 001 (a 9k-sentence English book), segmented by bitext, against a perturbed copy
  of itself: merges and drops as in perturb.py, and every copied sentence loses, gains and
  swaps some words (a crude "translation" whose words still mostly match); repeated with a new
  perturbation per round beyond 9k sentences.

Each run is `bitext align --presplit --to beads --scorer lexical` in a fresh subprocess (not
pinned to a core; bench/speed.py's runner), which reports wall time, CPU time and peak RSS
(ru_maxrss of the child); the parent scores the beads against the gold (strict and lax F1,
align.evaluate). Every result is appended as a JSON line to --log, so sizes and kinds can be
run one at a time (on a quiet machine) and the report put together afterwards:

    .venv/bin/python bench/scale.py --kinds book --sizes 20000          # one measurement
    .venv/bin/python bench/scale.py                                      # every kind x size
    .venv/bin/python bench/scale.py --report --write                     # table from the log -> BENCHMARKS.md

The growth exponent is k of the cost model a + b * size^k closest to the measurements from 5k
up (relative least squares; a is the part that does not grow: Python, numpy and numba loaded,
files read), for wall time, CPU time and peak memory; the plain log-log slope is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora.beadfile import read_beads  # noqa: E402

from align.evaluate import count_hits, metrics  # noqa: E402
from perturbed_sets import build_document, perturb  # noqa: E402 (bench/ is on sys.path when run as a script)
from sections import write_section  # noqa: E402
from speed import BITEXT, EVAL, measure  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
SECTION = "## Scale (issue 23)"
KINDS = ["repetitive", "news", "book"]
SIZES = [2000, 5000, 20000, 50000, 100000, 200000]
LANGS = {"repetitive": ("de", "fr"), "news": ("ru", "en"), "book": ("en", "en")}
Doc = tuple[list[str], list[str], list[str]]  # source lines, target lines, gold bead lines


def _read(folder: Path) -> Doc:
    return tuple((folder / f).read_text("utf-8").splitlines() for f in ("src.txt", "tgt.txt", "gold.txt"))  # type: ignore[return-value]


def _docs(name: str) -> list[Path]:
    return sorted(p.parent for p in (EVAL / name).rglob("gold.txt"))


def repetitive_rounds():
    """textberg-dev then the Bible books, verbatim, forever."""
    docs = [_read(d) for d in _docs("textberg-dev") + _docs("bible-en-ru-perturbed")]
    while True:
        yield from docs


def news_rounds():
    """All wmt21-ru-en documents per round, in a new order, perturbed with a new seed."""
    docs = [(d.name, _read(d)) for d in _docs("wmt21-ru-en")]
    r = 0
    while True:
        rng = random.Random(f"scale/news/{r}")
        for name, (src, tgt, _) in rng.sample(docs, len(docs)):
            yield build_document(src, tgt, perturb(len(src), rng, 0.18, 2))
        r += 1


def book_sentences() -> list[str]:
    """Seed 001 as bitext segments it (English)."""
    from corpora.readers import read_text, split_paragraphs
    from align.segment import segment_paragraphs

    paragraphs = split_paragraphs(read_text(next(SEEDS.glob("001_*.txt"))))
    return [s for par in segment_paragraphs(paragraphs, "en") for s in par]


def noisy(sentence: str, rng: random.Random, vocabulary: list[str]) -> str:
    """The sentence with about a tenth of its words dropped, a tenth replaced by words from
    elsewhere in the book, a twentieth doubled, and a few neighbours swapped."""
    out = []
    for word in sentence.split():
        r = rng.random()
        if r < 0.1:
            continue
        out.append(rng.choice(vocabulary) if r < 0.2 else word)
        if r > 0.95:
            out.append(word)
    for k in range(len(out) - 1):
        if rng.random() < 0.05:
            out[k], out[k + 1] = out[k + 1], out[k]
    return " ".join(out) or sentence


def book_rounds():
    """The book against a noisy copy of itself, merges and drops as in perturb.py; a new seed per round."""
    src = book_sentences()
    vocabulary = sorted({w for s in src for w in s.split()})
    r = 0
    while True:
        rng = random.Random(f"scale/book/{r}")
        tgt = [noisy(s, rng, vocabulary) for s in src]
        yield build_document(src, tgt, perturb(len(src), rng, 0.18, 2))
        r += 1


ROUNDS = {"repetitive": repetitive_rounds, "news": news_rounds, "book": book_rounds}


def build(kind: str, size: int, out: Path) -> Path:
    """A document folder (src.txt, tgt.txt, gold.txt) with `size` source segments; reused if there."""
    folder = out / "data" / f"{kind}-{size}"
    if (folder / "gold.txt").is_file():
        return folder
    src: list[str] = []
    tgt: list[str] = []
    gold: list[str] = []
    for s_doc, t_doc, g_doc in ROUNDS[kind]():
        for line in g_doc:  # shift the document's gold by what comes before it
            left, right = (part.strip()[1:-1] for part in line.split(":"))
            s_ids = [int(x) + len(src) for x in left.split(",") if x.strip()]
            t_ids = [int(x) + len(tgt) for x in right.split(",") if x.strip()]
            if s_ids and s_ids[-1] >= size:  # stop at a bead boundary once the source is full
                break
            gold.append(f"[{', '.join(map(str, s_ids))}]:[{', '.join(map(str, t_ids))}]")
        else:
            src += s_doc
            tgt += t_doc
            continue
        # the document is cut: keep the lines its kept beads cover (textberg's gold skips a few)
        keep_s = max((i for g in gold for i in _ids(g, 0)), default=-1) + 1
        keep_t = max((j for g in gold for j in _ids(g, 1)), default=-1) + 1
        src = (src + s_doc)[:keep_s]
        tgt = (tgt + t_doc)[:keep_t]
        break
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in (("src.txt", src), ("tgt.txt", tgt), ("gold.txt", gold)):
        tmp = folder / (name + ".tmp")
        tmp.write_text("".join(x + "\n" for x in lines), "utf-8")
        os.replace(tmp, folder / name)
    return folder


def _ids(bead: str, side: int) -> list[int]:
    part = bead.split(":")[side].strip()[1:-1]
    return [int(x) for x in part.split(",") if x.strip()]


def run(kind: str, size: int, out: Path, cold: bool = False) -> dict:
    """Align one built document in a fresh process; time, memory and F1."""
    folder = build(kind, size, out)
    beads = folder / "out.beads"
    sl, tl = LANGS[kind]
    result = measure([*BITEXT, "-q", "align", str(folder / "src.txt"), str(folder / "tgt.txt"), "-s", sl, "-t", tl,
                      "--presplit", "--to", "beads", "--scorer", "lexical", "-o", str(beads), "--force"],
                     cold=cold, pin=False)
    f1 = metrics(count_hits(read_beads(beads), read_beads(folder / "gold.txt")))
    n_src = len((folder / "src.txt").read_text("utf-8").splitlines())
    n_tgt = len((folder / "tgt.txt").read_text("utf-8").splitlines())
    return {"kind": kind, "size": size, "src": n_src, "tgt": n_tgt, **result, "F_strict": f1["F_strict"],
            "F_lax": f1["F_lax"], "cold": cold, "load": os.getloadavg()[0], "commit": _commit(),
            "date": time.strftime("%Y-%m-%d %H:%M")}


def _commit() -> str:
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "align", "bitext_cli", "corpora"],
                           capture_output=True, text=True).stdout.strip()
    return rev.stdout.strip() + ("+dirty" if dirty else "")


def exponent(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) on log(x)."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else None


def growth(points: list[tuple[float, float]]) -> tuple[float, float, float] | None:
    """(k, a, b) of the cost model a + b * size**k (a, b >= 0) closest to the points in
    relative error, k in 0.5..2.5: the exponent of the part that grows, the fixed part (Python,
    numpy and numba loaded, files read) apart. A plain log-log slope mixes the two: a large
    fixed part makes any growth look slow, and subtracting a guessed one makes it look fast."""
    if len(points) < 3:
        return None
    import numpy as np

    x = np.array([p[0] for p in points], dtype=float) / 1000.0
    y = np.array([p[1] for p in points], dtype=float)
    best = None
    for k in np.arange(0.5, 2.5001, 0.01):
        design = np.stack([np.ones_like(x), x ** k], axis=1) / y[:, None]  # relative error
        coef, *_ = np.linalg.lstsq(design, np.ones_like(y), rcond=None)
        if (coef < 0).any():
            continue
        err = float(((design @ coef - 1.0) ** 2).sum())
        if best is None or err < best[0]:
            best = (err, float(k), float(coef[0]), float(coef[1]) / 1000.0 ** k)
    return best[1:] if best else None


def report(rows: list[dict]) -> str:
    """Markdown: kind x size table (the latest warm run of each), exponents, targets."""
    latest: dict[tuple[str, int, bool], dict] = {}
    for r in rows:
        latest[r["kind"], r["size"], r["cold"]] = r
    lines = [SECTION, "",
             "Measured by `bench/scale.py` (see its docstring for the texts); `bitext align --presplit --to beads "
             "--scorer lexical` in a fresh process, wall time including Python's start-up, peak RSS of that "
             "process, strict / lax link F1 against the built gold. Load = 1-minute load average when the run "
             "ended (2 cores: above ~1 the machine was shared and the wall times are pessimistic).", "",
             "| kind | segments (src x tgt) | wall (s) | CPU (s) | peak (MB) | F1 strict | F1 lax | load | commit | date |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for (kind, size, cold), r in sorted(latest.items(), key=lambda x: (KINDS.index(x[0][0]), x[0][1], x[0][2])):
        lines.append(f"| {kind}{' (cold numba cache)' if cold else ''} | {r['src']:,} x {r['tgt']:,} | {r['wall']:.2f} "
                     f"| {r['cpu']:.2f} | {r['peak_mb']:.0f} | {r['F_strict']:.3f} | {r['F_lax']:.3f} | {r['load']:.1f} "
                     f"| {r['commit']} | {r['date']} |")
    lines += ["", "Growth exponents, sizes 5k and up: k of the closest cost model a + b * size^k (the fixed part a "
              "apart; see `growth`), and the plain log-log slope of the whole cost:", ""]
    for kind in KINDS:
        big = sorted((s, r) for (k, s, c), r in latest.items() if k == kind and not c and s >= 5000)
        if len(big) < 3:
            continue
        parts = []
        for what, unit in (("wall", "s"), ("cpu", "s"), ("peak_mb", "MB")):
            g = growth([(s, r[what]) for s, r in big])
            slope = exponent([(s, r[what]) for s, r in big])
            if g is not None and slope is not None:
                parts.append(f"{what.replace('peak_mb', 'memory')} k = {g[0]:.2f} (fixed {g[1]:.1f} {unit}; slope {slope:.2f})")
        lines.append(f"- {kind} ({big[0][0]:,} to {big[-1][0]:,}): " + ", ".join(parts))
    return "\n".join(lines) + "\n"


def read_log(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()] if path.exists() else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=KINDS)
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bitext-scale"), help="temp folder (not in the repo)")
    parser.add_argument("--log", type=Path, default=None, help="JSON lines of results (default OUT/results.jsonl)")
    parser.add_argument("--cold", action="store_true", help="empty numba cache: every kernel compiled")
    parser.add_argument("--report", action="store_true", help="only print the table from the log")
    parser.add_argument("--write", action="store_true", help="write the table into BENCHMARKS.md")
    args = parser.parse_args()
    out = args.out.resolve()
    if out == ROOT or ROOT in out.parents:
        raise SystemExit("--out must be outside the repository (the data is derived from eval text)")
    log = args.log or out / "results.jsonl"
    if not args.report:
        log.parent.mkdir(parents=True, exist_ok=True)
        for kind in args.kinds:
            for size in args.sizes:
                row = run(kind, size, out, args.cold)
                print(json.dumps(row), flush=True)
                with log.open("a", encoding="utf-8") as f:
                    f.write(json.dumps(row) + "\n")
    text = report(read_log(log))
    print(text)
    if args.write:
        write_section(SECTION, text)


if __name__ == "__main__":
    main()
