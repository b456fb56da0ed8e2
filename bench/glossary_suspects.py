"""Precision of `glossary check` on a text on its own: false suspects per 1,000 words.

Every text is checked with the starter glossary, as `bitext glossary check FILE --lang L`
does (read and segmented by `bitext_cli.pipeline.read_document`), once per lexicon (`none`:
the document's own evidence only; `wordfreq`: known words too, when the names extra is
installed). A suspect is false unless it is a known slip of that text (seed 004, a machine
translation: "Yerev" and "Yernov" for Yezhov). Texts: seeds 001-004 (English;
../shared/seeds) and the Russian and English sides of the WMT21 and Bible evaluation sets
(../shared/eval), read one line per sentence.

Run from the project root: .venv/bin/python bench/glossary_suspects.py [--list]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import regex as re

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bitext_cli.formats import read_file  # noqa: E402
from bitext_cli.pipeline import read_document  # noqa: E402
from glossary.io import load_matcher  # noqa: E402
from glossary.lexicon import load_lexicon, wordfreq_installed  # noqa: E402
from glossary.textcheck import check_text  # noqa: E402

SHARED = ROOT.parent / "shared"
TRUE_SLIPS = {"004": {"Yerev", "Yernov"}}
WORD = re.compile(r"\w+")


def texts() -> list[tuple[str, str, list[tuple[str, str]], int]]:
    """(label, language, sentences, words) of every text checked."""
    out = []
    for seed in sorted((SHARED / "seeds").glob("00[1-4]_*.txt")):
        doc = read_document(read_file(str(seed)), "en", "--lang")
        words = len(WORD.findall(seed.read_text(encoding="utf-8")))
        out.append((f"seed {seed.name[:3]}", "en", [(s.id, s.text) for s in doc.segments], words))
    for name, lang, side in (("wmt21-ru-en", "ru", "src"), ("wmt21-ru-en", "en", "tgt"),
                             ("bible-en-ru", "en", "src"), ("bible-en-ru", "ru", "tgt")):
        sentences, words = [], 0
        for path in sorted((SHARED / "eval" / name).glob(f"*/{side}.txt")):
            lines = path.read_text(encoding="utf-8").splitlines()
            sentences += [(f"{path.parent.name}:{k + 1}", line) for k, line in enumerate(lines)]
            words += sum(len(WORD.findall(line)) for line in lines)
        if sentences:
            out.append((f"{name} {lang}", lang, sentences, words))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--list", action="store_true", help="List every suspect.")
    args = parser.parse_args()
    lexicons = ["none"] + (["wordfreq"] if wordfreq_installed() else [])
    print("| text | words | " + " | ".join(f"false suspects ({lx}) | per 1,000 words ({lx})" for lx in lexicons)
          + " | true suspects found |")
    print("|---|---|" + "---|---|" * len(lexicons) + "---|")
    totals = {lx: [0, 0] for lx in lexicons}
    listing = []
    for label, lang, sentences, words in texts():
        cells, true_found = [], set()
        for lx in lexicons:
            t0 = time.perf_counter()
            findings = check_text(load_matcher(None, lang), sentences, lang, load_lexicon(lx))
            seconds = time.perf_counter() - t0
            slips = TRUE_SLIPS.get(label.removeprefix("seed "), set())
            suspects = [f for f in findings if f.kind == "suspect"]
            false = [f for f in suspects if f.text_has not in slips]
            true_found |= {f.text_has for f in suspects if f.text_has in slips}
            totals[lx][0] += len(false)
            totals[lx][1] += words
            cells += [str(len(false)), f"{1000 * len(false) / words:.3f}"]
            listing += [f"{label} [{lx}, {seconds:.1f} s] {f.text_has} ~ {f.preferred} ({f.how}, {f.strength}; "
                        f"{f.sentence_id})" for f in false]
        slips = TRUE_SLIPS.get(label.removeprefix("seed "), set())
        print(f"| {label} | {words:,} | " + " | ".join(cells) + f" | {len(true_found)}/{len(slips)} |")
    print("| all | " + f"{next(iter(totals.values()))[1]:,} | "
          + " | ".join(f"{n} | {1000 * n / w:.3f}" for n, w in totals.values()) + " | |")
    if args.list:
        print("\n".join(listing))


if __name__ == "__main__":
    main()
