"""Per-sentence weighted feature sets built from every lexical signal, stored as CSR arrays.

A feature is a string such as "w:bukharin" (word key), "s:prsdn" (cognate stem), "n:1938"
(number; also said in words, "zwei" as "n:2", "июля" as "n:m7": number_words.py), "p:?"
(punctuation class), "d:kitap" (dictionary translation), "l:buch" (learned translation) or
"n:g12" (a name key: a glossary entry the sentence names). Word-like features are kept only when the other document could match
them (a word that never occurs on the other side is no evidence either way); numbers,
punctuation and name keys are always kept, so that a mismatch counts against a bead.
Each kept feature weighs `class weight * idf`, idf normalized to 0..1 over the two documents.

A two-letter key that the two sides write in different scripts ("by" and "бы", "on" and "он",
"do" and "до") is a chance collision of function words, not a transliterated name: it is in
class "short" (low weight). In a short document idf cannot tell such a word from a rare one,
and a sentence whose only feature it is looked translated by a one-word match; runs of 1-1
links shifted by one, between two spurious omissions, were built on them (issue 22). Within one
script two-letter keys stay words: "in" in two quotations of the same English title.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from itertools import chain, repeat
from typing import AbstractSet, Iterable, Mapping, Sequence

import numpy as np

from glossary.keys import latin_keys

from align.arrays import prefix_sums
from align.scorers import cognates, dictionary, names, number_words, numbers
from align.scorers.name_keys import name_key_features
from align.scorers.learned import learn_key

SHORT_KEY = 2  # key length of the words whose cross-script matches are chance (class "short")


@dataclass
class SideFeatures:
    """One side's sentences as sorted feature ids with weights (CSR), plus word key ids."""

    indptr: np.ndarray  # int64, len n + 1
    ids: np.ndarray  # int32 feature ids, sorted within each sentence
    weights: np.ndarray  # float64
    mass: np.ndarray  # float64, total weight per sentence
    words: Sequence[Sequence[str]]  # Latin keys of every word, for learning a lexicon

    def __len__(self) -> int:
        return len(self.mass)


@dataclass
class Tokens:
    """What the signals see in each sentence of one side (empty sets are one shared NONE)."""

    words: list[Sequence[str]]
    names: list[AbstractSet[str]]
    numbers: list[AbstractSet[str]]
    punct: list[AbstractSet[str]]
    common: set[str] = field(default_factory=set)  # name keys also written in lowercase somewhere
    # numbers said in words ("zwei": "2"), per sentence; lexical features only: the number_miss
    # count keeps to digits and dates (measured: counting number words there too lost a textberg-dev bead)
    spoken: list[AbstractSet[str]] | None = None
    scripts: dict[str, frozenset[str]] = field(default_factory=dict)  # scripts of each two-letter key's words


NONE: frozenset[str] = frozenset()  # every sentence's empty set: most have no numbers, names or number words
CHUNK = 4096  # sentences tokenized at a time: their raw words are dropped before the next ones are found


def tokenize(texts: Sequence[str]) -> Tokens:
    """Word keys, name keys, numbers and punctuation classes of every sentence.

    Sentences are read CHUNK at a time, each distinct word keyed once; memory holds the raw
    words of one chunk only, and every empty set is the shared NONE (a set costs 216 bytes:
    at 100k sentences a side, that alone was 100 MB)."""
    key_of: dict[str, str] = {}  # each distinct word is keyed once ("" for keys too short to keep)
    name_key: dict[str, str] = {}  # capitalized words (candidate names) and their keys
    lower: set[str] = set()  # keys of words written in lowercase
    scripts: dict[str, set[str]] = {}
    known: dict[str, tuple] = {}  # words that may be number words (number_words.vocabulary)
    words: list[Sequence[str]] = []
    pool = _Pool()
    names: list[AbstractSet[str]] = []
    nums: list[AbstractSet[str]] = []
    spoken: list[AbstractSet[str]] = []
    for start in range(0, len(texts), CHUNK):
        part = texts[start:start + CHUNK]
        found = list(map(cognates.words, part))
        new = list(set(chain.from_iterable(found)).difference(key_of))
        for w, k in zip(new, latin_keys(new) if new else ()):  # keyed in one pass: twice as fast
            key_of[w] = k if len(k) >= 2 else ""
            if len(k) == SHORT_KEY:
                scripts.setdefault(k, set()).add(script(w))
            if len(k) >= 3 and cognates.is_name(w):
                name_key[w] = k
            elif w[0].islower():
                lower.add(k)
        known.update(number_words.vocabulary(new))
        name_words = name_key.keys()
        words += [tuple(filter(None, map(key_of.__getitem__, ws))) for ws in found]
        names += [pool.one(name_key[w] for w in name_words & ws) if ws else NONE for ws in found]
        digits: list[AbstractSet[str]] = [pool.one(x) for x in map(numbers.numbers, part)]
        spoken += map(pool.one, _spoken_numbers(found, known, digits))
        nums += map(pool.one, digits)
    punct: list[AbstractSet[str]] = [pool.one(x) for x in map(numbers.punctuation, texts)]
    return Tokens(words, names, nums, punct, lower.intersection(name_key.values()), spoken if known else None,
                  {k: frozenset(v) for k, v in scripts.items()})


