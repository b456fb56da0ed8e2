"""Does `--dictionary` help? The dev sets aligned without and with FreeDict's general dictionaries.

The dictionaries are Debian's FreeDict packages in dictd format (CC BY-SA / GPL data: used
here, never shipped). Install them, or unpack the .deb files into a folder given as --dictd:

    apt-get install dict-freedict-deu-fra dict-freedict-fra-deu dict-freedict-eng-rus dict-freedict-eng-tur
    .venv/bin/python bench/dictionary.py [--dictd /usr/share/dictd] [--no-write]

Each dictd entry becomes TSV lines "headword<TAB>translation", read as `--dictionary` reads a
dictd file (align/scorers/dictd.py). de-fr joins deu-fra with fra-deu turned round; ru-en is
eng-rus turned round. Writes the table into BENCHMARKS.md section "## Alignment quality with a
dictionary".
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.evaluate import evaluate_set  # noqa: E402
from align.config import AlignConfig  # noqa: E402
from align.scorers.dictd import orientation, word_pairs  # noqa: E402
from quality import EVAL, PAIRS, TARGETS  # noqa: E402 (bench/ is on sys.path when run as a script)
from sections import write_section  # noqa: E402

SECTION = "## Alignment quality with a dictionary"
# language pair: the dictd files joined into its TSV (each turned round where its name says so)
SOURCES = {("de", "fr"): ["freedict-deu-fra", "freedict-fra-deu"], ("en", "ru"): ["freedict-eng-rus"],
           ("ru", "en"): ["freedict-eng-rus"], ("en", "tr"): ["freedict-eng-tur"]}


def write_tsv(folder: Path, pair: tuple[str, str], out: Path) -> int:
    """One language pair's TSV from its dictd files; the number of distinct lines."""
    rows = set()
    for name in SOURCES[pair]:
        rows.update(word_pairs(folder / f"{name}.index", *pair))
    out.write_text("".join(f"{a}\t{b}\n" for a, b in sorted(rows)), "utf-8")
    return len(rows)


def strict_f1(name: str, dictionary: Path | None) -> float:
    """Strict F1 of the lexical aligner on one dev set."""
    src_lang, tgt_lang = PAIRS[name]
    options = AlignConfig(src_lang=src_lang, tgt_lang=tgt_lang, dictionary=str(dictionary) if dictionary else None)
    return evaluate_set(EVAL / name, options)["F_strict"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictd", type=Path, default=Path("/usr/share/dictd"))
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    lines = [SECTION, "",
             "Measured by `.venv/bin/python bench/dictionary.py` on 2026-11-23 (2 cores, 24 GiB, no GPU): "
             "strict F1 of `--scorer lexical` without and with `--dictionary`, the dictionaries built from "
             "Debian's FreeDict packages (bookworm) as the script's docstring says.", "",
             "| set | dictionary | entries | strict F1 without | strict F1 with |", "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for name in TARGETS:
            pair = PAIRS[name]
            tsv = Path(tmp) / f"{pair[0]}-{pair[1]}.tsv"
            size = write_tsv(args.dictd, pair, tsv)
            files = " + ".join(n + (" (turned)" if orientation(n, *pair) else "") for n in SOURCES[pair])
            lines.append(f"| {name} | {files} | {size} | {strict_f1(name, None):.3f} | {strict_f1(name, tsv):.3f} |")
            print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    if not args.no_write:
        write_section(SECTION, text)
    print(text)


if __name__ == "__main__":
    main()
