"""Strict and lax precision, recall and F1 of predicted beads against gold beads.

The definitions are Vecalign's (Thompson & Koehn 2019), which Bertalign also reports:
precision is over predicted beads not empty on both sides (omissions included): a strict hit is
the same bead in the gold, a lax hit a bead that is identical or shares at least one
(source, target) sentence pair with a gold bead. Recall is the same test with the roles
swapped, over beads non-empty on both sides. Counts are summed over the documents of a set
(micro-average) before P, R and F1 are computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from corpora.beadfile import Bead, read_beads
from corpora.errors import InputError
from corpora.model import Document
from corpora.readers import read_text, split_presplit

from align.aligner import align_documents
from align.config import AlignConfig


@dataclass
class Counts:
    """Hit counts of one or more documents."""

    strict_p: int = 0
    lax_p: int = 0
    predicted: int = 0
    strict_r: int = 0
    lax_r: int = 0
    gold: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(a + b for a, b in zip(self.astuple(), other.astuple())))

    def astuple(self) -> tuple[int, ...]:
        return (self.strict_p, self.lax_p, self.predicted, self.strict_r, self.lax_r, self.gold)


def _hits(reference: Iterable[Bead], tested: Iterable[Bead]) -> tuple[int, int, int]:
    """(strict, lax, total) hits of `tested` beads against `reference` beads."""
    ref = {(tuple(s), tuple(t)) for s, t in reference if s or t}
    linked: dict[int, set[int]] = {}
    for s, t in ref:
        for x in s:
            linked.setdefault(x, set()).update(t)
    strict = lax = total = 0
    for s, t in {(tuple(s), tuple(t)) for s, t in tested if s or t}:
        total += 1
        if (s, t) in ref:
            strict += 1
            lax += 1
        elif any(y in linked.get(x, ()) for x in s for y in t):
            lax += 1
    return strict, lax, total


def count_hits(predicted: Sequence[Bead], gold: Sequence[Bead]) -> Counts:
    """Strict and lax hit counts of one document's predicted beads against its gold."""
    sp, lp, np_ = _hits(gold, predicted)
    both_p = [(s, t) for s, t in predicted if s and t]
    both_g = [(s, t) for s, t in gold if s and t]
    sr, lr, ng = _hits(both_p, both_g)
    return Counts(sp, lp, np_, sr, lr, ng)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics(c: Counts) -> dict[str, float]:
    """P, R and F1, strict and lax, from summed counts (0 where undefined)."""
    out = {}
    for kind, hp, hr in (("strict", c.strict_p, c.strict_r), ("lax", c.lax_p, c.lax_r)):
        p = hp / c.predicted if c.predicted else 0.0
        r = hr / c.gold if c.gold else 0.0
        out[f"P_{kind}"], out[f"R_{kind}"], out[f"F_{kind}"] = p, r, _f1(p, r)
    return {k: out[k] for k in ("P_strict", "R_strict", "F_strict", "P_lax", "R_lax", "F_lax")}


def document_folders(path: str | Path) -> list[Path]:
    """The document folders of an evaluation set (or the folder itself if it is one document)."""
    root = Path(path)
    if not root.is_dir():
        raise InputError("is not a folder (expected a set or a document folder with gold.txt)", root)
    if (root / "gold.txt").is_file():
        return [root]
    docs = sorted(p.parent for p in root.rglob("gold.txt"))
    if not docs:
        raise InputError("holds no document folder (src.txt, tgt.txt, gold.txt)", root)
    return docs


def _presplit_document(path: Path, lang: str) -> Document:
    return Document.from_sentences(lang, split_presplit(read_text(path, option=None)))


def align_folder(folder: Path, config: AlignConfig) -> list[Bead]:
    """Align one document folder's pre-split src.txt and tgt.txt; the predicted beads
    (as `config` says: aligner, weights, embedding cache)."""
    source = _presplit_document(folder / "src.txt", config.src_lang)
    target = _presplit_document(folder / "tgt.txt", config.tgt_lang)
    bitext = align_documents(source, target, config)
    return [(link.src, link.tgt) for link in bitext.links]


def read_gold(folder: Path, predicted: Sequence[Bead]) -> list[Bead]:
    """The gold beads of a document folder, none past the end of its texts (whose sentences the
    predicted beads hold, each sentence in one bead)."""
    sizes = (sum(len(s) for s, _ in predicted), sum(len(t) for _, t in predicted))
    return read_beads(folder / "gold.txt", sizes)


def evaluate_set(path: str | Path, config: AlignConfig) -> dict[str, float]:
    """Micro-averaged strict and lax P/R/F1 of the aligner on every document of a set."""
    total = Counts()
    for folder in document_folders(path):
        predicted = align_folder(folder, config)
        total = total + count_hits(predicted, read_gold(folder, predicted))
    return metrics(total)
