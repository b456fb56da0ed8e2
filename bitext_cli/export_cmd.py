"""`bitext export FILE --to tmx|tsv`: an aligned TEI file as TMX (CAT tools) or TSV, trusted
links only if asked."""

from __future__ import annotations

import logging

import click

from corpora.atomic import atomic_write

from tei.reader import read_tei
from tei.selection import Selection, select
from tei.tmx import tmx_bytes
from tei.tsv import tsv_bytes

from bitext_cli.inputs import guard_output, output_option

log = logging.getLogger("bitext")


@click.command(name="export")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--to", "fmt", type=click.Choice(["tmx", "tsv"]), required=True,
              help="TMX 1.4b (one unit per link, 1-0/0-1 left out) or TSV (link id, source, target, type, score).")
@click.option("--min-score", type=click.FloatRange(0, 1), default=None, metavar="X",
              help="Leave out links the aligner scored below X.")
@click.option("--exclude-flagged", is_flag=True, help="Leave out links with review flags.")
@click.option("--reviewed-only", is_flag=True, help="Export only links checked by hand (@resp, e.g. #human).")
@click.option("--regularized", is_flag=True,
              help="Export the glossary's regularized spellings (<reg>) instead of the texts' own (<orig>).")
@output_option
def export(file: str, fmt: str, min_score: float | None, exclude_flagged: bool, reviewed_only: bool,
           regularized: bool, output: str | None, force: bool) -> None:
    """Export the links of an aligned TEI FILE as TMX or TSV.

    The texts are exported as the translation spells them (`<orig>`), and as corrected by hand
    (`<corr>`). Links checked by hand always pass --min-score and --exclude-flagged. The counts
    of links kept and left out (and why) are printed.
    """
    guard_output(output, force, [file])
    bitext = read_tei(file, original=not regularized)
    keep, left_out = select(bitext.links, Selection(min_score, exclude_flagged, reviewed_only))
    if fmt == "tsv":
        data = tsv_bytes(bitext, keep)
    else:
        data, skipped = tmx_bytes(bitext, keep)
        if skipped:
            left_out["1-0/0-1 links (TMX has no form for them)"] = skipped
    atomic_write(output or "-", data)
    kept = len(bitext.links) - sum(left_out.values())
    why = ", ".join(f"{n} {reason}" for reason, n in left_out.items())
    log.info("exported %d of %d links%s", kept, len(bitext.links), f"; left out {why}" if why else "")
