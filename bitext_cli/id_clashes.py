"""Every id of one output file unique: the texts' and sentences' ids kept from TEI inputs
apart from each other and from the ids bitext writes (links, anchors, flags, extensions), with
each side's renaming for the pointers that follow them (tei.adoption)."""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import partial

from corpora.model import Bitext, Segment, prefixed_ids, unique_id

log = logging.getLogger("bitext")


Renamed = tuple[dict[str, str], dict[str, str]]  # each side's ids as read -> in the output (those renamed)


def ids_apart(bitext: Bitext, written: bool, extra: set[str]) -> tuple[Bitext, Renamed]:
    """The bitext with every id unique (`texts_apart`, `distinct_ids`) among those the writer
    makes when `written` (an output with link ids, or one that keeps a TEI input's markup;
    tei.adoption.made_ids, and `extra`: its extensions'), else among the texts' ids, and each
    side's sentences' renaming."""
    if not written:  # (nor lxml loaded: a plain text aligned to beads)
        return distinct_ids(bitext, {bitext.source.text_id, bitext.target.text_id}, set())
    from tei.adoption import made_ids
    from tei.clashes import kept_ids

    bitext = texts_apart(bitext, made_ids(bitext, texts=False) | extra)
    kept = {i for doc in (bitext.source, bitext.target) for i in kept_ids(doc)}
    return distinct_ids(bitext, made_ids(bitext) | extra, kept)


def texts_apart(bitext: Bitext, made: set[str]) -> Bitext:
    """The bitext with each text id apart from the ids the writer makes beside the texts'
    (`made`: links', ... tei.adoption.made_ids): a text the input names `l1` as bitext names a
    link is called by its language (`tr`, or `tr.2` where that is taken), and a warning says so."""
    taken = made | {i for doc in (bitext.source, bitext.target) for seg in doc.segments for i in _ids(seg)}
    taken |= {bitext.source.text_id, bitext.target.text_id}
    docs = []
    for doc in (bitext.source, bitext.target):
        if doc.text_id in made:
            new = unique_id(doc.lang, taken)
            log.warning("the text id %s is one bitext writes for something else; calling the text %s", doc.text_id,
                        new)
            doc = replace(doc, text_id=new)
        docs.append(doc)
    return replace(bitext, source=docs[0], target=docs[1])


def distinct_ids(bitext: Bitext, made: set[str], kept: set[str]) -> tuple[Bitext, Renamed]:
    """The bitext with its sentences' ids unique across both texts and apart from the ids the
    writer makes (`made`: its texts', links', omission anchors', ... tei.adoption.made_ids), as
    one TEI file needs, and each side's renaming; `kept`: the ids the texts keep from their
    inputs (tei.clashes.kept_ids), which a renamed id does not take.

    Ids kept from TEI inputs may clash (both sides numbered `s1`, `s2`, ..., or a sentence
    named `l1` as a link is); then each side's segment ids get its text id as a prefix
    (`en.s1`, `tr.s1`; an id that has it already keeps it where it is free: corpora.model.
    prefixed_ids) and a warning says so.
    """
    docs = (bitext.source, bitext.target)
    src_ids, tgt_ids = ({i for seg in doc.segments for i in _ids(seg)} for doc in docs)
    clashes = sorted(((src_ids & tgt_ids) | ((src_ids | tgt_ids) & made)) - {""})
    if not clashes:
        return bitext, ({}, {})
    log.warning("ids %s occur in both inputs or are ids bitext writes; prefixing each side's ids with its text id",
                ", ".join(clashes[:5]))
    taken = made | (kept - src_ids - tgt_ids)
    renamed = [prefixed_ids((i for seg in doc.segments for i in _ids(seg)), doc.text_id, taken) for doc in docs]
    source, target = (doc.with_ids(partial(_new_id, names)) for doc, names in zip(docs, renamed))
    return replace(bitext, source=source, target=target), (renamed[0], renamed[1])


def _new_id(names: dict[str, str], old: str) -> str:
    return names.get(old, old)


def _ids(seg: Segment) -> list[str]:
    """A segment's id and those of its markup."""
    return [seg.id, *(seg.markup.ids() if seg.markup else ())]
