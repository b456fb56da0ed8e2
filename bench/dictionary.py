"""Does `--dictionary` help? The dev sets aligned without and with FreeDict's general dictionaries.

The dictionaries are Debian's FreeDict packages in dictd format (CC BY-SA / GPL data: used
here, never shipped). Install them, or unpack the .deb files into a folder given as --dictd:

    apt-get install dict-freedict-deu-fra dict-freedict-fra-deu dict-freedict-eng-rus dict-freedict-eng-tur
    .venv/bin/python bench/dictionary.py [--dictd /usr/share/dictd] [--no-write]

Each dictd entry becomes TSV lines "headword<TAB>translation": the line after the headword
line and every numbered sense line ("2. courant descendant, vent descendant") hold the
translations, comma-separated; the other lines are definitions and are skipped. de-fr joins
deu-fra with fra-deu turned round; ru-en is eng-rus turned round. Writes the table into
BENCHMARKS.md section "## Alignment quality with a dictionary".
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.evaluate import evaluate_set  # noqa: E402
from align.options import AlignOptions  # noqa: E402
from quality import EVAL, PAIRS, TARGETS  # noqa: E402 (bench/ is on sys.path when run as a script)
from sections import write_section  # noqa: E402

SECTION = "## Alignment quality with a dictionary"
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
# language pair: (dictd file, turned round?) pairs joined into its TSV
SOURCES = {("de", "fr"): [("freedict-deu-fra", False), ("freedict-fra-deu", True)],
           ("en", "ru"): [("freedict-eng-rus", False)], ("ru", "en"): [("freedict-eng-rus", True)],
           ("en", "tr"): [("freedict-eng-tur", False)]}


def _number(text: str) -> int:
    """A dictd index offset or length (base 64, its own digits)."""
    value = 0
    for ch in text:
        value = value * 64 + DIGITS.index(ch)
    return value


def dictd_entries(base: Path) -> Iterator[str]:
    """Every entry's text of a dictd dictionary (`base`.index and `base`.dict.dz)."""
    data = gzip.decompress(base.with_suffix(".dict.dz").read_bytes())
    for line in base.with_suffix(".index").read_text("utf-8").splitlines():
        head, offset, length = line.split("\t")
        if not head.startswith("00"):  # 00-database-info and the like
            start = _number(offset)
            yield data[start:start + _number(length)].decode("utf-8")


def translations(entry: str) -> tuple[str, list[str]]:
    """The headword of an entry (pronunciation and part of speech cut) and its translations."""
    lines = entry.strip("\n").split("\n")
    head = re.sub(r"\s*[/<].*$", "", lines[0]).strip()
    found = []
    for k, line in enumerate(lines[1:]):
        sense = re.match(r"^\d+\.\s+(.*)$", line)
        if k == 0 or sense:
            text = re.sub(r"\([^)]*\)|\s\d+\.$|\.$", "", sense.group(1) if sense else line)
            found += [t.strip() for t in text.split(",") if t.strip()]
    return head, found


def write_tsv(dictd: Path, sources: list[tuple[str, bool]], out: Path) -> int:
    """One language pair's TSV from its dictd files; the number of distinct lines."""
    rows = set()
    for name, turned in sources:
        for entry in dictd_entries(dictd / name):
            head, found = translations(entry)
            rows.update((t, head) if turned else (head, t) for t in found if head)
    out.write_text("".join(f"{a}\t{b}\n" for a, b in sorted(rows)), "utf-8")
    return len(rows)


def strict_f1(name: str, dictionary: Path | None) -> float:
    """Strict F1 of the lexical aligner on one dev set."""
    src_lang, tgt_lang = PAIRS[name]
    options = AlignOptions(src_lang=src_lang, tgt_lang=tgt_lang, dictionary=str(dictionary) if dictionary else None)
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
            size = write_tsv(args.dictd, SOURCES[pair], tsv)
            files = " + ".join(n + (" (turned)" if t else "") for n, t in SOURCES[pair])
            lines.append(f"| {name} | {files} | {size} | {strict_f1(name, None):.3f} | {strict_f1(name, tsv):.3f} |")
            print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    if not args.no_write:
        write_section(SECTION, text)
    print(text)


if __name__ == "__main__":
    main()
