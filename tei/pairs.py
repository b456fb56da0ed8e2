"""The links of a bitext as text pairs, the shape every export (TMX, TSV) writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from corpora.model import Bitext, Link, link_ids


@dataclass(frozen=True)
class TextPair:
    """One link with the joined text of each side ("" for an empty side)."""

    link: Link
    link_id: str
    source: str
    target: str


def text_pairs(bitext: Bitext, keep: Sequence[bool] | None = None) -> Iterator[TextPair]:
    """Every link in order (or those `keep` marks), the sentences of a 1-n side joined by a
    space, tabs and newlines turned into spaces so that each side is one line."""
    for k, (lid, (link, src, tgt)) in enumerate(zip(link_ids(bitext.links), bitext.iter_pairs())):
        if keep is None or keep[k]:
            yield TextPair(link, lid, _one_line(src), _one_line(tgt))


def _one_line(texts: list[str]) -> str:
    return " ".join(" ".join(texts).split("\n")).replace("\t", " ")
