"""From an aligned bitext and a decisions file to the corrected TEI: the one path that both
`bitext apply-review` and the editor's Save (`bitext review --serve`) take."""

from __future__ import annotations

from corpora.errors import BitextError
from corpora.model import Bitext, check_links
from corpora.wording import counted

from tei.checks import structural_problems
from tei.corrections import corrections_extension
from tei.decisions import apply_decisions, decisions_document, parse_decisions
from tei.header import human_resps, new_revision
from tei.operations import Reviewed, apply_operations, parse_operations
from tei.reviewers import REVIEWER_ID, REVIEWERS, review_id
from tei.writer import build_tei, tei_bytes


def review_bitext(bitext: Bitext, data: bytes, label: str, resp: str = REVIEWER_ID) -> Reviewed:
    """The bitext with a decisions file (version 1 or 2) folded in by the reviewer `resp`
    (tei.reviewers); refused with a one-line InputError if the file is malformed or made for
    another document."""
    doc = decisions_document(data, label, bitext)
    if doc["version"] == 1:
        return Reviewed(apply_decisions(bitext, parse_decisions(data, label, bitext), label, resp), {})
    operations = parse_operations(doc.get("operations"), label)
    reviewed = apply_operations(bitext, operations, label, resp)
    fixed = len(reviewed.corrections)
    corrected = f", {counted(fixed, 'sentence')} corrected" if fixed else ""
    new_revision(reviewed.bitext.meta,
                 f"Alignment reviewed by hand: {counted(len(operations), 'operation')} applied "
                 f"with bitext{corrected}.", resp)
    return reviewed


def reviewed_tei(bitext: Bitext, data: bytes, label: str, reviewer: str | None = None) -> tuple[Reviewed, bytes]:
    """The reviewed bitext and its TEI file, checked (every sentence in one link, pointers
    resolve); a `reviewer` other than the one who reviewed the file before gets an id of their
    own (tei.reviewers)."""
    meta = dict(bitext.meta)
    taken = set(build_tei(bitext).xpath("//@xml:id"))
    resp = review_id(meta, reviewer, REVIEWER_ID in human_resps(bitext), taken)
    reviewed = review_bitext(bitext, data, label, resp)
    reviewed.bitext.meta.update({key: meta[key] for key in ("reviewer", REVIEWERS) if key in meta})
    extensions = [corrections_extension(reviewed.corrections, resp)]
    result = reviewed.bitext
    problems = check_links(result.links, len(result.source), len(result.target))
    problems += [message for _, message in structural_problems(build_tei(result, extensions))]
    if problems:
        raise BitextError(f"the reviewed alignment is not valid: {problems[0]}")
    return reviewed, tei_bytes(result, extensions)
