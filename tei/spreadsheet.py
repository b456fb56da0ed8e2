"""CSV for spreadsheets: one row per link, UTF-8 with a byte order mark (so Excel and
LibreOffice open it in the right encoding), comma-separated and quoted where needed, lines
ending in CRLF as RFC 4180 says.

Columns: link id, the ids of the source and of the target sentences (space-separated), the
source and target texts (a 1-n side joined by a space), the score and the review flags (their
kinds, "; "-separated). A 1-0/0-1 link has an empty side.
"""

from __future__ import annotations

import csv
import io

from corpora.model import Bitext
from corpora.writing import WriteRequest, Written

from tei.pairs import text_pairs

COLUMNS = ("link_id", "source_ids", "target_ids", "source", "target", "score", "flags")


def write_csv(bitext: Bitext, request: WriteRequest) -> Written:
    """The writer of the `csv` format (bitext_cli.formats)."""
    src_ids = [seg.id for seg in bitext.source.segments]
    tgt_ids = [seg.id for seg in bitext.target.segments]
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\r\n")
    rows.writerow(COLUMNS)
    for pair in text_pairs(bitext, request.keep):
        link = pair.link
        rows.writerow((pair.link_id, " ".join(src_ids[i] for i in link.src), " ".join(tgt_ids[j] for j in link.tgt),
                       pair.source, pair.target, f"{link.score:.3f}",
                       "; ".join(dict.fromkeys(flag.kind for flag in link.flags))))
    return Written(("\ufeff" + out.getvalue()).encode("utf-8"))
