"""Beads as the search sees them: a path of steps, and the shapes `--max-align` allows.

A bead is corpora's: the source and target sentence positions it joins (corpora.beadfile.Bead;
with a score and flags, a corpora.model.Link). The search walks a path of `Step`s, each a bead
of consecutive sentences given by where it starts and its shape, (i, j, a, b): sources
i..i+a-1 with targets j..j+b-1 (Bertalign's convention); `step_link` makes it a Link.
"""

from __future__ import annotations

from typing import Sequence

from corpora.model import Link

Step = tuple[int, int, int, int]  # (i, j, a, b): sources i..i+a-1 with targets j..j+b-1
SearchPath = Sequence[Step]


def step_link(step: Step, score: float) -> Link:
    """The link of one path step, its score rounded to 4 places."""
    i, j, a, b = step
    return Link(tuple(range(i, i + a)), tuple(range(j, j + b)), round(score, 4))


def bead_types(max_align: int) -> list[tuple[int, int]]:
    """All (a, b) bead shapes with a + b <= max_align, plus the omissions (1, 0) and (0, 1)."""
    if max_align < 2:
        raise ValueError("max_align must be at least 2 (a 1-1 bead)")
    shapes = [(1, 0), (0, 1)]
    for a in range(1, max_align):
        for b in range(1, max_align - a + 1):
            shapes.append((a, b))
    return shapes
