"""Dictionaries in dictd format (FreeDict's), read straight into `--dictionary` word pairs.

FreeDict publishes translating dictionaries for many language pairs as dictd files, and Linux
distributions package them (Debian: `apt-get install dict-freedict-deu-fra` puts
/usr/share/dictd/freedict-deu-fra.index beside its .dict.dz). A dictd dictionary is an index
(headword, offset, length; numbers in dictd's base 64) into a text file, plain or gzip-compatible
dictzip. An entry's first line is the headword (with pronunciation "/.../" and part of speech
"<...>"); its translations are the line after it and every numbered sense line ("2. courant
descendant, vent descendant"), comma-separated. Other lines are definitions and examples, and
parentheses hold glosses ("(bot.)"), so they are skipped. This reading suits the WikDict-made
FreeDict files (deu-fra, fra-deu, eng-rus, ...); older hand-made ones (eng-tur) carry run-on
phrases that come through as noise.

The file name gives the pair: "freedict-deu-fra" goes from German to French. When the texts are
aligned the other way round, the pairs are turned round; a dictionary of neither pair is an error.
`--dictionary auto` takes the installed dictionary of the pair (find_dictionary): the folders of
BITEXT_DICTD (separated like PATH), else /usr/share/dictd, where Debian's packages put them.
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from pathlib import Path
from typing import Iterator

from corpora.errors import InputError
from corpora.languages import same_language

DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_VALUE = {ch: k for k, ch in enumerate(DIGITS)}
_PAIR = re.compile(r"(?:^|[-_.])([a-z]{3})-([a-z]{3})$")
_HEAD_TAIL = re.compile(r"\s*[/<].*$")  # pronunciation and part of speech after the headword
_SENSE = re.compile(r"^\d+\.\s+(.*)$")
_NOISE = re.compile(r"\([^)]*\)|\s\d+\.$|\.$")  # glosses, a trailing sense number or full stop
EXTENSIONS = (".index", ".dict.dz", ".dict")
FOLDERS = ("/usr/share/dictd",)  # where Debian's dict-freedict-* packages install their files


def is_dictd(path: str | Path) -> bool:
    """Whether a `--dictionary` path names a dictd dictionary (its .index, .dict or .dict.dz)."""
    return Path(path).name.endswith(EXTENSIONS)


def _base(path: Path) -> Path:
    """The dictionary's path without its extension ("/x/freedict-deu-fra")."""
    name = path.name
    for ext in EXTENSIONS:
        if name.endswith(ext):
            return path.with_name(name[: -len(ext)])
    return path


def languages(path: str | Path) -> tuple[str, str] | None:
    """The (headword, translation) languages the file name gives, as ISO 639-3 codes."""
    found = _PAIR.search(_base(Path(path)).name)
    return (found.group(1), found.group(2)) if found else None


def orientation(path: str | Path, src_lang: str, tgt_lang: str) -> bool | None:
    """Whether the dictionary must be turned round for src_lang -> tgt_lang texts: False to use it
    as it is (also when its file name or the languages are unknown), None when it names another pair."""
    pair = languages(path)
    if not pair or "und" in (src_lang, tgt_lang):
        return False
    if same_language(src_lang, pair[0]) and same_language(tgt_lang, pair[1]):
        return False
    if same_language(src_lang, pair[1]) and same_language(tgt_lang, pair[0]):
        return True
    return None


def folders() -> list[Path]:
    """The folders `--dictionary auto` looks in: BITEXT_DICTD's, else FOLDERS."""
    listed = os.environ.get("BITEXT_DICTD")
    return [Path(x) for x in (listed.split(os.pathsep) if listed else FOLDERS) if x]


def find_dictionary(src_lang: str, tgt_lang: str, where: list[Path] | None = None) -> Path | None:
    """The installed dictd dictionary (.index) whose file name gives the pair, preferably as it
    is (src-tgt) over turned round, first folder first; None when there is none (or a language
    is unknown)."""
    if "und" in (src_lang, tgt_lang):
        return None
    found = []
    for rank, folder in enumerate(folders() if where is None else where):
        for path in sorted(folder.glob("*.index")) if folder.is_dir() else ():
            turned = orientation(path, src_lang, tgt_lang) if languages(path) else None
            if turned is not None and (path.with_suffix(".dict.dz").exists() or path.with_suffix(".dict").exists()):
                found.append((turned, rank, str(path)))
    return Path(min(found)[2]) if found else None


def _number(text: str, path: Path, no: int) -> int:
    """A dictd index offset or length."""
    value = 0
    for ch in text:
        if ch not in _VALUE:
            raise InputError(f"line {no}: {text!r} is not a dictd offset", path)
        value = value * 64 + _VALUE[ch]
    return value


def _data(base: Path) -> bytes:
    """The dictionary text, from .dict.dz (dictzip, which gzip reads) or .dict."""
    packed, plain = base.with_name(base.name + ".dict.dz"), base.with_name(base.name + ".dict")
    try:
        if packed.exists():
            return gzip.decompress(packed.read_bytes())
        return plain.read_bytes()
    except FileNotFoundError:
        index = base.with_name(base.name + ".index")
        raise InputError("a dictd index needs its .dict.dz or .dict file beside it", index) from None
    except (OSError, EOFError, zlib.error) as err:
        raise InputError(f"cannot read the dictd data: {err}", packed) from None


def entries(path: str | Path) -> Iterator[str]:
    """Every entry's text, in index order (the 00-database-* entries left out)."""
    base = _base(Path(path))
    index = base.with_name(base.name + ".index")
    try:
        lines = index.read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise InputError("no such file", index) from None
    except UnicodeDecodeError:
        raise InputError("not a UTF-8 dictd index", index) from None
    data = _data(base)
    for no, line in enumerate(lines, 1):
        cols = line.split("\t")
        if len(cols) != 3:
            raise InputError(f"line {no}: expected headword, offset and length (tab-separated)", index)
        if not cols[0].startswith("00"):  # 00-database-info, 00databaseshort and the like
            start = _number(cols[1], index, no)
            yield data[start:start + _number(cols[2], index, no)].decode("utf-8", "replace")


def translations(entry: str) -> tuple[str, list[str]]:
    """An entry's headword and its translations."""
    lines = entry.strip("\n").split("\n")
    head = _HEAD_TAIL.sub("", lines[0]).strip()
    found = []
    for k, line in enumerate(lines[1:]):
        sense = _SENSE.match(line)
        if k == 0 or sense:
            text = _NOISE.sub("", sense.group(1) if sense else line)
            found += [t.strip() for t in text.split(",") if t.strip()]
    return head, found


def word_pairs(path: str | Path, src_lang: str = "und", tgt_lang: str = "und") -> list[tuple[str, str]]:
    """The dictionary's (source, target) pairs for texts in src_lang -> tgt_lang: turned round
    when the file name says it goes the other way, as it is when it names no pair."""
    turned = orientation(path, src_lang, tgt_lang)
    if turned is None:
        pair = "-".join(languages(path) or ())
        raise InputError(f"a dictionary of {pair} cannot serve {src_lang}-{tgt_lang} texts", path)
    out = []
    for entry in entries(path):
        head, found = translations(entry)
        if head:
            out += [(t, head) if turned else (head, t) for t in found]
    return out
