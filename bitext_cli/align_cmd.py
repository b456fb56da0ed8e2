"""`bitext align`: two texts in, TEI (or beads) out."""

from __future__ import annotations

import logging

import click

from corpora.atomic import atomic_write
from corpora.beadfile import format_beads
from corpora.version import __version__

from align import segment as segmenter
from align.aligner import align_documents
from align.options import AlignOptions
from align.registry import ALIGNERS
from tei.writer import tei_bytes

from bitext_cli.inputs import guard_output, load_document, output_option

log = logging.getLogger("bitext")


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
def align(src: str, tgt: str, src_lang: str | None, tgt_lang: str | None, output: str | None, force: bool,
          fmt: str, scores: bool, presplit: bool, scorer: str, max_align: int, encoding: str) -> None:
    """Align SRC with its translation TGT sentence by sentence."""
    guard_output(output, force, [src, tgt])
    source = load_document(src, src_lang, "--src-lang", presplit, encoding)
    target = load_document(tgt, tgt_lang, "--tgt-lang", presplit, encoding)
    if source.text_id == target.text_id:
        source, target = source.relabel(f"{source.lang}.src"), target.relabel(f"{target.lang}.tgt")
    options = AlignOptions(aligner=scorer, max_align=max_align, src_lang=source.lang, tgt_lang=target.lang)
    seg = "presplit" if presplit else f"{segmenter.describe(source.lang)},{segmenter.describe(target.lang)}"
    bitext = align_documents(source, target, options)
    bitext.meta.update(
        signature=options.signature(__version__, seg),
        source_file=src.rsplit("/", 1)[-1],
        target_file=tgt.rsplit("/", 1)[-1],
    )
    log.info("aligned %d x %d segments with %s: %d links", len(source), len(target), scorer, len(bitext.links))
    data = format_beads(bitext.links, scores).encode() if fmt == "beads" else tei_bytes(bitext)
    atomic_write(output or "-", data)
