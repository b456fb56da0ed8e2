"""The model-free aligner: length, numbers, names and cognates, dictionary, learned lexicon.

1. Tokenize both sides once (tokens feed every lexical signal).
2. Pass one: for each source sentence, its best targets in a wide diagonal window (inverted
   index); the heaviest monotone chain of them gives confident 1-1 anchors, less any anchor
   far off the diagonal its neighbours agree on (search.consistent_anchors); a repeated
   passage's copies are told apart by position, and long documents look again near the first
   anchors' path (anchoring.py).
3. Pass two: full bead search (every shape up to --max-align, omissions anywhere) in a band
   around the anchors, of at most Settings.max_cells cells per row on average (search.cap_band):
   time and memory O(n) whatever the anchors.
4. For long documents: learn word translations from the confident beads of pass two, and
   which segment endings (";", ":") seldom end a bead and which end pairs ("?" opposite ".")
   seldom end one together, rebuild the features with them and
   search again in a narrow band around the previous path. Short documents (under learn_min
   sentences) learn nothing, but search again with the length ratio and spread of the first
   path's linked beads (length.short_document_fit) and its paired endings.
5. A search whose path runs along its band's edge is repeated in a band widened there (Moore
   2002 doubles his band the same way): a wrong anchor can pull the band off the true path,
   which then drifts through shifted links and omissions along the edge.
Each link gets a score in 0..1: the odds of its bead against leaving its sentences unlinked
(for omissions: against the best 1-1 alternative), from the same costs the search used.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Iterator, Sequence

import numpy as np

from corpora.model import Link

from align.anchoring import find_anchors
from align import jit
from align.arrays import prefix_sums
from align.band_term import BandTerm
from align.beads import SearchPath, bead_types, step_link
from align.config import AlignConfig
from align.registry import NameKeys
from align.scorers import end_pairs, endings, length, priors, shape
from align.scorers.crossing import band_crossing
from align.scorers.combine import DocStats, Weights, bead_costs
from align.scorers.dictionary import document_senses, load_dictionary
from align.scorers.features import SideFeatures, build_features, name_links, tokenize
from align.scorers.learned import learn_lexicon
from align.scorers.number_match import number_features, number_matches
from align.scorers.overlap import pair_matches
from align.search import band_offsets, best_path, cap_band, edge_rows, guide_band, path_band, widen_band

KERNEL_WORK = 5000  # array elements the kernels are handed per sentence of the longer side, about (jit.plan)


@dataclass(frozen=True)
class Settings:
    """Search settings (not fitted weights): band sizes and when to learn a lexicon."""

    window: int = 30  # pass-one half window, at least
    max_window: int = 1000  # ... and at most this beyond twice the length difference
    candidates: int = 3
    max_hits: int = 8  # a feature in more target sentences than this (per hits_window of window) is skipped in pass one
    hits_window: int = 1000
    hit_budget: int = 256  # ... and a sentence's features at most this many hits in all, rarest first
    refine_min: int = 2000  # from this size on, pass one searches again around its first anchors' path ...
    refine: int = 400  # ... +- this many target sentences (anchoring.py)
    max_cells: int = 64  # band cells per row, on average, at most (search.cap_band)
    anchor_sim: float = 0.3  # similarity an anchor needs
    anchor_overlap: float = 1.0  # matched feature weight an anchor needs (about one rare word)
    anchor_margin: float = 0.1  # lead over the second-best candidate nearby
    band: int = 8  # pass-two half band around the anchor path, at least
    realign_band: int = 6
    learn_min: int = 30  # learn a lexicon (and the length spread) when both sides have this many sentences
    short_min_beads: int = 5  # a shorter document refits its length ratio and spread from this many linked beads
    short_prior_beads: float = 5.0  # ... shrunk towards the default spread by this many beads (length.short_document_fit)
    simple_first: int = 2000  # from this size on, the first search uses beads of <= 3 sentences
    confident: float = 0.0  # link score of beads the lexicon is learned from (0: every linked bead)
    score_scale: float = 1.0  # a margin of 2 scale (cost units) makes a link score 0.76
    widen: int = 3  # times a search is repeated in a wider band while its path runs along the band's edge


@dataclass(frozen=True)
class _Pair:
    """Two texts as both searches see them: tokens, name links, name keys, each sentence's
    lengths, debris and bracket cuts, number features, paragraphs, the dictionary, and whether
    the pair is long enough to learn a lexicon from (Settings.learn_min)."""

    src: Sequence[str]
    tgt: Sequence[str]
    src_tok: Any
    tgt_tok: Any
    name_map: Any
    name_keys: NameKeys | None
    sentences: tuple
    numbers: tuple | None
    paragraphs: tuple[Sequence[int] | None, Sequence[int] | None]
    lexicon: Any
    learn: bool
    max_align: int


@dataclass
class LexicalAligner:
    """Length plus lexical evidence over a two-pass banded bead search."""

    weights: Weights = field(default_factory=Weights)
    settings: Settings = field(default_factory=Settings)
    name: str = "lexical"

    @classmethod
    def from_config(cls, config: AlignConfig) -> "LexicalAligner":
        """The aligner with the config's weights (the fitted ones by default)."""
        return cls(weights=config.weights or Weights())

    def align(
        self,
        src: Sequence[str],
        tgt: Sequence[str],
        options: AlignConfig,
        src_paragraphs: Sequence[int] | None = None,
        tgt_paragraphs: Sequence[int] | None = None,
        name_keys: NameKeys | None = None,
        term: BandTerm | None = None,
    ) -> list[Link]:
        """Links covering every sentence once, in order, each with a score in 0..1; `term` adds
        another signal's costs to every search (the hybrid's embeddings, band_term.py)."""
        with _gc_paused():
            return self._align(src, tgt, options, src_paragraphs, tgt_paragraphs, name_keys, term)

    def _align(self, src, tgt, options: AlignConfig, src_paragraphs, tgt_paragraphs, name_keys,
               term: BandTerm | None = None) -> list[Link]:
        n, m = len(src), len(tgt)
        if n == 0 or m == 0:
            return [Link((i,), ()) for i in range(n)] + [Link((), (j,)) for j in range(m)]
        jit.plan(KERNEL_WORK * max(n, m))
        pair = self._pair(src, tgt, options, (src_paragraphs, tgt_paragraphs), name_keys)
        limit = options.bead_limit(self.name)
        shapes = bead_types(limit)
        # a long document uses only the dictionary senses its first path confirms (dictionary.py)
        feats = self._features(pair, None if pair.learn else pair.lexicon, None)
        stats = self._stats(pair, feats)
        lo, hi = self._anchor_band(feats, n, m, limit)
        # a long document is searched twice: then the first search makes do with simple shapes
        first = [sh for sh in shapes if sum(sh) <= 3] if min(n, m) >= self.settings.simple_first else shapes
        # link scores are never negative: with confident <= 0 a first search needs no margins
        want = (pair.learn and self.settings.confident > 0) or (term is not None and term.needs_margins)
        found = self._search(feats, stats, lo, hi, first, want, term=term)
        if pair.learn:  # the second search builds features of its own: these are freed first
            del feats
            path, margins = self._learn_from_path(pair, stats, (lo, hi), (first, shapes), found, term)
        else:
            path, margins = self._refit_short(pair, feats, stats, (lo, hi), (first, shapes), found, term)
        scores = link_scores(margins, self.settings.score_scale)
        return [step_link(step, s) for step, s in zip(path, scores.tolist())]

    def _refit_short(self, pair: _Pair, feats, stats: DocStats, band, shapes, found, term):
        """The second search of a short document: no lexicon to learn, but the first path's own
        length ratio and spread (length.short_document_fit) and its paired endings."""
        path, margins = found
        ratio, variance = length.short_document_fit(
            *_bead_lengths(stats, [p for p in path if p[2] and p[3]]), stats.ratio,
            self.settings.short_min_beads, self.settings.short_prior_beads)
        stats = replace(stats, ratio=ratio, variance=variance,
                        end_pairs=_end_pairs(pair.src, pair.tgt, path) if self.weights.end_pair else stats.end_pairs)
        lo, hi = band
        return self._search(feats, stats, lo, hi, shapes[1], term=term, previous=found)

    def _learn_from_path(self, pair: _Pair, stats: DocStats, band, shapes, found, term):
        """The second search of a long document: word translations learned from the first
        path's confident beads (with the dictionary senses they confirm), its length spread,
        endings, paired endings and shape priors, in a band around it; crossings priced."""
        path, margins = found
        n, m = len(pair.src), len(pair.tgt)
        scores = link_scores(margins, self.settings.score_scale) if margins is not None else np.zeros(len(path))
        good = [p for p, sc in zip(path, scores) if p[2] and p[3] and sc >= self.settings.confident]
        learned = learn_lexicon(good, pair.src_tok.words, pair.tgt_tok.words)
        if pair.lexicon:  # the stems IBM-1 did not learn get the senses the document confirms
            learned = {**document_senses(pair.lexicon, good, pair.src_tok.words, pair.tgt_tok.words), **learned}
        feats = self._features(pair, None, learned)
        variance = length.estimate_variance(*_bead_lengths(stats, good), stats.ratio)
        stats = self._stats(pair, feats, variance)
        lo, hi = band
        if min(n, m) >= self.settings.simple_first:  # narrow the band only where it saves time
            lo, hi = path_band(n, m, path, max(self.settings.realign_band, pair.max_align))
        w = self.weights
        stats = replace(
            stats,
            src_end=endings.end_costs(pair.src, [i + a - 1 for i, j, a, b in path if a]) if w.soft_end else None,
            tgt_end=endings.end_costs(pair.tgt, [j + b - 1 for i, j, a, b in path if b]) if w.soft_end else None,
            end_pairs=_end_pairs(pair.src, pair.tgt, path) if w.end_pair else None,
            prior_shift=priors.document_shifts(path, shapes[0], w) if w.prior_gain or w.prior_tilt else None)
        return self._search(feats, stats, lo, hi, shapes[1], crossing=True, term=term, previous=found)

    def _pair(self, src, tgt, options: AlignConfig, paragraphs, name_keys) -> _Pair:
        """What both searches need from the texts, computed once."""
        src_tok, tgt_tok = tokenize(src), tokenize(tgt)
        return _Pair(src, tgt, src_tok, tgt_tok, name_links(src_tok, tgt_tok), name_keys,
                     _sentence_facts(src, tgt),
                     number_features(src_tok.numbers, tgt_tok.numbers) if self.weights.number_miss else None,
                     paragraphs,
                     load_dictionary(options.dictionary, options.src_lang, options.tgt_lang)
                     if options.dictionary else None,
                     min(len(src), len(tgt)) >= self.settings.learn_min, options.bead_limit(self.name))

    def _features(self, pair: _Pair, lexicon, learned) -> tuple[SideFeatures, SideFeatures]:
        return build_features(pair.src_tok, pair.tgt_tok, self.weights.classes, lexicon, learned, pair.name_keys,
                              pair.name_map)

    def _stats(self, pair: _Pair, feats, variance: float = length.DEFAULT_VARIANCE) -> DocStats:
        (ls, lt), (src_debris, tgt_debris), (src_open, tgt_open) = pair.sentences
        numbers, (src_par, tgt_par) = pair.numbers, pair.paragraphs
        paragraphs = (src_par is not None and tgt_par is not None and len(set(src_par)) > 1
                      and len(set(tgt_par)) > 1)
        src_par, tgt_par = (src_par if src_par is not None else ()), (tgt_par if tgt_par is not None else ())
        return DocStats(
            prefix_sums(ls), prefix_sums(lt), prefix_sums(feats[0].mass), prefix_sums(feats[1].mass),
            feats[0].mass, feats[1].mass, length.length_ratio(ls, lt), variance,
            src_bounds=_starts(src_par) if paragraphs else None, tgt_bounds=_starts(tgt_par) if paragraphs else None,
            same_paragraph_count=paragraphs and len(set(src_par)) == len(set(tgt_par)),
            src_open=src_open, tgt_open=tgt_open, src_debris=src_debris, tgt_debris=tgt_debris,
            numbers=numbers,
            src_nums=prefix_sums(numbers[0].mass) if numbers is not None else None,
            tgt_nums=prefix_sums(numbers[1].mass) if numbers is not None else None)

    def _anchor_band(self, feats: tuple[SideFeatures, SideFeatures], n: int, m: int, max_align: int):
        """Pass one: confident 1-1 anchors (anchoring.py), and the band around the path through
        them, at most max_cells cells per row on average."""
        base = max(self.settings.band, 2 * max_align)
        lo, hi = guide_band(n, m, find_anchors(feats, n, m, self.settings, base), base)
        return cap_band(lo, hi, m, self.settings.max_cells)

    def _search(self, feats, stats: DocStats, lo, hi, shapes, margins: bool = True, crossing: bool = False,
                term: BandTerm | None = None, previous=None):
        """Best path and its margins. Boundary crossings (crossing.py) are priced only with
        `crossing`, once a lexicon is learned: before, the features are few (names, numbers,
        cognates), a single name shared across a cut is a large share of a sentence, and a
        non-literal translation (abstract-en-tr) gets cut in the wrong places."""
        path, margins_of, priced = self._band_search(feats, stats, lo, hi, shapes, crossing, term, previous)
        for _ in range(self.settings.widen):  # a path held back by the band: search a wider one
            held = edge_rows(path, lo, hi)
            if not len(held):
                break
            lo, hi = cap_band(*widen_band(lo, hi, held, max(self.settings.band, int((hi[held] - lo[held]).max()))),
                              int(hi[-1]), self.settings.max_cells)
            del margins_of  # (and the arrays it holds) before the next search builds its own
            path, margins_of, priced = self._band_search(feats, stats, lo, hi, shapes, crossing, term, previous,
                                                         priced)
        return path, margins_of() if margins else None  # the margins of the last path only

    def _band_search(self, feats, stats: DocStats, lo, hi, shapes, crossing: bool,
                     term: BandTerm | None = None, previous=None, priced=None):
        """Best path through one band, a function giving its margins (search.best_path), and the
        band with its bead costs and crossings (lo, hi, offsets, cost, crossing) for a search again
        in a wider band (`priced`: the rows the widening left alone keep them); `term` adds its costs."""
        n, m = len(lo) - 1, int(hi[-1])
        a_max = max(a for a, _ in shapes)
        rows = np.arange(n)
        mlo = lo[rows]
        mhi = np.minimum(hi[np.minimum(rows + a_max + 1, n)], m - 1)
        offs, matches = pair_matches(feats[0], feats[1], mlo, mhi)
        band = (lo, hi, band_offsets(lo, hi))
        nums = number_matches(stats.numbers, mlo, mhi) if stats.numbers is not None else None
        cross = band_crossing(feats[0], feats[1], lo, hi, band[2], self.weights.mass0,
                              (*priced[:3], priced[4]) if priced is not None else None) \
            if crossing and self.weights.cross else None
        cost = bead_costs(self.weights, stats, lo, hi, band[2], shapes, (offs, mlo, mhi, matches), nums, cross,
                          priced[:4] if priced is not None else None)
        extra = term.costs(lo, hi, band[2], shapes, previous, cross) if term is not None else None
        return (*best_path(lo, hi, shapes, cost + extra if extra is not None else cost), (*band, cost, cross))


