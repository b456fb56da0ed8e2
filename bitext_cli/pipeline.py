"""One alignment job from files to output bytes: shared by `align`, `realign` and `batch`.

A straight line, one function per stage: read (the table of formats: each input read once into
the texts it holds) -> segment (align.sources: each text's language chosen, its sentences cut) ->
align (links checked by hand kept: bitext_cli.kept_alignment) -> annotate (glossary findings,
review flags, header metadata) -> write (the table's writer).
A feature adds a step to one stage, so every command stays in step.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from corpora.errors import InputError, UsageError
from corpora.metadata import input_checksum, recorded_path
from corpora.model import PARAGRAPH, Bitext, Document, Link
from corpora.source import InputText
from corpora.sourcetext import SourceText, pick_pair, pick_text
from corpora.version import __version__
from corpora.wording import counted
from corpora.writing import WriteRequest

from align.aligner import align_documents
from align.config import AlignConfig, resolve
from align.sources import load_document, segmentation_label

from bitext_cli import formats
from bitext_cli.id_clashes import ids_apart
from bitext_cli.kept_alignment import by_hand, hand_checked, kept_header

if TYPE_CHECKING:  # the glossary, TEI reading and review flags: imported where a job uses them
    from glossary.check import Finding
    from tei.writer import Extension

log = logging.getLogger("bitext")


@dataclass(frozen=True)
class Job:
    """Everything needed to align one pair of files (`tgt` None: `src` holds both texts)."""

    src: str
    tgt: str | None
    src_lang: str | None = None
    tgt_lang: str | None = None
    presplit: bool = False
    ids: str = PARAGRAPH  # sentence ids: paragraph (en.p3.s2) or running (en.s14), see align.sources
    src_encoding: str = "utf-8"  # used when the file names none (a byte order mark, an XML declaration)
    tgt_encoding: str = "utf-8"
    config: AlignConfig = field(default_factory=AlignConfig)  # languages set from the texts read
    meta: tuple[tuple[str, str], ...] = ()
    glossary: str | None = None  # glossary file: its names are evidence (name keys) for the aligner
    glossary_check: bool = False  # record glossary findings in the output
    glossary_apply: bool = False  # mark names and regularize spellings in the output
    # where the two languages were given, as messages name it: the options, or a manifest row's columns
    lang_given: tuple[str, str] = ("--src-lang", "--tgt-lang")
    encoding_given: tuple[str, str] = ("--src-encoding", "--tgt-encoding")  # so too the two encodings
    # how the header names the two input files (corpora.metadata.recorded_path); None: src and
    # tgt as given (a batch row's: as its manifest gives them, not resolved)
    recorded: tuple[str, str] | None = None


@dataclass
class Result:
    """An aligned job: the bitext and the glossary findings its TEI may record."""

    bitext: Bitext
    findings: tuple[Finding, ...] = ()


# -- read ---------------------------------------------------------------------------------------

def _same_file(a: str, b: str) -> bool:
    return "-" not in (a, b) and Path(a).resolve() == Path(b).resolve()


def read_inputs(job: Job) -> tuple[InputText, InputText]:
    """The job's two inputs, each read once (a pipe or standard input can be read only once);
    one file given for both sides (or alone) is read once and given twice."""
    tgt = job.tgt if job.tgt is not None else job.src
    if job.src == "-" and tgt == "-" and job.tgt is not None:
        raise UsageError("SRC and TGT cannot both be standard input ('-')")
    src_in = formats.read_file(job.src, job.src_encoding, job.encoding_given[0])
    if job.tgt is None or (_same_file(job.src, tgt) and job.src_encoding == job.tgt_encoding):
        return src_in, src_in
    return src_in, formats.read_file(tgt, job.tgt_encoding, job.encoding_given[1])


def read_sources(job: Job, inputs: tuple[InputText, InputText]) -> tuple[SourceText, SourceText]:
    """The source and target texts: one from each input, or both from one input that holds a
    text and its translation (TMX, XLIFF, an aligned TEI), chosen by language."""
    src_in, tgt_in = inputs
    src_texts = formats.read_texts(src_in)
    if job.tgt is None:
        return pick_pair(src_texts, job.src_lang, job.tgt_lang, src_in.path)
    tgt_texts = src_texts if tgt_in is src_in else formats.read_texts(tgt_in)
    if len(tgt_texts) == 1 and _same_file(src_in.path, tgt_in.path):  # not `align X.xml X.xml` of a TEI bitext
        log.warning("%s: given as SRC and TGT: a text aligned with itself", src_in.path)
    return (pick_text(src_texts, job.src_lang, src_in.path, job.lang_given[0]),
            pick_text(tgt_texts, job.tgt_lang, tgt_in.path, job.lang_given[1]))


# -- segment ------------------------------------------------------------------------------------

def read_document(given: InputText, lang: str | None, option: str, presplit: bool = False,
                  ids: str = PARAGRAPH) -> Document:
    """The one text of an input (or the one in `lang`), read and segmented."""
    return load_document(pick_text(formats.read_texts(given), lang, given.path, option), lang, option, presplit, ids)


def segment_pair(job: Job, texts: tuple[SourceText, SourceText]) -> tuple[Document, Document, str]:
    """Both texts segmented, under distinct text ids, and the segmentation label of the
    signature."""
    source = load_document(texts[0], job.src_lang, job.lang_given[0], job.presplit, job.ids)
    target = load_document(texts[1], job.tgt_lang, job.lang_given[1], job.presplit, job.ids)
    if source.text_id == target.text_id:
        source, target = source.relabel(f"{source.lang}.src"), target.relabel(f"{target.lang}.tgt")
    label = segmentation_label([(texts[0], source.lang), (texts[1], target.lang)], job.presplit)
    return source, target, label


# -- align --------------------------------------------------------------------------------------

def resolve_config(job: Job, source: Document, target: Document) -> AlignConfig:
    """The job's alignment config for these texts' languages, resolved once (align.config:
    `auto` and `--dictionary auto` decided and said on stderr)."""
    config = resolve(replace(job.config, src_lang=source.lang, tgt_lang=target.lang))
    if config.cache_dir and config.aligner == "lexical":
        log.warning("--cache-dir %s is not used: the lexical aligner encodes nothing", config.cache_dir)
    return config


def align_pair(job: Job, source: Document, target: Document, config: AlignConfig,
               checked: list[Link] | None = None) -> Bitext:
    """The links of two documents, with the glossary's names as evidence (name keys); `checked`:
    the links of an aligned TEI given as both inputs (hand_checked), those a person checked kept
    and the rest aligned between them."""
    name_keys = None
    if job.glossary:
        from glossary.io import load_matcher
        from glossary.name_keys import sentence_name_keys

        matcher = load_matcher(job.glossary, target.lang)
        name_keys = (sentence_name_keys(matcher, source.texts), sentence_name_keys(matcher, target.texts))
    if checked is None:
        return align_documents(source, target, config, name_keys=name_keys)
    log.info("%s: keeping its %d links checked by hand (@resp) as they are; aligning the rest between them",
             job.src, sum(1 for link in checked if link.resp))
    from align.fixed import align_around

    links = align_around(source, target, checked, by_hand, config, name_keys=name_keys)
    return Bitext(source, target, links)


def aligned_input(inputs: tuple[InputText, InputText]) -> Bitext | None:
    """The alignment of an aligned TEI file given as both inputs (`bitext align X.xml X.xml`,
    realign); None when the inputs are anything else."""
    src_in, tgt_in = inputs
    if src_in.path == "-" or src_in.format != "tei" or not _same_file(src_in.path, tgt_in.path):
        return None
    from tei.reader import read_tei

    try:
        return read_tei(src_in)  # (its path names it in warnings)
    except InputError:  # one text, or no alignment to keep
        return None


# -- annotate -----------------------------------------------------------------------------------

def check_glossary(job: Job, bitext: Bitext) -> tuple[Finding, ...]:
    """The glossary findings of the new alignment (with --check), said in a count on stderr."""
    if not (job.glossary and job.glossary_check):
        return ()
    from glossary.check import glossary_findings

    findings = tuple(glossary_findings(job.glossary, bitext))
    kinds = [f.kind for f in findings]
    log.info("glossary check: %s (%s)", counted(len(findings), "finding"),
             ", ".join(counted(kinds.count(k), k) for k in sorted(set(kinds))) or "none")
    return findings


def checksums(inputs: tuple[InputText, InputText]) -> dict[str, str]:
    """The checksums of the bytes aligned (read once) that the header records: files, not
    standard input."""
    return {f"{side}_sha256": input_checksum(given.data)
            for side, given in zip(("source", "target"), inputs) if given.path != "-"}


def describe(job: Job, bitext: Bitext, sums: dict[str, str], config: AlignConfig, segmentation: str,
             kept: dict[str, str] | None = None) -> None:
    """Record what the header says of the run: the method's signature, the input files (by the
    path `corpora.metadata.recorded_path` gives: no machine's folders) and the checksums of the
    bytes aligned (`checksums`), what an aligned file given as both inputs says of its texts
    (`kept`: kept_header), and the job's metadata over it all."""
    bitext.meta["signature"] = config.signature(__version__, segmentation, job.glossary)
    given = (job.src, job.tgt if job.tgt is not None else job.src)
    recorded = job.recorded or tuple(map(recorded_path, given))
    bitext.meta.update(zip(("source_file", "target_file"), recorded))
    bitext.meta.update(sums)
    bitext.meta.update(kept or {})
    bitext.meta.update(dict(job.meta))


