"""Aligners by name, imported on use so that heavy backends stay lazy (sacrebleu's pattern)."""

from __future__ import annotations

import importlib
from typing import Protocol, Sequence

from corpora.errors import UsageError
from corpora.model import Link

from align.options import AlignOptions

ALIGNERS: dict[str, str] = {
    "lexical": "align.lexical:LexicalAligner",
}


class Aligner(Protocol):
    """Turns two lists of segments (and paragraph numbers) into links."""

    name: str

    def align(
        self,
        src: Sequence[str],
        tgt: Sequence[str],
        options: AlignOptions,
        src_paragraphs: Sequence[int] | None = None,
        tgt_paragraphs: Sequence[int] | None = None,
        anchors: "Anchors | None" = None,
    ) -> list[Link]: ...


# Per-sentence anchor keys for each side (e.g. glossary entry ids found in the sentence);
# a key present on both sides of a bead is evidence for it.
Anchors = tuple[Sequence[frozenset[str]], Sequence[frozenset[str]]]


def get_aligner(name: str) -> Aligner:
    """An aligner instance by registry name; a missing backend raises BackendUnavailable."""
    try:
        target = ALIGNERS[name]
    except KeyError:
        raise UsageError(f"unknown aligner {name!r}; choose from {', '.join(sorted(ALIGNERS))}") from None
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls)()
