"""`bitext realign ALIGNED.xml`: align again, keeping every link checked by hand."""

from __future__ import annotations

from functools import partial
from typing import Any

import click

from corpora.atomic import atomic_write
from corpora.metadata import load_metadata
from corpora.model import Bitext
from corpora.wording import counted

from tei.reader import read_tei

from bitext_cli.inputs import guard_output, output_option, path_type
from bitext_cli.options import READING, build_job, chosen_format, given_format, input_files, job_options
from bitext_cli.pipeline import produce

@click.command()
@click.argument("aligned", type=path_type())
@output_option
@partial(job_options, leave_out=READING)
def realign(aligned: str, output: str | None, force: bool, **settings: Any) -> None:
    """Align ALIGNED (a bitext TEI file) again, keeping every link checked by hand exactly.

    Links with a @resp other than the aligner's (`#human`, as `bitext review` and
    `apply-review` write them) stay as they are, ids included, and anchor the alignment: the
    aligner runs on the sentences between them. The header is kept, with a new revision entry.
    Aligning a TEI file with itself (`bitext align X.xml X.xml -s L1 -t L2`) keeps and
    re-aligns the same links and the header's metadata, but writes a revision entry of its own.
    """
    settings["fmt"] = chosen_format(given_format(settings), output)  # -o x.tmx: TMX, as align
    guard_output(output, force, [aligned, *input_files(settings)])
    bitext = read_tei(aligned)  # its header's metadata is kept as align keeps it (tei.header.carried)
    meta = load_metadata(settings["meta_file"]) if settings["meta_file"] else {}
    job = build_job(aligned, aligned, bitext.source.lang, bitext.target.lang, settings, meta)
    _, data = produce(job, settings["fmt"], settings["scores"], revision=_revision, output=output)
    atomic_write(output or "-", data)


def _revision(realigned: Bitext) -> str:
    """The revision entry of a realign: how many links checked by hand it kept (a link whose
    sentences text typed into the file now parts is aligned again, not kept)."""
    kept = sum(1 for link in realigned.links if link.resp)
    return f"Re-aligned by bitext, keeping {counted(kept, 'link')} checked by hand."
