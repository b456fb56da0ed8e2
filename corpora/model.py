"""The data model: documents of paragraphs of segments, and a bitext of links between two.

Links address segments by their position in the document's flat segment list, so the aligner
never deals with identifiers; writers turn positions into `xml:id`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator, Sequence

from corpora.markup import Markup


PARAGRAPH, RUNNING = "paragraph", "running"
IDS = (PARAGRAPH, RUNNING)  # the sentence id schemes (see `sentence_ids`)


def sentence_ids(scheme: str, text_id: str, number: int, before: int, count: int,
                 block_id: str | None = None) -> list[str]:
    """The ids of the `count` sentences of the `number`-th paragraph of a text (1-based), after
    `before` sentences: `paragraph` numbers them within it, `<text id>.p<N>.s<K>`, so adding a
    sentence renumbers only the rest of its paragraph; `running` through the text, `<text
    id>.s<N>`. A paragraph with an id of its own (a TEI `<p xml:id="p3">`) names them
    `<paragraph id>.s<K>` in both."""
    if block_id:
        return [f"{block_id}.s{k}" for k in range(1, count + 1)]
    if scheme == RUNNING:
        return [f"{text_id}.s{before + k}" for k in range(1, count + 1)]
    return [f"{text_id}.p{number}.s{k}" for k in range(1, count + 1)]


def unique_id(candidate: str, taken: set[str], sep: str = ".") -> str:
    """`candidate`, or when `taken` has it `candidate.2`, `candidate.3` ... (`sep` before the
    number): the first it has not (which `taken` then holds)."""
    new, n = candidate, 1
    while new in taken:
        n += 1
        new = f"{candidate}{sep}{n}"
    taken.add(new)
    return new


def prefixed_ids(ids: Iterable[str], prefix: str, taken: set[str]) -> dict[str, str]:
    """Each of `ids` -> `<prefix>.<id>`, one to one and unique in `taken` (which then holds
    them): an id that has the prefix already keeps it while it is free, the others get it
    (`unique_id`: `.2` after one that is taken), in order."""
    own = list(dict.fromkeys(ids))
    mapping = {old: old for old in own if old.startswith(f"{prefix}.") and old not in taken}
    taken.update(mapping)
    return {old: mapping.get(old) or unique_id(f"{prefix}.{old}", taken) for old in own}


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence (or pre-split line) with its stable identifier.

    `markup`, when set, is the sentence's markup as read (TEI: names, `<choice>`, an archive's
    `<hi>`, `<pb/>`, notes), standoff spans over `text` (corpora.markup); TEI writers put it back
    unchanged while it still reads as `text`.
    """

    id: str
    text: str
    markup: Markup | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of segments; `kind` is "p" for body text or "head" for a heading (see
    corpora.sourcetext.KINDS). `between` holds what its block keeps between sentences as read
    (XML a sentence cannot hold, such as a TEI `<list>` inside a `<p>`, or text a person typed
    there, as XML content): (k, xml) stands before segment k (k = len(segments): after the last)."""

    segments: tuple[Segment, ...]
    kind: str = "p"
    between: tuple[tuple[int, str], ...] = ()


@dataclass
class Document:
    """One side of a bitext: a language, a text identifier and its paragraphs; `layout` the
    structure around its paragraphs as read (corpora.sourcetext.SourceText.layout)."""

    lang: str
    paragraphs: list[Paragraph]
    text_id: str = ""
    title: str | None = None
    layout: str | None = None

    def __post_init__(self) -> None:
        if not self.text_id:
            self.text_id = self.lang

    @classmethod
    def from_sentences(
        cls,
        lang: str,
        paragraphs: Iterable[Sequence[str]],
        text_id: str = "",
        kinds: Sequence[str] | None = None,
        ids: Sequence[Sequence[str]] | None = None,
        scheme: str = RUNNING,
    ) -> "Document":
        """Build a document from paragraphs of sentence strings, with these ids or ids of the
        `scheme` (`sentence_ids`; running, `<text>.s<n>`, unless told)."""
        tid = text_id or lang
        paras: list[Paragraph] = []
        n = 0
        for p, sentences in enumerate(paragraphs):
            sids = ids[p] if ids is not None else sentence_ids(scheme, tid, p + 1, n, len(sentences))
            segs = [Segment(sid, sentence) for sid, sentence in zip(sids, sentences)]
            n += len(segs)
            kind = kinds[p] if kinds is not None else "p"
            paras.append(Paragraph(tuple(segs), kind))
        return cls(lang=lang, paragraphs=paras, text_id=tid)

    def with_ids(self, rename: Callable[[str], str], text_id: str | None = None) -> "Document":
        """A copy whose segment ids are `rename(id)`, and the ids in their markup too (and whose
        text id is `text_id`, if given)."""
        known = {i for s in self.segments if s.markup for i in s.markup.ids()}
        # Segment(...) rather than dataclasses.replace, ten times slower (a book's 2,000 segments: 15 ms)
        paras = [replace(p, segments=tuple(Segment(rename(s.id), s.text, s.markup and s.markup.renamed(rename, known))
                                           for s in p.segments))
                 for p in self.paragraphs]
        return replace(self, paragraphs=paras, text_id=text_id or self.text_id)

    def relabel(self, text_id: str) -> "Document":
        """A copy under another text id, renumbering `<old>.sN` segment ids to `<new>.sN`."""
        old = self.text_id + "."
        return self.with_ids(lambda sid: text_id + "." + sid[len(old):] if sid.startswith(old) else sid, text_id)

    @property
    def segments(self) -> list[Segment]:
        """All segments in document order."""
        return [s for p in self.paragraphs for s in p.segments]

    @property
    def texts(self) -> list[str]:
        """The text of every segment in document order."""
        return [s.text for p in self.paragraphs for s in p.segments]

    def paragraph_of(self) -> list[int]:
        """For each segment (in order), the index of the paragraph that holds it."""
        return [i for i, p in enumerate(self.paragraphs) for _ in p.segments]

    def __len__(self) -> int:
        return sum(len(p.segments) for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Flag:
    """A reason to doubt a link, with a short human-readable explanation."""

    kind: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """A bead: source and target segment positions (either side may be empty) and a score."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 1.0
    flags: tuple[Flag, ...] = ()
    resp: str | None = None
    id: str | None = None

    @property
    def type(self) -> str:
        """The bead type as TEI `@type` writes it, e.g. "1-2" or "0-1"."""
        return f"{len(self.src)}-{len(self.tgt)}"