def _end_pairs(src: Sequence[str], tgt: Sequence[str], path: SearchPath) -> tuple | None:
    """The paired-endings cost table a first path teaches, with both sides' end classes
    (end_pairs.py); None when no pair of endings costs anything."""
    classes = end_pairs.end_classes(src), end_pairs.end_classes(tgt)
    table = end_pairs.pair_costs(*classes, path)
    return (table, *classes) if table is not None else None


def _sentence_facts(src: Sequence[str], tgt: Sequence[str]) -> tuple:
    """What the bead costs need from the texts themselves, computed once for both passes: character
    lengths, debris segments and bracket cuts of each side (None where a side has none)."""
    debris = tuple(d if d.any() else None for d in map(shape.debris, (src, tgt)))
    open_cuts = tuple(b if b.any() else None for b in map(shape.open_boundaries, (src, tgt)))
    return (length.char_lengths(src), length.char_lengths(tgt)), debris, open_cuts


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Python's cycle collector off while the aligner builds its (acyclic) lists and sets: with
    it on, the many collections they trigger each walk the objects built so far (about 10% of
    a 20k x 20k alignment's time, more at 50k). Restored afterwards, also on error."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def link_scores(margins: np.ndarray, scale: float) -> np.ndarray:
    """Score in 0..1 per bead from its margin: how much dearer the best alignment that covers
    one of its sentences differently is (tanh(margin / 2 scale): a tie gives 0, a clear bead 1)."""
    return np.tanh(np.clip(np.nan_to_num(margins, posinf=100.0), 0.0, 100.0) / (2 * scale))


def _bead_lengths(stats: DocStats, beads: SearchPath) -> tuple[np.ndarray, np.ndarray]:
    """Character lengths of the source and the target side of each (i, j, a, b) bead."""
    i, j, a, b = np.array(beads, dtype=np.int64).reshape(-1, 4).T
    return stats.src_len[i + a] - stats.src_len[i], stats.tgt_len[j + b] - stats.tgt_len[j]


def _starts(paragraphs: Sequence[int]) -> np.ndarray:
    """Cumulative count of paragraph starts before each prefix position (len n + 1)."""
    par = np.asarray(paragraphs)
    starts = np.ones(len(par), dtype=np.int64)
    starts[1:] = par[1:] != par[:-1]
    return prefix_sums(starts)
