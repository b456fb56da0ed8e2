"""Glossary lookup: recall and false matches on spelling lists, and lookup speed.

Quality: with tests/data/glossary_minimal.tsv (Cyrillic form + one English rendering per
entry), every word of tests/data/glossary_lookup_dev.tsv (the list the tests use) and of
tests/data/glossary_lookup_heldout.tsv (a list not used for tuning) is looked up; recall is over
words with an expected entry, a false match is any match of a "-" word or a match to the wrong
entry. Speed: every token of seed 001 (English, ../shared/seeds) through `Matcher.find`, with
the cache warm (running text repeats words) and cold (a fresh matcher; fuzzy fallback included
for unknown words), and exact-only lookups of unique tokens.

Run from the project root: .venv/bin/python bench/glossary_lookup.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary.io import load_glossary  # noqa: E402
from glossary.keys import latin_key  # noqa: E402
from glossary.match import TOKEN, Matcher  # noqa: E402

DATA = ROOT / "tests" / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


def score(matcher: Matcher, path: Path) -> tuple[int, int, int, int, list[str]]:
    """(found, positives, false matches, negatives, misses) for one spelling list."""
    found = pos = false = neg = 0
    misses = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, expected = line.split("\t")
        hit = matcher.lookup(word)
        got = matcher.entries[hit.entry_id].source if hit else "-"
        if expected == "-":
            neg += 1
            false += got != "-"
        else:
            pos += 1
            found += got == expected
            false += got not in ("-", expected)
        if got != expected:
            misses.append(f"{word} -> {got} (expected {expected}; {hit.how if hit else 'no match'})")
    return found, pos, false, neg, misses


def speed() -> None:
    seed = next(SEEDS.glob("001_*.txt"))
    text = seed.read_text(encoding="utf-8")
    lines = text.splitlines()
    n_tokens = sum(1 for _ in TOKEN.finditer(text))
    glossary = load_glossary()
    matcher = Matcher(glossary)
    for label in ("cold", "warm"):  # the second run finds the first one's cache filled
        t0 = time.perf_counter()
        hits = sum(len(matcher.find(line)) for line in lines)
        dt = time.perf_counter() - t0
        print(f"find, cache {label}: {n_tokens} tokens in {dt:.2f} s = {n_tokens / dt:,.0f} tokens/s ({hits} names)")
    words = list(dict.fromkeys(m.group() for m in TOKEN.finditer(text)))
    matcher = Matcher(glossary)
    t0 = time.perf_counter()
    hits = sum(1 for w in words if matcher._surface.get(w.casefold()) or matcher._keys.get(latin_key(w)))
    dt = time.perf_counter() - t0
    print(f"exact lookup of unique words, no cache: {len(words)} words in {dt:.2f} s = {len(words) / dt:,.0f} words/s")
    t0 = time.perf_counter()
    Matcher(glossary)
    print(f"building the starter glossary's matcher: {time.perf_counter() - t0:.2f} s")


def main() -> None:
    matcher = Matcher(load_glossary(DATA / "glossary_minimal.tsv"))
    for name in ("glossary_lookup_dev.tsv", "glossary_lookup_heldout.tsv"):
        found, pos, false, neg, misses = score(matcher, DATA / name)
        print(f"{name}: recall {found}/{pos} = {found / pos:.1%}; false matches {false} "
              f"(negatives: {neg} places and ordinary words)")
        for miss in misses:
            print(f"  {miss}")
    if SEEDS.is_dir():
        speed()


if __name__ == "__main__":
    main()
