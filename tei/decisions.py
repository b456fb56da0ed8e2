"""A translator's review decisions: their file format, and folding them into a bitext.

The review page (tei/review_html.py) only collects decisions; this module is the one place that
turns them into links. A decisions file is JSON:

    {"format": "bitext-review-decisions", "version": 1,
     "document": "sha256:…",            # document_hash() of the aligned file reviewed
     "decisions": [{"link": "l3", "action": "accept"},
                   {"link": "l4", "action": "reject"},
                   {"link": "l5", "action": "merge"},          # with the next link
                   {"link": "l9", "action": "split", "source": 1, "target": 1}]}

- accept: the link stays as it is, now confirmed by a person;
- reject: the link's sentences do not correspond: each becomes an omission link (1-0 / 0-1);
- merge: the link and the next one become one link (several merges in a row chain);
- split: a many-sentence link becomes two: the first `source` source sentences with the first
  `target` target sentences, and the rest.

Every link a decision touches is marked with the reviewer's `@resp` ("human", declared in the
header), scored 1.0 and loses its flags (they are resolved).

Version 2 (the correction editor's operation log, written by today's page) is described and
replayed in tei/operations.py; `read_review` reads either version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Callable

from corpora import jsontext
from corpora.errors import BitextError, InputError
from corpora.readers import read_bytes
from corpora.model import Bitext, Link, check_links, link_ids, unique_id
from corpora.wording import counted

from tei.adoption import written_ids
from tei.checks import structural_problems
from tei.header import new_revision
from tei.writer import build_tei

FORMAT = "bitext-review-decisions"
VERSION = 1  # the accept/reject/merge/split list below
VERSIONS = (1, 2)  # 2: the editor's operation log (tei/operations.py)
HUMAN_RESP = "human"
ACTIONS = ("accept", "reject", "merge", "split")


def document_hash(bitext: Bitext) -> str:
    """The identity of an aligned document: its sentences (ids and texts) and its links."""
    h = hashlib.sha256()
    for doc in (bitext.source, bitext.target):
        h.update(doc.lang.encode() + b"\0")
        for seg in doc.segments:
            h.update(f"{seg.id}\0{seg.text}\0".encode())
        h.update(b"\1")
    for lid, link in zip(link_ids(bitext.links), bitext.links):
        h.update(f"{lid}\0{list(link.src)}\0{list(link.tgt)}\n".encode())
    return "sha256:" + h.hexdigest()


@dataclass(frozen=True)
class Decision:
    """One decision on one link (by xml:id); `source`/`target` only for a split."""

    link: str
    action: str
    source: int = 0
    target: int = 0


def parse_decisions(data: bytes, label: str, bitext: Bitext) -> list[Decision]:
    """The decisions of a version 1 file made for `bitext`; anything else is a one-line InputError."""
    doc = decisions_document(data, label, bitext)
    if doc.get("version") != VERSION:
        raise InputError(f"has decisions format version {doc.get('version')!r}; expected {VERSION} here", label)
    items = doc.get("decisions")
    if not isinstance(items, list):
        raise InputError("has no \"decisions\" list", label)
    return [_decision(item, n, label) for n, item in enumerate(items, 1)]


def decisions_document(data: bytes, label: str, bitext: Bitext) -> dict:
    """The JSON object of a decisions file of a known version made for `bitext`."""
    try:
        doc = jsontext.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError("is not a decisions file (not UTF-8 text)", label) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"is not a decisions file (JSON error at line {exc.lineno}: {exc.msg})", label) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InputError(f"is not a decisions file (no \"format\": \"{FORMAT}\")", label)
    if doc.get("version") not in VERSIONS:
        raise InputError(f"has decisions format version {doc.get('version')!r}; this bitext reads "
                         f"{' and '.join(map(str, VERSIONS))}", label)
    expected = document_hash(bitext)
    if doc.get("document") != expected:
        raise InputError(f"was made for another document ({str(doc.get('document'))[:19]}…, "
                         f"this one is {expected[:19]}…)", label)
    return doc


def _decision(item: object, n: int, label: str) -> Decision:
    if not isinstance(item, dict) or not isinstance(item.get("link"), str):
        raise InputError(f"decision {n} is not an object with a \"link\" id", label)
    action = item.get("action")
    if action not in ACTIONS:
        raise InputError(f"decision {n} (link {item['link']}) has action {action!r}; "
                         f"use one of {', '.join(ACTIONS)}", label)
    source, target = item.get("source", 0), item.get("target", 0)
    if action == "split" and not all(isinstance(n, int) and not isinstance(n, bool) for n in (source, target)):
        raise InputError(f"decision {n} (split of link {item['link']}) needs whole numbers "
                         f"\"source\" and \"target\"", label)
    return Decision(item["link"], action, source if action == "split" else 0, target if action == "split" else 0)


def read_decisions(path: str | Path, bitext: Bitext) -> list[Decision]:
    """Read and check a decisions file against the bitext it should belong to."""
    return parse_decisions(read_bytes(path), str(path), bitext)


def _by_link(decisions: list[Decision], bitext: Bitext, label: str) -> dict[int, Decision]:
    index = {lid: k for k, lid in enumerate(link_ids(bitext.links))}
    chosen: dict[int, Decision] = {}
    for d in decisions:
        if d.link not in index:
            raise InputError(f"decision for link {d.link!r}, which is not in the document", label)
        chosen[index[d.link]] = d  # a later decision on the same link replaces an earlier one
    return chosen


def _human(src: tuple[int, ...], tgt: tuple[int, ...], lid: str, resp: str) -> Link:
    return Link(src, tgt, 1.0, (), resp, lid)


def _split(link: Link, d: Decision, lid: str, label: str, made: Callable[[str], str], resp: str) -> list[Link]:
    a, b = d.source, d.target
    first, second = (link.src[:a], link.tgt[:b]), (link.src[a:], link.tgt[b:])
    if not (0 <= a <= len(link.src) and 0 <= b <= len(link.tgt)) or not all(s or t for s, t in (first, second)):
        raise InputError(f"cannot split link {lid} ({link.type}) after {a} source and {b} target "
                         f"sentences: both parts need a sentence", label)
    return [_human(*first, made(f"{lid}.1"), resp), _human(*second, made(f"{lid}.2"), resp)]


def _reject(link: Link, lid: str, made: Callable[[str], str], resp: str) -> list[Link]:
    pieces = [((i,), ()) for i in link.src] + [((), (j,)) for j in link.tgt]
    return [_human(s, t, made(f"{lid}.{n}"), resp) for n, (s, t) in enumerate(pieces, 1)]


def apply_decisions(bitext: Bitext, decisions: list[Decision], label: str = "decisions",
                    resp: str = HUMAN_RESP) -> Bitext:
    """The bitext with the decisions folded in, checked: every sentence in exactly one link,
    the links they touch by the reviewer `resp` (tei.reviewers).
    The links a split or a reject makes of `l3` are `l3.1`, `l3.2` ..., with `.2` after one
    the file has already (corpora.model.unique_id)."""
    chosen = _by_link(decisions, bitext, label)
    made = partial(unique_id, taken=written_ids(bitext))
    links: list[Link] = []
    merging: Link | None = None
    for k, (lid, link) in enumerate(zip(link_ids(bitext.links), bitext.links)):
        d = chosen.get(k)
        if merging is not None:
            if d is not None and d.action != "merge":
                raise InputError(f"link {lid} is merged into {merging.id} and also has the decision {d.action!r}", label)
            merging = _human(merging.src + link.src, merging.tgt + link.tgt, merging.id or lid, resp)
            if d is None:
                links.append(merging)
                merging = None
            continue
        if d is None:
            links.append(replace(link, id=lid))
        elif d.action == "accept":
            links.append(replace(link, id=lid, resp=resp, flags=()))
        elif d.action == "reject":
            links.extend(_reject(link, lid, made, resp))
        elif d.action == "split":
            links.extend(_split(link, d, lid, label, made, resp))
        else:
            merging = _human(link.src, link.tgt, lid, resp)
    if merging is not None:
        raise InputError(f"link {merging.id} is the last link; there is no next link to merge it with", label)
    fixed = Bitext(bitext.source, bitext.target, links, dict(bitext.meta))
    new_revision(fixed.meta, f"Alignment reviewed by hand: {counted(len(chosen), 'decision')} applied with bitext.", resp)
    _check(fixed)
    return fixed


def _check(bitext: Bitext) -> None:
    """Refuse a result that breaks the model or the TEI structure (it would be a bug here)."""
    problems = check_links(bitext.links, len(bitext.source), len(bitext.target))
    problems += [message for _, message in structural_problems(build_tei(bitext))]
    if problems:
        raise BitextError(f"the reviewed alignment is not valid: {problems[0]}")
