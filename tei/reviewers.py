"""Who reviewed a bitext by hand: each person keeps an id of their own.

The first reviewer is `#human` (metadata key `reviewer`, as --meta names them). A different
person reviewing the file later gets a new id (`human2`, `human3` ..., unique among the
document's xml:ids: corpora.model.unique_id), kept with their name in the internal key
`reviewers` (JSON, id -> name) and declared in its own titleStmt respStmt (tei.header); only
the links, corrections and change of their review point at it, so the archive still knows who
checked which link. The same name reviewing again reuses its id.
"""

from __future__ import annotations

import json
import re

from corpora.model import unique_id

REVIEWER_ID = "human"  # the first person who checks links by hand (metadata key `reviewer`)
REVIEWERS = "reviewers"  # the later ones: JSON {id: name}
ANONYMOUS = "human reviewer"


def later_reviewers(meta: dict[str, str]) -> dict[str, str]:
    """The reviewers after the first, id -> name, in the order they came."""
    return json.loads(meta.get(REVIEWERS) or "{}")


def reviewer_name(meta: dict[str, str], rid: str) -> str:
    """The name declared for the reviewer id `rid`."""
    return later_reviewers(meta).get(rid) or meta.get("reviewer") or ANONYMOUS


def id_order(rid: str) -> tuple[str, int]:
    """The place of a reviewer id in the order the header lists them: `human`, `human2`,
    `human3` ... `human10` (the order they came), whichever's links come first."""
    stem, number = re.fullmatch(r"(.*?)(\d*)", rid).groups()  # type: ignore[union-attr]
    return stem, int(number) if number else 1


def reviewer_ids(meta: dict[str, str]) -> set[str]:
    """Every id a reviewer of this bitext has (links with one of them were checked by hand)."""
    return {REVIEWER_ID, *later_reviewers(meta)}


def review_id(meta: dict[str, str], name: str | None, first_in_use: bool, taken: set[str]) -> str:
    """The id a review by `name` is recorded under, `meta` updated so the header declares it:
    `#human` when it is theirs (or no name is given), or while nobody has it (no review points
    at it and the metadata names no reviewer), the id a later reviewer of that name has, or a
    new one unique in `taken` (the document's xml:ids). A reviewer the metadata named who has
    not checked a link yet keeps `#human`: an archive loses no one the metadata named, and the
    links still point at whoever checked them."""
    if not name or meta.get("reviewer") == name or not (first_in_use or meta.get("reviewer")):
        if name:
            meta["reviewer"] = name
        return REVIEWER_ID
    later = later_reviewers(meta)
    rid = next((rid for rid, who in later.items() if who == name), None) or unique_id(REVIEWER_ID, taken | {REVIEWER_ID}, "")
    later[rid] = name
    meta[REVIEWERS] = json.dumps(later, ensure_ascii=False)
    return rid


def read_reviewers(names: dict[str, str]) -> dict[str, str]:
    """The metadata of the reviewers a header declares (id -> name, in order): `reviewer`
    for `#human` (or the one person declared under another id), `reviewers` for the others."""
    names = dict(names)
    first = names.pop(REVIEWER_ID, None) or (list(names.values())[-1] if names else None)
    later = {rid: who for rid, who in names.items() if who != first}
    meta = {"reviewer": first} if first else {}
    if later:
        meta[REVIEWERS] = json.dumps(later, ensure_ascii=False)
    return meta
