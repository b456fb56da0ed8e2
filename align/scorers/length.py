"""Length agreement, Gale-Church style, with the ratio and variance taken from the document.

Translated sentences have lengths in characters roughly proportional to their source; the
difference, scaled by its expected spread, is close to normal. The cost of a bead is
-log P(|delta| at least this large), so a perfect length match costs 0.

The Gaussian tail cost grows quadratically, so one loosely translated sentence (a verse whose
English is twice as long as its Russian) pays more for length than a wrong merge or omission
pays for its shape. So beyond `knee` cost units the cost grows only `slope` times as fast: a
heavy tail (roughly a mixture with a Gaussian 1 / sqrt(slope) times wider), for two array
operations per bead.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from align.arrays import median

DEFAULT_VARIANCE = 6.8  # Gale & Church's s^2 for characters
PRIOR_BEADS = 30  # weight of DEFAULT_VARIANCE, in beads, when the variance is estimated


def char_lengths(texts: Sequence[str]) -> np.ndarray:
    """Length of each segment in characters, spaces excluded (robust to spacing habits)."""
    return np.fromiter((len(t) - t.count(" ") for t in texts), dtype=np.float64, count=len(texts))


def length_ratio(src_lengths: np.ndarray, tgt_lengths: np.ndarray) -> float:
    """Target characters per source character over the whole document."""
    total = float(src_lengths.sum())
    return float(tgt_lengths.sum()) / total if total > 0 else 1.0


def estimate_variance(src_sums: np.ndarray, tgt_sums: np.ndarray, ratio: float,
                      min_beads: int = 20, prior_beads: float = PRIOR_BEADS) -> float:
    """The spread s^2 of aligned lengths, from beads believed correct (robust: median based).

    The estimate is shrunk towards Gale & Church's value as if they had contributed
    `prior_beads` beads, so that a short document (a chapter of 50 verses) does not trust a
    noisy median fully while a book hardly notices the prior; under `min_beads` beads, the
    default itself.
    """
    if len(src_sums) < max(min_beads, 1):
        return DEFAULT_VARIANCE
    mean = (src_sums * ratio + tgt_sums) / 2 + 1.0
    z2 = (tgt_sums - src_sums * ratio) ** 2 / mean
    # the median of a chi-square(1) variable is 0.455 times its scale
    estimate = float(np.clip(median(z2) / 0.455, 1.0, 40.0))
    return (len(src_sums) * estimate + prior_beads * DEFAULT_VARIANCE) / (len(src_sums) + prior_beads)


def short_document_fit(src_sums: np.ndarray, tgt_sums: np.ndarray, ratio: float,
                       min_beads: int = 5, prior_beads: float = 5.0) -> tuple[float, float]:
    """(ratio, variance) of a short document from the linked beads of a first path.

    The document-wide ratio counts the sentences one side omits, so a few omissions in a
    20-sentence news item bias it by 10-20%; and Gale & Church's spread (6.8) is about four
    times what aligned sentences of the eval sets show (1-2), so it lets a wrong merge or
    omission pay almost nothing for length. From `min_beads` linked beads on, both come from
    those beads, the spread shrunk towards the default by `prior_beads` beads (few here: a
    short document has no lexicon to fall back on, length is most of its evidence).
    """
    if len(src_sums) < max(min_beads, 1):
        return ratio, DEFAULT_VARIANCE
    fitted = length_ratio(src_sums, tgt_sums)
    return fitted, estimate_variance(src_sums, tgt_sums, fitted, min_beads, prior_beads)


# erfcc's polynomial in t, innermost coefficient first
_ERFC_POLY = (0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418,
              0.37409196, 1.00002368)


def log_erfc(x: np.ndarray) -> np.ndarray:
    """log(erfc(x)) for x >= 0, stable for large x (Numerical Recipes' erfcc, error < 1.2e-7).

    erfcc: t = 1 / (1 + z/2), log erfc = log t - z^2 - 1.26551223 + t (1.00002368 + t (0.37409196
    + ... + t 0.17087277)); Horner's rule in place, to spare temporary arrays.
    """
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = t * _ERFC_POLY[0]
    for coef in _ERFC_POLY[1:]:
        poly += coef
        poly *= t
    poly += -z * z - 1.26551223
    poly += np.log(t)
    return poly


def gale_church_cost(
    src_len: np.ndarray, tgt_len: np.ndarray, ratio: float, variance: float,
    knee: float = np.inf, slope: float = 1.0,
) -> np.ndarray:
    """-log P(|delta| >= observed) for beads with these character lengths (0 = perfect match),
    growing `slope` times as fast beyond `knee` (see the module docstring)."""
    src_len = np.asarray(src_len, dtype=np.float64)
    tgt_len = np.asarray(tgt_len, dtype=np.float64)
    scaled = src_len * ratio
    mean = (scaled + tgt_len) / 2 + 1.0
    delta = (tgt_len - scaled) / np.sqrt(variance * mean)
    # two-sided tail: 2 * (1 - Phi(|d|)) = erfc(|d| / sqrt 2)
    cost = -log_erfc(np.abs(delta) / np.sqrt(2.0))
    if knee < np.inf:
        cost = np.minimum(cost, knee + slope * (cost - knee))
    return cost
