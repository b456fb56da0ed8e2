"""One cost per bead from all signals (the link scores come from these costs, see search.py).

cost(bead) = prior(shape) + w_len * GaleChurch(lengths)  (growing len_slope times as fast beyond len_knee)
             + w_lex * (conf * (1 - sim) + (1 - conf) * unknown) * (a + b) / 2
             + stray * (sentences of a merged side that match nothing across the bead)
             + paragraph terms + open_cut per side where the bead ends inside open brackets
             + number_miss per number without a match on the bead's other side (number_match.py)
             + soft_end times the learned cost of ending a bead after ";", ":" or "," (endings.py)
             + cross times the evidence that the bead's end cuts a translation unit (crossing.py)
             + end_pair times the learned cost of its sides ending in unlike "?" / "!" / other (end_pairs.py),
where prior(shape) is shifted per document for the second search (priors.py: the shapes of
the first path, smoothed towards the fitted priors), sim is the Dice overlap of the bead's
weighted features (see features.py) and conf = mass / (mass + mass0) says how much lexical
material the bead has to judge by.
The pooled sim hides a sentence that matches nothing behind its neighbour's strong match; the
stray term (overlap.block_match) judges each sentence of a 2+ side on its own.
Omissions (1-0, 0-1) cost `skip` each plus `omit_lex` times the lexical term with sim = 0, so
that unmatched features weigh about the same whether a sentence is paired or left out; omitting
debris (a segment with at most one letter or digit, shape.debris: OCR noise, "....." lines) costs
skip_debris all told, less than merging it into a neighbour's 1-3 bead (textberg-dev's captions).

The weights below were fitted with bench/fit_weights.py (coordinate search on the dev sets and
fresh perturbations), some set afterwards by small grids; how each was set, and what it changed,
is in BENCHMARKS.md, "How the bead-cost weights were set". Results: "Alignment quality".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from align.arrays import copy_rows, kept_rows
from align.scorers.crossing import at_ends
from align.scorers.end_pairs import bead_pair_cost
from align.scorers.features import SideFeatures
from align.scorers.length import gale_church_cost
from align.scorers.number_match import unmatched_numbers
from align.scorers.overlap import block_match


BLOCK = 1 << 17  # band cells priced at a time (bounds the temporary arrays)


@dataclass(frozen=True)
class Weights:
    """Fitted weights of the bead cost; see the module docstring."""

    w_len: float = 1.0
    len_knee: float = 5.0  # length cost beyond which it grows only len_slope times as fast (length.py)
    len_slope: float = 0.25
    w_lex: float = 4.5
    unknown: float = 0.48
    mass0: float = 0.333
    skip: float = 3.5
    skip_debris: float = 2.0  # omitting a segment with at most one letter or digit (shape.debris), all told
    omit_lex: float = 0.5  # share of the lexical term an omitted sentence pays
    prior_2: float = 3.0  # 1-2, 2-1
    prior_22: float = 6.75  # 2-2
    prior_3: float = 6.0  # 1-3, 3-1
    prior_4: float = 10.8  # 2-3, 3-2, 1-4, 4-1 (and the base of larger beads)
    prior_step: float = 3.0  # per sentence a bead holds beyond 5 (--max-align 6 and more)
    par_cross: float = 1.0  # per paragraph boundary inside a bead
    par_edge: float = 2.0  # a bead ending at a paragraph end on one side only (counts agree)
    open_cut: float = 2.0  # a bead ending inside an open bracket (see shape.py), per side
    stray: float = 2.0  # per sentence of a merged side that matches nothing across its bead (overlap.py)
    stray_floor: float = 0.25  # matched share of its own mass under which a sentence is (partly) stray
    stray_base: float = 0.3  # share of the stray cost paid even when the other side is all unexplained
    soft_end: float = 2.0  # times the learned cost of ending a bead after ";" etc. (endings.py)
    number_miss: float = 0.4  # per number of a bead without a match on its other side (number_match.py)
    prior_gain: float = 0.5  # per-document shape priors from the first path (priors.py): level share
    prior_tilt: float = 1.0  # ... share of the direction tilt (1-2 against 2-1, 1-0 against 0-1)
    prior_temp: float = 2.0  # ... the fitted priors' log-odds over those of the shapes they expect
    prior_pseudo: float = 30.0  # ... pseudo-beads of that expected distribution
    prior_bound: float = 2.0  # ... largest shift, cost units
    cross: float = 3.0  # per matched pair of sentences a bead's end cuts apart (crossing.py)
    end_pair: float = 1.0  # times the learned cost of a bead's sides ending unlike, "?" opposite "." (end_pairs.py)
    classes: dict[str, float] = field(default_factory=lambda: {
        "word": 1.2, "short": 0.6, "stem": 0.6, "number": 3.0, "punct": 0.25, "d": 0.1, "l": 0.66, "name_key": 3.0,
    })

    def prior(self, a: int, b: int) -> float:
        """Cost of a bead shape before looking at the text."""
        if (a, b) == (1, 1):
            return 0.0
        if a == 0 or b == 0:
            return self.skip * (a + b)
        if sorted((a, b)) == [1, 2]:
            return self.prior_2
        if (a, b) == (2, 2):
            return self.prior_22
        if sorted((a, b)) == [1, 3]:
            return self.prior_3
        return self.prior_4 + max(a + b - 5, 0) * self.prior_step


@dataclass(frozen=True)
class DocStats:
    """Everything about the two documents the bead cost needs, as arrays (a search that learns
    from the one before gets a new DocStats, dataclasses.replace)."""

    src_len: np.ndarray  # cumulative character lengths, len n + 1
    tgt_len: np.ndarray
    src_mass: np.ndarray  # cumulative feature mass, len n + 1
    tgt_mass: np.ndarray
    src_each: np.ndarray  # feature mass of each sentence, len n
    tgt_each: np.ndarray
    ratio: float
    variance: float
    src_bounds: np.ndarray | None = None  # cumulative paragraph starts, len n + 1
    tgt_bounds: np.ndarray | None = None
    same_paragraph_count: bool = False
    src_open: np.ndarray | None = None  # 1 at boundaries inside an open bracket, len n + 1 (shape.py)
    tgt_open: np.ndarray | None = None
    src_end: np.ndarray | None = None  # cost of a bead ending at each prefix position, len n + 1 (endings.py)
    tgt_end: np.ndarray | None = None
    src_debris: np.ndarray | None = None  # bool per segment, len n (shape.debris)
    tgt_debris: np.ndarray | None = None
    numbers: tuple[SideFeatures, SideFeatures] | None = None  # number-only features of each side (number_match.py)
    src_nums: np.ndarray | None = None  # cumulative number counts, len n + 1
    tgt_nums: np.ndarray | None = None
    # (cost table, source classes, target classes) (end_pairs.py)
    end_pairs: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    prior_shift: dict | None = None  # per-document shift of each shape's prior, (a, b) -> cost (priors.py)


def lexical_evidence(w: Weights, match: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """The lexical part of the cost from overlap and mass of beads."""
    sim = np.minimum(1.0, 2.0 * match / np.maximum(mass, 1e-9))
    conf = mass / (mass + w.mass0)
    return w.w_lex * (conf * (1.0 - sim) + (1.0 - conf) * w.unknown)


def bead_costs(
    w: Weights, stats: DocStats, lo: np.ndarray, hi: np.ndarray, offsets: np.ndarray,
    shapes: Sequence[tuple[int, int]], match: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    number_match: tuple | None = None, crossing: np.ndarray | None = None,
    previous: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """cost[k, cell] of every bead shape k starting at every band cell (inf where impossible).

    Cells are priced a block of rows at a time, so that the temporary arrays stay small
    (BLOCK cells) however long the documents are; each cell's cost is computed the same way.
    `previous` (lo, hi, offsets, cost) is this search's costs in an earlier band (the same
    texts, statistics and shapes: a band widened where the path ran along its edge): the rows
    whose windows did not change, nor those of the rows a bead from them reads (its sentences'
    match windows reach 2 * largest side + 1 rows on), are copied from it, not priced again.
    """
    n, m = len(stats.src_len) - 1, len(stats.tgt_len) - 1
    cross = (crossing, lo, hi, offsets) if crossing is not None else None
    cost = np.full((len(shapes), int(offsets[-1])), np.inf, dtype=np.float32)
    a_max = max(a for a, _ in shapes)
    todo = np.ones(n + 1, dtype=bool)
    if previous is not None:
        keep = kept_rows(previous[0], previous[1], lo, hi, 2 * max(a_max, max(b for _, b in shapes)) + 1)
        copy_rows(previous[3], previous[2], cost, offsets, keep)
        todo = ~keep
    # the rows from which some bead may run past the end of a document get blocks of their own:
    # before them, every shape is priced on the same cell arrays (overlap_vector shares work)
    late = (np.arange(n + 1) + a_max > n) | (hi + max(b for _, b in shapes) > m)
    tail = int(np.argmax(late)) if late.any() else n + 1
    r0 = 0
    while r0 <= n:
        if not todo[r0]:  # copied: on to the next row to price
            ahead = np.flatnonzero(todo[r0:])
            if not len(ahead):
                break
            r0 += int(ahead[0])
        r1 = max(r0 + 1, int(np.searchsorted(offsets, offsets[r0] + BLOCK, side="right")) - 1)
        if r0 < tail:
            r1 = min(r1, tail)
        gap = np.flatnonzero(~todo[r0:r1])  # a block stops where the copied rows start
        if len(gap):
            r1 = r0 + int(gap[0])
        rows = np.repeat(np.arange(r0, min(r1, n + 1)), hi[r0:r1] - lo[r0:r1] + 1)
        first = int(offsets[r0])
        cols = np.arange(first, first + len(rows)) - offsets[rows] + lo[rows]
        for k, (a, b) in enumerate(shapes):
            ok = (rows + a <= n) & (cols + b <= m)
            if ok.all():  # most blocks: no bead runs past the end
                cost[k, first:first + len(rows)] = _shape_costs(w, stats, rows, cols, a, b, match, number_match, cross)
            else:
                cost[k, first + np.flatnonzero(ok)] = _shape_costs(w, stats, rows[ok], cols[ok], a, b, match,
                                                                      number_match, cross)
        r0 = r1
    return cost


def _shape_costs(w: Weights, stats: DocStats, i: np.ndarray, j: np.ndarray, a: int, b: int, match,
                 number_match: tuple | None, cross: tuple | None = None) -> np.ndarray:
    """Costs of the beads of one shape (a, b) starting at cells (i, j)."""
    shift = stats.prior_shift.get((a, b), 0.0) if stats.prior_shift else 0.0
    c: np.ndarray = np.full(len(i), float(w.prior(a, b) + shift))
    mass = stats.src_mass[i + a] - stats.src_mass[i] + stats.tgt_mass[j + b] - stats.tgt_mass[j]
    if a and b:
        ls = stats.src_len[i + a] - stats.src_len[i]
        lt = stats.tgt_len[j + b] - stats.tgt_len[j]
        c += w.w_len * gale_church_cost(ls, lt, stats.ratio, stats.variance, w.len_knee, w.len_slope)
        overlap, stray = block_match(match, i, j, a, b, stats.src_each, stats.tgt_each,
                                     w.stray_floor, w.stray_base, w.mass0)
        c += lexical_evidence(w, overlap, mass) * (a + b) / 2 + w.stray * stray
        if number_match is not None and stats.numbers is not None:
            assert stats.src_nums is not None and stats.tgt_nums is not None  # built with the numbers
            c += w.number_miss * unmatched_numbers(stats.numbers, stats.src_nums, stats.tgt_nums,
                                                   number_match, i, j, a, b)
        if stats.end_pairs is not None:
            c += w.end_pair * bead_pair_cost(*stats.end_pairs, i, j, a, b)
    else:  # an omitted sentence leaves all its features unmatched too
        c += lexical_evidence(w, np.zeros(len(i)), mass) * w.omit_lex
        junk = stats.src_debris if a else stats.tgt_debris
        if junk is not None:
            c = np.where(junk[i if a else j], w.skip_debris, c)
    c += paragraph_cost(w, stats, i, j, a, b) + shape_cost(w, stats, i, j, a, b)
    if cross is not None:
        c += w.cross * at_ends(cross[0], cross[1], cross[2], cross[3], i + a, j + b)
    return c


def paragraph_cost(w: Weights, stats: DocStats, i, j, a: int, b: int) -> np.ndarray | float:
    """Penalties for beads that cross paragraph boundaries or end a paragraph on one side only."""
    if stats.src_bounds is None or stats.tgt_bounds is None:
        return 0.0
    inside = (stats.src_bounds[i + a] - stats.src_bounds[np.minimum(i + 1, i + a)]) if a > 1 else 0
    inside = inside + ((stats.tgt_bounds[j + b] - stats.tgt_bounds[j + 1]) if b > 1 else 0)
    c = w.par_cross * inside
    if stats.same_paragraph_count:
        end_s = _at_boundary(stats.src_bounds, i + a)
        end_t = _at_boundary(stats.tgt_bounds, j + b)
        c = c + w.par_edge * (end_s != end_t)
    return c


def shape_cost(w: Weights, stats: DocStats, i, j, a: int, b: int) -> np.ndarray | float:
    """Costs of where a bead ends, on each side it covers: open_cut inside an open bracket
    (shape.py), soft_end times the document's cost of ending after that segment (endings.py)."""
    c = 0.0
    if a and stats.src_open is not None:
        c = c + w.open_cut * stats.src_open[i + a]
    if b and stats.tgt_open is not None:
        c = c + w.open_cut * stats.tgt_open[j + b]
    if a and stats.src_end is not None:
        c = c + w.soft_end * stats.src_end[i + a]
    if b and stats.tgt_end is not None:
        c = c + w.soft_end * stats.tgt_end[j + b]
    return c


def _at_boundary(bounds: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Whether prefix position pos is a paragraph boundary (a paragraph starts at pos, or end)."""
    n = len(bounds) - 1
    starts = np.diff(bounds, append=bounds[-1] + 1)  # 1 where a paragraph starts at that index
    return (pos >= n) | (starts[np.minimum(pos, n)] > 0)
