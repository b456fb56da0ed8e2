"""bitext's model-free aligner and NLTK's Gale-Church side by side on every set in ../shared/eval.

Writes the table into BENCHMARKS.md section "## Alignment quality" (strict / lax F1,
micro-averaged, Vecalign's definitions, as `bitext eval` prints them). NLTK's
`gale_church.align_blocks` is quadratic in time and memory (64 s at 2,000 sentences per side),
so documents longer than --gc-limit sentences on either side are skipped for it and the table
says so. Its output (linked sentence pairs) becomes beads by joining pairs that share a
sentence; sentences it leaves out become 1-0/0-1 beads.

    .venv/bin/python bench/quality.py [--no-write] [--gc-limit 1000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora.beadfile import Bead, read_beads  # noqa: E402

from align.evaluate import Counts, align_folder, count_hits, document_folders, metrics  # noqa: E402
from align.lexical import LexicalAligner  # noqa: E402
from align.config import AlignConfig  # noqa: E402
from align.scorers.combine import Weights  # noqa: E402
from sections import write_section  # noqa: E402 (bench/ is on sys.path when run as a script)

EVAL = ROOT.parent / "shared" / "eval"
SECTION = "## Alignment quality"
PAIRS = {"textberg-dev": ("de", "fr"), "abstract-en-tr": ("en", "tr"), "bible-en-ru": ("en", "ru"),
         "bible-en-ru-perturbed": ("en", "ru"), "wmt21-ru-en": ("ru", "en"), "wmt21-ru-en-perturbed": ("ru", "en")}


def pairs_to_beads(pairs: list[tuple[int, int]], n: int, m: int) -> list[Bead]:
    """Beads from linked (i, j) pairs: connected pairs join, unlinked sentences stand alone."""
    beads: list[tuple[list[int], list[int]]] = []
    for i, j in sorted(pairs):
        if beads and (i in beads[-1][0] or j in beads[-1][1]):
            if i not in beads[-1][0]:
                beads[-1][0].append(i)
            if j not in beads[-1][1]:
                beads[-1][1].append(j)
        else:
            beads.append(([i], [j]))
    out: list[Bead] = []
    si = ti = 0
    for s, t in beads:
        while si < s[0]:
            out.append(((si,), ()))
            si += 1
        while ti < t[0]:
            out.append(((), (ti,)))
            ti += 1
        out.append((tuple(s), tuple(t)))
        si, ti = s[-1] + 1, t[-1] + 1
    out += [((i,), ()) for i in range(si, n)] + [((), (j,)) for j in range(ti, m)]
    return out


def gale_church(folder: Path) -> list[Bead]:
    """NLTK's Gale-Church on one document (character lengths, its default parameters)."""
    from nltk.translate.gale_church import align_blocks

    src = (folder / "src.txt").read_text("utf-8").splitlines()
    tgt = (folder / "tgt.txt").read_text("utf-8").splitlines()
    pairs = align_blocks([len(s) for s in src], [len(t) for t in tgt])
    return pairs_to_beads(pairs, len(src), len(tgt))


def run_set(name: str, gc_limit: int) -> dict[str, object]:
    """Both aligners on one set: F1 strict/lax and wall time."""
    src_lang, tgt_lang = PAIRS.get(name, ("und", "und"))
    options = AlignConfig(src_lang=src_lang, tgt_lang=tgt_lang)
    ours, theirs, skipped = Counts(), Counts(), 0
    t_ours = t_gc = 0.0
    for folder in document_folders(EVAL / name):
        gold = read_beads(folder / "gold.txt")
        t = time.perf_counter()
        ours = ours + count_hits(align_folder(folder, options), gold)
        t_ours += time.perf_counter() - t
        lines = max(len((folder / f).read_text("utf-8").splitlines()) for f in ("src.txt", "tgt.txt"))
        if lines > gc_limit:
            skipped += 1
            continue
        t = time.perf_counter()
        theirs = theirs + count_hits(gale_church(folder), gold)
        t_gc += time.perf_counter() - t
    return {"ours": metrics(ours), "gc": metrics(theirs) if theirs.predicted else None,
            "t_ours": t_ours, "t_gc": t_gc, "skipped": skipped}


