"""One alignment job from files to output bytes: shared by `align` and `batch`.

read -> segment -> align -> (check) -> write. Each later feature (metadata, glossary,
embeddings, flags) adds one step here, so `align` and `batch` stay in step.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

from corpora.beadfile import format_beads
from corpora.errors import InputError
from corpora.metadata import input_checksum
from corpora.model import Bitext, Document, Link
from corpora.version import __version__

from align.aligner import align_documents
from align.embedding.auto import resolve_auto
from align.fixed import align_around
from align.flags import flag_bitext, glossary_flags
from align.options import AlignOptions
from align.scorers.dictionary import resolve_dictionary
from glossary.anchors import sentence_anchors
from glossary.check import Finding, check_bitext
from glossary.io import load_matcher
from tei.reader import read_tei
from tei.writer import Extension, tei_bytes

from bitext_cli.inputs import distinct_ids, load_document, segmentation_label

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
    glossary: str | None = None  # glossary file: its names become alignment anchors
    glossary_check: bool = False  # record glossary findings in the output
    glossary_apply: bool = False  # mark names and regularize spellings in the output
    cache_dir: str | None = None  # embedding cache of the embedding/hybrid aligners


@dataclass
class Result:
    """An aligned job: the bitext and the glossary findings its TEI may record."""

    bitext: Bitext
    findings: tuple[Finding, ...] = ()


def run_job(job: Job, flags: bool = True) -> Result:
    """Read, segment and align one pair; the bitext carries the metadata writers need.

    `flags` computes the review flags (only TEI and the review report show them).
    """
    source = load_document(job.src, job.src_lang, "--src-lang", job.presplit, job.encoding)
    target = load_document(job.tgt, job.tgt_lang, "--tgt-lang", job.presplit, job.encoding)
    if source.text_id == target.text_id:
        source, target = source.relabel(f"{source.lang}.src"), target.relabel(f"{target.lang}.tgt")
    source, target = distinct_ids(source, target)
    options = replace(job.options, src_lang=source.lang, tgt_lang=target.lang)
    if options.aligner == "auto":
        options, reason = resolve_auto(options)
        log.info("--scorer auto: using %s (%s)", options.aligner, reason)
    options, found = resolve_dictionary(options)
    if found:
        log.info("%s", found)
    seg = "presplit" if job.presplit else ",".join(
        segmentation_label(path, doc.lang, False) for path, doc in ((job.src, source), (job.tgt, target)))
    anchors = None
    if job.glossary:
        matcher = load_matcher(job.glossary, target.lang)
        anchors = (sentence_anchors(matcher, source.texts), sentence_anchors(matcher, target.texts))
    checked = hand_checked(job, source, target)
    if checked is None:
        bitext = align_documents(source, target, options, anchors=anchors, cache_dir=job.cache_dir)
    else:
        kept = sum(1 for link in checked if link.resp)
        log.info("%s: keeping its %d links checked by hand (@resp) as they are; aligning the rest between them",
                 job.src, kept)
        links = align_around(source, target, checked, lambda link: bool(link.resp), options, anchors=anchors,
                             cache_dir=job.cache_dir)
        bitext = Bitext(source, target, links)
    findings: tuple[Finding, ...] = ()
    if job.glossary and job.glossary_check:
        findings = tuple(check_bitext(matcher, bitext))
        kinds = [f.kind for f in findings]
        log.info("glossary check: %d findings (%s)", len(findings),
                 ", ".join(f"{kinds.count(k)} {k}" for k in sorted(set(kinds))) or "none")
    if flags:
        bitext = flag_bitext(bitext, glossary_flags(bitext, findings))  # glossary findings included
    bitext.meta.update(
        signature=options.signature(__version__, seg),
        source_file=Path(job.src).name,
        target_file=Path(job.tgt).name,
    )
    for side, path in (("source", job.src), ("target", job.tgt)):
        checksum = input_checksum(path)
        if checksum:
            bitext.meta[f"{side}_sha256"] = checksum
    bitext.meta.update(dict(job.meta))
    log.info(
        "aligned %d x %d segments with %s: %d links",
        len(source), len(target), options.aligner, len(bitext.links),
    )
    return Result(bitext, findings)


def hand_checked(job: Job, source: Document, target: Document) -> list[Link] | None:
    """The alignment of an aligned TEI file given as both inputs, when a person checked some of
    its links (a @resp other than the aligner's): those are kept, the rest re-aligned. None when
    the inputs are anything else."""
    if job.src == "-" or Path(job.src).resolve() != Path(job.tgt).resolve():
        return None
    try:
        aligned = read_tei(job.src)
    except InputError:  # one text, or no alignment to keep
        return None
    if not any(link.resp for link in aligned.links):
        return None
    if (aligned.source.texts, aligned.target.texts) == (source.texts, target.texts):
        return aligned.links
    if (aligned.target.texts, aligned.source.texts) == (source.texts, target.texts):
        return [replace(link, src=link.tgt, tgt=link.src) for link in aligned.links]
    log.warning("%s: its links checked by hand do not fit the texts read; aligning from scratch", job.src)
    return None


def glossary_extensions(job: Job, findings: Sequence[Finding], lang: str) -> list[Extension]:
    """The TEI extensions a job's glossary options ask for (check findings, names marked in
    a translation into `lang`)."""
    if not job.glossary or not (job.glossary_check or job.glossary_apply):
        return []
    from tei.glossary_markup import findings_extension, names_extension

    extensions = []
    if job.glossary_check:
        extensions.append(findings_extension(findings))
    if job.glossary_apply:
        extensions.append(names_extension(load_matcher(job.glossary, lang)))
    return extensions


def produce(job: Job, fmt: str = "tei", scores: bool = False, flags: bool | None = None) -> tuple[Bitext, bytes]:
    """Align a job and render its output; flags are computed only where TEI will show them."""
    result = run_job(job, flags=fmt == "tei" if flags is None else flags)
    extensions = glossary_extensions(job, result.findings, result.bitext.target.lang)
    return result.bitext, render(result.bitext, fmt, scores, extensions)


def render(bitext: Bitext, fmt: str = "tei", scores: bool = False, extensions: Sequence[Extension] = ()) -> bytes:
    """The output file's bytes in the chosen format (TEI extensions add markup)."""
    if fmt == "beads":
        return format_beads(bitext.links, scores).encode("utf-8")
    return tei_bytes(bitext, extensions)
