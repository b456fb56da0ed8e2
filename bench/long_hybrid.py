"""The hybrid on long documents: strict F1 and time against the encoding cap (HybridSettings.most).

A long document is the dev documents bench/speed.py repeats (textberg-dev, bible-en-ru-perturbed,
wmt21-ru-en-perturbed, in turn), whole documents only, until both sides hold `--size`
sentences, with their gold beads shifted along: the speed benchmark's input with a gold
alignment. Each cap is run with an empty embedding cache (so its encoding is timed) and the
encoder loaded beforehand (its load is the same for every cap); `-1` stands for the lexical
aligner. Prints one line per cap: strict and lax F1, sentences encoded, CPU seconds of the
alignment. Nothing is written.

    .venv/bin/python bench/long_hybrid.py [--size 20000] [--caps -1 0 250 500 1000 2000]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora.beadfile import read_beads  # noqa: E402

from align.config import AlignConfig  # noqa: E402
from align.embedding.hybrid import HybridAligner, HybridSettings  # noqa: E402
from align.evaluate import count_hits, metrics  # noqa: E402
from align.lexical import LexicalAligner  # noqa: E402
from speed import EVAL, SOURCES  # noqa: E402 (bench/ is on sys.path when run as a script)


def long_document(size: int) -> tuple[list[str], list[str], list]:
    """Source, target and gold beads of the dev documents repeated to `size` sentences a side."""
    docs = []
    for name in SOURCES:
        for gold in sorted((EVAL / name).rglob("gold.txt")):
            docs.append(((gold.parent / "src.txt").read_text("utf-8").splitlines(),
                         (gold.parent / "tgt.txt").read_text("utf-8").splitlines(), read_beads(gold)))
    src: list[str] = []
    tgt: list[str] = []
    beads: list = []
    k = 0
    while len(src) < size or len(tgt) < size:
        s, t, g = docs[k % len(docs)]
        beads += [(tuple(i + len(src) for i in a), tuple(j + len(tgt) for j in b)) for a, b in g]
        src += s
        tgt += t
        k += 1
    return src, tgt, beads


class _Encoded(logging.Handler):
    """Collects the count of sentences the hybrid says it encoded (hybrid.DoubtfulTerm)."""

    def __init__(self, into: list[int]) -> None:
        super().__init__()
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith("hybrid: encoded") and record.args:
            self.into.append(int(record.args[0]))  # type: ignore[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--caps", type=int, nargs="+", default=[-1, 0, 250, 500, 1000, 2000])
    args = parser.parse_args()
    src, tgt, gold = long_document(args.size)
    print(f"document: {len(src)} x {len(tgt)} sentences, {len(gold)} gold beads", flush=True)
    encoded: list[int] = []
    log = logging.getLogger("bitext")
    log.addHandler(_Encoded(encoded))
    log.setLevel(logging.INFO)
    log.propagate = False
    for cap in args.caps:
        encoded.clear()
        with tempfile.TemporaryDirectory() as cache:
            if cap < 0:
                aligner: LexicalAligner | HybridAligner = LexicalAligner()
                config = AlignConfig(aligner="lexical")
            else:
                aligner = HybridAligner(cache_dir=cache, settings=HybridSettings(most=cap))
                aligner.encoder_for(None)  # loaded before the clock starts
                config = AlignConfig(aligner="hybrid", model="use-m3")
            start = time.process_time()
            links = aligner.align(src, tgt, config)
            cpu = time.process_time() - start
        m = metrics(count_hits([(link.src, link.tgt) for link in links], gold))
        name = "lexical" if cap < 0 else f"hybrid most={cap}"
        print(f"{name:18s} strict F1 {m['F_strict']:.4f}  lax F1 {m['F_lax']:.4f}  encoded {sum(encoded):5d}  "
              f"CPU {cpu:.2f} s", flush=True)


if __name__ == "__main__":
    main()
