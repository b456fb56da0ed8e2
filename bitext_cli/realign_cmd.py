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
from tei.relocate import KEPT

from bitext_cli.inputs import guard_output, output_option, path_type
from bitext_cli.options import READING, build_job, chosen_format, given_format, input_files, job_options
from bitext_cli.pipeline import produce

# Header keys that describe the previous run, not the texts: the new run writes its own, its
# revision entry included (its text from _revision). What the alignment keeps of the file
# itself (tei.adoption: its parts and revisions, the file's last revision among them, their
# relative addresses said from the output's folder) is not given again. The input files and
# their checksums describe the texts, so they stay.
_RUN_KEYS = ("signature", "segmentation", "change", "change_date", "change_by", *KEPT)


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
    re-aligns the same links, but not the header's metadata (--meta keys).
    """
    settings["fmt"] = chosen_format(given_format(settings), output)  # -o x.tmx: TMX, as align
    guard_output(output, force, [aligned, *input_files(settings)])
    bitext = read_tei(aligned)
    meta = {k: v for k, v in bitext.meta.items() if k not in _RUN_KEYS}
    for side in ("source", "target"):  # a file named without its checksum (earlier versions): the new run's pair
        if f"{side}_sha256" not in meta:
            meta.pop(f"{side}_file", None)
    meta.update(load_metadata(settings["meta_file"]) if settings["meta_file"] else {})
    job = build_job(aligned, aligned, bitext.source.lang, bitext.target.lang, settings, meta)
    _, data = produce(job, settings["fmt"], settings["scores"], revision=_revision, output=output)
    atomic_write(output or "-", data)


def _revision(realigned: Bitext) -> str:
    """The revision entry of a realign: how many links checked by hand it kept (a link whose
    sentences text typed into the file now parts is aligned again, not kept)."""
    kept = sum(1 for link in realigned.links if link.resp)
    return f"Re-aligned by bitext, keeping {counted(kept, 'link')} checked by hand."
