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
from dataclasses import dataclass, field
from itertools import chain
from typing import Mapping, Sequence

import numpy as np

from glossary.keys import latin_key

from align.scorers import cognates, dictionary, names, numbers
from align.scorers.anchors import anchor_features
from align.scorers.learned import learn_key


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
    common: set[str] = field(default_factory=set)  # name keys also written in lowercase somewhere


def tokenize(texts: Sequence[str]) -> Tokens:
    """Word keys, name keys, numbers and punctuation classes of every sentence."""
    words, names, nums, punct = [], [], [], []
    key_of: dict[str, str] = {}  # each distinct word is keyed once
    name_words: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        ws = cognates.words(text)
        for w in set(ws).difference(key_of):
            k = key_of[w] = latin_key(w)
            if len(k) >= 3 and cognates.is_name(w):
                name_words.add(w)
            elif w[0].islower():
                lower.add(k)
        words.append([k for k in map(key_of.__getitem__, ws) if len(k) >= 2])
        names.append({key_of[w] for w in name_words.intersection(ws)})
        nums.append(numbers.numbers(text))
        punct.append(numbers.punctuation(text))
    return Tokens(words, names, nums, punct, lower.intersection(key_of[w] for w in name_words))


class _Numbering:
    """Feature strings to ids, remembering each feature's class."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.classes: list[str] = []

    def __call__(self, feature: str, cls: str) -> int:
        fid = self.ids.get(feature)
        if fid is None:
            fid = self.ids[feature] = len(self.classes)
            self.classes.append(cls)
        return fid


def _word_features(
    key: str, other_words: set[str], other_stems: set[str],
    translations: Mapping[str, Mapping[str, frozenset[str]]], name_map: Mapping[str, str], number: _Numbering,
) -> tuple[int, ...]:
    """Ids of the features that one word key contributes."""
    feats = []
    if key in name_map:  # a name spelled differently on the two sides: its group's key
        feats.append(number("w:" + name_map[key], "word"))
    elif key in other_words:
        feats.append(number("w:" + key, "word"))
    st = cognates.cognate_stem(key)
    if st and st in other_stems:
        feats.append(number("s:" + st, "stem"))
    for prefix, lexicon in translations.items():
        for t in lexicon.get(dictionary.stem(key) if prefix == "d" else learn_key(key), ()):
            feats.append(number(f"{prefix}:{t}", prefix))
    return tuple(feats)


def _side_features(
    tok: Tokens, other_words: set[str], other_stems: set[str],
    translations: Mapping[str, Mapping[str, frozenset[str]]], name_map: Mapping[str, str], number: _Numbering,
) -> list[set[int]]:
    """Feature ids of every sentence of one side (word features computed once per word)."""
    vocab = {k for ws in tok.words for k in ws}
    per_word = {k: _word_features(k, other_words, other_stems, translations, name_map, number) for k in sorted(vocab)}
    out = []
    for ws, nums, punct in zip(tok.words, tok.numbers, tok.punct):
        feats = set(chain.from_iterable(map(per_word.__getitem__, ws)))
        feats.update(number("n:" + x, "number") for x in sorted(nums))
        feats.update(number("p:" + x, "punct") for x in sorted(punct))
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
    name_map = names.link_names(_places(src.names), _places(tgt.names), src.common | tgt.common)
    src_tr: dict[str, Mapping[str, frozenset[str]]] = {}
    tgt_tr: dict[str, Mapping[str, frozenset[str]]] = {}
    for prefix, table in (("d", lexicon), ("l", learned)):
        if table:
            src_tr[prefix] = table
            tgt_tr[prefix] = {t: frozenset([t]) for ts in table.values() for t in ts}
    number = _Numbering()
    src_feats = _side_features(src, tgt_vocab, tgt_stems, src_tr, name_map, number)
    tgt_feats = _side_features(tgt, src_vocab, src_stems, tgt_tr, name_map, number)
    if anchors is not None:
        for side, keys in ((src_feats, anchors[0]), (tgt_feats, anchors[1])):
            for feats, extra in zip(side, anchor_features(keys, len(side))):
                feats.update(number(f, "anchor") for f in sorted(extra))
    return _to_arrays(src_feats, tgt_feats, src.words, tgt.words, number, class_weights)


def _places(sentences: Sequence[set[str]]) -> dict[str, list[float]]:
    """Each name key's relative positions (sentence index / count) in its document, sorted."""
    out: dict[str, list[float]] = {}
    for i, keys in enumerate(sentences):
        for k in keys:
            out.setdefault(k, []).append(i / len(sentences))
    return out


def _to_arrays(src_feats, tgt_feats, src_words, tgt_words, number: _Numbering,
               class_weights: Mapping[str, float]) -> tuple[SideFeatures, SideFeatures]:
    n_features = len(number.classes)
    flat = []
    for side in (src_feats, tgt_feats):
        sizes = np.fromiter(map(len, side), dtype=np.int64, count=len(side))
        rows = np.repeat(np.arange(len(side), dtype=np.int64), sizes)
        fids = np.fromiter(chain.from_iterable(side), dtype=np.int64, count=int(sizes.sum()))
        flat.append((rows, fids))
    df = sum(np.bincount(f, minlength=n_features) for _, f in flat) if n_features else np.zeros(0)
    total = len(src_feats) + len(tgt_feats) + 1
    idf = np.log(total / np.maximum(df, 1)) / (math.log(total) if total > 1 else 1.0)
    weight_of = np.array([class_weights[c] for c in number.classes], dtype=np.float64) * idf
    sides = []
    for (rows, fids), n, words in zip(flat, (len(src_feats), len(tgt_feats)), (src_words, tgt_words)):
        w = weight_of[fids] if len(fids) else np.zeros(0)
        keep = w > 0
        rows, fids, w = rows[keep], fids[keep], w[keep]
        order = np.lexsort((fids, rows))
        rows, fids, w = rows[order], fids[order], w[order]
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
        mass = np.bincount(rows, weights=w, minlength=n).astype(np.float64)
        sides.append(SideFeatures(indptr, fids, w, mass, words))
    return sides[0], sides[1]
