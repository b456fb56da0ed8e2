"""`bitext extract-abstracts FILE -o PREFIX`: the parallel title/abstract/keywords of an article."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import click

from corpora import languages
from corpora.abstracts import extract_abstracts
from corpora.atomic import write_outputs
from corpora.errors import OutputError
from corpora.readers import read_text

from bitext_cli.inputs import guard_output, language_code, path_type

log = logging.getLogger("bitext")


@click.command(name="extract-abstracts")
@click.argument("file", type=path_type(allow_dash=True))
@click.option("-o", "--output", "prefix", required=True, metavar="PREFIX",
              help="Write PREFIX.<src-lang>.txt and PREFIX.<tgt-lang>.txt.")
@click.option("--src-lang", "-s", default="en", callback=language_code, show_default=True, help="First language of the article.")
@click.option("--tgt-lang", "-t", default="tr", callback=language_code, show_default=True, help="Second language of the article.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of FILE.")
@click.option("--force", is_flag=True, help="Overwrite the output files if they exist.")
def extract_abstracts_cmd(file: str, prefix: str, src_lang: str, tgt_lang: str, encoding: str, force: bool) -> None:
    """Pull the title, abstract and keywords in two languages out of a bilingual article FILE.

    Headings such as "Abstract"/"Öz" and labels such as "Keywords:"/"Anahtar Kelimeler:" are
    recognised in Markdown-like or plain text; the two texts written are ready for `bitext align`.
    """
    if os.path.basename(prefix) in ("", ".", ".."):  # `-o out/` would write the hidden out/.en.txt
        raise OutputError(f"names a folder; -o takes a file name prefix (-o {Path(prefix) / 'article'} writes "
                          f"article.{src_lang}.txt and article.{tgt_lang}.txt there)", prefix)
    src, tgt = languages.normalize(src_lang), languages.normalize(tgt_lang)
    outputs = {lang: f"{prefix}.{lang}.txt" for lang in (src, tgt)}
    targets = guard_output(list(outputs.values()), force, [file])
    found = extract_abstracts(read_text(file, encoding), src, tgt, file)
    write_outputs([(target, found.text(lang).encode("utf-8")) for target, lang in zip(targets, outputs)])
    log.info("extracted %s for %s and %s", ", ".join(found.parts), src, tgt)
