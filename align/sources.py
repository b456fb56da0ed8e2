"""From a text as read (corpora.sourcetext.SourceText) to a segmented Document.

The segment stage of the pipeline: every reader's blocks come here unsegmented, except where
the file gave its segments (TEI `<s>`, translation units), which are kept with their ids. A
heading is one segment; other blocks are split by the language's rules (align.segment), or
with `presplit` line by line. Segment ids are `<block id>.sN` for a block with an id (a TEI
`<p xml:id>`), else `<text id>.sN`, numbered through the text.
"""

from __future__ import annotations

from corpora import languages
from corpora.errors import InputError, UsageError
from corpora.model import Document, Paragraph, Segment
from corpora.sourcetext import HEAD, Block, SourceText

from align.segment import describe, segment

PRESPLIT = "presplit"


def resolve_lang(code: str | None, text: SourceText, option: str) -> str:
    """The language from its option, else the one the file names, else from the script where
    that settles it (Cyrillic: ru), else an error naming the option."""
    if code or text.lang:
        return languages.normalize(code or text.lang or "")
    inferred = languages.infer_from_script(text.sample())
    if inferred:
        return inferred
    raise UsageError(f"{text.path}: cannot tell its language from the script; pass {option} (e.g. {option} en)")


def _sentences(block: Block, lang: str, presplit: bool) -> list[str]:
    lines = [line.strip() for line in block.text.split("\n") if line.strip()]
    if block.kind == HEAD:
        return [" ".join(lines)] if lines else []
    if presplit:
        return lines
    return segment(" ".join(lines), lang)


def segment_source(text: SourceText, lang: str, presplit: bool = False) -> Document:
    """The Document of one text in language `lang`: its segments kept where the file gave
    them, else its blocks segmented (each line a segment with `presplit`)."""
    tid = text.text_id or lang
    paragraphs: list[Paragraph] = []
    n = 0
    for block in text.blocks:
        if block.segments is not None:
            segments = block.segments
        else:
            sentences = _sentences(block, lang, presplit)
            ids = ([f"{block.id}.s{k}" for k in range(1, len(sentences) + 1)] if block.id
                   else [f"{tid}.s{n + k}" for k in range(1, len(sentences) + 1)])
            segments = tuple(Segment(sid, sentence) for sid, sentence in zip(ids, sentences))
        n += len(segments)
        paragraphs.append(Paragraph(segments, block.kind))
    doc = Document(lang, paragraphs, tid, text.title)
    if len(doc) == 0:
        raise InputError("has no sentences", text.path)
    return doc


def segmentation_label(texts: list[tuple[SourceText, str]], presplit: bool) -> str:
    """How the texts (with their languages) were segmented, for the signature: "presplit",
    else per text the rules ("en-3"), or the file's own segments and the rules for the rest
    ("tei+en-3"), comma-separated."""
    if presplit:
        return PRESPLIT
    return ",".join(f"{text.segmentation}+{describe(lang)}" if text.segmentation else describe(lang)
                    for text, lang in texts)
