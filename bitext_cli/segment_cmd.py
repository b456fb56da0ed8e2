"""`bitext segment`: print one sentence per line, paragraphs separated by blank lines."""

from __future__ import annotations

import click

from corpora import languages
from corpora.readers import read_text, split_paragraphs

from align.segment import segment_paragraphs


@click.command()
@click.option(
    "--lang", required=True,
    help="Language code of the text: en, tr and ru have their own rules, other codes generic ones.",
)
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the input.")
@click.argument("file", type=click.Path(allow_dash=True))
def segment(lang: str, encoding: str, file: str) -> None:
    """Split FILE ('-' for standard input) into sentences, one per line.

    Paragraphs (separated by blank lines in FILE) are separated by a blank line; every
    non-space character of the input is kept, in order.
    """
    code = languages.normalize(lang)
    paragraphs = segment_paragraphs(split_paragraphs(read_text(file, encoding)), code)
    out = "\n\n".join("\n".join(p) for p in paragraphs if p)
    click.echo(out)
