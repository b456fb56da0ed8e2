"""Decisions format version 2: the correction editor's log of operations, and replaying it.

The editor page (tei/review/editor.js) records every step a translator takes as one entry of an
operation log; undoing a step removes its entry. A version 2 decisions file is that log:

    {"format": "bitext-review-decisions", "version": 2, "document": "sha256:…", "file": "…",
     "operations": [
       {"op": "move", "side": "source", "to": "previous",
        "links": ["l8", "l9"],                                   # replaced: consecutive, in order
        "into": [{"id": "l8", "source": [6], "target": [7]},     # by: same sentences, new cuts
                 {"id": "l9", "source": [], "target": [8]}]},
       {"op": "edit", "side": "target", "texts": {"8": "The corrected sentence."}}]}

Every link operation (move, omission, pair, merge, split, accept, reject; `op` and the fields
beside it only describe the step) is one replacement: the links named in `links`, which must be
consecutive in the alignment as it stands after the earlier steps, give way to the links of
`into`, which must hold exactly the same sentences in the same order (sentence positions count
from 0 in each text) with ids unique in the document. So a file can only re-cut the alignment,
never lose or duplicate a sentence. Links in `into` are marked as made by hand (`@resp`
"human") and lose their flags; one that is the same as a replaced link (id and sentences) keeps
its score (an accepted link), the others are scored 1.0.

An `edit` replaces the text of sentences (`texts`: position -> new text) of one side; the
writer keeps the original beside it (`<choice><sic>…</sic><corr resp="#human">…</corr>`, see
tei/corrections.py). The editor replays the same log to restore a session.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from corpora.errors import InputError
from corpora.model import Bitext, Document, Link, with_link_ids
from corpora.readers import xml_text

HUMAN = "human"
SIDES = ("source", "target")
LINK_OPS = ("move", "omission", "pair", "merge", "split", "accept", "reject")


@dataclass(frozen=True)
class Replacement:
    """One link operation: the links `links` (ids) become `into` (id, source, target)."""

    op: str
    links: tuple[str, ...]
    into: tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...]


@dataclass(frozen=True)
class TextEdit:
    """New texts for sentences of one side, by position."""

    side: str
    texts: tuple[tuple[int, str], ...]


Operation = Replacement | TextEdit


@dataclass
class Reviewed:
    """A bitext after review, and the sentences whose text was corrected: (side, position) ->
    (original text, corrected text)."""

    bitext: Bitext
    corrections: dict[tuple[str, int], tuple[str, str]]


def normalize_text(text: str) -> str:
    """A corrected sentence as one line: runs of white space become one space (as the page does)."""
    return " ".join(text.split())


def parse_operations(items: object, label: str) -> list[Operation]:
    """The operations of a version 2 file; anything malformed is a one-line InputError."""
    if not isinstance(items, list):
        raise InputError("has no \"operations\" list", label)
    return [_operation(item, n, label) for n, item in enumerate(items, 1)]


def _ints(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)


def _operation(item: object, n: int, label: str) -> Operation:
    where = f"operation {n}"
    if not isinstance(item, dict):
        raise InputError(f"{where} is not an object", label)
    op = item.get("op")
    if op == "edit":
        side, texts = item.get("side"), item.get("texts")
        if side not in SIDES or not isinstance(texts, dict) or not texts:
            raise InputError(f"{where} (edit) needs \"side\" (source or target) and a \"texts\" object", label)
        pairs = []
        for key, text in texts.items():
            if not (isinstance(key, str) and key.isdigit() and isinstance(text, str) and normalize_text(text)):
                raise InputError(f"{where} (edit) has an entry {key!r}: {text!r}; use a sentence number "
                                 f"and a text that is not empty", label)
            pairs.append((int(key), xml_text(normalize_text(text), f"{where} (edit) text of {side} sentence {key}",
                                             label)))
        return TextEdit(side, tuple(pairs))
    if op not in LINK_OPS:
        raise InputError(f"{where} has op {op!r}; use one of {', '.join(LINK_OPS + ('edit',))}", label)
    links, into = item.get("links"), item.get("into")
    if not (isinstance(links, list) and links and all(isinstance(x, str) for x in links)):
        raise InputError(f"{where} ({op}) needs \"links\": the ids of the links it replaces", label)
    if not isinstance(into, list) or not into:
        raise InputError(f"{where} ({op}) needs \"into\": the links that replace them", label)
    new = []
    for entry in into:
        if not (isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"]
                and _ints(entry.get("source", [])) and _ints(entry.get("target", []))):
            raise InputError(f"{where} ({op}): each link of \"into\" needs an \"id\" and lists of sentence "
                             f"numbers \"source\" and \"target\"", label)
        new.append((entry["id"], tuple(entry.get("source", [])), tuple(entry.get("target", []))))
    return Replacement(op, tuple(links), tuple(new))


def _replace(links: list[Link], r: Replacement, n: int, label: str, resp: str) -> list[Link]:
    """The links with one replacement done (the new ones by `resp`), after checking it keeps
    every sentence in place."""
    where = f"operation {n} ({r.op})"
    position = {link.id: k for k, link in enumerate(links)}
    missing = [lid for lid in r.links if lid not in position]
    if missing:
        raise InputError(f"{where} names link {missing[0]!r}, which is not in the alignment at that step", label)
    start = position[r.links[0]]
    if [link.id for link in links[start:start + len(r.links)]] != list(r.links):
        raise InputError(f"{where}: links {', '.join(r.links)} are not consecutive at that step", label)
    old = links[start:start + len(r.links)]
    for side in (0, 1):
        before = [i for link in old for i in (link.src, link.tgt)[side]]
        after = [i for _, *sides in r.into for i in sides[side]]
        if before != after:
            raise InputError(f"{where}: the new links hold {SIDES[side]} sentences {after}, "
                             f"not the {before} of the links they replace", label)
    others = {link.id for link in links} - set(r.links)
    ids = [lid for lid, _, _ in r.into]
    clash = next((lid for lid in ids if lid in others or ids.count(lid) > 1), None)
    if clash:
        raise InputError(f"{where}: link id {clash!r} would occur twice", label)
    if any(not s and not t for _, s, t in r.into):
        raise InputError(f"{where}: a new link holds no sentence", label)
    kept = {(link.id, link.src, link.tgt): link for link in old}
    new = []
    for lid, s, t in r.into:
        same = kept.get((lid, s, t))
        if same is None:
            new.append(Link(s, t, 1.0, (), resp, lid))
        else:  # untouched by the step (its neighbours changed), unless the step accepts it
            new.append(replace(same, resp=resp, flags=()) if r.op == "accept" else same)
    return links[:start] + new + links[start + len(r.links):]


def _with_texts(doc: Document, texts: dict[int, str]) -> Document:
    """The document with new texts for some segments (by position); the others untouched."""
    if not texts:
        return doc
    paras, pos = [], 0
    for para in doc.paragraphs:
        segs = []
        for seg in para.segments:
            segs.append(replace(seg, text=texts[pos]) if pos in texts else seg)
            pos += 1
        paras.append(replace(para, segments=tuple(segs)))
    return replace(doc, paragraphs=paras)


def apply_operations(bitext: Bitext, operations: list[Operation], label: str = "decisions", resp: str = HUMAN) -> Reviewed:
    """The bitext with the operations replayed in order, the links they make by the reviewer
    `resp` (tei.reviewers; the result is not yet checked)."""
    links = with_link_ids(bitext.links)
    sizes = {"source": len(bitext.source), "target": len(bitext.target)}
    texts: dict[str, dict[int, str]] = {"source": {}, "target": {}}
    for n, op in enumerate(operations, 1):
        if isinstance(op, Replacement):
            links = _replace(links, op, n, label, resp)
            continue
        for pos, text in op.texts:
            if not 0 <= pos < sizes[op.side]:
                raise InputError(f"operation {n} (edit) names {op.side} sentence {pos}; the text has "
                                 f"{sizes[op.side]} (numbered from 0)", label)
            texts[op.side][pos] = text
    originals = {"source": bitext.source.texts, "target": bitext.target.texts}
    corrections = {(side, pos): (originals[side][pos], text)
                   for side in SIDES for pos, text in sorted(texts[side].items()) if text != originals[side][pos]}
    changed = {side: {pos: new for (s, pos), (_, new) in corrections.items() if s == side} for side in SIDES}
    reviewed = Bitext(_with_texts(bitext.source, changed["source"]), _with_texts(bitext.target, changed["target"]),
                      links, dict(bitext.meta))
    return Reviewed(reviewed, corrections)
