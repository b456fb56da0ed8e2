"""Shared option handling: reading and segmenting inputs, resolving languages, guarding outputs."""

from __future__ import annotations

import logging
from typing import Sequence

import click

from corpora import languages
from corpora.errors import InputError, UsageError
from corpora.outputs import Target, check_outputs
from corpora.headings import heading_text, isolate_headings
from corpora.model import Document
from corpora.readers import split_paragraphs, split_presplit
from corpora.source import InputText

from align.segment import describe as segmenter_describe
from align.segment import segment_paragraphs
from tei.reader import read_tei_text

log = logging.getLogger("bitext")


def resolve_lang(code: str | None, text: str, path: str, option: str) -> str:
    """The language from its option, or from the script where that settles it, else an error."""
    if code:
        return languages.normalize(code)
    inferred = languages.infer_from_script(text)
    if inferred:
        return inferred
    raise UsageError(f"{path}: cannot tell its language from the script; pass {option} (e.g. {option} en)")


def load_document(source: InputText, lang: str | None, option: str, presplit: bool, text_id: str = "") -> Document:
    """Segment one input, read once (`corpora.source.read_input`), into a Document (TEI input:
    see `load_tei_document`)."""
    if source.xml:
        return load_tei_document(source, lang, option, text_id)
    path, text = source.path, source.text
    if not text.strip():
        raise InputError("is empty (no text to align)", path)
    code = resolve_lang(lang, text, path, option)
    text = isolate_headings(text)
    if presplit:
        blocks = split_presplit(text)
        titles = [heading_text(b[0]) if len(b) == 1 else None for b in blocks]
        paragraphs = [[t] if t is not None else b for b, t in zip(blocks, titles)]
    else:
        blocks = split_paragraphs(text)
        titles = [heading_text(b) for b in blocks]
        body = iter(segment_paragraphs([b for b, t in zip(blocks, titles) if t is None], code))
        paragraphs = [[t] if t is not None else next(body) for t in titles]
    kinds = ["head" if t is not None else "p" for t in titles]
    doc = Document.from_sentences(code, paragraphs, text_id=text_id, kinds=kinds)
    if len(doc) == 0:
        raise InputError("has no sentences", path)
    return doc


def load_tei_document(source: InputText, lang: str | None, option: str, text_id: str = "") -> Document:
    """One text of a TEI file: its `<s xml:id>` kept as segments with their ids, or its `<p>`
    segmented here (sentence ids `<p id>.sN` when the `<p>` has an id, else `<text>.sN`)."""
    path = source.path
    tei_text = read_tei_text(source, lang)
    sample = " ".join(p.segments[0].text for p in tei_text.paragraphs[:50])
    code = resolve_lang(lang or tei_text.lang, sample, path, option)
    tid = text_id or tei_text.text_id or code
    if tei_text.segmented:
        doc = Document(code, tei_text.paragraphs, tid)
    else:
        paragraphs = segment_paragraphs([p.segments[0].text for p in tei_text.paragraphs], code)
        ids, n = [], 0
        for para, sentences in zip(tei_text.paragraphs, paragraphs):
            pid = para.segments[0].id
            ids.append([f"{pid}.s{k}" if pid else f"{tid}.s{n + k}" for k in range(1, len(sentences) + 1)])
            n += len(sentences)
        doc = Document.from_sentences(code, paragraphs, tid, kinds=[p.kind for p in tei_text.paragraphs], ids=ids)
    if len(doc) == 0:
        raise InputError("has no sentences (no <s> or <p> with text in its <body>)", path)
    return doc


def segmentation_label(source: InputText, lang: str, presplit: bool) -> str:
    """How one input was segmented, for the signature: "presplit", the rules ("en-2"), or
    "tei+en-2" for TEI input (its own <s> kept; the rules apply only to <p>-only texts)."""
    if presplit:
        return "presplit"
    rules = segmenter_describe(lang)
    return f"tei+{rules}" if source.xml else rules


def distinct_ids(source: Document, target: Document) -> tuple[Document, Document]:
    """The two documents with ids unique across both, as one TEI file needs.

    Ids kept from TEI inputs may clash (both sides numbered `s1`, `s2`, ...); then each side's
    segment ids get its text id as a prefix (`en.s1`, `tr.s1`) and a warning says so.
    """
    src_ids = {seg.id for seg in source.segments} | {source.text_id}
    clashes = sorted(src_ids & ({seg.id for seg in target.segments} | {target.text_id}) - {""})
    if not clashes:
        return source, target
    log.warning("ids %s occur in both inputs; prefixing each side's ids with its text id", ", ".join(clashes[:5]))
    return (source.with_ids(lambda sid: f"{source.text_id}.{sid}"),
            target.with_ids(lambda sid: f"{target.text_id}.{sid}"))


def guard_output(output: str | Sequence[str | None] | None, force: bool, inputs: Sequence[str | None]) -> list[Target]:
    """The checked targets of a command's output(s): never one of its inputs (whatever --force
    says) nor another output, an existing file only with --force (see corpora.outputs)."""
    outputs = [output] if output is None or isinstance(output, str) else list(output)
    return check_outputs(outputs, force, inputs)


def output_option(func):
    """`-o/--output FILE` and `--force`, shared by the commands that write a file."""
    func = click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")(func)
    return click.option(
        "-o", "--output", default=None, metavar="FILE", help="Write here ('-' or absent: standard output)."
    )(func)
