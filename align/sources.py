"""From a text as read (corpora.sourcetext.SourceText) to a segmented Document, in the language
chosen for it (`text_language`: the option's, the file's, or its script's).

The segment stage of the pipeline: every reader's blocks come here unsegmented, except where
the file gave its segments (TEI `<s>`, translation units), which are kept with their ids. A
heading is one segment; other blocks are split by the language's rules (align.segment), or
with `presplit` line by line; markup a reader kept beside a block's text (corpora.markup) is
cut along the sentences' offsets and travels with them.

Sentence ids are made to survive edits (corpora.model.sentence_ids): `paragraph` (the default)
numbers sentences within their block, `<text id>.p<N>.s<K>` for the K-th sentence of the N-th
block of the text (headings, paragraphs, notes, list items all count), so adding or removing a
sentence renumbers only the rest of its own paragraph; `running` numbers them through the text,
`<text id>.s<N>` (bitext's ids before issue 21). A block with an id of its own (a TEI
`<p xml:id="p3">`) names its sentences `<block id>.s<K>` in both schemes. A segment the file
gives without an id gets the id of its place, and a made id one of the file's segments has
already gets `.2` (`.3` ...) after it (corpora.model.unique_id), so a text's ids stay unique.
"""

from __future__ import annotations

import logging
import re
from functools import partial
from typing import Callable

from corpora import languages
from corpora.errors import InputError, UsageError
from corpora.markup import Markup, cut, span_ids, whole, xml_ids
from corpora.model import PARAGRAPH, Document, Paragraph, Segment, sentence_ids, unique_id
from corpora.sourcetext import HEAD, Block, SourceText

log = logging.getLogger("bitext")

PRESPLIT = "presplit"
_LINE = re.compile(r"\S(?:[^\n]*\S)?")  # a line's text, without the spaces around it


def resolve_lang(code: str | None, text: SourceText, option: str) -> str:
    """The language from its option, else the one the file names, else from the script where
    that settles it (Cyrillic: ru), else an error naming the option."""
    if code or text.lang:
        return languages.normalize(code or text.lang or "")
    inferred = languages.infer_from_script(text.sample())
    if inferred:
        return inferred
    raise UsageError(f"{text.path}: cannot tell its language from the script; pass {option} (e.g. {option} en)")


def _sentences(text: str, kind: str, lang: str, presplit: bool) -> tuple[str, list[tuple[int, int]]]:
    """A piece of a block's text as the segmenter reads it (its lines joined by spaces) and its
    sentences as offsets into that: a heading whole, each line with `presplit`, else by the
    language's rules."""
    if presplit and kind != HEAD:
        return text, [(m.start(), m.end()) for m in _LINE.finditer(text)]
    joined = text if "\n" not in text else " ".join(line.strip() for line in text.split("\n") if line.strip())
    if kind == HEAD:
        found = _LINE.search(joined)
        return joined, [(found.start(), len(joined.rstrip()))] if found else []
    from align.segment import sentence_spans  # here: pre-split texts never load the rules (10 ms)

    return joined, sentence_spans(joined, lang)


def _block_sentences(block: Block, lang: str, presplit: bool) -> tuple[str, list[tuple[int, int]]]:
    """A block's text as segmented and its sentences as offsets into it; kept markup a sentence
    cannot hold (corpora.markup `between`) ends the sentence before it, and with `presplit` so
    does the end of a line the text reads on from (Block.lines: a TEI's typed line breaks, `<lb/>`)."""
    lines = block.lines if presplit and block.kind != HEAD else ()
    cuts = sorted({sp.start for sp in block.spans if sp.between} | set(lines))
    if not cuts:
        joined, found = _sentences(block.text, block.kind, lang, presplit)
        return joined, whole(block.spans, found) if joined == block.text else found
    ranges: list[tuple[int, int]] = []
    for start, end in zip([0, *cuts], [*cuts, len(block.text)]):
        ranges += [(start + a, start + b) for a, b in _sentences(block.text[start:end], block.kind, lang, presplit)[1]]
    return block.text, whole(block.spans, ranges)


