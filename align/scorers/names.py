"""Names across scripts and spelling traditions: a sound key and a weighted edit distance.

Translation traditions respell names by regular correspondences that exact keys and letter
trigrams miss: Boaz / Вооз (b~v), Ruth / Руфь (th~f), Christ / Христос (ch~h), Naomi /
Ноеминь (vowels), Abraham / Авраам (h dropped), plus inflectional endings on either side
(Ноемини, Ноеминью). `name_distance` is an edit distance on `sound`-spelled Latin keys in
which such correspondences, vowel changes and h cost little, and letters past the end of the
shorter word (endings) cost a quarter each; it is normalized by the shorter word's length.
`link_names` pairs each name key without an exact counterpart with its nearest partner on the
other side (trigram Dice first, then this distance) and merges the pairs into groups that
share one word feature, so that every inflected form of a name meets its translation.
"""

from __future__ import annotations

import heapq
from collections import Counter
from itertools import chain
from functools import lru_cache
from bisect import bisect_left
from typing import AbstractSet, Mapping, Sequence

from align.scorers.cognates import trigrams

# digraphs first (latin_key has already folded kh->h, zh->j, ts->c, w->v, y->i, ks->x)
_SOUND = [("sh", "S"), ("ch", "C"), ("ph", "f"), ("th", "T"), ("gh", "g"), ("q", "k"), ("x", "ks")]
_VOWELS = frozenset("aeiou")
_CHEAP = {  # substitutions that translation traditions make, cost < 1
    "bv": 0.2, "vf": 0.3, "bp": 0.5, "pf": 0.5, "fT": 0.1, "tT": 0.1, "dT": 0.4, "td": 0.5,
    "gh": 0.3, "hC": 0.2, "kC": 0.3, "kh": 0.4, "gk": 0.5, "gj": 0.4, "ck": 0.2, "cs": 0.3,
    "cC": 0.3, "sz": 0.2, "cz": 0.4, "sS": 0.3, "SC": 0.4, "jz": 0.4, "jS": 0.5, "ji": 0.3,
    "uv": 0.4,
}
_SUB = {**_CHEAP, **{b + a: c for (a, b), c in ((tuple(k), c) for k, c in _CHEAP.items())}}
_INDEL = {"h": 0.3, "j": 0.5, "T": 0.5}
VOWEL_SUB, VOWEL_INDEL, TAIL = 0.3, 0.4, 0.25
MIN_CORE = 3  # letters of the shorter word that must be matched (not tail)


@lru_cache(maxsize=100_000)
def sound(key: str) -> str:
    """A Latin key with digraphs as single symbols (sh S, ch C, th T, ph f) for the distance."""
    for a, b in _SOUND:
        key = key.replace(a, b)
    return key