class _Pool:
    """One frozenset per distinct set of strings: most sentences share their punctuation,
    numbers and names with others (a set costs 216 bytes or more; at 100k sentences a side the
    sets were 150 MB), and every empty set is NONE."""

    def __init__(self) -> None:
        self.sets: dict[frozenset[str], frozenset[str]] = {NONE: NONE}

    def one(self, values: Iterable[str]) -> frozenset[str]:
        key = frozenset(values)
        return self.sets.setdefault(key, key)


def script(word: str) -> str:
    """The script of a word's first letter, as Unicode names it ("LATIN", "CYRILLIC", ...)."""
    return unicodedata.name(word[0], "?").split(" ", 1)[0]


def chance_keys(src: Tokens, tgt: Tokens) -> frozenset[str]:
    """Two-letter keys both sides have, written in different scripts on the two sides."""
    return frozenset(k for k, s in src.scripts.items() if k in tgt.scripts and s.isdisjoint(tgt.scripts[k]))


def _spoken_numbers(found: Sequence[list[str]], known: Mapping[str, tuple],
                    nums: list[AbstractSet[str]]) -> list[AbstractSet[str]]:
    """The numbers each sentence says in words ("zwei": "2"; number_words.py; `known`: the
    document's number words so far). Month and day names ("июля": "m7") are dates as sure as
    digits: they go into `nums` (replaced, not changed: sets may be the shared NONE), where
    number_miss counts them too (measured: number words there lose a bead)."""
    if not known:
        return [NONE] * len(found)
    hits = known.keys()
    out: list[AbstractSet[str]] = []
    for k, ws in enumerate(found):
        said = number_words.spoken_numbers(ws, known) if not hits.isdisjoint(ws) else NONE
        dates = {x for x in said if number_words.is_date(x)}
        if dates:
            nums[k] = nums[k] | dates
            said = said - dates
        out.append(said or NONE)
    return out


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
    words: Sequence[str], other_words: set[str], other_stems: set[str],
    translations: Mapping[str, Mapping[str, frozenset[str]]], name_map: Mapping[str, str], number: _Numbering,
    chance: frozenset[str] = frozenset(),
) -> tuple[list[int], list[int]]:
    """How many feature ids each word key contributes, in order, and those ids, flat
    (`chance`: keys in class "short"). One loop over the vocabulary with the numbering inlined
    for the word and stem features (every word has them: a call each was a third of the time)."""
    ids, classes = number.ids, number.classes
    stem = cognates.cognate_stem
    tables = [(prefix, lexicon, dictionary.stem if prefix == "d" else learn_key)
              for prefix, lexicon in translations.items()]
    sizes: list[int] = []
    flat: list[int] = []
    for key in words:
        before = len(flat)
        group = name_map.get(key)
        if group is not None:  # a name spelled differently on the two sides: its group's key
            feature, cls = "w:" + group, "word"
        elif key in other_words:
            feature, cls = "w:" + key, "short" if key in chance else "word"
        else:
            feature = ""
        if feature:
            fid = ids.get(feature)
            if fid is None:
                fid = ids[feature] = len(classes)
                classes.append(cls)
            flat.append(fid)
        st = stem(key)
        if st and st in other_stems:
            feature = "s:" + st
            fid = ids.get(feature)
            if fid is None:
                fid = ids[feature] = len(classes)
                classes.append("stem")
            flat.append(fid)
        for prefix, lexicon, look in tables:
            found = lexicon.get(look(key))
            if found:  # sorted: feature ids (and so the order of float sums) must not follow set order
                flat.extend(number(f"{prefix}:{t}", prefix) for t in sorted(found))
        sizes.append(len(flat) - before)
    return sizes, flat


