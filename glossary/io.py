"""Load and save a glossary in either format, chosen by file extension; the starter glossary."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from corpora.atomic import atomic_write
from corpora.errors import InputError

from glossary.match import Matcher
from glossary.model import Glossary
from glossary.tbx import read_tbx, tbx_bytes
from glossary.tsv import read_tsv, tsv_text

STARTER = "starter.tsv"
DEFAULT_LANG = "en"  # the language of untagged rows where no text says otherwise (lookup, convert)


def starter_path() -> Path:
    """The path of the starter glossary shipped in glossary/data/."""
    return Path(__file__).resolve().parent / "data" / STARTER


def _is_tbx(path: str | Path) -> bool:
    return Path(path).suffix.lower() in (".tbx", ".xml")


def load_glossary(path: str | Path | None = None, target_lang: str = DEFAULT_LANG) -> Glossary:
    """A glossary from a TSV or TBX file (by extension), or the starter glossary when None.

    TSV rows that name no language (`lang=`) render their entry in `target_lang`.
    """
    path = starter_path() if path is None else path
    if not Path(path).exists():
        raise InputError("no such file", path)
    return read_tbx(path) if _is_tbx(path) else read_tsv(path, target_lang)


@lru_cache(maxsize=16)
def load_matcher(path: str | None, text_lang: str) -> Matcher:
    """The matcher every check of a text in `text_lang` uses (None: the starter glossary).

    The one rule for rows that name no language: they render the entry in the language of the
    text checked against the glossary, as an OmegaT project glossary (one target language)
    means them. Built once per file and language in a process (batch jobs share it).
    """
    return Matcher(load_glossary(path, text_lang))


def glossary_bytes(glossary: Glossary, fmt: str) -> bytes:
    """The glossary serialized as "tsv" or "tbx"."""
    return tbx_bytes(glossary) if fmt == "tbx" else tsv_text(glossary).encode("utf-8")


def save_glossary(glossary: Glossary, path: str | Path) -> None:
    """Write a glossary atomically; the format follows the extension (.tbx/.xml: TBX, else TSV)."""
    atomic_write(path, glossary_bytes(glossary, "tbx" if _is_tbx(path) else "tsv"))