@lru_cache(maxsize=None)
def _sub(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if a in _VOWELS and b in _VOWELS:
        return VOWEL_SUB
    return _SUB.get(a + b, 1.0)


@lru_cache(maxsize=None)
def _indel(a: str) -> float:
    return VOWEL_INDEL if a in _VOWELS else _INDEL.get(a, 1.0)


class _SubRow(dict):
    """_sub(x, y) by y, for one letter x: a dict lookup per table cell instead of a call."""

    def __init__(self, x: str) -> None:
        super().__init__()
        self.x = x

    def __missing__(self, y: str) -> float:
        cost = self[y] = _sub(self.x, y)
        return cost


@lru_cache(maxsize=None)
def _sub_row(x: str) -> _SubRow:
    return _SubRow(x)


@lru_cache(maxsize=200_000)
def name_distance(a: str, b: str, limit: float = float("inf")) -> float:
    """Weighted edit distance of two Latin keys per letter of the shorter one (0 = same).

    Letters that one word has beyond the end of the other (an inflectional ending) cost TAIL
    each; inf when the shorter word has fewer than MIN_CORE letters, and as soon as the distance
    is sure to exceed `limit` (costs only add up: no later row of the table can be cheaper
    than the cheapest cell of this one), which spares most of the table for unlike names.
    """
    s, t = sound(a), sound(b)
    n, m = len(s), len(t)
    if min(n, m) < MIN_CORE:
        return float("inf")
    bound = limit * min(n, m)
    ins = [_indel(y) for y in t]
    prev = [0.0]
    for c in ins:
        prev.append(prev[-1] + c)
    last_col = [prev[m]]  # distance of s[:i] to all of t, for every i
    ended = float("inf")  # the cheapest ending of t so far (the rest of s an ending)
    for i, x in enumerate(s, 1):
        dx = _indel(x)
        sub = _sub_row(x)
        left = prev[0] + dx
        cur = [left]
        for diag, up, y, iy in zip(prev, prev[1:], t, ins):
            best = diag + sub[y]
            other = up + dx
            if other < best:
                best = other
            other = left + iy
            left = other if other < best else best
            cur.append(left)
        prev = cur
        last_col.append(cur[m])
        if i >= MIN_CORE:
            ended = min(ended, cur[m] + TAIL * (n - i))
        if min(ended, min(cur)) > bound:
            return float("inf")
    # the rest of one word past the end of the other is an ending
    tail_t = min(prev[k] + TAIL * (m - k) for k in range(MIN_CORE, m + 1))
    tail_s = min(last_col[i] + TAIL * (n - i) for i in range(MIN_CORE, n + 1))
    return min(tail_t, tail_s) / min(n, m)


def _could_be_near(a: str, b: str, threshold: float) -> bool:
    """A bound that skips the distance: the longer word's extra letters cost TAIL each at least."""
    n, m = len(sound(a)), len(sound(b))
    return TAIL * abs(n - m) <= threshold * min(n, m)


_CLASS = str.maketrans({"v": "b", "p": "b", "f": "b", "d": "t", "T": "t", "g": "k", "c": "k", "C": "k",
                        "z": "s", "S": "s"})
_ALT = str.maketrans({"v": "b", "p": "b", "f": "b", "d": "t", "T": "b", "g": "k", "c": "s", "C": "s",
                      "z": "s", "S": "s"})
CANDIDATES = 5  # nearest keys by skeleton bigrams that get the edit distance


@lru_cache(maxsize=100_000)
def skeleton_grams(key: str) -> frozenset[str]:
    """Bigrams of the consonant-class skeleton (two readings of th, c and ch), for the index."""
    s = sound(key)
    out: set[str] = set()
    for table in (_CLASS, _ALT):
        sk = "#" + "".join(ch for ch in s.translate(table) if ch not in "aeiouhj") + "#"
        out.update(sk[i:i + 2] for i in range(len(sk) - 1))
    return frozenset(out)


def _index(keys: list[str], grams) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for key in keys:
        for g in grams(key):
            index.setdefault(g, []).append(key)
    return index


def _nearest_by_trigrams(key: str, index: dict[str, list[str]], threshold: float) -> str | None:
    grams = trigrams(key)
    counts = Counter(chain.from_iterable(index.get(g, ()) for g in grams))
    # a key has at least the grams it shares, so its Dice is at most 2 shared / (grams + shared):
    # the keys where even that is not above the threshold are out before the sort
    size = len(grams)
    best, best_sim = None, threshold
    for other, shared in sorted(kv for kv in counts.items() if 2 * kv[1] / (size + kv[1]) > threshold):
        sim = 2 * shared / (len(grams) + len(trigrams(other)))
        if sim > best_sim:
            best, best_sim = other, sim
    return best


def _nearest_by_sound(key: str, index: dict[str, list[str]], threshold: float, near) -> str | None:
    counts = Counter(chain.from_iterable(index.get(g, ()) for g in skeleton_grams(key)))
    # the CANDIDATES with most grams in common: none has fewer than the CANDIDATES-th largest count
    least = min(heapq.nlargest(CANDIDATES, counts.values()), default=0)
    ranked = heapq.nsmallest(CANDIDATES, ((k, c) for k, c in counts.items() if c >= least),
                             key=lambda kv: (-kv[1], abs(len(kv[0]) - len(key)), kv[0]))
    # the nearest of those in the same places (near is the cheaper test: most candidates fail it)
    scored = sorted((name_distance(key, other, threshold), other) for other, _ in ranked
                    if _could_be_near(key, other, threshold) and near(key, other))
    return next((other for d, other in scored if d <= threshold), None)


def same_places(a: Sequence[float], b: Sequence[float], slack: float) -> bool:
    """Whether most occurrences of the rarer word (relative positions 0..1 in its document,
    sorted) have an occurrence of the other within `slack`: a name and its translation occur
    in the same places, two look-alike words mostly do not."""
    few, many = (a, b) if len(a) <= len(b) else (b, a)
    hits = 0
    for x in few:
        k = bisect_left(many, x - slack)
        hits += k < len(many) and many[k] <= x + slack
    return 2 * hits >= len(few)


def link_names(src: Mapping[str, Sequence[float]], tgt: Mapping[str, Sequence[float]], common: AbstractSet[str] = frozenset(),
               dice: float = 0.6, distance: float = 0.25, slack: float = 0.05) -> dict[str, str]:
    """Group name keys of the two sides that spell one name: {key: the group's feature key}.

    `src` and `tgt` give each name key's relative positions (sorted, 0..1). Every key without
    an exact counterpart on the other side is paired with its nearest key there: trigram Dice
    above `dice`, else the nearest by name_distance (at most `distance`); either partner must
    occur in the same places (`same_places` with `slack`: "Сына" is not "Sinai"); keys in `common` (also written in lowercase:
    sentence-initial words such as "There" / "Тебе") get no sound match. Pairs that share
    a key form one group, named by its smallest key. Cost grows with the number of distinct
    names (both sides are indexed), not with the length of the text.
    """
    sides = (sorted(src), sorted(tgt))
    parent: dict[str, str] = {}

    def root(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for (mine, other), pos in (((sides[0], sides[1]), (src, tgt)), ((sides[1], sides[0]), (tgt, src))):
        other_set = set(other)

        def near(a: str, b: str, pos=pos) -> bool:
            return same_places(pos[0][a], pos[1][b], slack)

        # a sound match must be a key the query's own side lacks (else "Oberst" could take
        # "Everest", which both sides spell alike)
        mine_set = set(mine)
        tri = _index(other, trigrams)
        snd = _index([k for k in other if k not in common and k not in mine_set], skeleton_grams)
        for key in mine:
            if key in other_set:
                continue
            partner = _nearest_by_trigrams(key, tri, dice)
            if partner is not None and not near(key, partner):
                partner = None
            if partner is None and key not in common:
                partner = _nearest_by_sound(key, snd, distance, near)
            if partner is not None:
                a, b = sorted((root(key), root(partner)))
                if a != b:
                    parent[b] = a
    return {k: root(k) for k in sorted(set(parent) | set(parent.values()))}
