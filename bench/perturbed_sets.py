"""Perturbed copies of the clean eval sets: the variants, their events and documents, the written sets.

The dev sets' weights were tuned on bible-en-ru-perturbed and wmt21-ru-en-perturbed, so their F1
says little about data the weights never saw. These are new perturbed variants of the
CLEAN sets (bible-en-ru, wmt21-ru-en; all 1-1) with new seeds, the way ../shared/eval/README.md
describes the *-perturbed sets: with probability --rate per bead, two adjacent segments of one
side are merged into one line (2-1 / 1-2) or one segment is dropped (1-0 / 0-1), merges twice
as likely as drops, sides equally likely; the gold beads follow. Variants:

- `pert`: that perturbation in the corpus's own direction (en-ru Bible, ru-en WMT);
- `rev`: the same with source and target swapped (ru-en Bible, en-ru WMT);
- `merge3`: merges of 3 segments (3-1 / 1-3) instead of 2;
- `swap`: turned-round sentences: a third of the events swap two adjacent segments of one side
  (the gold is a 2-2 bead: a translator who turned two sentences round), the rest as `pert`;
- `short`: every document first cut into pieces of 10-39 segments (the Bible books into 3-8
  pieces; the news items are that short already), then perturbed as `pert`: short documents
  with little evidence, where the aligner learns no lexicon.
- `free`: freely translated text (as Text+Berg's de-fr): a third of the events take 2-3
  consecutive 1-1 pairs and re-split one side's joined text at other places, so the gold is one
  2-2, 2-3 or 3-2 bead whose inner boundaries do not correspond (a translator who rephrased a
  passage and put the sentence breaks elsewhere); the rest as `pert`. The re-split side reads
  as sentences: an inner full stop of the joined text becomes ";", each new cut falls at a word
  boundary (after a comma, ";" or ":" where one lies near the even share of the text, as a
  translator cuts at a clause) half a sentence or more from the old sentence ends (a
  clause moves across; nearer cuts were tried: use-m3's vectors then tell the parts apart far
  more easily than textberg-dev's n-m beads), the cut's punctuation becomes
  "." and the next piece starts with a capital. It models the boundaries, not the wording: the
  words are the corpus's own translation, reordered by no one.

bench/perturb.py compares two code versions on them, bench/fit_weights.py fits weights on them,
bench/scale.py perturbs the training seeds the same way.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
CORPORA = {"bible-en-ru": ("en", "ru"), "wmt21-ru-en": ("ru", "en")}


@dataclass(frozen=True)
class Variant:
    """How one variant perturbs the clean sets."""

    size: int = 2  # segments a merge joins
    swap: bool = False  # source and target exchanged
    turn: float = 0.0  # share of the events that turn two adjacent segments of one side round
    piece: tuple[int, int] | None = None  # documents first cut into pieces of this many segments
    resplit: float = 0.0  # share of the events that re-split one side of 2-3 pairs elsewhere (gold n-m)


VARIANTS = {"pert": Variant(), "rev": Variant(swap=True), "merge3": Variant(size=3),
            "swap": Variant(turn=1 / 3), "short": Variant(piece=(10, 39)),
            "free": Variant(resplit=1 / 3)}
# run only when named in --variants: merges of 6 segments (7-sentence gold beads) need --max-align 7+
EXTRA_VARIANTS = {"merge6": Variant(size=6)}


# re-split kinds: side (s/t), pairs joined, pieces cut -> pairs consumed ("rs23": gold 3-2)
RESPLITS = {"rs22": 2, "rs23": 2, "rs32": 3, "rt22": 2, "rt23": 2, "rt32": 3}


def perturb(n: int, rng: random.Random, rate: float, size: int, turn: float = 0.0,
            resplit: float = 0.0) -> list[tuple[str, int]]:
    """Events over n parallel 1-1 segments: ('11'|'ms'|'mt'|'ds'|'dt'|'ts'|'tt'|'rsKM'|'rtKM', segments consumed).

    'ms' merges `size` source segments into one line (gold size-1 from the target's view: the
    target keeps them apart), 'ds' drops a source segment (its target becomes a 0-1 bead), 'ts'
    turns two source segments round (a 2-2 bead), 'rs23' joins two source segments and cuts the
    text into 3 elsewhere (a 3-2 bead: the source side has the 3). With turn and resplit 0 the
    draws are those of the variants that came before them, so their data is unchanged.
    """
    events: list[tuple[str, int]] = []
    special = turn + resplit
    i = 0
    while i < n:
        kind = "11"
        if rng.random() < rate:
            r = rng.random()
            if r < turn:
                kind = "ts" if r < turn / 2 else "tt"
            elif r < special:
                kind = sorted(RESPLITS)[min(int((r - turn) / resplit * len(RESPLITS)), len(RESPLITS) - 1)]
            else:
                r = (r - special) / (1 - special)
                kind = ("ms" if r < 1 / 3 else "mt") if r < 2 / 3 else ("ds" if r < 5 / 6 else "dt")
        k = size if kind in ("ms", "mt") else 2 if kind in ("ts", "tt") else RESPLITS.get(kind, 1)
        if i + k > n:
            kind, k = "11", 1
        events.append((kind, k))
        i += k
    return events


def resplit(lines: list[str], pieces: int) -> list[str] | None:
    """`lines` joined and cut into `pieces` sentences at other places (the `free` variant), or
    None when the text is too short for cuts at least 3 words from each other and the ends, and
    half an average line (3 words at least) from the old line ends: a clause moves across."""
    words: list[str] = []
    old: set[int] = set()  # word gaps (after word k) where an old line ended
    for line in lines:
        part = line.split()
        if words and part:
            old.add(len(words))
            if words[-1].endswith("."):
                words[-1] = words[-1][:-1] + ";"
        words += part
    far = max(3, len(words) // (2 * len(lines)))
    gaps = [g for g in range(3, len(words) - 2) if all(abs(g - o) >= far for o in old)]
    total = sum(len(w) + 1 for w in words)
    ends = [0]
    for w in words:
        ends.append(ends[-1] + len(w) + 1)
    cuts: list[int] = []
    for j in range(1, pieces):
        aim = total * j / pieces
        free = [g for g in gaps if all(abs(g - c) >= 3 for c in cuts) and (not cuts or g > cuts[-1])]
        if not free:
            return None
        near = [g for g in free if abs(ends[g] - aim) <= 0.15 * total and words[g - 1][-1] in ",;:"]
        cuts.append(min(near or free, key=lambda g: abs(ends[g] - aim)))
    out: list[str] = []
    for a, b in zip([0] + cuts, cuts + [len(words)]):
        piece = list(words[a:b])
        if b < len(words):
            last = piece[-1]
            piece[-1] = last[:-1] + "." if last[-1] in ",;:" else last + "."
        if a and piece[0][:1].islower():
            piece[0] = piece[0][:1].upper() + piece[0][1:]
        out.append(" ".join(piece))
    return out


def build_document(src: list[str], tgt: list[str], events: list[tuple[str, int]]) -> tuple[list[str], list[str], list[str]]:
    """Perturbed source and target lines and the gold bead lines for one document."""
    out_s: list[str] = []
    out_t: list[str] = []
    gold: list[str] = []
    i = 0
    for kind, k in events:
        s_part, t_part = src[i:i + k], tgt[i:i + k]
        i += k
        s_ids = t_ids = []
        if kind == "ms":
            out_s.append(" ".join(s_part))
            s_ids = [len(out_s) - 1]
            t_ids = list(range(len(out_t), len(out_t) + k))
            out_t += t_part
        elif kind == "mt":
            out_t.append(" ".join(t_part))
            t_ids = [len(out_t) - 1]
            s_ids = list(range(len(out_s), len(out_s) + k))
            out_s += s_part
        elif kind in ("ts", "tt"):
            out_s += s_part[::-1] if kind == "ts" else s_part
            out_t += t_part[::-1] if kind == "tt" else t_part
            s_ids = [len(out_s) - 2, len(out_s) - 1]
            t_ids = [len(out_t) - 2, len(out_t) - 1]
        elif kind in RESPLITS:
            cut = resplit(s_part if kind[1] == "s" else t_part, int(kind[3]))
            if cut is None:  # too short to cut elsewhere: the pairs stay 1-1
                for x, y in zip(s_part, t_part):
                    out_s.append(x)
                    out_t.append(y)
                    gold.append(f"[{len(out_s) - 1}]:[{len(out_t) - 1}]")
                continue
            new_s, new_t = (cut, t_part) if kind[1] == "s" else (s_part, cut)
            s_ids = list(range(len(out_s), len(out_s) + len(new_s)))
            t_ids = list(range(len(out_t), len(out_t) + len(new_t)))
            out_s += new_s
            out_t += new_t
        elif kind == "ds":
            out_t += t_part
            t_ids = [len(out_t) - 1]
        elif kind == "dt":
            out_s += s_part
            s_ids = [len(out_s) - 1]
        else:
            out_s += s_part
            out_t += t_part
            s_ids, t_ids = [len(out_s) - 1], [len(out_t) - 1]
        gold.append(f"[{', '.join(map(str, s_ids))}]:[{', '.join(map(str, t_ids))}]")
    return out_s, out_t, gold


def pieces(n: int, rng: random.Random, smallest: int, largest: int) -> list[tuple[int, int]]:
    """Consecutive (start, end) pieces covering n segments, each of smallest..largest segments
    (a document shorter than `smallest` stays whole)."""
    out, start = [], 0
    while n - start > largest:
        k = min(rng.randint(smallest, largest), n - start - smallest)
        out.append((start, start + k))
        start += k
    return out + [(start, n)]


def documents(corpus: str, variant: Variant, key: str) -> list[tuple[str, list[str], list[str]]]:
    """(name, source lines, target lines) of a clean corpus's documents, in the variant's
    direction, cut into pieces if the variant asks for them."""
    out = []
    for doc in sorted(p for p in (EVAL / corpus).iterdir() if (p / "gold.txt").is_file()):
        src = (doc / "src.txt").read_text("utf-8").splitlines()
        tgt = (doc / "tgt.txt").read_text("utf-8").splitlines()
        if len(src) != len(tgt):
            raise SystemExit(f"{doc}: not 1-1 ({len(src)} vs {len(tgt)} lines)")
        if variant.swap:
            src, tgt = tgt, src
        if variant.piece is None:
            out.append((doc.name, src, tgt))
            continue
        cuts = pieces(len(src), random.Random(f"{key}/{doc.name}/pieces"), *variant.piece)
        out += [(f"{doc.name}-{k:02d}", src[a:b], tgt[a:b]) for k, (a, b) in enumerate(cuts)]
    return out


def generate(out: Path, seeds: list[int], rate: float, variants: list[str] | None = None,
             max_align: int | None = None) -> dict[str, dict]:
    """Write every variant x corpus x seed under out/data; the manifest {set path: info}, which
    also says the --max-align to align them with (None: each aligner's default)."""
    manifest: dict[str, dict] = {}
    for name in variants or list(VARIANTS):
        variant = {**VARIANTS, **EXTRA_VARIANTS}[name]
        for corpus, (sl, tl) in CORPORA.items():
            for seed in seeds:
                rel = f"{name}/{corpus}/seed{seed}"
                shutil.rmtree(out / "data" / rel, ignore_errors=True)  # no document of an earlier run stays
                shapes: dict[str, int] = {}
                for doc, src, tgt in documents(corpus, variant, f"{seed}/{name}/{corpus}"):
                    rng = random.Random(f"{seed}/{name}/{corpus}/{doc}")
                    events = perturb(len(src), rng, rate, variant.size, variant.turn, variant.resplit)
                    for kind, _ in events:
                        shapes[kind] = shapes.get(kind, 0) + 1
                    s, t, g = build_document(src, tgt, events)
                    folder = out / "data" / rel / doc
                    folder.mkdir(parents=True, exist_ok=True)
                    for file, lines in (("src.txt", s), ("tgt.txt", t), ("gold.txt", g)):
                        (folder / file).write_text("".join(x + "\n" for x in lines), "utf-8")
                langs = (tl, sl) if variant.swap else (sl, tl)
                beads = sum(shapes.values())
                manifest[rel] = {"variant": name, "corpus": corpus, "seed": seed, "langs": langs,
                                 "beads": beads, "non11": 1 - shapes.get("11", 0) / beads, "max_align": max_align}
    (out / "data" / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")
    return manifest
