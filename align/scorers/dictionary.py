"""A bilingual dictionary from the user (`--dictionary FILE`): two-column TSV, source then target.

Words are compared through their Latin key, and on their first `PREFIX` (4) letters as a crude
stemmer, so that inflected forms ("книги", "книгу") still meet the entry "книга"<TAB>"book".
Lines starting with `#` and blank lines are ignored; entries of several words are kept whole
only as far as their first word goes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from corpora.errors import InputError
from corpora.readers import read_text

from glossary.keys import latin_key

PREFIX = 4

# {source word key: target word prefixes}
Lexicon = Mapping[str, frozenset[str]]


def stem(key: str) -> str:
    """The prefix under which dictionary words are matched."""
    return key[:PREFIX]


def parse_dictionary(text: str, path: str | Path = "<dictionary>") -> dict[str, frozenset[str]]:
    """Entries of a two-column TSV as {source stem: target stems}; a bad line is an InputError."""
    entries: dict[str, set[str]] = {}
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            raise InputError(f"line {no}: expected two tab-separated columns (source, target)", path)
        src = latin_key(cols[0].split()[0])
        tgt = latin_key(cols[1].split()[0])
        if src and tgt:
            entries.setdefault(stem(src), set()).add(stem(tgt))
    return {k: frozenset(v) for k, v in entries.items()}


def load_dictionary(path: str | Path) -> dict[str, frozenset[str]]:
    """Read a dictionary file (UTF-8); errors name the file."""
    return parse_dictionary(read_text(path), path)