def _given_between(block: Block) -> tuple[tuple[int, str], ...]:
    """What a block whose segments the file gives keeps between them, by piece index (a given
    segment or a run of text it leaves unsegmented)."""
    starts, pos = [], 0
    for seg in block.segments or ():
        starts.append(pos)
        pos += len(seg.text) + 1
    return tuple((sum(1 for a in starts if a < sp.start), sp.xml or "") for sp in block.spans if sp.between)


def _cut(block: Block, joined: str, ranges: list[tuple[int, int]], sids: list[str],
         made: Callable[[str], str]) -> tuple[list[Segment], list[tuple[int, str]]]:
    """A segmented block's sentences, with the markup the reader kept cut along them, and what
    stays between them (corpora.markup.cut; `made` makes the ids of split markup unique)."""
    markups: list[Markup | None] = [None] * len(ranges)
    between: list[tuple[int, str]] = []
    if joined == block.text and any(sp.is_xml for sp in block.spans):
        markups, between = cut(block.text, block.spans, ranges, sids, made)
    return [Segment(sid, joined[a:b], markup) for sid, (a, b), markup in zip(sids, ranges, markups)], between


def _given(block: Block, lang: str, presplit: bool, names: Callable[[int], list[str]], taken: set[str],
           made: Callable[[str], str]) -> Paragraph:
    """A block whose segments the file gives, the runs of text it leaves outside them (TEI text
    between `<s>`) segmented in their place, what it keeps between them in the order read (the
    block's and the runs' own); a sentence without an id from the file named by its place in the
    block (`names(count)`: the ids of all its sentences), unique in `taken`."""
    pieces: list[tuple[Segment | Block, str, list[tuple[int, int]]]] = [
        (piece, *_block_sentences(piece, lang, presplit)) if isinstance(piece, Block) else (piece, "", [])
        for piece in block.segments or ()]
    sids = names(sum(len(ranges) if isinstance(piece, Block) else 1 for piece, _, ranges in pieces))
    segments: list[Segment] = []
    between: list[tuple[int, str]] = []
    given = _given_between(block)
    for n, (piece, joined, ranges) in enumerate(pieces):
        between += [(len(segments), xml) for at, xml in given if at == n]  # (what the block keeps before it)
        if isinstance(piece, Segment):
            segments.append(piece if piece.id else Segment(unique_id(sids[len(segments)], taken), piece.text, piece.markup))
            continue
        sids_made = [unique_id(sid, taken) for sid in sids[len(segments):len(segments) + len(ranges)]]
        found, inside = _cut(piece, joined, ranges, sids_made, made)
        between += [(len(segments) + k, xml) for k, xml in inside]
        segments += found
    between += [(len(segments), xml) for at, xml in given if at == len(pieces)]
    return Paragraph(tuple(segments), block.kind, tuple(between))


def _text_ids(text: SourceText) -> set[str]:
    """Every id a text as read holds, but those of sentences it does not give: its layout's,
    its blocks', their markup's."""
    ids = set(xml_ids(text.layout or ""))
    blocks = list(text.blocks)
    while blocks:
        block = blocks.pop()
        ids.update([block.id] if block.id else ())
        ids.update(span_ids(block.spans))
        for piece in block.segments or ():
            if isinstance(piece, Block):
                blocks.append(piece)
            elif piece.markup:
                ids.update(span_ids(piece.markup.spans))
    return ids


def segment_source(text: SourceText, lang: str, presplit: bool = False, ids: str = PARAGRAPH) -> Document:
    """The Document of one text in language `lang`: its segments kept where the file gave
    them (the text it leaves outside them segmented in its place), else its blocks segmented
    (each line a segment with `presplit`: of a TEI's text outside `<s>`, each line typed in it or
    ended by `<lb/>`, Block.lines), the markup a reader kept put around its sentences
    (corpora.markup); sentence ids by the scheme `ids` (corpora.model.sentence_ids) where the
    file gives none, made unique against those it gives (`<id>.2`)."""
    tid = text.text_id or lang
    taken = {seg.id for block in text.blocks for seg in block.segments or () if isinstance(seg, Segment) and seg.id}
    made = partial(unique_id, taken=_text_ids(text) | taken)  # the ids of split markup (corpora.markup.cut)
    paragraphs: list[Paragraph] = []
    n = 0
    for number, block in enumerate(text.blocks, 1):
        names = partial(sentence_ids, ids, tid, number, n, block_id=block.id)  # count -> the block's sentence ids
        if block.segments is not None:
            para = _given(block, lang, presplit, names, taken, made)
        else:
            joined, ranges = _block_sentences(block, lang, presplit)
            found, between = _cut(block, joined, ranges, [unique_id(sid, taken) for sid in names(len(ranges))], made)
            para = Paragraph(tuple(found), block.kind, tuple(between))
        n += len(para.segments)
        paragraphs.append(para)
    doc = Document(lang, paragraphs, tid, text.title, text.layout)
    if len(doc) == 0:
        raise InputError("has no sentences", text.path)
    return doc


