"""An extra cost term of the lexical search, computed by another signal (the hybrid's embeddings).

The lexical aligner adds `costs(...)` to the bead costs of each of its searches; `previous` is
the path of the search before (with the margins of its beads), so a term can limit itself to
the doubtful stretches of an alignment already found; `crossing` is the search's own
boundary-crossing evidence per band cell (crossing.py; None where it is not priced), which
tells where words cross a cut of that path. None adds nothing.
"""

from __future__ import annotations

from typing import Protocol, Sequence

import numpy as np

from align.beads import SearchPath



class BandTerm(Protocol):
    """Costs of every bead shape at every band cell, to add to the lexical bead costs."""

    needs_margins: bool  # whether `previous` must carry the margins of the previous path

    def costs(self, lo: np.ndarray, hi: np.ndarray, offsets: np.ndarray, shapes: Sequence[tuple[int, int]],
              previous: tuple[SearchPath, np.ndarray | None] | None,
              crossing: np.ndarray | None = None) -> np.ndarray | None:
        """cost[k, cell] (float32, 0 where the term has nothing to say), or None for no term."""
