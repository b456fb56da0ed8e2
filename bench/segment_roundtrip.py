"""Re-segment the eval sets' pre-split sides: does `segment` give their lines back?

Each document side of ../shared/eval/{wmt21-ru-en, bible-en-ru, abstract-en-tr} is one segment
per line; its lines are joined by spaces into one paragraph, segmented, and the cuts compared
with the line ends. A missed line end after no sentence mark is the gold's (a headline, a
verse cut at a comma or a colon); a missed one after a mark, or a cut inside a line, is a
candidate defect or a gold quirk (a verse or a line of two sentences) to be read:

    .venv/bin/python bench/segment_roundtrip.py [--shared ../shared] [--list]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.segment import sentence_spans  # noqa: E402

SETS = {"wmt21-ru-en": ("ru", "en"), "bible-en-ru": ("en", "ru"), "abstract-en-tr": ("en", "tr")}
MARKS = ".!?…\"»)]”"


def compare(lines: list[str], lang: str) -> tuple[str, set[int], set[int]]:
    """The joined paragraph, the line ends in it and the cuts `segment` makes."""
    text = " ".join(lines)
    ends, pos = set(), 0
    for line in lines[:-1]:
        pos += len(line) + 1
        ends.add(pos)
    return text, ends, {a for a, _ in sentence_spans(text, lang)} - {0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--list", action="store_true", help="print every difference in context")
    args = parser.parse_args()
    counts: Counter = Counter()
    for name, langs in SETS.items():
        for doc in sorted(p for p in (args.shared / "eval" / name).iterdir() if p.is_dir()):
            for side, lang in zip(("src", "tgt"), langs):
                lines = [line.strip() for line in (doc / f"{side}.txt").read_text("utf-8").splitlines()]
                text, ends, cuts = compare(lines, lang)
                key = (name, lang)
                counts[key + ("kept",)] += len(ends & cuts)
                counts[key + ("cut inside a line",)] += len(cuts - ends)
                for cut in sorted(ends - cuts):
                    counts[key + (f"missed after {'a' if text[:cut].rstrip()[-1] in MARKS else 'no'} mark",)] += 1
                if args.list:
                    for cut in sorted(ends ^ cuts):
                        kind = "missed" if cut in ends else "extra "
                        print(f"{kind} {lang} {name}/{doc.name}/{side}: ...{text[max(0, cut - 50):cut]}|{text[cut:cut + 40]}...")
    kinds = ["kept", "missed after no mark", "missed after a mark", "cut inside a line"]
    print("| set | lang | " + " | ".join(kinds) + " |\n|---|---|" + "---|" * len(kinds))
    for name, langs in SETS.items():
        for lang in dict.fromkeys(langs):
            print(f"| {name} | {lang} | " + " | ".join(str(counts[(name, lang, k)]) for k in kinds) + " |")


if __name__ == "__main__":
    main()
