"""Where the sentences of a document start in the text they were read from (line numbers).

Segmentation joins lines and may normalize spaces, so a sentence is found again by its
characters with all whitespace ignored, searching forward from the previous sentence. A
sentence that cannot be found (characters the reader changed) gets None. For XML input, search
`xml_text(raw)`: markup and entities gone, lines kept.
"""

from __future__ import annotations

import bisect
import html
import re
from typing import Sequence

_TAG = re.compile(r"<[^>]*>")


def xml_text(raw: str) -> str:
    """The characters of an XML file as a reader sees them, on the same lines: tags removed
    (their line breaks kept), entities and character references resolved."""
    return html.unescape(_TAG.sub(lambda m: "\n" * m.group().count("\n"), raw))


def sentence_lines(raw: str, sentences: Sequence[str]) -> list[int | None]:
    """The 1-based line of `raw` on which each sentence starts, in order (None if not found)."""
    squeezed, where = [], []  # the text without whitespace, and each kept char's offset in raw
    for offset, ch in enumerate(raw):
        if not ch.isspace():
            squeezed.append(ch)
            where.append(offset)
    flat = "".join(squeezed)
    newlines = [i for i, ch in enumerate(raw) if ch == "\n"]
    out: list[int | None] = []
    cursor = 0
    for sentence in sentences:
        needle = "".join(sentence.split())
        found = flat.find(needle, cursor) if needle else -1
        if found < 0:
            out.append(None)
            continue
        cursor = found + len(needle)
        out.append(bisect.bisect_right(newlines, where[found]) + 1)
    return out
