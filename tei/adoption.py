"""The TEI inputs of an alignment kept in its output: what each `<TEI>` holds beside its text.

Each input's header, resources and root attributes join the output (tei.header.adopt_header,
tei.declarations, tei.root_attributes), and every id the output would hold twice is renamed
here, before writing, where it is known which input each id and each pointer belongs to: an
input's kept ids (of its header, its resources, its text's markup) that the output already
has, the ids bitext writes (sentences, links, omission anchors, texts) or an earlier input's,
become `<text id>.<id>` (tei.clashes), and that input's pointers follow wherever they are: its
text's `facs="#z1"`, its standOff's `target="#p1"`.
"""

from __future__ import annotations

from dataclasses import replace

from corpora.model import Bitext

from tei.clashes import kept_ids, rename_document, renaming
from tei.header import adopt_header
from tei.writer import omission_anchors, text_ids


def written_ids(bitext: Bitext) -> set[str]:
    """The ids the writer gives a bitext: its texts', sentences', links' and omission anchors'."""
    ids = set(text_ids(bitext))
    for doc, side, tid in zip((bitext.source, bitext.target), ("source", "target"), text_ids(bitext)):
        ids.update(seg.id for seg in doc.segments)
        count = sum(len(links) for links in omission_anchors(bitext.links, side).values())
        ids.update(f"{tid}.a{n}" for n in range(1, count + 1))
    ids.update(link.id or f"l{k + 1}" for k, link in enumerate(bitext.links))
    return ids


def keep_inputs(bitext: Bitext, envelopes: tuple[str | None, str | None], labels: tuple[str, str]) -> Bitext:
    """The bitext with what its TEI inputs hold beside their texts (`envelopes`, see
    corpora.sourcetext.SourceText.header; the same file's once) kept, and the ids of both
    texts and all kept parts unique, pointers following."""
    if not any(envelopes):
        return bitext
    taken = written_ids(bitext)
    docs = [bitext.source, bitext.target]
    seen: set[str] = set()
    for k, envelope in enumerate(envelopes):
        own = kept_ids(docs[k])
        if envelope and envelope not in seen:
            seen.add(envelope)
            mapping = adopt_header(bitext.meta, envelope, docs[k].text_id, taken, own, labels[k])
        else:
            mapping = renaming(own, taken, docs[k].text_id)
        docs[k] = rename_document(docs[k], mapping)
    return replace(bitext, source=docs[0], target=docs[1])
