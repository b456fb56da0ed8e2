"""One alignment job from files to output bytes: shared by `align` and `batch`.

read -> segment -> align -> (check) -> write. Each later feature (metadata, glossary,
embeddings, flags) adds one step here, so `align` and `batch` stay in step.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpora.beadfile import format_beads
from corpora.model import Bitext
from corpora.version import __version__

from align import segment as segmenter
from align.aligner import align_documents
from align.flags import flag_bitext
from align.options import AlignOptions
from tei.writer import tei_bytes

from bitext_cli.inputs import distinct_ids, load_document

log = logging.getLogger("bitext")


@dataclass(frozen=True)
class Job:
    """Everything needed to align one pair of files."""

    src: str
    tgt: str
    src_lang: str | None = None
    tgt_lang: str | None = None
    presplit: bool = False
    encoding: str = "utf-8"
    options: AlignOptions = field(default_factory=AlignOptions)
    meta: tuple[tuple[str, str], ...] = ()


def run_job(job: Job) -> Bitext:
    """Read, segment and align one pair; the bitext carries the metadata writers need."""
    source = load_document(job.src, job.src_lang, "--src-lang", job.presplit, job.encoding)
    target = load_document(job.tgt, job.tgt_lang, "--tgt-lang", job.presplit, job.encoding)
    if source.text_id == target.text_id:
        source, target = source.relabel(f"{source.lang}.src"), target.relabel(f"{target.lang}.tgt")
    source, target = distinct_ids(source, target)
    options = replace(job.options, src_lang=source.lang, tgt_lang=target.lang)
    if job.presplit:
        seg = "presplit"
    else:
        seg = f"{segmenter.describe(source.lang)},{segmenter.describe(target.lang)}"
    bitext = flag_bitext(align_documents(source, target, options))
    bitext.meta.update(
        signature=options.signature(__version__, seg),
        source_file=Path(job.src).name,
        target_file=Path(job.tgt).name,
    )
    bitext.meta.update(dict(job.meta))
    log.info(
        "aligned %d x %d segments with %s: %d links",
        len(source), len(target), options.aligner, len(bitext.links),
    )
    return bitext


def render(bitext: Bitext, fmt: str = "tei", scores: bool = False) -> bytes:
    """The output file's bytes in the chosen format."""
    if fmt == "beads":
        return format_beads(bitext.links, scores).encode("utf-8")
    return tei_bytes(bitext)
