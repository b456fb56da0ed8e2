"""Bead-shape priors that adapt to the document (after Moore 2002: re-estimated from a first path).

Documents differ in how often each bead shape occurs: a literary translation splits and merges
sentences and leaves some out (Text+Berg: 40% of its beads are not 1-1, and almost all of its
omissions are on the French side), a verse-aligned Bible is almost all 1-1. The fitted priors
(combine.Weights.prior) are one compromise over all of them. After the first search the shapes
of its path are counted, smoothed with `prior_pseudo` beads of pseudo-counts (so a short
document keeps about the defaults), and each shape's prior is shifted, at most `prior_bound`
cost units either way, in two parts:

- level: per shape class, ignoring direction (1-2 with 2-1, omissions of either side, 1-3
  with 3-1, 2-2, larger), `prior_gain` times how much rarer (dearer) or likelier (cheaper)
  than 1-1 the class is in this document than the fitted priors expect. The priors are costs
  fitted together with the length and lexical terms, not log-probabilities: their log-odds
  are about `prior_temp` times those of the shapes in the dev documents they were fitted on,
  so the expected distribution is exp(-prior / prior_temp).
- events, not beads: a run of omissions on one side counts once. A block the translator left
  out or added (Text+Berg's 36 picture captions in a row) is one decision, not a habit of
  dropping sentences; counted bead by bead it made every isolated omission in the rest of the
  document cheaper (textberg-dev 0.885 -> 0.890, no other dev set moves).
- direction: a shape and its mirror image (1-2 and 2-1, 1-0 and 0-1) have the same fitted
  prior; where the first path chose one more often, `prior_tilt` times half the log ratio of
  their smoothed counts moves cost from it to its mirror, keeping the pair's mean.
"""

from __future__ import annotations

import math
from typing import Iterable, Sequence

from align.scorers.combine import Weights

Shape = tuple[int, int]


def shape_class(a: int, b: int) -> Shape:
    """The class a shape is counted in for the level part: (min, max) up to 2-2 and 1-3,
    (0, 0) for all larger shapes (a 4+ bead is rare in any document)."""
    return (min(a, b), max(a, b)) if a + b <= 4 else (0, 0)


def document_shifts(path: Iterable[Sequence[int]], shapes: Sequence[Shape], w: Weights) -> dict[Shape, float]:
    """Per shape of `shapes`, what to add to its prior for this document, from the (i, j, a, b)
    beads of a first path searched over `shapes` (1-1 always shifts by 0)."""
    if (1, 1) not in shapes:
        return {}
    expected = {s: math.exp(-w.prior(*s) / w.prior_temp) for s in shapes}
    total = sum(expected.values())
    smoothed = {s: w.prior_pseudo * q / total for s, q in expected.items()}  # Dirichlet-style pseudo-counts
    previous = None
    for bead in path:
        s = (bead[2], bead[3])
        if s in smoothed and not (s == previous and 0 in s):  # a run of omissions is one event
            smoothed[s] += 1.0
        previous = s
    level = {k: w.prior_gain * (math.log(_sum(expected, k) / _sum(expected, (1, 1)))
                                - math.log(_sum(smoothed, k) / _sum(smoothed, (1, 1))))
             for k in {shape_class(*s) for s in shapes}}
    shifts = {}
    for a, b in shapes:
        shift = level[shape_class(a, b)]
        if (b, a) in smoothed:  # 0 for 1-1, 2-2
            shift += w.prior_tilt * 0.5 * math.log(smoothed[(b, a)] / smoothed[(a, b)])
        shifts[(a, b)] = max(-w.prior_bound, min(w.prior_bound, shift))
    return shifts


def _sum(values: dict[Shape, float], k: Shape) -> float:
    """Total of the shapes of class k."""
    return sum(v for s, v in values.items() if shape_class(*s) == k)
