"""The `embedding` aligner: Bertalign's algorithm (Liu & Zhu 2022) over a sentence encoder.

One instance keeps its loaded encoders (one per model), so a batch worker that reuses the
instance from `align.registry.get_aligner` loads a model once; embeddings go through the
on-disk cache, so no sentence is encoded twice across runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from corpora.model import Link

from align.beads import step_link
from align.embedding.bertalign import BertalignParams, Side, align_embeddings, bead_similarity
from align.embedding.encoder import Encoder
from align.embedding.encoders import EncoderPool, check_coverage
from align.embedding.overlaps import embed_overlaps
from align.config import AlignConfig


class EmbeddingAligner:
    """Bertalign's algorithm over sentence embeddings (`--model`, use-m3 by default)."""

    name = "embedding"

    def __init__(self, cache_dir: str | Path | None = None, encoder: Encoder | None = None) -> None:
        self.encoders = EncoderPool(cache_dir, encoder)

    @classmethod
    def from_config(cls, config: AlignConfig) -> "EmbeddingAligner":
        """The aligner with the config's embedding cache."""
        return cls(cache_dir=config.cache_dir)

    def encoder_for(self, model: str | None) -> Encoder:
        """The (cached) encoder of `model`, loaded on first use."""
        return self.encoders.get(model)

    def align(
        self,
        src: Sequence[str],
        tgt: Sequence[str],
        options: AlignConfig,
        src_paragraphs: Sequence[int] | None = None,
        tgt_paragraphs: Sequence[int] | None = None,
        name_keys=None,
    ) -> list[Link]:
        """Links covering every sentence once, in order; a link's score is its cosine (0..1)."""
        params = BertalignParams(max_align=options.bead_limit(self.name))
        encoder = self.encoder_for(options.model)
        check_coverage(encoder, options.src_lang, options.tgt_lang)
        runs = params.max_align - 1
        s_side = Side(*embed_overlaps(encoder, src, runs))
        t_side = Side(*embed_overlaps(encoder, tgt, runs))
        path = align_embeddings(s_side, t_side, params)
        return [step_link(step, min(1.0, max(0.0, bead_similarity(s_side, t_side, *step)))) for step in path]
