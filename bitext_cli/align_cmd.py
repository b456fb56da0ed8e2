"""`bitext align`: two texts in, TEI (or beads) out."""

from __future__ import annotations

import click

from corpora.atomic import atomic_write
from corpora.metadata import load_metadata

from align.options import AlignOptions
from align.registry import ALIGNERS

from bitext_cli.inputs import guard_output, output_option
from bitext_cli.pipeline import Job, render, run_job


@click.command()
@click.argument("src", type=click.Path(allow_dash=True))
@click.argument("tgt", type=click.Path(allow_dash=True))
@click.option("--src-lang", "-s", help="Language of SRC (inferred only where the script settles it).")
@click.option("--tgt-lang", "-t", help="Language of TGT.")
@output_option
@click.option("--to", "fmt", type=click.Choice(["tei", "beads"]), default="tei", show_default=True,
              help="Output format: TEI P5 XML, or one `[i, j]:[k]` bead per line.")
@click.option("--scores/--no-scores", default=False, help="With --to beads: append `:score` to each bead.")
@click.option("--presplit", is_flag=True, help="Inputs hold one segment per line (blank lines end paragraphs).")
@click.option("--scorer", default="lexical", show_default=True,
              type=click.Choice(sorted(ALIGNERS)), help="Aligner to use.")
@click.option("--max-align", default=4, show_default=True, type=click.IntRange(2, 10),
              help="Most sentences a bead may hold on both sides together.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of both inputs.")
@click.option("--meta", "meta_file", type=click.Path(dir_okay=False), default=None,
              help="Metadata for the TEI header: a YAML or JSON file of the keys listed in the README.")
def align(src: str, tgt: str, src_lang: str | None, tgt_lang: str | None, output: str | None, force: bool,
          fmt: str, scores: bool, presplit: bool, scorer: str, max_align: int, encoding: str,
          meta_file: str | None) -> None:
    """Align SRC with its translation TGT sentence by sentence.

    SRC and TGT are plain text, or TEI (.xml): a TEI text already split into <s xml:id> keeps
    its segments and ids; one with only <p> is segmented here.
    """
    guard_output(output, force, [src, tgt] + ([meta_file] if meta_file else []))
    meta = tuple(load_metadata(meta_file).items()) if meta_file else ()
    options = AlignOptions(aligner=scorer, max_align=max_align)
    job = Job(src, tgt, src_lang, tgt_lang, presplit, encoding, options, meta=meta)
    atomic_write(output or "-", render(run_job(job), fmt, scores))