def link_ids(links: Sequence[Link]) -> list[str]:
    """Each link's id as bitext writes it: its own, or for a link without one `l<position>`
    (from 1), `l<position>.2` ... where another link has that one already (`unique_id`; a file
    cut or numbered by hand). The one rule: the writer, the review page, decisions files and the
    glossary check all name links by it."""
    taken = {link.id for link in links if link.id}
    return [link.id or unique_id(f"l{k + 1}", taken) for k, link in enumerate(links)]


def with_link_ids(links: Sequence[Link]) -> list[Link]:
    """The links, each with the id `link_ids` gives it (kept ids stay)."""
    return [link if link.id == lid else replace(link, id=lid) for link, lid in zip(links, link_ids(links))]


@dataclass
class Bitext:
    """Two documents and the links between them, with metadata for writers."""

    source: Document
    target: Document
    links: list[Link]
    meta: dict[str, str] = field(default_factory=dict)

    def iter_pairs(self) -> Iterator[tuple[Link, list[str], list[str]]]:
        """Each link with the source and target texts it joins."""
        src, tgt = self.source.texts, self.target.texts
        for link in self.links:
            yield link, [src[i] for i in link.src], [tgt[j] for j in link.tgt]


def check_links(links: Sequence[Link], n_src: int, n_tgt: int) -> list[str]:
    """Problems with a link list: each segment in exactly one link, in order, no empty link."""
    problems: list[str] = []
    next_s = next_t = 0
    for k, link in enumerate(links):
        if not link.src and not link.tgt:
            problems.append(f"link {k} is empty on both sides")
        for side, idx, expect in (("source", link.src, next_s), ("target", link.tgt, next_t)):
            if idx and list(idx) != list(range(expect, expect + len(idx))):
                problems.append(f"link {k}: {side} segments {list(idx)} out of order (expected from {expect})")
        next_s += len(link.src)
        next_t += len(link.tgt)
        if not 0.0 <= link.score <= 1.0:
            problems.append(f"link {k}: score {link.score} outside 0..1")
    if next_s != n_src:
        problems.append(f"links cover {next_s} source segments of {n_src}")
    if next_t != n_tgt:
        problems.append(f"links cover {next_t} target segments of {n_tgt}")
    return problems


def with_unpaired(links: Sequence[Link], n_src: int, n_tgt: int) -> list[Link]:
    """The links, with a 1-0/0-1 link (score 0, the aligner's) for each segment no link joins,
    placed before the first link past it on its side: a segment dropped from a link list (a
    hand-edited file) is kept, in document order where the links are."""
    linked = ({pos for link in links for pos in link.src}, {pos for link in links for pos in link.tgt})
    waiting = [[pos for pos in reversed(range(n)) if pos not in linked[side]]  # (next one last)
               for side, n in enumerate((n_src, n_tgt))]
    out: list[Link] = []

    def unpaired(side: int, before: int | None) -> None:
        while waiting[side] and (before is None or waiting[side][-1] < before):
            pos = (waiting[side].pop(),)
            out.append(Link(pos, (), 0.0) if side == 0 else Link((), pos, 0.0))

    for link in links:
        for side, positions in enumerate((link.src, link.tgt)):
            if positions:
                unpaired(side, min(positions))
        out.append(link)
    unpaired(0, None)
    unpaired(1, None)
    return out