def _side_pairs(
    tok: Tokens, vocab: set[str], other_words: set[str], other_stems: set[str],
    translations: Mapping[str, Mapping[str, frozenset[str]]], name_map: Mapping[str, str], number: _Numbering,
    chance: frozenset[str] = frozenset(),
) -> tuple[np.ndarray, np.ndarray]:
    """(sentence, feature id) pairs of one side, sorted, repeats dropped (_unique_pairs); word
    features are computed once per distinct word and spread to its sentences with array
    operations, CHUNK sentences at a time (a token's pairs, repeats included, are several times
    the size of the result: at 100k sentences a side they were the largest arrays built)."""
    words = sorted(vocab)
    per_word, flat = _word_features(words, other_words, other_stems, translations, name_map, number, chance)
    w_ptr = prefix_sums(np.array(per_word, dtype=np.int64))
    w_ids = np.array(flat, dtype=np.int64)
    del per_word, flat
    index = {k: v for v, k in enumerate(words)}
    more_rows: list[int] = []
    more_ids: list[int] = []
    known = number.ids
    spoken: Iterable[AbstractSet[str]] = tok.spoken or repeat(set())
    for i, nums, said, punct in zip(range(len(tok.words)), tok.numbers, spoken, tok.punct):
        if not (nums or punct or said):
            continue
        if said:
            nums = nums | said
        for prefix, cls, values in (("n:", "number", nums), ("p:", "punct", punct)):
            for x in sorted(values):
                more_rows.append(i)
                fid = known.get(prefix + x)
                more_ids.append(number(prefix + x, cls) if fid is None else fid)
    extra_rows, extra_ids = np.array(more_rows, dtype=np.int64), np.array(more_ids, dtype=np.int64)
    del more_rows, more_ids
    parts = []
    for start in range(0, len(tok.words), CHUNK):
        part = tok.words[start:start + CHUNK]
        sizes = np.fromiter(map(len, part), dtype=np.int64, count=len(part))
        word_of = np.fromiter(map(index.__getitem__, chain.from_iterable(part)), dtype=np.int64,
                              count=int(sizes.sum()))
        counts = w_ptr[word_of + 1] - w_ptr[word_of]
        rows = np.repeat(np.repeat(np.arange(start, start + len(part), dtype=np.int64), sizes), counts)
        first = np.repeat(w_ptr[word_of] - prefix_sums(counts)[:-1], counts)  # each token's first feature, shifted
        first += np.arange(len(rows), dtype=np.int64)
        a, b = np.searchsorted(extra_rows, [start, start + len(part)])
        parts.append(_unique_pairs(np.concatenate([rows, extra_rows[a:b]]),
                                   np.concatenate([w_ids[first], extra_ids[a:b]])))
    if not parts:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def build_features(
    src: Tokens,
    tgt: Tokens,
    class_weights: Mapping[str, float],
    lexicon: Mapping[str, frozenset[str]] | None = None,
    learned: Mapping[str, frozenset[str]] | None = None,
    name_keys: tuple[Sequence[frozenset[str]], Sequence[frozenset[str]]] | None = None,
    name_map: Mapping[str, str] | None = None,
) -> tuple[SideFeatures, SideFeatures]:
    """Both sides' weighted feature sets, sharing one feature numbering (`name_map`: name_links
    of the same tokens, when the caller already has it)."""
    src_vocab, tgt_vocab = set(chain.from_iterable(src.words)), set(chain.from_iterable(tgt.words))
    src_stems = set(map(cognates.cognate_stem, src_vocab))
    tgt_stems = set(map(cognates.cognate_stem, tgt_vocab))
    src_stems.discard("")
    tgt_stems.discard("")
    if name_map is None:
        name_map = name_links(src, tgt)
    src_tr: dict[str, Mapping[str, frozenset[str]]] = {}
    tgt_tr: dict[str, Mapping[str, frozenset[str]]] = {}
    if lexicon:
        lexicon = dictionary.in_document(lexicon, src.words, tgt.words)
    for prefix, table in (("d", lexicon), ("l", learned)):
        if table:
            src_tr[prefix] = table
            tgt_tr[prefix] = {t: frozenset([t]) for ts in table.values() for t in ts}
    number = _Numbering()
    chance = chance_keys(src, tgt)
    pairs = [_side_pairs(src, src_vocab, tgt_vocab, tgt_stems, src_tr, name_map, number, chance)]
    pairs.append(_side_pairs(tgt, tgt_vocab, src_vocab, src_stems, tgt_tr, name_map, number, chance))
    if name_keys is not None:
        for side, (keys, count) in enumerate(zip(name_keys, (len(src.words), len(tgt.words)))):
            found = [(i, number(f, "name_key"))
                     for i, extra in enumerate(name_key_features(keys, count)) for f in sorted(extra)]
            extra_rows, extra_ids = np.array(found, dtype=np.int64).reshape(-1, 2).T
            pairs[side] = _unique_pairs(np.concatenate([pairs[side][0], extra_rows]),  # as int64
                                        np.concatenate([pairs[side][1], extra_ids]))
    return _to_arrays(pairs, (len(src.words), len(tgt.words)), (src.words, tgt.words), number, class_weights)


