"""Load and save a glossary in either format (FORMATS, by file extension); the starter glossary.

FORMATS is the glossary part of the command line's table of formats (bitext_cli/formats.py):
`glossary convert` chooses its output from it, loading and saving by extension here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from corpora.atomic import atomic_write
from corpora.errors import InputError

if TYPE_CHECKING:  # the readers and the matcher load on first use: FORMATS is part of every command's table
    from glossary.match import Matcher
    from glossary.model import Glossary

STARTER = "starter.tsv"
DEFAULT_LANG = "en"  # the language of untagged rows where no text says otherwise (lookup, convert)


def starter_path() -> Path:
    """The path of the starter glossary shipped in glossary/data/."""
    return Path(__file__).resolve().parent / "data" / STARTER


@dataclass(frozen=True)
class GlossaryFormat:
    """A glossary file format: its extensions (the first is written by default), how to read
    a file (path, language of untagged rows) and how to write one."""

    extensions: tuple[str, ...]
    read: Callable[[str | Path, str], Glossary]
    write: Callable[[Glossary], bytes]
    label: str


def _read_tsv(path: str | Path, lang: str) -> Glossary:
    from glossary.tsv import read_tsv

    return read_tsv(path, lang)


def _tsv_bytes(glossary: Glossary) -> bytes:
    from glossary.tsv import tsv_text

    return tsv_text(glossary).encode("utf-8")


def _read_tbx(path: str | Path, _lang: str) -> Glossary:
    from glossary.tbx import read_tbx

    return read_tbx(path)


def _tbx_bytes(glossary: Glossary) -> bytes:
    from glossary.tbx import tbx_bytes

    return tbx_bytes(glossary)


FORMATS: dict[str, GlossaryFormat] = {
    "tsv": GlossaryFormat((".tsv", ".txt", ".utf8"), _read_tsv, _tsv_bytes, "OmegaT TSV (source, target, comment)"),
    "tbx": GlossaryFormat((".tbx", ".xml"), _read_tbx, _tbx_bytes, "TBX-Basic"),
}


def format_of(path: str | Path, default: str = "tsv") -> str:
    """The glossary format a file name says (its extension), else `default`."""
    suffix = Path(path).suffix.lower()
    return next((name for name, fmt in FORMATS.items() if suffix in fmt.extensions), default)


def load_glossary(path: str | Path | None = None, target_lang: str = DEFAULT_LANG) -> Glossary:
    """A glossary from a TSV or TBX file (by extension), or the starter glossary when None.

    TSV rows that name no language (`lang=`) render their entry in `target_lang`.
    """
    path = starter_path() if path is None else path
    if not Path(path).exists():
        raise InputError("no such file", path)
    return FORMATS[format_of(path)].read(path, target_lang)


@lru_cache(maxsize=16)
def load_matcher(path: str | None, text_lang: str) -> Matcher:
    """The matcher every check of a text in `text_lang` uses (None: the starter glossary).

    The one rule for rows that name no language: they render the entry in the language of the
    text checked against the glossary, as an OmegaT project glossary (one target language)
    means them. Built once per file and language in a process (batch jobs share it).
    """
    from glossary.match import Matcher

    return Matcher(load_glossary(path, text_lang))


def glossary_bytes(glossary: Glossary, fmt: str) -> bytes:
    """The glossary serialized in a format of FORMATS ("tsv", "tbx")."""
    return FORMATS[fmt].write(glossary)


def save_glossary(glossary: Glossary, path: str | Path) -> None:
    """Write a glossary atomically; the format follows the extension (.tbx/.xml: TBX, else TSV)."""
    atomic_write(path, glossary_bytes(glossary, format_of(path)))
