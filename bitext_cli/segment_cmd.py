"""`bitext segment`: print one sentence per line, paragraphs separated by blank lines."""

from __future__ import annotations

import click

from align.segment_rules import languages

from bitext_cli import formats
from bitext_cli.inputs import language_code, path_type
from bitext_cli.pipeline import read_document

FULL = ("en", "tr", "ru")  # full tables (abbreviations, references); the others mostly give their marks
OWN_RULES = ", ".join([*FULL, *sorted(languages() - set(FULL))])


@click.command()
@click.option(
    "--lang", default=None, callback=language_code,
    help=f"Language code of the text: {OWN_RULES} have rules of their own (align/segrules), other codes "
         "generic ones "
         "[default: the language FILE declares, or its script settles]; in a file holding several texts "
         "(TMX, XLIFF, an aligned TEI), the one to print.",
)
@click.option("--encoding", default="utf-8", show_default=True,
              help="Encoding of the input, unless a byte order mark or an XML declaration names another.")
@click.argument("file", type=path_type(allow_dash=True))
def segment(lang: str | None, encoding: str, file: str) -> None:
    """Split FILE ('-' for standard input) into sentences, one per line.

    FILE is any input `bitext align` reads (plain text, TEI, HTML, DOCX, ODT, Markdown, PDF,
    TMX, XLIFF), read and segmented exactly as align reads and segments it. Paragraphs (and
    headings, list items, notes) are separated by a blank line; every non-space character of
    the text read is kept, in order (markup and a plain text's `#` heading marks are not text).
    """
    document = read_document(formats.read_file(file, encoding, "--encoding"), lang, "--lang")
    click.echo("\n\n".join("\n".join(s.text for s in p.segments) for p in document.paragraphs if p.segments))
