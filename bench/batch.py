"""Batch throughput: `bitext batch --jobs 1` against `--jobs 2` on long pairs built from dev data.

Builds N pairs (default 40) of about 2,000 sentences each in a temporary folder by repeating
dev documents from ../shared/eval (Text+Berg de-fr repeated 4 times; the four Bible books
en-ru repeated 5 times; alternating), then times `bitext batch` on them once per --jobs value
as a subprocess and prints rows/s, the speed-up and the load average before and after. Nothing
from ../shared is copied into the repository.

    .venv/bin/python bench/batch.py                 # 40 pairs, --jobs 1 and 2
    .venv/bin/python bench/batch.py --repeat 2      # 1, 2, 2, 1: best of two each (busy machine)
    .venv/bin/python bench/batch.py --pairs 8 --jobs 1 2 4
    .venv/bin/python bench/batch.py --memory 500 5000   # peak RSS for many small rows
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("BITEXT_SHARED", ROOT.parent / "shared")) / "eval"
BITEXT = Path(sys.executable).parent / "bitext"


def _lines(path: Path) -> str:
    return path.read_text(encoding="utf-8").rstrip("\n") + "\n"


def build_pairs(folder: Path, count: int) -> Path:
    """Write `count` long pairs and their manifest; return the manifest's path."""
    textberg = EVAL / "textberg-dev" / "dev"
    books = sorted((EVAL / "bible-en-ru").iterdir())
    sources = [
        ("de", "fr", _lines(textberg / "src.txt") * 4, _lines(textberg / "tgt.txt") * 4),
        ("en", "ru", "".join(_lines(b / "src.txt") for b in books) * 5,
         "".join(_lines(b / "tgt.txt") for b in books) * 5),
    ]
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source", "target", "source_lang", "target_lang", "output"])
        for n in range(count):
            src_lang, tgt_lang, src, tgt = sources[n % len(sources)]
            (folder / f"p{n:03d}.src.txt").write_text(src, encoding="utf-8")
            (folder / f"p{n:03d}.tgt.txt").write_text(tgt, encoding="utf-8")
            writer.writerow([f"p{n:03d}.src.txt", f"p{n:03d}.tgt.txt", src_lang, tgt_lang, f"p{n:03d}.tei.xml"])
    return manifest


def tiny_manifest(folder: Path, rows: int) -> Path:
    """A manifest of `rows` rows that all align the shipped sample (distinct outputs)."""
    sample = ROOT / "corpora" / "samples" / "juhis-908368"
    manifest = folder / f"tiny{rows}.csv"
    with manifest.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source", "target", "source_lang", "target_lang", "output"])
        for n in range(rows):
            writer.writerow([sample / "en.txt", sample / "tr.txt", "en", "tr", f"t{n:06d}.tei.xml"])
    return manifest


def code_fingerprint() -> str:
    """A digest of bitext's sources, to tell when other work changed the code mid-benchmark."""
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/**/*.py")):
        if path.parts[len(ROOT.parts)] in ("corpora", "glossary", "align", "tei", "bitext_cli"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def time_batch(manifest: Path, outdir: Path, jobs: int, scorer: str, presplit: bool = True) -> dict:
    """Run one batch and return its wall time, rows/s and the sentences it aligned."""
    before = load()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run = subprocess.run(
        [str(BITEXT), "batch", str(manifest), "-o", str(outdir), "--jobs", str(jobs), "--force",
         "--scorer", scorer] + (["--presplit"] if presplit else []),
        capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime
    if run.returncode != 0:
        raise SystemExit(f"batch --jobs {jobs} failed:\n{run.stderr[-2000:]}")
    report = [json.loads(line) for line in (outdir / "report.jsonl").read_text().splitlines()]
    sentences = sum(e["src_sentences"] + e["tgt_sentences"] for e in report)
    return {"jobs": jobs, "scorer": scorer, "rows": len(report), "seconds": round(seconds, 1),
            "rows_per_s": round(len(report) / seconds, 3), "sentences": sentences,
            "cpu_seconds": round(cpu, 1), "cpus_used": round(cpu / seconds, 2),
            "max_rss_mib_any_process": round(usage.ru_maxrss / 1024),
            "load_before": before, "load_after": load()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs per --jobs value, alternating; the best counts")
    parser.add_argument("--scorer", default="lexical", help="aligner for every row (default: lexical)")
    parser.add_argument("--memory", type=int, nargs="+", metavar="ROWS",
                        help="instead: peak RSS of batches of ROWS small rows (--jobs 2)")
    args = parser.parse_args()
    if args.memory:
        with tempfile.TemporaryDirectory(prefix="bitext-bench-batch-") as tmp:
            for rows in args.memory:
                result = time_batch(tiny_manifest(Path(tmp), rows), Path(tmp) / f"tiny{rows}", 2, args.scorer,
                                    presplit=False)
                print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory(prefix="bitext-bench-batch-") as tmp:
        folder = Path(tmp)
        manifest = build_pairs(folder, args.pairs)
        code_before = code_fingerprint()
        runs = []  # A B B A ...: each --jobs value in turn, so a change in load hits both alike
        for r in range(args.repeat):
            for jobs in (args.jobs if r % 2 == 0 else args.jobs[::-1]):
                runs.append(time_batch(manifest, folder / f"out{jobs}", jobs, args.scorer))
                print(json.dumps(runs[-1]), flush=True)
        results = [max((x for x in runs if x["jobs"] == jobs), key=lambda x: x["rows_per_s"]) for jobs in args.jobs]
        outputs = [sorted((folder / f"out{j}").glob("*.tei.xml")) for j in args.jobs]
        differ = sorted({p.name for o in outputs[1:] for p, q in zip(outputs[0], o) if p.read_bytes() != q.read_bytes()})
        code_after = code_fingerprint()
    base = results[0]["rows_per_s"]
    for r in results:
        print(json.dumps({"best_of": args.repeat, "jobs": r["jobs"], "rows_per_s": r["rows_per_s"],
                          "speedup": round(r["rows_per_s"] / base, 2)}))
    print(json.dumps({"identical_outputs": not differ, "differing": differ[:5], "cpus": os.cpu_count(),
                      "code_changed_during_run": code_before != code_after}))


if __name__ == "__main__":
    main()
