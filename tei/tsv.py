"""TSV export: one link per line (link id, source text, target text, link type, score).

A header row names the columns. Texts never hold tabs or newlines (they become spaces), so the
file needs no quoting; 1-0/0-1 links have an empty column on their empty side.
"""

from __future__ import annotations

from typing import Sequence

from corpora.model import Bitext
from corpora.writing import WriteRequest, Written

from tei.pairs import text_pairs

COLUMNS = ("link_id", "source", "target", "type", "score")


def tsv_bytes(bitext: Bitext, keep: Sequence[bool] | None = None) -> bytes:
    """The TSV file of a bitext's links (those `keep` marks), UTF-8, one line per link after
    the header row."""
    lines = ["\t".join(COLUMNS)]
    for pair in text_pairs(bitext, keep):
        lines.append("\t".join((pair.link_id, pair.source, pair.target, pair.link.type, f"{pair.link.score:.3f}")))
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_tsv(bitext: Bitext, request: WriteRequest) -> Written:
    """The writer of the `tsv` format (bitext_cli.formats)."""
    return Written(tsv_bytes(bitext, request.keep))
