"""Bead types allowed by `--max-align`, following Bertalign's convention."""

from __future__ import annotations

Bead = tuple[int, int, int, int]  # (i, j, a, b): sources i..i+a-1 with targets j..j+b-1


def bead_types(max_align: int) -> list[tuple[int, int]]:
    """All (a, b) bead shapes with a + b <= max_align, plus the omissions (1, 0) and (0, 1)."""
    if max_align < 2:
        raise ValueError("max_align must be at least 2 (a 1-1 bead)")
    shapes = [(1, 0), (0, 1)]
    for a in range(1, max_align):
        for b in range(1, max_align - a + 1):
            shapes.append((a, b))
    return shapes
