"""The TEI inputs of an alignment kept in its output: what each `<TEI>` holds beside its text.

Each input's header, resources and root attributes join the output (tei.header.adopt_header,
tei.declarations, tei.root_attributes), and every id the output would hold twice is renamed
here, before writing, where it is known which input each id and each pointer belongs to: an
input's kept ids (of its header, its resources, its text's markup) that the output already
has, the ids bitext writes (sentences, links, omission anchors, texts) or an earlier input's,
become `<text id>.<id>` (tei.clashes), and that input's pointers follow wherever they are: its
text's `facs="#z1"`, its standOff's `target="#p1"`. A pointer of one input into the other's
file (`target="en.xml#p1"`, the file named by its path from the pointing file's folder) points
into the output, which holds that file now, following the id where it was renamed (`#en.p1`).
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from functools import partial
from pathlib import Path


from corpora.model import Bitext, Document, link_ids

from tei.clashes import kept_ids, rename_document, rename_tree, renaming
from tei.declarations import parse_header
from tei.flags_markup import CATEGORY_PREFIX, TAXONOMY_ID
from tei.header import ALIGNER_ID, adopt_header, human_resps
from tei.names import XML_NS
from tei.relocate import KEPT, edit_kept, folder_from, rebase, rebased_text
from tei.writer import omission_anchors, text_ids


def made_ids(bitext: Bitext, texts: bool = True) -> set[str]:
    """The ids the writer makes for a bitext beside its sentences': its texts' (unless not
    `texts`), links', omission anchors', flags' (tei.flags_markup) and those of who made the
    links (the header's)."""
    ids = set(text_ids(bitext) if texts else ()) | {ALIGNER_ID, *human_resps(bitext)}
    for side, tid in zip(("source", "target"), text_ids(bitext)):
        count = sum(len(links) for links in omission_anchors(bitext.links, side).values())
        ids.update(f"{tid}.a{n}" for n in range(1, count + 1))
    lids = link_ids(bitext.links)
    ids.update(lids)
    kinds = {flag.kind for link in bitext.links for flag in link.flags}
    if kinds:
        ids.update([TAXONOMY_ID, *(CATEGORY_PREFIX + kind for kind in kinds)])
        ids.update(f"{lid}.f{n}" for lid, link in zip(lids, bitext.links) for n in range(1, len(link.flags) + 1))
    return ids


def written_ids(bitext: Bitext) -> set[str]:
    """The ids the writer gives a bitext: its sentences' and those it makes (`made_ids`)."""
    return made_ids(bitext) | {seg.id for doc in (bitext.source, bitext.target) for seg in doc.segments}


def keep_inputs(bitext: Bitext, envelopes: tuple[str | None, str | None], labels: tuple[str, str],
                renamed: tuple[dict[str, str], dict[str, str]] = ({}, {}), extra: frozenset[str] | set[str] = frozenset(),
                output: str | None = None) -> Bitext:
    """The bitext with what its TEI inputs hold beside their texts (`envelopes`, see
    corpora.sourcetext.SourceText.header; the same file's once) kept, and the ids of both
    texts and all kept parts unique, pointers following (into the other input's file too);
    `renamed`: each side's sentence ids as read -> as they are now, where they were renamed
    (bitext_cli.id_clashes.distinct_ids); `extra`: the ids the writer's extensions may write
    (glossary findings, entries), which kept ids yield too; `output`: where the output goes
    (None or "-": standard output, read from the current folder), from where the relative
    addresses kept of each input must still name the files beside it (tei.relocate)."""
    if not any(envelopes):
        return bitext
    taken = written_ids(bitext) | extra
    docs = [bitext.source, bitext.target]
    seen: set[str] = set()
    finals: list[dict[str, str]] = []
    slices = []
    for k, envelope in enumerate(envelopes):
        own = kept_ids(docs[k])
        start = [len(json.loads(bitext.meta.get(key) or "[]")) for key in KEPT]
        if envelope and envelope not in seen:
            seen.add(envelope)
            mapping = adopt_header(bitext.meta, envelope, docs[k].text_id, taken, own, labels[k], renamed[k])
            own += parse_header(envelope).xpath("//@xml:id")
        else:
            mapping = renaming(own, taken, docs[k].text_id)
        slices.append([(n, len(json.loads(bitext.meta.get(key) or "[]"))) for n, key in zip(start, KEPT)])
        docs[k] = rename_document(docs[k], mapping)
        finals.append(_final_ids(own, mapping, docs[k], renamed[k]))
    if envelopes[0] and envelopes[1] and envelopes[0] != envelopes[1]:
        for k, j in ((0, 1), (1, 0)):
            into = _into(labels[j], labels[k], envelopes[k] or "", finals[j])
            docs[k] = rename_document(docs[k], into)
            edit_kept(bitext.meta, slices[k], partial(rename_tree, mapping=into))
    for k, envelope in enumerate(envelopes):
        folder = folder_from(labels[k], output) if envelope else ""
        if folder:
            docs[k] = rebased_text(docs[k], folder)
            edit_kept(bitext.meta, slices[k], partial(rebase, folder=folder))
    return replace(bitext, source=docs[0], target=docs[1])


def _final_ids(own: list[str], mapping: dict[str, str], doc: Document, renamed: dict[str, str]) -> dict[str, str]:
    """Each id an input gave (its kept ids, its sentences', as read: `renamed` their new ids)
    -> its id in the output."""
    final = {old: mapping.get(old, old) for old in own}
    final.update(renamed)
    for seg in doc.segments:
        final.setdefault(seg.id, seg.id)
    return final


def _into(path: str, pointing: str, envelope: str, final: dict[str, str]) -> dict[str, str]:
    """Pointers of the file `pointing` into the file `path` (`file#id`, the file named by its
    path from the pointing file's folder, as a relative reference resolves there) -> the id in
    the output (none where the pointing file names another base, `xml:base`, either is not a
    file, or the pointing file names the other nowhere)."""
    if not all(os.path.isfile(p) for p in (path, pointing)) or parse_header(envelope).get(f"{{{XML_NS}}}base"):
        return {}
    rel = os.path.relpath(os.path.abspath(path), os.path.dirname(os.path.abspath(pointing))).replace(os.sep, "/")
    if f"{rel}#".encode() not in Path(pointing).read_bytes():  # (it points there nowhere: nothing to follow)
        return {}
    return {f"{name}#{old}": new for name in (rel, f"./{rel}") for old, new in final.items()}
