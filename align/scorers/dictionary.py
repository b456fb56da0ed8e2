"""A bilingual dictionary from the user (`--dictionary FILE`): two-column TSV, source then target,
or a FreeDict (dictd) dictionary's .index (dictd.py).

Words are compared through their Latin key, and on their first `PREFIX` (4) letters as a crude
stemmer, so that inflected forms ("книги", "книгу") still meet the entry "книга"<TAB>"book".
Lines starting with `#` and blank lines are ignored; entries of several words are kept whole
only as far as their first word goes.

A general dictionary lists every sense of a word ("Berg": mont, montagne, mine, amoncellement),
and a topic word's translation recurs in the sentences around a translated one, so its entries
used as they are make an untranslated sentence look translated: with FreeDict's German-French,
English-Russian and English-Turkish dictionaries, every dev set lost strict F1 (textberg-dev
0.890 -> 0.787). So the aligner uses a dictionary in two ways (lexical.py): in a long document,
only the senses the document confirms (`document_senses`: a pair seen together in a confident
bead of the first path) join the learned lexicon; in a short one, where nothing can be
confirmed, the entries whose two sides both occur in the document (`in_document`) weigh little.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from corpora.errors import InputError
from corpora.readers import decode, read_bytes

from glossary.keys import latin_key

from align.beads import Step
from align.config import AlignConfig
from align.scorers import dictd
from align.scorers.learned import bead_vocabularies

PREFIX = 4

# {source word stem: target word stems}
Lexicon = Mapping[str, frozenset[str]]


def stem(key: str) -> str:
    """The prefix under which dictionary words are matched."""
    return key[:PREFIX]


def _stems(pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """{source stem: target stems} of (source, target) entries, each side by its first word."""
    entries: dict[str, set[str]] = {}
    for source, target in pairs:
        src, tgt = latin_key(source.split()[0]), latin_key(target.split()[0])
        if src and tgt:
            entries.setdefault(stem(src), set()).add(stem(tgt))
    return {k: frozenset(v) for k, v in entries.items()}


def parse_dictionary(text: str, path: str | Path = "<dictionary>") -> dict[str, frozenset[str]]:
    """Entries of a two-column TSV as {source stem: target stems}; a bad line is an InputError."""
    pairs = []
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            raise InputError(f"line {no}: expected two tab-separated columns (source, target)", path)
        pairs.append((cols[0], cols[1]))
    if not pairs:  # a slip (the wrong file) that would align as if no dictionary were given
        raise InputError("holds no word pair (lines of source<TAB>target)", path)
    return _stems(pairs)


AUTO = "auto"  # `--dictionary auto`: the installed FreeDict dictionary of the pair, if any


def resolve_dictionary(options: AlignConfig) -> tuple[AlignConfig, str | None]:
    """Options naming the dictionary `--dictionary auto` stands for (none when no installed
    dictionary serves the pair), and what to tell the user; other options as they are."""
    if options.dictionary != AUTO:
        return options, None
    found = dictd.find_dictionary(options.src_lang, options.tgt_lang)
    pair = f"{options.src_lang}-{options.tgt_lang}"
    if found is None:
        where = os.pathsep.join(map(str, dictd.folders()))
        return replace(options, dictionary=None), f"--dictionary auto: no dictd dictionary for {pair} in {where}; none used"
    return replace(options, dictionary=str(found)), f"--dictionary auto: using {found} for {pair}"


def load_dictionary(path: str | Path, src_lang: str = "und", tgt_lang: str = "und") -> Lexicon:
    """Read a dictionary file: a two-column TSV (UTF-8), or a dictd dictionary (FreeDict's
    .index, turned round to fit src_lang -> tgt_lang; dictd.py); `auto`: the installed one of
    the pair (empty when there is none). Errors name the file.
    A set of documents aligned with one dictionary reads it once (until the file changes)."""
    if str(path) == AUTO:
        found = dictd.find_dictionary(src_lang, tgt_lang)
        return load_dictionary(found, src_lang, tgt_lang) if found else MappingProxyType({})
    try:
        info = Path(path).stat()
    except OSError:  # let the reader name the missing file
        return _read(str(path), src_lang, tgt_lang, ())
    return _read(str(path), src_lang, tgt_lang, (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size))


@lru_cache(maxsize=4)
def _read(path: str, src_lang: str, tgt_lang: str, version: tuple) -> Lexicon:
    """The dictionary of one version of a file (`version` is only part of the cache key)."""
    if dictd.is_dictd(path):
        return MappingProxyType(_stems(dictd.word_pairs(path, src_lang, tgt_lang)))
    return MappingProxyType(parse_dictionary(decode(read_bytes(path), path, option=None), path))


def in_document(
    lexicon: Lexicon, src_words: Sequence[Sequence[str]], tgt_words: Sequence[Sequence[str]],
) -> dict[str, frozenset[str]]:
    """The entries whose source stem occurs in the source document, each with only the
    translations that occur in the target document: a translation that cannot match only
    dilutes its sentence's features."""
    src_stems = {stem(w) for ws in src_words for w in ws}
    tgt_stems = {stem(w) for ws in tgt_words for w in ws}
    out = {}
    for s in sorted(src_stems & lexicon.keys()):
        ts = lexicon[s] & tgt_stems
        if ts:
            out[s] = frozenset(ts)
    return out


def document_senses(
    lexicon: Lexicon, beads: Sequence[Step], src_words: Sequence[Sequence[str]],
    tgt_words: Sequence[Sequence[str]], per_word: int = 1,
) -> dict[str, frozenset[str]]:
    """{source word: target words}, in the learned lexicon's stems (learned.learn_key), of the
    dictionary pairs whose words occur together in at least one of `beads` (a first alignment's
    confident beads), the `per_word` most frequent per source word (ties by stem): the senses
    this document uses. Unlike a learned pair, a pair seen once counts: the dictionary vouches
    for it."""
    together: Counter[tuple[str, str]] = Counter()
    for ss, tt in bead_vocabularies(beads, src_words, tgt_words):
        by_stem: dict[str, list[str]] = {}
        for t in tt:
            by_stem.setdefault(stem(t), []).append(t)
        together.update((s, t) for s in ss for d in lexicon.get(stem(s), ()) for t in by_stem.get(d, ()) if t != s)
    best: dict[str, list[tuple[int, str]]] = {}
    for (s, t), c in together.items():
        best.setdefault(s, []).append((-c, t))
    return {s: frozenset(t for _, t in sorted(cands)[:per_word]) for s, cands in sorted(best.items())}
