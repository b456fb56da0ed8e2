"""Which gold beads each aligner gets right, and which wrong beads it predicts, by bead shape.

Aligns every document of an eval set (../shared/eval, read in place) with several aligners, as
`bitext eval` does, and tabulates the gold beads (non-empty on both sides) by which aligners
predict them exactly (strict hits): only one, some, all or none, split by shape (1-1, 1-2,
2-1, 2-2, 1-0/0-1, larger); then each aligner's wrong predicted beads by shape (what it
over- or under-splits). --list prints the beads of each group. This is the oracle question
"could a combination of the aligners reach more gold beads, and which ones".

    .venv/bin/python bench/oracle.py [--set textberg-dev] [--aligners lexical embedding hybrid] [--list]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora.beadfile import read_beads  # noqa: E402

from align.evaluate import align_folder, document_folders  # noqa: E402
from quality import PAIRS  # noqa: E402 (bench/ is on sys.path when run as a script)
from quality_models import EVAL, config_for  # noqa: E402

Key = tuple[str, tuple[int, ...], tuple[int, ...]]  # (document, source sentences, target sentences)
SHAPES = ["1-1", "1-2", "2-1", "2-2", "1-0/0-1", "larger"]


def shape(key: Key) -> str:
    """The shape class of a bead."""
    a, b = len(key[1]), len(key[2])
    if not (a and b):
        return "1-0/0-1" if a + b == 1 else "larger"
    name = f"{a}-{b}"
    return name if name in SHAPES else "larger"


def set_beads(name: str, aligner: str | None, cache: Path) -> set[Key]:
    """The beads (not empty on both sides) of every document of a set: the gold ones (aligner
    None) or those one aligner predicts, aligned as `bitext eval` does."""
    root = EVAL / name
    config = config_for(aligner, PAIRS[name], cache) if aligner else None
    out: set[Key] = set()
    for folder in document_folders(root):
        doc = str(folder.relative_to(root))
        found = align_folder(folder, config) if config else read_beads(folder / "gold.txt")
        out |= {(doc, tuple(s), tuple(t)) for s, t in found if s or t}
    return out


def table(rows: dict[str, Counter]) -> list[str]:
    """A markdown table of counts by shape, one row per label."""
    out = ["| | " + " | ".join(SHAPES) + " | all |", "|---|" + "---|" * (len(SHAPES) + 1)]
    for label, counts in rows.items():
        out.append(f"| {label} | " + " | ".join(str(counts[s]) for s in SHAPES) + f" | {sum(counts.values())} |")
    return out


def groups(gold: set[Key], hits: dict[str, set[Key]]) -> dict[str, set[Key]]:
    """Gold beads by the exact set of aligners that predict them."""
    names = list(hits)
    out: dict[str, set[Key]] = {}
    for k in range(len(names), -1, -1):
        for chosen in combinations(names, k):
            members = {g for g in gold if all(g in hits[n] for n in chosen)
                       and not any(g in hits[n] for n in names if n not in chosen)}
            label = "none" if not chosen else ("all" if k == len(names) else " + ".join(chosen) + " only")
            out[label] = members
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="textberg-dev", choices=sorted(PAIRS))
    parser.add_argument("--aligners", nargs="+", default=["lexical", "embedding", "hybrid"])
    parser.add_argument("--list", action="store_true", help="print the beads of each group")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bitext-oracle-cache-") as tmp:
        found = {aligner: set_beads(args.set, aligner, Path(tmp)) for aligner in args.aligners}
    every_gold = set_beads(args.set, None, Path("."))
    gold = {g for g in every_gold if g[1] and g[2]}  # recall is over two-sided gold beads
    print(f"{args.set}: gold beads by the aligners that predict them exactly\n")
    split = groups(gold, found)
    print("\n".join(table({**{label: Counter(map(shape, keys)) for label, keys in split.items()},
                           "gold (both sides non-empty)": Counter(map(shape, gold))})))
    union = set().union(*(found[a] & gold for a in found))
    print(f"\nright by at least one aligner: {len(union)} of {len(gold)}\n")
    wrong = {a: found[a] - every_gold for a in found}
    print("predicted beads not in the gold, by shape (precision's misses; 1-0/0-1 count there):\n")
    print("\n".join(table({**{f"{a} (of {len(found[a])} predicted)": Counter(map(shape, wrong[a])) for a in found},
                           "gold beads": Counter(map(shape, every_gold))})))
    if args.list:
        for label, keys in split.items():
            if keys and label != "all":
                print(f"\n{label}:")
                for key in sorted(keys):
                    print(f"  {key[0]} {list(key[1])}:{list(key[2])}")
        for a in found:
            print(f"\n{a} wrong:")
            for key in sorted(wrong[a]):
                print(f"  {key[0]} {list(key[1])}:{list(key[2])}")


if __name__ == "__main__":
    main()
