"""Embeddings of every sentence and of every run of up to `k` consecutive sentences.

`vecs[a - 1, p]` embeds the run of `a` sentences that ends at sentence `p` (Bertalign's
overlaps), `lens[a - 1, p]` is its length in UTF-8 bytes (as Bertalign measures it, for its length
penalty); runs that would start before the first sentence are zero vectors of length 0 (no bead
can use them).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from align.embedding.encoder import Encoder


def overlap_texts(sentences: Sequence[str], k: int) -> list[list[str]]:
    """runs[a - 1][p - a + 1] = the text of sentences p-a+1..p joined by spaces."""
    clean = [" ".join(s.split()) for s in sentences]
    return [[" ".join(clean[p - a + 1:p + 1]) for p in range(a - 1, len(clean))] for a in range(1, k + 1)]


def embed_overlaps(encoder: Encoder, sentences: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """(vecs k x n x d float32, lens k x n float64) for one side, encoded in one batched call."""
    n = len(sentences)
    runs = overlap_texts(sentences, k)
    flat = [t for level in runs for t in level]
    unique = list(dict.fromkeys(flat))
    found = encoder.encode(unique) if unique else np.zeros((0, 1), dtype=np.float32)
    where = {t: r for r, t in enumerate(unique)}
    dim = found.shape[1]
    vecs = np.zeros((k, n, dim), dtype=np.float32)
    lens = np.zeros((k, n), dtype=np.float64)
    for a, level in enumerate(runs, start=1):
        if level:
            vecs[a - 1, a - 1:] = found[[where[t] for t in level]]
            lens[a - 1, a - 1:] = [len(t.encode("utf-8")) for t in level]  # bytes, as Bertalign counts
    return vecs, lens
