"""The `embedding` (Bertalign) and `hybrid` (Bertalign plus model-free evidence) aligners.

One instance keeps its loaded encoders (one per model), so a batch worker that reuses the
instance from `align.registry.get_aligner` loads a model once; embeddings go through the
on-disk cache, so no sentence is encoded twice across runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from corpora.model import Link

from align.embedding.bertalign import BertalignParams, Evidence, Side, align_embeddings, bead_similarity
from align.embedding.encoder import DEFAULT_MODEL, Encoder
from align.embedding.overlaps import embed_overlaps
from align.options import AlignOptions


def model_name(options: AlignOptions) -> str:
    """The model the options ask for (`model` in options.extra), LaBSE by default."""
    return dict(options.extra).get("model") or DEFAULT_MODEL


class EmbeddingAligner:
    """Bertalign's algorithm over sentence-transformers embeddings."""

    name = "embedding"

    def __init__(self, cache_dir: str | Path | None = None, encoder: Encoder | None = None) -> None:
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._fixed = encoder
        self._encoders: dict[str, Encoder] = {}

    def encoder_for(self, model: str) -> Encoder:
        """The (cached) encoder of `model`, loaded on first use."""
        if self._fixed is not None:
            return self._fixed
        if model not in self._encoders:
            from align.embedding.cache import CachedEncoder
            from align.embedding.encoder import SentenceTransformerEncoder

            self._encoders[model] = CachedEncoder(SentenceTransformerEncoder(model), self.cache_dir)
        return self._encoders[model]

    def evidence(self, src, tgt, options: AlignOptions, anchors) -> Evidence | None:
        """Evidence besides the embeddings: none for pure Bertalign."""
        return None

    def align(
        self,
        src: Sequence[str],
        tgt: Sequence[str],
        options: AlignOptions,
        src_paragraphs: Sequence[int] | None = None,
        tgt_paragraphs: Sequence[int] | None = None,
        anchors=None,
    ) -> list[Link]:
        """Links covering every sentence once, in order; a link's score is its cosine (0..1)."""
        params = BertalignParams(max_align=options.max_align)
        encoder = self.encoder_for(model_name(options))
        runs = params.max_align - 1
        s_side = Side(*embed_overlaps(encoder, src, runs))
        t_side = Side(*embed_overlaps(encoder, tgt, runs))
        path = align_embeddings(s_side, t_side, params, self.evidence(src, tgt, options, anchors))
        return [
            Link(tuple(range(i, i + a)), tuple(range(j, j + b)),
                 round(min(1.0, max(0.0, bead_similarity(s_side, t_side, i, j, a, b))), 4))
            for i, j, a, b in path
        ]


class HybridAligner(EmbeddingAligner):
    """Bertalign plus numbers, names, cognates, dictionary and glossary anchors."""

    name = "hybrid"

    def evidence(self, src, tgt, options: AlignOptions, anchors) -> Evidence | None:
        """The lexical aligner's signals for this pair (align.scorers), as Bertalign hooks."""
        from align.embedding.hybrid import LexicalEvidence
        from align.scorers.dictionary import load_dictionary

        path = options.dictionary
        lexicon = load_dictionary(path, options.src_lang, options.tgt_lang) if path else None
        return LexicalEvidence(src, tgt, anchors, lexicon)
