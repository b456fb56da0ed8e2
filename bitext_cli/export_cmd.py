"""`bitext export FILE --to tmx|tsv`: an aligned TEI file as TMX (CAT tools) or TSV."""

from __future__ import annotations

import logging

import click

from corpora.atomic import atomic_write

from tei.reader import read_tei
from tei.tmx import tmx_bytes
from tei.tsv import tsv_bytes

from bitext_cli.inputs import guard_output, output_option

log = logging.getLogger("bitext")


@click.command(name="export")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--to", "fmt", type=click.Choice(["tmx", "tsv"]), required=True,
              help="TMX 1.4b (one unit per link, 1-0/0-1 left out) or TSV (link id, source, target, type, score).")
@output_option
def export(file: str, fmt: str, output: str | None, force: bool) -> None:
    """Export the links of an aligned TEI FILE as TMX or TSV."""
    target, = guard_output(output or "-", force, [file])
    bitext = read_tei(file)
    if fmt == "tsv":
        data = tsv_bytes(bitext)
        log.info("exported %d links", len(bitext.links))
    else:
        data, skipped = tmx_bytes(bitext)
        log.info("exported %d translation units; left out %d 1-0/0-1 links (TMX has no form for them)",
                 len(bitext.links) - skipped, skipped)
    atomic_write(target, data)
