"""Per-sentence weighted feature sets built from every lexical signal, stored as CSR arrays.

A feature is a string such as "w:bukharin" (word key), "s:prsdn" (cognate stem), "n:1938"
(number), "p:?" (punctuation class), "d:kitap" (dictionary translation), "l:buch" (learned
translation) or "a:g12" (anchor key). Word-like features are kept only when the other document
could match them (a word that never occurs on the other side is no evidence either way);
numbers, punctuation and anchors are always kept, so that a mismatch counts against a bead.
Each kept feature weighs `class weight * idf`, idf normalized to 0..1 over the two documents.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from glossary.keys import latin_key

from align.scorers import cognates, dictionary, numbers
from align.scorers.anchors import anchor_features


@dataclass
class SideFeatures:
    """One side's sentences as sorted feature ids with weights (CSR), plus word key ids."""

    indptr: np.ndarray  # int64, len n + 1
    ids: np.ndarray  # int64 feature ids, sorted within each sentence
    weights: np.ndarray  # float64
    mass: np.ndarray  # float64, total weight per sentence
    words: list[list[str]]  # Latin keys of every word, for learning a lexicon

    def __len__(self) -> int:
        return len(self.mass)


@dataclass
class Tokens:
    """What the signals see in each sentence of one side."""

    words: list[list[str]]
    names: list[set[str]]
    numbers: list[set[str]]
    punct: list[set[str]]


def tokenize(texts: Sequence[str]) -> Tokens:
    """Word keys, name keys, numbers and punctuation classes of every sentence."""
    words, names, nums, punct = [], [], [], []
    seen: dict[str, tuple[str, bool]] = {}  # word -> (key, is a name)
    for text in texts:
        keys, found = [], set()
        for w in cognates.words(text):
            info = seen.get(w)
            if info is None:
                k = latin_key(w)
                info = seen[w] = (k, len(k) >= 3 and cognates.is_name(w))
            if len(info[0]) >= 2:
                keys.append(info[0])
            if info[1]:
                found.add(info[0])
        words.append(keys)
        names.append(found)
        nums.append(numbers.numbers(text))
        punct.append(numbers.punctuation(text))
    return Tokens(words, names, nums, punct)


def _word_features(
    key: str, other_words: set[str], other_stems: set[str],
    translations: Mapping[str, Mapping[str, frozenset[str]]], name_map: Mapping[str, str],
) -> list[tuple[str, str]]:
    """(feature, class) pairs that one word key contributes."""
    feats = []
    if key in other_words:
        feats.append(("w:" + key, "word"))
    elif key in name_map:
        feats.append(("w:" + name_map[key], "word"))
    st = cognates.cognate_stem(key)
    if st and st in other_stems:
        feats.append(("s:" + st, "stem"))
    for prefix, lexicon in translations.items():
        for t in lexicon.get(dictionary.stem(key) if prefix == "d" else key, ()):
            feats.append((f"{prefix}:{t}", prefix))
    return feats


def _side_features(
    tok: Tokens, other_words: set[str], other_stems: set[str],
    translations: Mapping[str, Mapping[str, frozenset[str]]], name_map: Mapping[str, str],
) -> list[dict[str, str]]:
    """{feature: class} of every sentence of one side (word features computed once per word)."""
    vocab = {k for ws in tok.words for k in ws}
    per_word = {k: _word_features(k, other_words, other_stems, translations, name_map) for k in vocab}
    out = []
    for ws, nums, punct in zip(tok.words, tok.numbers, tok.punct):
        feats: dict[str, str] = {}
        for k in ws:
            feats.update(per_word[k])
        feats.update(("n:" + x, "number") for x in nums)
        feats.update(("p:" + x, "punct") for x in punct)
        out.append(feats)
    return out


def build_features(
    src: Tokens,
    tgt: Tokens,
    class_weights: Mapping[str, float],
    lexicon: Mapping[str, frozenset[str]] | None = None,
    learned: Mapping[str, frozenset[str]] | None = None,
    anchors: tuple[Sequence[frozenset[str]], Sequence[frozenset[str]]] | None = None,
) -> tuple[SideFeatures, SideFeatures]:
    """Both sides' weighted feature sets, sharing one feature numbering."""
    src_vocab = {k for ws in src.words for k in ws}
    tgt_vocab = {k for ws in tgt.words for k in ws}
    src_stems = {s for s in map(cognates.cognate_stem, src_vocab) if s}
    tgt_stems = {s for s in map(cognates.cognate_stem, tgt_vocab) if s}
    name_map = cognates.link_names({k for ns in src.names for k in ns}, {k for ns in tgt.names for k in ns})
    linked = set(name_map.values())
    src_tr: dict[str, Mapping[str, frozenset[str]]] = {}
    tgt_tr: dict[str, Mapping[str, frozenset[str]]] = {}
    for prefix, table in (("d", lexicon), ("l", learned)):
        if table:
            src_tr[prefix] = table
            tgt_tr[prefix] = {t: frozenset([t]) for ts in table.values() for t in ts}
    src_feats = _side_features(src, tgt_vocab, tgt_stems, src_tr, name_map)
    tgt_feats = _side_features(tgt, src_vocab | linked, src_stems, tgt_tr, {})
    if anchors is not None:
        for side, keys in ((src_feats, anchors[0]), (tgt_feats, anchors[1])):
            for feats, extra in zip(side, anchor_features(keys, len(side))):
                feats.update(dict.fromkeys(extra, "anchor"))
    return _to_arrays(src_feats, tgt_feats, src.words, tgt.words, class_weights)


def _to_arrays(src_feats, tgt_feats, src_words, tgt_words, class_weights) -> tuple[SideFeatures, SideFeatures]:
    numbering: dict[str, int] = {}
    classes = sorted(class_weights)
    class_no = {c: k for k, c in enumerate(classes)}
    flat = []
    for side in (src_feats, tgt_feats):
        rows, fids, cls = [], [], []
        for i, feats in enumerate(side):
            for f, c in feats.items():
                rows.append(i)
                fids.append(numbering.setdefault(f, len(numbering)))
                cls.append(class_no[c])
        flat.append((np.asarray(rows, dtype=np.int64), np.asarray(fids, dtype=np.int64), np.asarray(cls, dtype=np.int64)))
    df = sum(np.bincount(f, minlength=len(numbering)) for _, f, _ in flat) if numbering else np.zeros(0)
    total = len(src_feats) + len(tgt_feats) + 1
    idf = np.log(total / np.maximum(df, 1)) / (math.log(total) if total > 1 else 1.0)
    cw = np.array([class_weights[c] for c in classes], dtype=np.float64)
    sides = []
    for (rows, fids, cls), n, words in zip(flat, (len(src_feats), len(tgt_feats)), (src_words, tgt_words)):
        w = cw[cls] * idf[fids] if len(fids) else np.zeros(0)
        keep = w > 0
        rows, fids, w = rows[keep], fids[keep], w[keep]
        order = np.lexsort((fids, rows))
        rows, fids, w = rows[order], fids[order], w[order]
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
        mass = np.bincount(rows, weights=w, minlength=n).astype(np.float64)
        sides.append(SideFeatures(indptr, fids, w, mass, words))
    return sides[0], sides[1]