def run_job(job: Job, flags: bool = True, inputs: tuple[InputText, InputText] | None = None,
            output: str | None = None) -> Result:
    """Read, segment, align and annotate one pair; the bitext carries the metadata writers need.

    `flags` computes the review flags (only TEI and the review report show them); `inputs` are
    the two inputs when the caller has read them already (`read_inputs`); `output` where the
    output goes (the relative addresses kept of TEI inputs are said from there: tei.adoption).
    """
    inputs = inputs or read_inputs(job)
    texts = read_sources(job, inputs)
    source, target, segmentation = segment_pair(job, texts)
    config = resolve_config(job, source, target)
    aligned, sums = aligned_input(inputs), checksums(inputs)
    checked, kept = hand_checked(aligned, source, target, inputs[0].path), kept_header(aligned, texts[0].header, source)
    envelopes, labels = (texts[0].header, texts[1].header), (texts[0].path, texts[1].path)
    del inputs, texts, aligned  # the bytes and text read (a few times the segments' size) are not needed to align
    bitext = align_pair(job, source, target, config, checked)
    findings = check_glossary(job, bitext)
    if flags:
        from align.flags import flag_bitext, glossary_flags

        bitext = flag_bitext(bitext, glossary_flags(bitext, findings))  # glossary findings included
    written = flags or any(envelopes)
    extra = glossary_ids(job, bitext.target.lang, findings) if written else set()
    bitext, renamed = ids_apart(bitext, written, extra)
    if any(envelopes):
        from tei.adoption import keep_inputs

        bitext = keep_inputs(bitext, envelopes, labels, renamed, extra, output)
    describe(job, bitext, sums, config, segmentation, kept)
    log.info("aligned %d x %d segments with %s: %d links", len(source), len(target), config.aligner,
             len(bitext.links))
    return Result(bitext, findings)


