"""Shared option handling: reading and segmenting inputs, resolving languages, guarding outputs."""

from __future__ import annotations

from pathlib import Path

import click

from corpora import languages
from corpora.errors import InputError, UsageError
from corpora.model import Document
from corpora.readers import read_text, split_paragraphs, split_presplit

from align.segment import segment_paragraphs


def resolve_lang(code: str | None, text: str, path: str, option: str) -> str:
    """The language from its option, or from the script where that settles it, else an error."""
    if code:
        return languages.normalize(code)
    inferred = languages.infer_from_script(text)
    if inferred:
        return inferred
    raise UsageError(f"{path}: cannot tell its language from the script; pass {option} (e.g. {option} en)")


def load_document(
    path: str, lang: str | None, option: str, presplit: bool, encoding: str, text_id: str = ""
) -> Document:
    """Read, decode and segment one input into a Document."""
    text = read_text(path, encoding)
    code = resolve_lang(lang, text, path, option)
    if presplit:
        paragraphs = split_presplit(text)
    else:
        paragraphs = segment_paragraphs(split_paragraphs(text), code)
    doc = Document.from_sentences(code, paragraphs, text_id=text_id)
    if len(doc) == 0:
        raise InputError("has no sentences", path)
    return doc


def guard_output(output: str | None, force: bool, inputs: list[str]) -> None:
    """Refuse to write over an input, or over an existing file unless --force was given."""
    if output in (None, "-"):
        return
    out = Path(output).resolve()
    for given in inputs:
        if given != "-" and Path(given).resolve() == out:
            raise UsageError(f"{output}: output would overwrite an input file")
    if out.exists() and not force:
        raise UsageError(f"{output}: already exists; pass --force to overwrite it")


def output_option(func):
    """`-o/--output FILE` and `--force`, shared by the commands that write a file."""
    func = click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")(func)
    return click.option(
        "-o", "--output", default=None, metavar="FILE", help="Write here ('-' or absent: standard output)."
    )(func)