def name_links(src: Tokens, tgt: Tokens) -> dict[str, str]:
    """Names spelled differently on the two sides, each to its group's key (names.link_names).
    It depends on the tokens only, and costs a good share of an alignment: a caller that builds
    features twice for the same documents (lexical.py's two passes) links the names once."""
    return names.link_names(_places(src.names), _places(tgt.names), src.common | tgt.common)


def _places(sentences: Sequence[AbstractSet[str]]) -> dict[str, list[float]]:
    """Each name key's relative positions (sentence index / count) in its document, sorted."""
    out: dict[str, list[float]] = {}
    for i, keys in enumerate(sentences):
        for k in keys:
            out.setdefault(k, []).append(i / len(sentences))
    return out


def _unique_pairs(rows: np.ndarray, fids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sentence, feature id) pairs sorted by sentence, then feature id, repeats dropped (int32)."""
    key = rows.astype(np.int64) << 32  # ids stay far below 2**31, and sentences
    key |= fids
    del rows, fids
    key.sort()
    if len(key):
        key = key[np.concatenate([[True], key[1:] != key[:-1]])]
    return (key >> 32).astype(np.int32), (key & 0xFFFFFFFF).astype(np.int32)


def _to_arrays(flat, sizes: tuple[int, int], words, number: _Numbering,
               class_weights: Mapping[str, float]) -> tuple[SideFeatures, SideFeatures]:
    """CSR arrays of both sides from their _unique_pairs, weighted by class and idf."""
    n_features = len(number.classes)
    df = sum(np.bincount(f, minlength=n_features) for _, f in flat) if n_features else np.zeros(0)
    total = sizes[0] + sizes[1] + 1
    idf = np.log(total / np.maximum(df, 1)) / (math.log(total) if total > 1 else 1.0)
    weight_of = np.array([class_weights[c] for c in number.classes], dtype=np.float64) * idf
    sides = []
    for (rows, fids), n, side_words in zip(flat, sizes, words):
        w = weight_of[fids] if len(fids) else np.zeros(0)
        keep = w > 0
        if not keep.all():
            rows, fids, w = rows[keep], fids[keep], w[keep]
        del keep
        indptr = prefix_sums(np.bincount(rows, minlength=n))
        mass = np.bincount(rows, weights=w, minlength=n).astype(np.float64)
        del rows
        sides.append(SideFeatures(indptr, fids, w, mass, side_words))
    return sides[0], sides[1]