# -- write --------------------------------------------------------------------------------------

def glossary_ids(job: Job, lang: str, findings: Sequence[Finding]) -> set[str]:
    """The ids the job's glossary extensions (`glossary_extensions`) may write."""
    if not job.glossary or not (job.glossary_check or job.glossary_apply):
        return set()
    from glossary.io import load_matcher
    from tei.glossary_markup import glossary_ids as extension_ids

    return extension_ids(findings if job.glossary_check else (),
                         load_matcher(job.glossary, lang).entries if job.glossary_apply else ())


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
        from glossary.io import load_matcher

        extensions.append(names_extension(load_matcher(job.glossary, lang)))
    return extensions


def produce(job: Job, fmt: str = "tei", scores: bool = False, flags: bool | None = None,
            inputs: tuple[InputText, InputText] | None = None,
            revision: Callable[[Bitext], str] | None = None, output: str | None = None,
            flagged: bool = False) -> tuple[Bitext, bytes]:
    """Align a job and render its output (to be written to `output`, see `run_job`); flags are
    computed only where the format shows them; `revision` gives the text of the job's revision
    entry (its `change`) from the alignment made. With `flagged`, the bitext returned carries
    the review flags even where the format shows none (a batch report counts them), computed
    after the output is rendered, so its bytes are those of a run without them."""
    shown = formats.WRITERS[fmt].flags if flags is None else flags
    result = run_job(job, flags=shown, inputs=inputs, output=output)
    if revision is not None:
        result.bitext.meta["change"] = revision(result.bitext)
    extensions = glossary_extensions(job, result.findings, result.bitext.target.lang)
    data = render(result.bitext, fmt, scores, extensions)
    if flagged and not shown:
        from align.flags import flag_bitext, glossary_flags

        return flag_bitext(result.bitext, glossary_flags(result.bitext, result.findings)), data
    return result.bitext, data


def render(bitext: Bitext, fmt: str = "tei", scores: bool = False, extensions: Sequence[Extension] = ()) -> bytes:
    """The output file's bytes in the chosen format (TEI extensions add markup)."""
    written = formats.writer(fmt)(bitext, WriteRequest(scores=scores, extensions=extensions))
    for reason, n in written.left_out.items():
        log.info("left out %d %s", n, reason)
    return written.data
