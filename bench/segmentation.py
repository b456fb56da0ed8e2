"""Boundary F1 of `bitext segment` on the hand-checked gold files, scored by segscore.py.

Runs ../shared/eval/segscore.py exactly as ../shared/eval/README.md describes, once per group
(English, Turkish, Russian, English endnotes), and prints a Markdown table for BENCHMARKS.md, then the time to segment seed 001 (a 1.2 MB
book; target: well under 5 s):

    .venv/bin/python bench/segmentation.py [--shared ../shared] [--segmenter "bitext segment"]

`--segmenter` scores another command (it gets `--lang L FILE` appended) for comparisons.
tests/test_segment.py imports `score_group` to assert the targets.
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name -> (language, gold files, target); the target is a minimum F1, or for the endnotes a
# maximum of false splits per 100 lines.
GROUPS = {
    "English": ("en", ["en_000.gold", "en_001body.gold"], 0.97),
    "Turkish": ("tr", ["tr_oz.gold", "tr_traps.gold"], 0.95),
    "Russian": ("ru", ["ru_traps.gold"], 0.90),
    "endnotes": ("en", ["en_001notes.gold"], 20.0),
}
BITEXT = [sys.executable, "-c", "import sys; from bitext_cli.main import cli; sys.exit(cli())", "segment"]
_RESULT = re.compile(
    r"tp=(\d+) fp=(\d+) fn=(\d+)\s+P=([\d.]+) R=([\d.]+) F1=([\d.]+)\s+false splits per 100 lines: ([\d.]+)"
)


@dataclass(frozen=True)
class Score:
    """One segscore.py result line, plus the wrong boundaries it printed."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    false_splits_per_100: float
    errors: list[str]

    def meets(self, target: float, name: str) -> bool:
        """Whether this score reaches the group's target."""
        return self.false_splits_per_100 < target if name == "endnotes" else self.f1 >= target


def score_group(shared: Path, name: str, segmenter: list[str] | None = None) -> Score:
    """Run segscore.py on one group's gold files with `segmenter --lang L` and parse its result."""
    lang, golds, _ = GROUPS[name]
    gold_dir = shared / "eval" / "segmentation"
    cmd = [sys.executable, str(shared / "eval" / "segscore.py"), *(str(gold_dir / g) for g in golds),
           "--", *(segmenter or BITEXT), "--lang", lang]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    m = _RESULT.search(out.stdout)
    if out.returncode != 0 or not m:
        raise RuntimeError(f"segscore.py failed on {name}: {out.stderr.strip() or out.stdout.strip()}")
    tp, fp, fn = (int(g) for g in m.groups()[:3])
    p, r, f1, fs = (float(g) for g in m.groups()[3:])
    errors = [ln for ln in out.stdout.splitlines() if ln.startswith(("extra", "missed"))]
    return Score(tp, fp, fn, p, r, f1, fs, errors)


def time_book(path: Path, lang: str = "en") -> tuple[int, int, float]:
    """Characters, sentences and seconds to read and segment one whole book in-process."""
    from corpora.readers import read_text, split_paragraphs

    from align.segment import segment_paragraphs

    t0 = time.perf_counter()
    text = read_text(path)
    sentences = sum(len(p) for p in segment_paragraphs(split_paragraphs(text), lang))
    return len(text), sentences, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--segmenter", help="command to score instead of bitext segment")
    parser.add_argument("--errors", action="store_true", help="also print the wrong boundaries")
    args = parser.parse_args()
    segmenter = shlex.split(args.segmenter) if args.segmenter else None
    print("| group | gold files | tp | fp | fn | P | R | F1 | false splits /100 lines | target | met | s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, (_, golds, target) in GROUPS.items():
        t0 = time.perf_counter()
        s = score_group(args.shared, name, segmenter)
        goal = f"< {target:g} /100" if name == "endnotes" else f"F1 ≥ {target}"
        print(f"| {name} | {' '.join(golds)} | {s.tp} | {s.fp} | {s.fn} | {s.precision:.3f} | "
              f"{s.recall:.3f} | {s.f1:.3f} | {s.false_splits_per_100:.1f} | {goal} | "
              f"{'yes' if s.meets(target, name) else 'NO'} | {time.perf_counter() - t0:.1f} |")
        if args.errors:
            print("\n".join(f"    {e}" for e in s.errors))
    book = args.shared / "seeds" / "001_734ae1eeb639bb90.txt"
    chars, sentences, seconds = time_book(book)
    print(f"\nspeed: {book.name}: {chars:,} characters -> {sentences:,} sentences in {seconds:.2f} s")


if __name__ == "__main__":
    main()
