"""Weighted feature overlap between sentences: in a band (for bead costs) and by inverted index.

A shared feature contributes the smaller of its two weights. `pair_matches` fills the overlap
of every (source, target) pair inside a band; `top_candidates` finds, for each source
sentence, its best-matching target sentences in a wide window without visiting every pair;
`block_match` sums pair overlaps over a bead and finds its stray sentences.
"""

from __future__ import annotations

import numpy as np

from align.jit import kernel
from align.arrays import prefix_sums
from align.scorers import overlap_vector
from align.scorers.features import SideFeatures


@kernel
def _pair_matches(s_ptr, s_ids, s_w, t_ptr, t_ids, t_w, lo, hi, offsets, weight_of, out):
    # weight_of: per feature id, source sentence i's weight (0 when absent), reset after each row
    n = len(lo)
    for i in range(n):
        for a in range(s_ptr[i], s_ptr[i + 1]):
            weight_of[s_ids[a]] = s_w[a]
        base = offsets[i]
        for j in range(lo[i], hi[i] + 1):
            total = 0.0
            for b in range(t_ptr[j], t_ptr[j + 1]):  # features in id order, as a merge would meet them
                w = weight_of[t_ids[b]]
                if w > 0.0:
                    total += min(w, t_w[b])
            out[base + j - lo[i]] = total
        for a in range(s_ptr[i], s_ptr[i + 1]):
            weight_of[s_ids[a]] = 0.0


_pair_matches.numpy = overlap_vector.pair_matches


