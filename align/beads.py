"""Bead types allowed by `--max-align`, following Bertalign's convention, and omission runs."""

from __future__ import annotations

from typing import Sequence


def bead_types(max_align: int) -> list[tuple[int, int]]:
    """All (a, b) bead shapes with a + b <= max_align, plus the omissions (1, 0) and (0, 1)."""
    if max_align < 2:
        raise ValueError("max_align must be at least 2 (a 1-1 bead)")
    shapes = [(1, 0), (0, 1)]
    for a in range(1, max_align):
        for b in range(1, max_align - a + 1):
            shapes.append((a, b))
    return shapes


def omission_runs(longest: int) -> list[tuple[int, int]]:
    """Search-only shapes (k, 0) and (0, k), k = 2..longest: a run of omitted sentences priced
    as one piece (captions, debris), decoded into k single omissions by `split_runs`."""
    return [sh for k in range(2, longest + 1) for sh in ((k, 0), (0, k))]


def split_runs(path: Sequence[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The path with every omission run (i, j, k, 0) / (i, j, 0, k) as k beads of one sentence;
    each bead stays in place, so a per-bead list can be expanded with `run_lengths`."""
    out = []
    for i, j, a, b in path:
        if a and b or a + b <= 1:
            out.append((i, j, a, b))
        else:
            out += [(i + x, j, 1, 0) for x in range(a)] + [(i, j + y, 0, 1) for y in range(b)]
    return out


def run_lengths(path: Sequence[tuple[int, int, int, int]]) -> list[int]:
    """How many beads `split_runs` makes of each bead of the path."""
    return [1 if a and b else max(a + b, 1) for _, _, a, b in path]
