"""TSV export: one link per line (link id, source text, target text, link type, score).

A header row names the columns. Texts never hold tabs or newlines (they become spaces), so the
file needs no quoting; 1-0/0-1 links have an empty column on their empty side.
"""

from __future__ import annotations

from corpora.model import Bitext

from tei.pairs import text_pairs

COLUMNS = ("link_id", "source", "target", "type", "score")


def tsv_bytes(bitext: Bitext) -> bytes:
    """The TSV file of a bitext's links, UTF-8, one line per link after the header row."""
    lines = ["\t".join(COLUMNS)]
    for pair in text_pairs(bitext):
        lines.append("\t".join((pair.link_id, pair.source, pair.target, pair.link.type, f"{pair.link.score:.3f}")))
    return ("\n".join(lines) + "\n").encode("utf-8")
