"""Every aligner with the bundled encoder on every dev set: BENCHMARKS.md "## Aligners with use-m3".

lexical, embedding (Bertalign's algorithm), hybrid (the lexical search with an embedding term)
and auto (what `bitext align` does by default: hybrid where use-m3 covers both languages, else
lexical), each on the pre-split documents of ../shared/eval as `bitext eval` aligns them.
Strict / lax F1 (Vecalign's definitions, micro-averaged) and the wall time of aligning the set
in-process: with an empty embedding cache (encoding included), after the encoder is loaded and
the kernels compiled (a warm-up alignment first), so the times compare the aligners, not
start-up. --sets picks sets, --no-write only prints.

    .venv/bin/python bench/quality_models.py [--sets textberg-dev ...] [--no-write]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora.beadfile import read_beads  # noqa: E402

from align.evaluate import Counts, align_folder, count_hits, document_folders, metrics  # noqa: E402
from align.config import AlignConfig, resolve  # noqa: E402
from align.registry import get_aligner  # noqa: E402
from quality import PAIRS  # noqa: E402 (bench/ is on sys.path when run as a script)
from sections import machine, write_section  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
SECTION = "## Aligners with use-m3"
ALIGNERS = ["lexical", "embedding", "hybrid", "auto"]


def config_for(aligner: str, langs: tuple[str, str], cache: Path) -> AlignConfig:
    """The config `bitext eval -s L -t L --scorer aligner` aligns with (auto resolved as there)."""
    return resolve(AlignConfig(aligner=aligner, src_lang=langs[0], tgt_lang=langs[1],
                               model=None if aligner == "lexical" else "use-m3", cache_dir=str(cache)))


def measure(name: str, aligner: str) -> tuple[dict, float, str]:
    """F1 of one aligner on one set, seconds, and the aligner auto chose."""
    folders = document_folders(EVAL / name)
    with tempfile.TemporaryDirectory(prefix="bitext-quality-cache-") as tmp:
        config = config_for(aligner, PAIRS[name], Path(tmp))
        get_aligner(config).align(["One sentence here.", "Two."], ["Ein Satz hier.", "Zwei."], config)  # warm-up
        total = Counts()
        t = time.perf_counter()
        for folder in folders:
            total = total + count_hits(align_folder(folder, config), read_beads(folder / "gold.txt"))
        return metrics(total), time.perf_counter() - t, config.aligner


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", default=list(PAIRS))
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    rows = []
    for name in args.sets:
        cells = []
        for aligner in ALIGNERS:
            f1, seconds, used = measure(name, aligner)
            note = f" ({used})" if aligner == "auto" else ""
            cells.append(f"{f1['F_strict']:.3f} / {f1['F_lax']:.3f} | {seconds:.1f}{note}")
        rows.append(f"| {name} | {'-'.join(PAIRS[name])} | " + " | ".join(cells) + " |")
        print(rows[-1], flush=True)
    text = "\n".join([
        SECTION, "",
        f"Measured by `.venv/bin/python bench/quality_models.py` on {machine()}. Times are wall seconds for the "
        "whole set in-process, encoding with an empty cache included, model loading excluded. Strict / lax F1; "
        "`auto` names what it chose.", "",
        "| set | pair | " + " | ".join(f"{a} strict / lax | {a} s" for a in ALIGNERS) + " |",
        "|---|---|" + "---|---|" * len(ALIGNERS), *rows]) + "\n"
    print(text)
    if not args.no_write:
        write_section(SECTION, text)


if __name__ == "__main__":
    main()
