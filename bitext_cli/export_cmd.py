"""`bitext export FILE --to FORMAT`: an aligned TEI file as TMX (CAT tools), TSV, ... (every
writer of bitext_cli.formats that can hold a selection), trusted links only if asked."""

from __future__ import annotations

import logging

import click

from corpora.atomic import atomic_write
from corpora.errors import UsageError
from corpora.writing import WriteRequest

from tei.outside import warn_outside
from tei.reader import read_tei
from tei.selection import Selection, select

from bitext_cli import formats
from bitext_cli.inputs import guard_output, output_option, path_type

EXPORTS = {name: fmt for name, fmt in formats.WRITERS.items() if fmt.selection}

log = logging.getLogger("bitext")


@click.command(name="export")
@click.argument("file", type=path_type(allow_dash=True))
@click.option("--to", "fmt", type=click.Choice(list(EXPORTS)), default=None,
              help="; ".join(f"{name}: {fmt.label}" for name, fmt in EXPORTS.items())
                   + " [default: as OUTPUT's extension says: .tmx, .tsv, .csv, .xlf, .beads].")
@click.option("--min-score", type=click.FloatRange(0, 1), default=None, metavar="X",
              help="Leave out links the aligner scored below X.")
@click.option("--exclude-flagged", is_flag=True, help="Leave out links with review flags.")
@click.option("--reviewed-only", is_flag=True, help="Export only links checked by hand (@resp, e.g. #human).")
@click.option("--regularized", is_flag=True,
              help="Export the glossary's regularized spellings (<reg>) instead of the texts' own (<orig>).")
@output_option
def export(file: str, fmt: str | None, min_score: float | None, exclude_flagged: bool, reviewed_only: bool,
           regularized: bool, output: str | None, force: bool) -> None:
    """Export the links of an aligned TEI FILE as TMX, TSV, ... (see --to).

    The texts are exported as the translation spells them (`<orig>`), and as corrected by hand
    (`<corr>`). Links checked by hand always pass --min-score and --exclude-flagged. The counts
    of links kept and left out (and why) are printed.
    """
    fmt = fmt or formats.output_format(output, EXPORTS)
    if fmt is None:
        raise UsageError(f"give --to ({', '.join(EXPORTS)}): {'the name of ' + output if output not in (None, '-') else 'standard output'} "
                         "does not say which format to write")
    target, = guard_output(output or "-", force, [file])
    bitext = read_tei(file, original=not regularized)
    warn_outside(bitext, file, "not exported")
    keep, left_out = select(bitext.links, Selection(min_score, exclude_flagged, reviewed_only))
    written = formats.writer(fmt)(bitext, WriteRequest(keep=keep))
    left_out.update(written.left_out)
    atomic_write(target, written.data)
    kept = len(bitext.links) - sum(left_out.values())
    why = ", ".join(f"{n} {reason}" for reason, n in left_out.items())
    log.info("exported %d of %d links%s", kept, len(bitext.links), f"; left out {why}" if why else "")
