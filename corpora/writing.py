"""What every writer takes and gives: the links to write, and the bytes with what was left out.

A writer (TEI, beads, TMX, TSV, CSV, XLIFF) is a function `(Bitext, WriteRequest) -> Written`,
named in the command line's table of formats (bitext_cli/formats.py), so `align --to`,
`export --to` and `batch` choose among the same ones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from corpora.model import Bitext


@dataclass(frozen=True)
class WriteRequest:
    """`keep`: the links to write (None: all; an export's selection); `scores`: scores in a
    format that has them only on request (beads); `extensions`: markup added to a TEI tree
    (tei.writer.Extension), ignored by other formats."""

    keep: Sequence[bool] | None = None
    scores: bool = False
    extensions: Sequence[Callable[[Any, Bitext], None]] = ()


@dataclass(frozen=True)
class Written:
    """A file's bytes, and how many links the format could not hold, by reason."""

    data: bytes
    left_out: Counter[str] = field(default_factory=Counter)


Writer = Callable[[Bitext, WriteRequest], Written]