TARGETS = {"textberg-dev": 0.90, "abstract-en-tr": 1.0, "bible-en-ru-perturbed": 0.98, "wmt21-ru-en-perturbed": 0.98}


def targets(results: dict[str, dict]) -> list[str]:
    """Issue 3's quality targets beside what was measured."""
    out = ["| target (issue 3) | strict F1 needed | measured | met |", "|---|---|---|---|"]
    for name, need in TARGETS.items():
        if name in results:
            got = results[name]["ours"]["F_strict"]
            out.append(f"| {name} | {need:.2f} | {got:.3f} | {'yes' if got >= need - 1e-9 else 'no'} |")
    return out


def calibration() -> list[str]:
    """How often links are right, by score band, over the four dev sets (are scores meaningful?)."""
    bands = [(0.0, 0.25), (0.25, 0.5), (0.5, 0.9), (0.9, 1.01)]
    right, total = [0] * 4, [0] * 4
    for name in TARGETS:
        src_lang, tgt_lang = PAIRS[name]
        for folder in document_folders(EVAL / name):
            gold = set(read_beads(folder / "gold.txt"))
            src = (folder / "src.txt").read_text("utf-8").splitlines()
            tgt = (folder / "tgt.txt").read_text("utf-8").splitlines()
            for link in LexicalAligner().align(src, tgt, AlignConfig(src_lang=src_lang, tgt_lang=tgt_lang)):
                k = next(b for b, (lo, hi) in enumerate(bands) if lo <= link.score < hi)
                total[k] += 1
                right[k] += (link.src, link.tgt) in gold
    out = ["Link scores on the four dev sets: share of links that are exactly a gold bead, by score.", "",
           "| score | links | right |", "|---|---|---|"]
    for (lo, hi), r, t in zip(bands, right, total):
        out.append(f"| {lo:.2f}-{min(hi, 1.0):.2f} | {t} | {r / t:.3f} |" if t else f"| {lo:.2f}-{min(hi, 1.0):.2f} | 0 | - |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--gc-limit", type=int, default=1000, help="skip NLTK Gale-Church above this many lines")
    args = parser.parse_args()
    names = sorted(p.name for p in EVAL.iterdir() if p.is_dir() and any(p.rglob("gold.txt")))
    lines = [SECTION, "",
             "Measured by `.venv/bin/python bench/quality.py` on 2026-11-23; machine: 2 cores, 24 GiB, no GPU, "
             "shared with other jobs. Strict / lax F1, micro-averaged over each set's documents (Vecalign's "
             "definitions, as `bitext eval` prints them); bitext = `--scorer lexical --max-align 5`, no dictionary; "
             "Gale-Church = NLTK 3.x `gale_church.align_blocks` with its default parameters (character lengths). "
             f"NLTK is quadratic, so documents over {args.gc_limit} lines are skipped for it.", "",
             "| set | bitext strict F1 | bitext lax F1 | Gale-Church (NLTK) strict F1 | Gale-Church lax F1 | bitext s | NLTK s |",
             "|---|---|---|---|---|---|---|"]
    results = {}
    for name in names:
        r = results[name] = run_set(name, args.gc_limit)
        ours, gc = r["ours"], r["gc"]
        gc_cells = (f"{gc['F_strict']:.3f} | {gc['F_lax']:.3f}" if gc else "skipped | skipped")
        if r["skipped"] and gc:
            gc_cells += f" ({r['skipped']} docs skipped)"
        lines.append(f"| {name} | {ours['F_strict']:.3f} | {ours['F_lax']:.3f} | {gc_cells} | "
                     f"{r['t_ours']:.1f} | {r['t_gc']:.1f} |")
        print(lines[-1], flush=True)
    lines += ["", *targets(results), "", *calibration(), "",
              "Weights (`align/scorers/combine.py`, fitted with `bench/fit_weights.py`: coordinate search on the "
              "dev sets, a step kept only if the weighted mean strict F1 rises and no set loses more than 0.01):", "",
              f"`{Weights()}`"]
    text = "\n".join(lines) + "\n"
    if not args.no_write:
        write_section(SECTION, text)
    print(text)


if __name__ == "__main__":
    main()
