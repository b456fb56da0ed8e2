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


# np.unique (without indices) and np.median import numpy.ma on their first call, 10 ms of a
# short document's run: the two below compute the same values without it.


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (np.unique of a 1-d array)."""
    out = np.sort(values)
    if len(out):
        out = out[np.concatenate([[True], out[1:] != out[:-1]])]
    return out


def median(values: np.ndarray) -> float:
    """np.median of a 1-d float array, to the bit: the middle value, or the mean of the two
    middle values (nan if any value is)."""
    v = np.asarray(values, dtype=np.float64)
    k = len(v) // 2
    if not len(v) or np.isnan(v).any():
        return float("nan")
    if len(v) % 2:
        return float(np.partition(v, k)[k])
    part = np.partition(v, (k - 1, k))
    return float((part[k - 1] + part[k]) / 2)
