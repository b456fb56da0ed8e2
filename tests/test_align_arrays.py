"""align/arrays.py's stand-ins for np.unique and np.median (which import numpy.ma on their first
call): the same values to the last bit, so that replacing them changes no output."""

from __future__ import annotations

import numpy as np

from align.arrays import distinct, median


def test_median_is_numpys_to_the_bit() -> None:
    rng = np.random.default_rng(11)
    for n in [*range(1, 40), 1001, 4096]:
        for _ in range(20):
            values = rng.standard_normal(n) ** 2 * rng.uniform(0.01, 100.0)
            if n > 3:
                values[rng.integers(0, n, 2)] = values[0]  # ties
            assert median(values).hex() == float(np.median(values)).hex(), n
    assert np.isnan(median(np.array([1.0, np.nan, 2.0]))) and np.isnan(np.median([1.0, np.nan, 2.0]))


def test_distinct_is_numpys_unique() -> None:
    rng = np.random.default_rng(12)
    for n in (0, 1, 2, 17, 500):
        values = rng.integers(-5, 30, n)
        got, want = distinct(values), np.unique(values)
        assert got.dtype == want.dtype and np.array_equal(got, want)
