"""The model-free aligner: Gale-Church length agreement plus cheap lexical anchors."""

from __future__ import annotations

import math
from typing import Sequence

import regex as re

from corpora.model import Link

from align.beads import bead_types
from align.options import AlignOptions
from align.search import diagonal_band, search

_NUM = re.compile(r"\d+")
_PRIOR = {(1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005, (2, 1): 0.045, (1, 2): 0.045, (2, 2): 0.011}
_VAR = 6.8


def _norm_sf(x: float) -> float:
    return 0.5 * math.erfc(x / math.sqrt(2))


class LexicalAligner:
    """Length plus number anchors over a banded DP."""

    name = "lexical"

    def align(
        self,
        src: Sequence[str],
        tgt: Sequence[str],
        options: AlignOptions,
        src_paragraphs: Sequence[int] | None = None,
        tgt_paragraphs: Sequence[int] | None = None,
        anchors=None,
    ) -> list[Link]:
        n, m = len(src), len(tgt)
        ls = [len(s) for s in src]
        lt = [len(t) for t in tgt]
        ratio = (sum(lt) / sum(ls)) if sum(ls) else 1.0
        nums_s = [frozenset(_NUM.findall(s)) for s in src]
        nums_t = [frozenset(_NUM.findall(t)) for t in tgt]
        shapes = bead_types(options.max_align)

        def prob(i: int, j: int, a: int, b: int) -> float:
            prior = _PRIOR.get((a, b), 0.002)
            if a == 0 or b == 0:
                return prior
            x = sum(ls[i:i + a]) * ratio
            y = sum(lt[j:j + b])
            delta = (y - x) / math.sqrt(_VAR * (x + y) / 2 + 1.0)
            p = 2 * _norm_sf(abs(delta))
            ns = frozenset().union(*nums_s[i:i + a])
            nt = frozenset().union(*nums_t[j:j + b])
            if ns or nt:
                overlap = len(ns & nt) / len(ns | nt)
                p *= 0.2 + 1.6 * overlap
            return prior * max(p, 1e-12)

        def cost(i: int, j: int, a: int, b: int) -> float:
            return -math.log(prob(i, j, a, b))

        width = max(20, abs(n - m) + 10, int(0.05 * max(n, m)))
        path = search(n, m, shapes, cost, diagonal_band(n, m, width))
        links = []
        for i, j, a, b in path:
            if a and b:
                x = sum(ls[i:i + a]) * ratio
                y = sum(lt[j:j + b])
                score = 2 * _norm_sf(abs((y - x) / math.sqrt(_VAR * (x + y) / 2 + 1.0)))
            else:
                score = 0.0
            links.append(Link(tuple(range(i, i + a)), tuple(range(j, j + b)), round(score, 4)))
        return links
