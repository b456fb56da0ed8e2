"""Re-align around links fixed by hand: links a person checked are kept exactly, as anchors, and
the chosen aligner runs on each stretch between two of them.

InterText keeps checked links (`status="man"`) when it re-aligns; so does this. The kept links
cut both texts into gaps (the sentences between one kept link and the next); each gap with
sentences on both sides is aligned on its own, as two small documents, and its links shifted
back; a gap with sentences on one side only becomes omissions (1-0 or 0-1, score 0). The search
itself is not changed: it never sees a kept link, so it can never move one.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby
from typing import Callable, Sequence

from corpora.errors import InputError
from corpora.model import Document, Link, Paragraph, check_links, with_link_ids

from align.aligner import align_documents
from align.config import AlignConfig
from align.registry import NameKeys


def part(doc: Document, start: int, end: int) -> Document:
    """The sentences start..end-1 of a document as a document (paragraphs cut to the range)."""
    segments = doc.segments[start:end]
    owners = doc.paragraph_of()[start:end]
    paragraphs = []
    for p, group in groupby(zip(owners, segments), key=lambda pair: pair[0]):
        paragraphs.append(Paragraph(tuple(seg for _, seg in group), doc.paragraphs[p].kind))
    return Document(doc.lang, paragraphs, doc.text_id, doc.title)


def _omissions(source: range, target: range) -> list[Link]:
    return [Link((i,), (), 0.0) for i in source] + [Link((), (j,), 0.0) for j in target]


def _gap(source: Document, target: Document, s: tuple[int, int], t: tuple[int, int], config: AlignConfig,
         name_keys: NameKeys | None) -> list[Link]:
    """Fresh links for source sentences s[0]..s[1]-1 and target sentences t[0]..t[1]-1."""
    if s[0] == s[1] or t[0] == t[1]:
        return _omissions(range(*s), range(*t))
    cut = (name_keys[0][s[0]:s[1]], name_keys[1][t[0]:t[1]]) if name_keys else None
    bitext = align_documents(part(source, *s), part(target, *t), config, name_keys=cut)
    return [replace(link, src=tuple(i + s[0] for i in link.src), tgt=tuple(j + t[0] for j in link.tgt), id=None)
            for link in bitext.links]


def align_around(
    source: Document, target: Document, links: Sequence[Link], keep: Callable[[Link], bool],
    config: AlignConfig, name_keys: NameKeys | None = None,
) -> list[Link]:
    """A new alignment of two documents that keeps exactly the links of `links` (a complete
    alignment of them) for which `keep` is true, and aligns everything between those afresh."""
    problems = check_links(links, len(source), len(target))
    if problems:
        raise InputError(f"the alignment to keep links from is not valid: {problems[0]}")
    out: list[Link] = []
    i = j = 0        # where the current link starts
    gi = gj = 0      # where the current gap starts
    for link in links:
        if keep(link):
            out += _gap(source, target, (gi, i), (gj, j), config, name_keys)
            out.append(link)
            gi, gj = i + len(link.src), j + len(link.tgt)
        i += len(link.src)
        j += len(link.tgt)
    out += _gap(source, target, (gi, i), (gj, j), config, name_keys)
    return with_link_ids(out)


def _next_to_each_other(places: list[int]) -> bool:
    return places == list(range(places[0], places[0] + len(places))) if places else True


def carried(links: Sequence[Link], keep: Callable[[Link], bool], old: tuple[Document, Document],
            new: tuple[Document, Document], anchors: tuple[list[int], list[int]] = ([], [])
            ) -> tuple[list[Link], list[str]] | None:
    """The kept links of an alignment of the `old` documents moved into the `new` ones, which hold
    their sentences (the same id and text, in the same order) and more (text typed between
    them, read as sentences): a complete alignment for `align_around`, every other sentence in a
    1-0 or 0-1 link of its own, and the ids of kept links not carried (their sentences are no
    longer next to each other). None when a sentence of `old` is not in `new`. `anchors`: where
    each text of `new` had the omission anchors of the links with no sentence on its side, in
    order (positions in it, see tei.layout.anchor_places): a kept such link stands there among
    the new sentences, not after them (used where there is one for each such link)."""
    places: list[list[int]] = []
    for before, now in zip(old, new):
        where = {seg.id: k for k, seg in enumerate(now.segments)}
        found = [where.get(seg.id) for seg in before.segments]
        if any(k is None or now.segments[k].text != seg.text for k, seg in zip(found, before.segments)):
            return None
        place = [k for k in found if k is not None]
        if place != sorted(place):
            return None
        places.append(place + [len(now)])  # (the end: where a link after the last sentence stands)
    empty = [[k for k, link in enumerate(links) if not link.src], [k for k, link in enumerate(links) if not link.tgt]]
    stand = [dict(zip(empty[n], anchors[n])) if len(anchors[n]) == len(empty[n]) else {} for n in (0, 1)]
    out: list[Link] = []
    dropped: list[str] = []
    i = j = i_old = j_old = 0
    for k, link in enumerate(links):
        s, t = [places[0][x] for x in link.src], [places[1][y] for y in link.tgt]
        if keep(link) and _next_to_each_other(s) and _next_to_each_other(t):
            s0 = (s or [min(max(stand[0].get(k, places[0][i_old]), i), places[0][i_old])])[0]
            t0 = (t or [min(max(stand[1].get(k, places[1][j_old]), j), places[1][j_old])])[0]
            out += _omissions(range(i, s0), range(j, t0))
            out.append(replace(link, src=tuple(s), tgt=tuple(t)))
            i, j = s0 + len(s), t0 + len(t)
        elif keep(link):
            dropped.append(link.id or "")
        i_old, j_old = i_old + len(link.src), j_old + len(link.tgt)
    out += _omissions(range(i, len(new[0])), range(j, len(new[1])))
    return out, dropped
