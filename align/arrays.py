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


def kept_rows(old_lo: np.ndarray, old_hi: np.ndarray, lo: np.ndarray, hi: np.ndarray, reach: int) -> np.ndarray:
    """Which rows of a band hold the same cells as in an earlier band of the same length, they
    and the `reach` rows after them: a value of such a row's cells that depends on those rows'
    windows only (the bead costs, with reach 2 * largest side + 1) is the same in both bands."""
    changed = prefix_sums(((old_lo != lo) | (old_hi != hi)).astype(np.int64))
    rows = np.arange(len(lo))
    return changed[np.minimum(rows + reach + 1, len(lo))] == changed[rows]


def copy_rows(old: np.ndarray, old_offsets: np.ndarray, new: np.ndarray, offsets: np.ndarray,
              keep: np.ndarray) -> None:
    """Copy the cells of the `keep` rows (same window in both bands) from `old` to `new`, flat
    band arrays (cells on the last axis, rows starting at the offsets), a run of rows at a time."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], keep.astype(np.int8), [0]])))
    for start, stop in zip(edges[::2].tolist(), edges[1::2].tolist()):
        new[..., offsets[start]:offsets[stop]] = old[..., old_offsets[start]:old_offsets[stop]]
