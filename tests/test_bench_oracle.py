"""bench/oracle.py: gold beads grouped by which aligners predict them, by bead shape."""

from __future__ import annotations

from collections import Counter

from tests.test_bench_fit import _bench


def test_shape_classes():
    oracle = _bench("oracle")
    beads = [("d", (1,), (2,)), ("d", (1,), (2, 3)), ("d", (1, 2), (3,)), ("d", (1, 2), (3, 4)),
             ("d", (1,), ()), ("d", (), (5,)), ("d", (1, 2, 3), (4,)), ("d", (1,), (2, 3, 4))]
    assert [oracle.shape(b) for b in beads] == ["1-1", "1-2", "2-1", "2-2", "1-0/0-1", "1-0/0-1", "larger", "larger"]


def test_groups_partition_the_gold_by_who_gets_each_bead():
    oracle = _bench("oracle")
    a, b, c, d = (("d", (i,), (i,)) for i in range(4))
    hits = {"lexical": {a, b}, "hybrid": {a, c}}
    split = oracle.groups({a, b, c, d}, hits)
    assert split["all"] == {a}
    assert split["lexical only"] == {b}
    assert split["hybrid only"] == {c}
    assert split["none"] == {d}
    assert sum(map(len, split.values())) == 4  # each gold bead in exactly one group
    rows = oracle.table({"none": Counter(map(oracle.shape, split["none"]))})
    assert rows[-1] == "| none | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
