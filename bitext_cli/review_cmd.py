"""`bitext review` (the correction editor: a page, or served locally with --serve) and
`bitext apply-review` (fold downloaded decisions in)."""

from __future__ import annotations

import logging
import os
import sys
import webbrowser
from pathlib import Path

import click

from corpora.atomic import atomic_write
from corpora.errors import UsageError
from corpora.model import Bitext
from corpora.readers import read_bytes, xml_text
from corpora.wording import counted

from align.flags import check_glossary, reflag
from tei.flags_markup import flagged_count
from tei.outside import warn_outside
from tei.reader import read_tei
from tei.relocate import relocated
from tei.review_html import review_html
from tei.reviewed import reviewed_tei

from bitext_cli.inputs import guard_output, output_option, path_type

log = logging.getLogger("bitext")

glossary_option = click.option(
    "--glossary", "glossary", type=path_type(), default=None, metavar="FILE",
    help="Also flag names and terms not rendered as this glossary (TSV or TBX) prefers.")
_NOT_SHOWN = "not shown in the editor"
reviewer_option = click.option("--reviewer", default=None,
                               callback=lambda ctx, param, value: value and xml_text(value, "--reviewer"),
                               help="Name of the person who reviewed (for the TEI header).")


def review_bytes(bitext: Bitext, label: str) -> bytes:
    """The review report of a flagged bitext (shared by `review` and `align --review`)."""
    data = review_html(bitext, label).encode("utf-8")
    log.info("review report: %d links, %d flagged", len(bitext.links), flagged_count(bitext.links))
    return data


@click.command()
@click.argument("aligned", type=path_type(allow_dash=True))
@output_option
@glossary_option
@click.option("--serve", is_flag=True,
              help="Open the editor on a local server (127.0.0.1) whose Save writes NAME.reviewed.tei.xml "
                   "beside ALIGNED; Ctrl-C stops it.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default="a free port",
              help="With --serve: the port to listen on.")
@click.option("--no-browser", is_flag=True, help="With --serve: do not open a browser; just print the address.")
@reviewer_option
def review(aligned: str, output: str | None, force: bool, glossary: str | None, serve: bool, port: int,
           no_browser: bool, reviewer: str | None) -> None:
    """Write the correction editor of ALIGNED (a bitext TEI file) for a translator to review.

    The page (one file, opens from disk, no network) shows a summary, the alignment path, a
    score histogram and every link with its flags; the translator moves sentences between
    links, inserts and removes omissions, merges, splits, edits text, undoes and redoes, by key
    or mouse. Decisions are kept in the browser and downloaded as a JSON file for `bitext
    apply-review`; with --serve, Save writes the corrected TEI directly.
    """
    if serve:
        if output or aligned == "-":
            raise UsageError("--serve saves NAME.reviewed.tei.xml beside ALIGNED: give a file, without -o")
        return _serve(aligned, glossary, port, not no_browser, reviewer)
    if output is None and sys.stdout.isatty():
        raise UsageError(f"{aligned}: its review page is an HTML file: give -o NAME.html to write it, or --serve "
                         "to open the editor (it is not printed on a terminal; -o - prints it)")
    target, = guard_output(output or "-", force, [aligned, glossary])
    atomic_write(target, tei_page(aligned, Path(aligned).name, glossary, warn_as=aligned))


def tei_page(tei: str | bytes, label: str, glossary: str | None = None, warn_as: str | None = None) -> bytes:
    """The review report of a TEI alignment (a file, or the bytes of one just made), its automatic
    flags computed again from what it records: `review`, and `align --review` and `batch --review`
    beside a TEI output, so their page is the one `review` makes of that output (scores as the
    TEI rounds them). `warn_as` names the file in a warning of text outside sentences."""
    bitext = read_tei(tei)
    if warn_as is not None:
        warn_outside(bitext, warn_as, _NOT_SHOWN)
    bitext = reflag(bitext, check_glossary(bitext, glossary) if glossary else None)
    return review_bytes(bitext, label)


def _can_open_browser() -> bool:
    """False on a Linux machine without a display, where webbrowser would start a text browser
    in this terminal (and block it)."""
    return not sys.platform.startswith("linux") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _serve(aligned: str, glossary: str | None, port: int, browser: bool, reviewer: str | None) -> None:
    from tei.review_server import EditorServer, EditorSession

    bitext = read_tei(aligned)
    warn_outside(bitext, aligned, _NOT_SHOWN + " (Save keeps it)")
    flagged = reflag(bitext, check_glossary(bitext, glossary) if glossary else None)
    label = Path(aligned).name
    session = EditorSession(Path(aligned), lambda serve, saved: review_html(flagged, label, serve, saved), reviewer)
    try:
        server = EditorServer(session, port)
    except OSError as exc:
        raise UsageError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror or exc})") from None
    click.echo(f"Editor of {label}: {server.url}")
    click.echo(f"Save writes {session.output}; press Ctrl-C to stop.")
    if browser and _can_open_browser():
        webbrowser.open(server.url)
    elif browser:
        click.echo("No display to open a browser on: open the address above in one.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    click.echo("Editor stopped.")


@click.command("apply-review")
@click.argument("aligned", type=path_type())
@click.argument("decisions", type=path_type())
@output_option
@reviewer_option
def apply_review(aligned: str, decisions: str, output: str | None, force: bool, reviewer: str | None) -> None:
    """Fold the decisions downloaded from the review page into ALIGNED, writing corrected TEI.

    Links the translator changed or accepted are marked as made by hand (@resp="#human") and
    lose their flags; corrected sentences keep the text as published (<sic>) beside the
    correction (<corr>). A decisions file made for another document is refused. Decisions
    files of every version of the page are read.
    """
    target, = guard_output(output or "-", force, [aligned, decisions])
    bitext = relocated(read_tei(aligned), aligned, output)
    data = read_bytes(decisions)
    reviewed, tei = reviewed_tei(bitext, data, decisions, reviewer)
    atomic_write(target, tei)
    fixed = len(reviewed.corrections)
    log.info("applied decisions: %d links now, %d still flagged, %s corrected", len(reviewed.bitext.links),
             flagged_count(reviewed.bitext.links), counted(fixed, "sentence"))