def segmentation_label(texts: list[tuple[SourceText, str]], presplit: bool) -> str:
    """How the texts (with their languages) were segmented, for the signature: "presplit",
    else per text the rules ("en-3"), or the file's own segments and the rules for the rest
    ("tei+en-3"), comma-separated."""
    if presplit:
        return PRESPLIT
    from align.segment import describe

    return ",".join(f"{text.segmentation}+{describe(lang)}" if text.segmentation else describe(lang)
                    for text, lang in texts)


def text_language(text: SourceText, lang: str | None, option: str, presplit: bool = False) -> str:
    """The language a text is segmented in: the option's (said on stderr where the file declares
    another), else the one the file declares (where the script contradicts it, said on stderr:
    a site template's lang="en" on a Russian page, segmented as the script's language where the
    script settles one, languages.SCRIPTS, else as declared; a script subtag naming another
    script, sr-Latn on a Cyrillic text, is dropped where the language is written in the text's
    script too), else the script's (`resolve_lang`); `und` given leaves it to the
    file, and stays where the file cannot tell. (`presplit`: no rules split it, the warnings say.)"""
    code = languages.stated(lang) and languages.normalize(lang or "")
    if code and languages.stated(text.lang) and not languages.same_language(code, text.lang or ""):
        log.warning("%s: declares its language as %r, but %s is %r; %s", text.path, text.lang,
                    option, lang, _segmented_as(code, text, presplit))
    if not code and languages.stated(text.lang):
        script = languages.script_contradicts(text.lang or "", text.sample())
        kept = script and languages.in_script_of_text(text.lang or "", script)
        if script is not None and kept:
            log.warning("%s: declares its language as %r, but its text is in %s script, which the script subtag "
                        "does not name; %s (%s chooses)", text.path, text.lang, script.name,
                        _segmented_as(kept, text, presplit), option)
            return kept
        if script is not None:
            log.warning("%s: declares its language as %r, but its text is in %s script; %s (%s chooses)",
                        text.path, text.lang, script.name,
                        _segmented_as(script.settles or text.lang or "", text, presplit), option)
            if script.settles:
                return script.settles
    if code or not lang:
        return resolve_lang(code, text, option)
    try:
        return resolve_lang(None, text, option)
    except UsageError:  # `und` where the file cannot tell: generic rules
        return languages.normalize(lang)


def _segmented_as(code: str, text: SourceText, presplit: bool = False) -> str:
    """How a warning names the segmentation of a text in `code`: "segmenting it as 'en'", and
    where its rules give way to the generic ones (align.segment.by_generic_rules: an Arabic text
    in English, whose rules start a sentence only at a capital) says so; under --presplit, which
    runs no rules, that its sentences are as given."""
    from align.segment import by_generic_rules  # here: only a warning loads the rules

    if presplit:
        return f"taking it as {code!r}, its sentences as --presplit gives them"
    if by_generic_rules(text.sample(), code):
        return f"segmenting it as {code!r} by the generic rules, since {code!r} starts a sentence only at a " \
               "capital and its script has none"
    return f"segmenting it as {code!r}"


def load_document(text: SourceText, lang: str | None, option: str, presplit: bool = False,
                  ids: str = PARAGRAPH) -> Document:
    """One text segmented in its language (`text_language`), its sentence ids by the scheme `ids`."""
    return segment_source(text, text_language(text, lang, option, presplit), presplit, ids)
