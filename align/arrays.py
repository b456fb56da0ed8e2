"""Array helpers shared by the aligners."""

from __future__ import annotations

import numpy as np


def prefix_sums(values: np.ndarray) -> np.ndarray:
    """Running totals with a leading 0 (len + 1): entry k is the sum of the first k values, so
    the sum of values[i:j] is out[j] - out[i], and for group sizes out[k] is where group k starts
    in the flat array. int64 for integer values, float64 otherwise."""
    values = np.asarray(values)
    out = np.zeros(len(values) + 1, dtype=np.float64 if values.dtype.kind == "f" else np.int64)
    np.cumsum(values, out=out[1:])
    return out


def band_cells(lo: np.ndarray, hi: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row and column of every cell of a flat band (row r holds columns lo[r]..hi[r], starting
    at offsets[r]; an empty row has hi < lo)."""
    rows = np.repeat(np.arange(len(lo)), np.maximum(hi - lo + 1, 0))
    return rows, np.arange(len(rows)) - offsets[rows] + lo[rows]
