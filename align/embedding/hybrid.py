"""The `hybrid` aligner: the lexical aligner's search with an embedding term per bead.

Everything of the model-free aligner stays (shape priors, omission handling, both searches,
the lexicon learned from the first path, link scores from margins); the term (fused.py) adds
how well each bead's two sides agree in meaning. One encoding per sentence (a bead's vector
is the normalised sum of its sentences'), through the embedding cache.

Where the term enters follows the lexical aligner's two stages:
- a short document (fewer than `learn_min` sentences a side: nothing to learn; its first path
  only fits the length model) is encoded whole, and the term prices both searches;
- a longer one is searched first by the lexical costs alone (its first path is what the
  lexicon, shape priors and endings are learned from, and measured on the dev sets the term
  there did more harm than good); then only the sentences of that path's doubtful stretches
  are encoded (links scored under `doubt`, omissions, `context` links around each; the most
  doubtful first, at most `most` sentences, which bounds the time on very long documents) and
  the term prices the second search where a bead's sentences are all encoded.

A link can be wrong and sure: two sentences a translator turned round, or a passage whose
sentence breaks fall elsewhere on the other side, are cut by the first search into 1-1 links
that its shape priors hold against the joined bead. There content crosses the cut: words of a
sentence before it match a sentence after it on the other side, and nowhere next to it
(crossing.py's evidence, from the second search's learned lexicon). So the two links beside
every cut of the first path with any such evidence are doubtful too (after the links scored
under `doubt`), and the encoder judges whether the cut is right.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

import numpy as np

from corpora.model import Link

from align.band_term import BandTerm
from align.beads import SearchPath
from align.embedding.encoder import Encoder
from align.embedding.encoders import EncoderPool, check_coverage, encode_all
from align.embedding.fused import EmbeddingTerm, FusedWeights
from align.lexical import LexicalAligner, link_scores
from align.config import AlignConfig
from align.scorers.crossing import at_ends

log = logging.getLogger("bitext")


@dataclass(frozen=True)
class HybridSettings:
    """Which sentences of a long document to encode, and the price of large beads (set by
    measurement, see BENCHMARKS.md)."""

    doubt: float = 0.5  # links the lexical first search scores under this are doubtful, ...
    context: int = 2  # ... with this many links on each side, ...
    most: int = 1000  # ... at most this many sentences (the most doubtful links first)
    crossed: bool = True  # ... and the links beside a cut that words cross (after the links scored under doubt)
    # added to the lexical prior_step, the price per sentence a bead holds beyond 5: the term
    # rewards every sentence of a bead that agrees, so without it a bead would gain by its size
    # ("Largest bead of the hybrid" in BENCHMARKS.md)
    large_step: float = 1.5


@dataclass
class HybridAligner:
    """Lexical search plus the embedding term; `encoder` replaces the `--model` encoder."""

    cache_dir: str | Path | None = None
    encoder: Encoder | None = None
    weights: FusedWeights = field(default_factory=FusedWeights)
    settings: HybridSettings = field(default_factory=HybridSettings)
    lexical: LexicalAligner = field(default_factory=LexicalAligner)
    name: str = "hybrid"

    def __post_init__(self) -> None:
        self.encoders = EncoderPool(self.cache_dir, self.encoder)
        w = self.lexical.weights  # the lexical search with large beads priced for the term's reward
        self.search = replace(self.lexical, weights=replace(w, prior_step=w.prior_step + self.settings.large_step))

    @classmethod
    def from_config(cls, config: AlignConfig) -> "HybridAligner":
        """The aligner with the config's embedding cache and weights (lexical and fused)."""
        return cls(cache_dir=config.cache_dir, weights=config.fused or FusedWeights(),
                   lexical=LexicalAligner.from_config(config))

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
        """Links covering every sentence once, in order, each with a score in 0..1."""
        encoder = self.encoder_for(options.model)
        check_coverage(encoder, options.src_lang, options.tgt_lang)
        limit = options.bead_limit(self.name)
        options = replace(options, max_align=limit)  # the lexical search's limit too
        term = self.term(encoder, src, tgt, limit) if len(src) and len(tgt) else None
        return self.search.align(src, tgt, options, src_paragraphs, tgt_paragraphs, name_keys, term=term)

    def term(self, encoder: Encoder, src: Sequence[str], tgt: Sequence[str], max_align: int) -> BandTerm:
        """The embedding term of one document pair (see the module docstring)."""
        if min(len(src), len(tgt)) < self.lexical.settings.learn_min:
            return EmbeddingTerm(encode_all(encoder, src), encode_all(encoder, tgt), self.weights,
                                 longest=max_align - 1)
        return DoubtfulTerm(encoder, src, tgt, self.weights, self.settings, max_align - 1)


