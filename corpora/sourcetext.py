"""What every reader returns: a text as read, in blocks, before segmentation (`SourceText`).

A reader (plain text, HTML, DOCX, ODT, Markdown, PDF, TMX, XLIFF, TEI) turns one input into
the texts it holds (one, or two for a translation memory or an aligned TEI), each a
`SourceText`: its blocks in reading order, each with a kind, an optional id, its text and the
inline markup the reader saw as standoff character spans. Readers do not segment: the
aligner's segmenter (align.sources) does, except where the file itself gives the segments
(TEI `<s>`, TMX/XLIFF units), which come as `Block.segments` and are kept with their ids.
`SourceText.segmentation` names what segmented the text besides the rules, for the TEI
signature.
`title` is the document's own title where its format has one; the TEI header names it.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpora import languages
from corpora.errors import InputError, UsageError
from corpora.markup import Span
from corpora.model import Segment

# Block kinds, named after their TEI elements (the TEI writer maps each to its element).
HEAD = "head"  # a heading (h1-h6, a heading style, `# Title`)
P = "p"  # body text
NOTE = "note"  # a footnote or endnote
CAPTION = "caption"  # the caption of a figure or table
ITEM = "item"  # an item of a list
KINDS = (HEAD, P, NOTE, CAPTION, ITEM)


@dataclass(frozen=True)
class Block:
    """A paragraph-like unit of a text: its `kind` (one of KINDS), its reading `text` (markup
    removed, entities decoded; lines of a block broken where the source breaks them, "\\n"),
    an optional `id` from the file, inline `spans` (corpora.markup; an XML reader's are kept
    and put back around the sentences), and `segments` when the file gives them: where it
    gives only some (TEI text between `<s>`), each run of text it leaves outside them is a
    `Block` of its own in its place, for the segmenter. `lines`: offsets in `text` where a line
    of the source ends though the text reads on (a line break typed in a TEI `<p>`, an `<lb/>`,
    both read as a space); with --presplit each ends a segment, as a line of plain text does."""

    text: str
    kind: str = P
    id: str | None = None
    spans: tuple[Span, ...] = ()
    segments: tuple[Segment | Block, ...] | None = None
    lines: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}; one of {', '.join(KINDS)}")


@dataclass(frozen=True)
class SourceText:
    """One text of an input as its reader found it.

    `lang` is the language the file names (None: it names none), `text_id` the id it gives the
    text, `segmentation` what segmented it besides the language's rules, for the signature: ""
    for plain text (the rules alone), else the format whose blocks, or segments where it has
    them (TEI `<s>`, TMX units), came first ("tei", "html", "tmx", ...). `layout` is the text's
    own structure with each block emptied and marked (a TEI `<text>`: its divisions, front and
    back matter, what lies between the blocks), `header` the file's own header and what else
    its root holds beside its texts (a TEI `<TEI>` without its texts: its attributes, header,
    facsimile, standOff): what the TEI writer keeps of an input it did not write (see
    tei.layout, tei.adoption).
    """

    path: str
    format: str
    blocks: tuple[Block, ...]
    lang: str | None = None
    text_id: str | None = None
    segmentation: str = ""
    title: str | None = None  # the document's own title (HTML <title>, DOCX/ODT/PDF metadata, TEI)
    layout: str | None = None  # the structure around the blocks, for the writer of the same format
    header: str | None = None  # the file's own header and resources (TEI), kept and extended by the TEI writer

    def sample(self, limit: int = 20000) -> str:
        """The start of the text (for telling its language from its script)."""
        out, size = [], 0
        for block in self.blocks:
            out.append(block.text)
            size += len(block.text) + 1
            if size >= limit:
                break
        return "\n".join(out)


def _in_language(texts: list[SourceText], lang: str) -> list[SourceText]:
    """The texts in language `lang`: those whose code is `lang` itself (en-GB), else those of
    its language (en-GB, en-US for en)."""
    exact = [t for t in texts if t.lang and t.lang.lower() == lang.lower()]
    return exact or [t for t in texts if t.lang and languages.same_language(t.lang, lang)]


def pick_text(texts: list[SourceText], lang: str | None, path: str, option: str) -> SourceText:
    """The one text of an input, or of several (an aligned TEI, a TMX) the one in `lang`
    (`und`: none given); where that chooses none, an error naming the languages there are and
    `option`, where `lang` is given: a command-line option ("--src-lang"), or a manifest's
    column and row ("source_lang in manifest row 3")."""
    give = f"pass {option}" if option.startswith("-") else f"set {option}"
    if not texts:
        raise InputError("holds no text", path)
    if len(texts) == 1:
        return texts[0]
    lang = languages.stated(lang)
    held = ", ".join(dict.fromkeys(t.lang or "und" for t in texts))
    if not lang:
        raise InputError(f"holds {len(texts)} texts ({held}); {give} to choose one", path)
    found = _in_language(texts, lang)
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(f"holds no text in language {lang!r} ({held}); {give} to choose one", path)
    raise InputError(f"holds {len(found)} texts in language {lang!r}; give a file with one text", path)


def pick_pair(texts: list[SourceText], src_lang: str | None, tgt_lang: str | None,
              path: str) -> tuple[SourceText, SourceText]:
    """Both texts of one input that holds a text and its translation (TMX, XLIFF, an aligned
    TEI): by the languages given (`und`: none), else in the file's order (source first); two
    texts in one language (a same-language memory) in the file's order."""
    if len(texts) < 2:
        raise UsageError(f"{path}: holds one text; give its translation as TGT")
    src_lang, tgt_lang = languages.stated(src_lang), languages.stated(tgt_lang)
    if len(texts) == 2 and all(lang is None or any(t is text for t in _in_language(texts, lang))
                               for lang, text in zip((src_lang, tgt_lang), texts)):
        return texts[0], texts[1]
    if src_lang or tgt_lang:
        source = pick_text(texts, src_lang, path, "--src-lang") if src_lang else None
        target = pick_text(texts, tgt_lang, path, "--tgt-lang") if tgt_lang else None
        rest = [t for t in texts if t is not source and t is not target]
        if source is None or target is None:
            if len(rest) != 1:
                raise UsageError(f"{path}: holds {len(texts)} texts; pass --src-lang and --tgt-lang to choose two")
            source, target = source or rest[0], target or rest[0]
        return source, target
    if len(texts) != 2:
        raise UsageError(f"{path}: holds {len(texts)} texts; pass --src-lang and --tgt-lang to choose two")
    return texts[0], texts[1]