def pair_matches(src: SideFeatures, tgt: SideFeatures, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Overlap of source i with targets lo[i]..hi[i] (inclusive); returns (offsets, values)."""
    offsets = prefix_sums(np.maximum(hi - lo + 1, 0))
    out = np.zeros(int(offsets[-1]), dtype=np.float64)
    n_features = int(max(src.ids.max(initial=-1), tgt.ids.max(initial=-1))) + 1
    _pair_matches(src.indptr, src.ids, src.weights, tgt.indptr, tgt.ids, tgt.weights,
                  lo.astype(np.int64), hi.astype(np.int64), offsets, np.zeros(max(n_features, 1)), out)
    return offsets, out


@kernel
def _top_candidates(s_ptr, s_ids, s_w, s_mass, p_ptr, p_j, p_w, t_mass, lo, hi, centre, max_hits, budget, k,
                    cand_j, cand_sim):
    n = len(lo)
    width = 0
    most = 0
    for i in range(n):
        width = max(width, hi[i] - lo[i] + 1)
        most = max(most, s_ptr[i + 1] - s_ptr[i])
    acc = np.zeros(max(width, 1))
    touched = np.zeros(max(width, 1), dtype=np.int64)
    first = np.zeros(max(most, 1), dtype=np.int64)  # each feature's postings in the window
    last = np.zeros(max(most, 1), dtype=np.int64)
    for i in range(n):
        count = 0
        w0, w1 = lo[i], hi[i]
        nf = s_ptr[i + 1] - s_ptr[i]
        total = 0
        for q in range(nf):
            start, end = p_ptr[s_ids[s_ptr[i] + q]], p_ptr[s_ids[s_ptr[i] + q] + 1]
            # binary search for the first posting inside the window
            left, right = start, end
            while left < right:
                mid = (left + right) // 2
                if p_j[mid] < w0:
                    left = mid + 1
                else:
                    right = mid
            stop, right = left, end  # ... and past the last one (a common feature has thousands)
            while stop < right:
                mid = (stop + right) // 2
                if p_j[mid] <= w1:
                    stop = mid + 1
                else:
                    right = mid
            if stop - left > max_hits:
                stop = left  # too common in this window to tell sentences apart
            first[q], last[q] = left, stop
            total += stop - left
        order = np.arange(nf)
        if total > budget:  # a repetitive text: its rarest features only, up to the budget
            order = np.argsort(last[:nf] - first[:nf], kind="mergesort")
        spent = 0
        for q in order:
            spent += last[q] - first[q]
            if spent > budget:
                break
            a = s_ptr[i] + q
            for b in range(first[q], last[q]):
                slot = p_j[b] - w0
                if acc[slot] == 0.0:
                    touched[count] = slot
                    count += 1
                acc[slot] += min(s_w[a], p_w[b])
        for c in range(k):
            cand_j[i, c] = -1
            cand_sim[i, c] = 0.0
        for t in range(count):
            slot = touched[t]
            j = slot + w0
            sim = 2.0 * acc[slot] / (s_mass[i] + t_mass[j] + 1e-9)
            acc[slot] = 0.0
            # insert into the k best, kept sorted by decreasing similarity; of equals (a repeated
            # passage), the one nearer the centre first
            pos = k
            while pos > 0 and (cand_j[i, pos - 1] < 0 or sim > cand_sim[i, pos - 1] or (
                    sim == cand_sim[i, pos - 1] and abs(j - centre[i]) < abs(cand_j[i, pos - 1] - centre[i]))):
                pos -= 1
            if pos < k:
                for q in range(k - 1, pos, -1):
                    cand_j[i, q] = cand_j[i, q - 1]
                    cand_sim[i, q] = cand_sim[i, q - 1]
                cand_j[i, pos] = j
                cand_sim[i, pos] = sim


_top_candidates.numpy = overlap_vector.top_candidates


def postings(side: SideFeatures, n_features: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Inverted index of one side: for each feature id, the sentences holding it (sorted)."""
    order = np.argsort(side.ids, kind="stable")  # rows are in order already (CSR)
    rows = np.repeat(np.arange(len(side), dtype=np.int32), np.diff(side.indptr))[order]
    ptr = prefix_sums(np.bincount(side.ids, minlength=n_features))
    return ptr, rows, side.weights[order]


def top_candidates(
    src: SideFeatures, tgt: SideFeatures, lo: np.ndarray, hi: np.ndarray, k: int = 3, max_hits: int = 8,
    centre: np.ndarray | None = None, budget: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The k most similar targets (Dice of weighted features) of each source sentence in its
    window [lo, hi]; a feature with more than `max_hits` sentences in the window is skipped (too
    common there to tell sentences apart), and with a `budget`, a sentence whose features have
    more hits than that in all uses its rarest ones only, up to the budget (a repetitive text in
    a wide window: the cost per sentence stays bounded). Of equally similar targets (copies of a
    repeated passage), those nearer `centre` (default: the middle of the window) come first."""
    n_features = int(max(src.ids.max(initial=-1), tgt.ids.max(initial=-1))) + 1
    p_ptr, p_j, p_w = postings(tgt, n_features)
    cand_j = np.full((len(src), k), -1, dtype=np.int64)
    cand_sim = np.zeros((len(src), k), dtype=np.float64)
    if centre is None:
        centre = (lo + hi) / 2
    if len(src) and n_features:
        _top_candidates(src.indptr, src.ids, src.weights, src.mass, p_ptr, p_j, p_w, tgt.mass,
                        lo.astype(np.int64), hi.astype(np.int64), np.asarray(centre, dtype=np.float64),
                        int(max_hits), int(budget) if budget is not None else 2**62, k, cand_j, cand_sim)
    return cand_j, cand_sim


@kernel
def _block_overlap(i_arr, j_arr, a, b, m_off, m_lo, m_hi, matches, s_each, t_each, floor, base, mass0, out, stray):
    got = np.zeros((2, max(a, b)))  # matched mass of each sentence of the bead, per side
    each = np.zeros((2, max(a, b)))
    size = (a, b)
    for p in range(len(i_arr)):
        i, j = i_arr[p], j_arr[p]
        src_part = 0.0
        tgt_part = 0.0
        for r in range(a):
            x = i + r
            row = 0.0
            for c in range(b):
                y = j + c
                if m_lo[x] <= y <= m_hi[x]:
                    row += matches[m_off[x] + y - m_lo[x]]
            each[0, r] = s_each[x]
            got[0, r] = min(row, s_each[x])
            src_part += got[0, r]
        for c in range(b):
            y = j + c
            col = 0.0
            for r in range(a):
                x = i + r
                if m_lo[x] <= y <= m_hi[x]:
                    col += matches[m_off[x] + y - m_lo[x]]
            each[1, c] = t_each[y]
            got[1, c] = min(col, t_each[y])
            tgt_part += got[1, c]
        out[p] = (src_part + tgt_part) / 2
        if a == 1 and b == 1:
            continue
        lone = 0.0
        for side in range(2):
            count = size[side]
            if count < 2:
                continue
            # how much of the other side is already explained: a stray sentence next to an
            # unexplained remainder may be its (unrecognized) translation, next to a fully
            # explained one it has nothing left to translate
            other = 1 - side
            o_mass = 0.0
            for y in range(size[other]):
                o_mass += each[other, y]
            o_got = tgt_part if side == 0 else src_part
            explained = o_got / o_mass if o_mass > 0.0 else 0.0
            for x in range(count):
                if each[side, x] <= 0.0:
                    continue
                short = 1.0 - got[side, x] / (floor * each[side, x])
                if short <= 0.0:
                    continue
                conf = each[side, x] / (each[side, x] + mass0)
                lone += short * conf * (base + (1.0 - base) * explained)
        stray[p] = lone


_block_overlap.numpy = overlap_vector.block_overlap


def block_overlap(match, i, j, a: int, b: int, src_mass: np.ndarray, tgt_mass: np.ndarray) -> np.ndarray:
    """Feature overlap of beads source i..i+a-1 x target j..j+b-1, for arrays of (i, j).

    `match` is (offsets, lo, hi, values) from pair_matches. Pair overlaps are summed per
    sentence and capped at that sentence's own mass, so a feature repeated across a bead cannot
    count more than it weighs (the result is half the matched mass of both sides, directly
    comparable to one pair's overlap).
    """
    return block_match(match, i, j, a, b, src_mass, tgt_mass)[0]


def block_match(
    match, i, j, a: int, b: int, src_mass: np.ndarray, tgt_mass: np.ndarray,
    floor: float = 1.0, base: float = 1.0, mass0: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """(overlap, stray) of beads: overlap as in block_overlap, and how much of the bead is stray.

    A sentence that shares its side of the bead with another sentence is stray as far as it
    matches less than `floor` of its own mass across the bead. It counts
    (1 - matched share / floor) * mass / (mass + mass0) * (base + (1 - base) * explained),
    where `explained` is the matched share of the bead's other side: a sentence without
    lexical material counts little, and so does one next to an unexplained remainder on the
    other side (it may be that remainder's unrecognized translation); one with real material
    beside a fully explained other side has nothing left to translate and counts nearly 1.
    """
    m_off, m_lo, m_hi, matches = match
    out = np.zeros(len(i))
    stray = np.zeros(len(i))
    if len(i) and a and b:
        _block_overlap(np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64), a, b,
                       m_off, m_lo.astype(np.int64), m_hi.astype(np.int64), matches,
                       np.asarray(src_mass, dtype=np.float64), np.asarray(tgt_mass, dtype=np.float64),
                       float(floor), float(base), float(mass0), out, stray)
    return out, stray
