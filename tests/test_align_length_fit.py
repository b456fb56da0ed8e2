"""A short document's length ratio and spread, refitted from its first path (length.short_document_fit)."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np

from align.lexical import LexicalAligner, Settings
from align.config import AlignConfig
from align.scorers import length


def test_too_few_beads_keep_the_document_ratio_and_default_spread() -> None:
    src, tgt = np.array([100.0, 80.0]), np.array([90.0, 70.0])
    assert length.short_document_fit(src, tgt, 1.3, min_beads=5) == (1.3, length.DEFAULT_VARIANCE)


def test_linked_beads_give_the_ratio_and_a_tighter_spread() -> None:
    rng = np.random.default_rng(1)
    src = rng.uniform(40, 160, 12)
    tgt = src * 0.9 + rng.normal(0, 2, 12)
    ratio, variance = length.short_document_fit(src, tgt, 1.2)
    assert abs(ratio - 0.9) < 0.02  # the omissions' bias (1.2) is gone
    assert 1.0 <= variance < length.DEFAULT_VARIANCE / 2  # shrunk towards the default, not onto it
    # the more beads, the less the default counts
    _, spread_many = length.short_document_fit(np.tile(src, 4), np.tile(tgt, 4), 1.2)
    assert spread_many < variance


def _sentence(rng: random.Random, size: int, letters: str) -> str:
    words: list[str] = []
    while sum(map(len, words)) < size:
        words.append("".join(rng.choice(letters) for _ in range(rng.randint(3, 8))))
    return " ".join(words) + " ."


def test_a_short_document_with_omissions_and_no_shared_words_finds_them_by_length() -> None:
    """Two untranslated sentences raise the document's ratio and the default spread lets a merge
    swallow them; refitted from the first path, length tells them apart more often."""
    right = {}
    for name, settings in (("refit", Settings()), ("default", replace(Settings(), short_min_beads=10**6))):
        right[name] = 0
        for seed in range(20):
            rng = random.Random(seed)
            sizes = [rng.randint(40, 160) for _ in range(12)]
            src = [_sentence(rng, k, "abcdefgh") for k in sizes]
            tgt = [_sentence(rng, int(k * rng.uniform(0.9, 1.1)), "stuvwxyz") for k in sizes]
            for at in (8, 3):
                tgt.insert(at, _sentence(rng, rng.randint(30, 80), "stuvwxyz"))
            links = LexicalAligner(settings=settings).align(src, tgt, AlignConfig(max_align=5))
            odd = [(link.src, link.tgt) for link in links if len(link.src) != 1 or len(link.tgt) != 1]
            right[name] += odd == [((), (3,)), ((), (9,))]
    assert right["refit"] >= right["default"] + 5, right
