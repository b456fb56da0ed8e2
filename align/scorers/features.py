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
    for text in texts:
        ws = cognates.words(text)
        keys = [latin_key(w) for w in ws]
        words.append([k for k in keys if len(k) >= 2])
        names.append({k for w, k in zip(ws, keys) if len(k) >= 3 and cognates.is_name(w)})
        nums.append(numbers.numbers(text))
        punct.append(numbers.punctuation(text))
    return Tokens(words, names, nums, punct)


def _sentence_features(
    tok: Tokens, i: int, other_words: set[str], other_stems: set[str],
    translations: Mapping[str, Mapping[str, frozenset[str]]], name_map: Mapping[str, str],
) -> dict[str, str]:
    """{feature: class} of one sentence."""
    feats: dict[str, str] = {}
    for k in tok.words[i]:
        if k in other_words:
            feats["w:" + k] = "word"
        elif k in name_map:
            feats["w:" + name_map[k]] = "word"
        st = cognates.cognate_stem(k)
        if st and st in other_stems:
            feats["s:" + st] = "stem"
        for prefix, lexicon in translations.items():
            for t in lexicon.get(dictionary.stem(k) if prefix == "d" else k, ()):
                feats[f"{prefix}:{t}"] = prefix
    for x in tok.numbers[i]:
        feats["n:" + x] = "number"
    for x in tok.punct[i]:
        feats["p:" + x] = "punct"
    return feats


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
    if lexicon:
        src_tr["d"] = lexicon
        targets = {t for ts in lexicon.values() for t in ts}
        tgt_tr["d"] = {t: frozenset([t]) for t in targets}
    if learned:
        src_tr["l"] = learned
        targets = {t for ts in learned.values() for t in ts}
        tgt_tr["l"] = {t: frozenset([t]) for t in targets}
    src_feats = [_sentence_features(src, i, tgt_vocab, tgt_stems, src_tr, name_map) for i in range(len(src.words))]
    tgt_feats = [_sentence_features(tgt, j, src_vocab | linked, src_stems, tgt_tr, {})
                 for j in range(len(tgt.words))]
    if anchors is not None:
        for side, keys in ((src_feats, anchors[0]), (tgt_feats, anchors[1])):
            for feats, extra in zip(side, anchor_features(keys, len(side))):
                feats.update(dict.fromkeys(extra, "anchor"))
    return _to_arrays(src_feats, tgt_feats, src.words, tgt.words, class_weights)


def _to_arrays(src_feats, tgt_feats, src_words, tgt_words, class_weights) -> tuple[SideFeatures, SideFeatures]:
    df: dict[str, int] = {}
    for side in (src_feats, tgt_feats):
        for feats in side:
            for f in feats:
                df[f] = df.get(f, 0) + 1
    total = len(src_feats) + len(tgt_feats) + 1
    norm = math.log(total) if total > 1 else 1.0
    numbering = {f: k for k, f in enumerate(sorted(df))}
    sides = []
    for side, words in ((src_feats, src_words), (tgt_feats, tgt_words)):
        indptr = np.zeros(len(side) + 1, dtype=np.int64)
        ids: list[int] = []
        weights: list[float] = []
        for i, feats in enumerate(side):
            row = sorted((numbering[f], class_weights[c] * math.log(total / df[f]) / norm) for f, c in feats.items())
            row = [r for r in row if r[1] > 0]
            ids.extend(r[0] for r in row)
            weights.extend(r[1] for r in row)
            indptr[i + 1] = len(ids)
        w = np.asarray(weights, dtype=np.float64)
        rows = np.repeat(np.arange(len(side)), np.diff(indptr))
        mass = np.bincount(rows, weights=w, minlength=len(side)).astype(np.float64)
        sides.append(SideFeatures(indptr, np.asarray(ids, dtype=np.int64), w, mass, words))
    return sides[0], sides[1]
