"""`bitext review` (the HTML report for translators) and `bitext apply-review` (fold decisions in)."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from corpora.atomic import atomic_write
from corpora.model import Bitext

from align.flags import check_glossary, reflag
from tei.decisions import apply_decisions, read_decisions
from tei.flags_markup import flagged_count
from tei.reader import read_tei
from tei.review_html import review_html
from tei.writer import tei_bytes

from bitext_cli.inputs import guard_output, output_option

log = logging.getLogger("bitext")

glossary_option = click.option(
    "--glossary", "glossary", type=click.Path(dir_okay=False), default=None,
    help="Also flag names and terms not rendered as this glossary (TSV or TBX) prefers.")


def review_bytes(bitext: Bitext, label: str) -> bytes:
    """The review report of a flagged bitext (shared by `review` and `align --review`)."""
    data = review_html(bitext, label).encode("utf-8")
    log.info("review report: %d links, %d flagged", len(bitext.links), flagged_count(bitext.links))
    return data


@click.command()
@click.argument("aligned", type=click.Path(dir_okay=False, allow_dash=True))
@output_option
@glossary_option
def review(aligned: str, output: str | None, force: bool, glossary: str | None) -> None:
    """Write an HTML report of ALIGNED (a bitext TEI file) for a translator to review.

    The page (one file, opens from disk) shows a summary, the alignment path, a score histogram
    and every link with its flags; the translator's decisions are downloaded as a JSON file
    for `bitext apply-review`.
    """
    target, = guard_output(output or "-", force, [aligned, glossary])
    bitext = read_tei(aligned)
    bitext = reflag(bitext, check_glossary(bitext, glossary) if glossary else None)
    atomic_write(target, review_bytes(bitext, Path(aligned).name))


@click.command("apply-review")
@click.argument("aligned", type=click.Path(dir_okay=False))
@click.argument("decisions", type=click.Path(dir_okay=False))
@output_option
@click.option("--reviewer", default=None, help="Name of the person who reviewed (for the TEI header).")
def apply_review(aligned: str, decisions: str, output: str | None, force: bool, reviewer: str | None) -> None:
    """Fold the decisions downloaded from a review report into ALIGNED, writing corrected TEI.

    Links the translator decided on are marked as made by hand (@resp="#human") and lose their
    flags; a decisions file made for another document is refused.
    """
    target, = guard_output(output or "-", force, [aligned, decisions])
    bitext = read_tei(aligned)
    fixed = apply_decisions(bitext, read_decisions(decisions, bitext), decisions)
    if reviewer:
        fixed.meta["reviewer"] = reviewer
    atomic_write(target, tei_bytes(fixed))
    log.info("applied decisions: %d links now, %d still flagged", len(fixed.links), flagged_count(fixed.links))