class DoubtfulTerm:
    """The embedding term over the doubtful stretches of the first search (long documents):
    nothing for the first search; then the sentences of its doubtful links are encoded."""

    needs_margins = True

    def __init__(self, encoder: Encoder, src: Sequence[str], tgt: Sequence[str], weights: FusedWeights,
                 settings: HybridSettings, longest: int) -> None:
        self.encoder, self.texts, self.w, self.settings = encoder, (src, tgt), weights, settings
        self.longest = longest
        self.term: EmbeddingTerm | None = None
        self.encoded = 0

    def costs(self, lo, hi, offsets, shapes, previous: tuple[SearchPath, np.ndarray | None] | None,
              crossing: np.ndarray | None = None):
        """None for the first search; for later ones the term over the first path's doubtful
        links (with `crossing`, the search's crossing evidence, also those beside a crossed cut)."""
        if previous is None or previous[1] is None:
            return None
        if self.term is None:
            crossed = None
            if crossing is not None and self.settings.crossed:
                crossed = crossed_links(previous[0], crossing, lo, hi, offsets)
            self.term = self._build(previous[0], previous[1], crossed)
        return self.term.costs(lo, hi, offsets, shapes, previous)

    def _build(self, path: SearchPath, margins: np.ndarray, crossed: np.ndarray | None = None) -> EmbeddingTerm:
        n, m = len(self.texts[0]), len(self.texts[1])
        known, left = doubtful_sentences(path, link_scores(margins, 1.0), n, m, self.settings, crossed)
        vecs = [np.zeros((size, 0), dtype=np.float32) for size in (n, m)]
        for side, (texts, mask) in enumerate(zip(self.texts, known)):
            rows = np.flatnonzero(mask)
            if len(rows):
                found = encode_all(self.encoder, [texts[int(r)] for r in rows])
                vecs[side] = np.zeros((len(texts), found.shape[1]), dtype=np.float32)
                vecs[side][rows] = found
        dim = max(v.shape[1] for v in vecs)
        vecs = [v if v.shape[1] == dim else np.zeros((len(v), dim), dtype=np.float32) for v in vecs]
        self.encoded = int(known[0].sum() + known[1].sum())
        log.info("hybrid: encoded %d of %d sentences (the doubtful stretches of the first search)%s",
                 self.encoded, n + m, f"; {left} more doubtful links left to the lexical costs (most "
                 f"{self.settings.most} sentences)" if left else "")
        return EmbeddingTerm(vecs[0], vecs[1], self.w, known=known, longest=self.longest)


def crossed_links(path: SearchPath, crossing: np.ndarray, lo: np.ndarray, hi: np.ndarray,
                  offsets: np.ndarray) -> np.ndarray:
    """Which beads of `path` lie beside a cut of it with crossing evidence (crossing.py's band
    values at lo/hi/offsets, > 0: words match across the cut and nowhere next to it)."""
    crossed = np.zeros(len(path), dtype=bool)
    if len(path) > 1:
        ends = np.array([(i + a, j + b) for i, j, a, b in path[:-1]], dtype=np.int64)
        cut = at_ends(crossing, lo, hi, offsets, ends[:, 0], ends[:, 1]) > 0
        crossed[:-1] |= cut
        crossed[1:] |= cut
    return crossed


def doubtful_sentences(path: SearchPath, scores: np.ndarray, n: int, m: int, settings: HybridSettings,
                       crossed: np.ndarray | None = None) -> tuple[tuple[np.ndarray, np.ndarray], int]:
    """Which source and target sentences to encode: those of the omissions, of the links scored
    under `doubt` and of the `crossed` links, with `context` links around each, the most doubtful
    first (omissions, then links by score, then crossed links scored above `doubt`), up to `most`
    sentences; and how many doubtful links did not fit."""
    src, tgt = np.zeros(n, dtype=bool), np.zeros(m, dtype=bool)
    linked = np.array([bool(p[2] and p[3]) for p in path])
    if crossed is None:
        crossed = np.zeros(len(path), dtype=bool)
    weak = np.flatnonzero((scores < settings.doubt) | ~linked | crossed)
    rank = np.where(linked[weak], np.minimum(scores[weak], settings.doubt), -1.0)
    order = weak[np.lexsort((weak, rank))]
    total = 0
    for done, k in enumerate(order.tolist()):
        lo, hi = max(0, k - settings.context), min(len(path), k + settings.context + 1)
        i0, j0 = path[lo][0], path[lo][1]
        i1, j1 = path[hi - 1][0] + path[hi - 1][2], path[hi - 1][1] + path[hi - 1][3]
        extra = int((~src[i0:i1]).sum() + (~tgt[j0:j1]).sum())
        if total + extra > settings.most:
            return (src, tgt), len(order) - done
        src[i0:i1] = True
        tgt[j0:j1] = True
        total += extra
    return (src, tgt), 0
