"""`bitext align`: two texts in, TEI (or beads) out."""

from __future__ import annotations

import click

from corpora.atomic import atomic_write
from corpora.metadata import load_metadata

from align.options import AlignOptions
from align.registry import ALIGNERS
from glossary.io import starter_path

from bitext_cli.inputs import guard_output, output_option
from bitext_cli.pipeline import Job, glossary_extensions, render, run_job


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
@click.option("--glossary", "glossary_file", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Glossary (TSV or TBX): its names anchor the alignment; default for --check/--apply: "
                   "the starter glossary.")
@click.option("--check", "glossary_check", is_flag=True,
              help="Record glossary findings (variant, missing, suspect) on the links (see `bitext glossary check`).")
@click.option("--apply", "glossary_apply", is_flag=True,
              help="Mark glossary names and regularize their spellings (see `bitext glossary apply`).")
@click.option("--meta", "meta_file", type=click.Path(dir_okay=False), default=None,
              help="Metadata for the TEI header: a YAML or JSON file of the keys listed in the README.")
def align(src: str, tgt: str, src_lang: str | None, tgt_lang: str | None, output: str | None, force: bool,
          fmt: str, scores: bool, presplit: bool, scorer: str, max_align: int, encoding: str,
          meta_file: str | None, glossary_file: str | None = None, glossary_check: bool = False,
          glossary_apply: bool = False) -> None:
    """Align SRC with its translation TGT sentence by sentence.

    SRC and TGT are plain text, or TEI (.xml): a TEI text already split into <s xml:id> keeps
    its segments and ids; one with only <p> is segmented here.
    """
    guard_output(output, force, [src, tgt] + [f for f in (meta_file, glossary_file) if f])
    meta = tuple(load_metadata(meta_file).items()) if meta_file else ()
    options = AlignOptions(aligner=scorer, max_align=max_align)
    job = Job(src, tgt, src_lang, tgt_lang, presplit, encoding, options, meta=meta,
              glossary=glossary_file or (str(starter_path()) if glossary_check or glossary_apply else None),
              glossary_check=glossary_check, glossary_apply=glossary_apply)
    bitext = run_job(job)
    atomic_write(output or "-", render(bitext, fmt, scores, glossary_extensions(job, bitext)))
