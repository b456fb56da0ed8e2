"""Aligners by name, imported on use so that heavy backends stay lazy (sacrebleu's pattern)."""

from __future__ import annotations

import importlib
import inspect
from typing import Protocol, Sequence

from corpora.errors import UsageError
from corpora.model import Link

from align.options import AlignOptions

ALIGNERS: dict[str, str] = {
    "lexical": "align.lexical:LexicalAligner",
    "embedding": "align.embedding.aligner:EmbeddingAligner",
    "hybrid": "align.embedding.hybrid:HybridAligner",
    "auto": "align.embedding.auto:AutoAligner",
}
MODEL_ALIGNERS = frozenset({"embedding", "hybrid", "auto"})  # those that take --model


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


_INSTANCES: dict[tuple, Aligner] = {}


def get_aligner(name: str, **settings: object) -> Aligner:
    """An aligner instance by registry name; a missing backend raises BackendUnavailable.

    Instances are kept per (name, settings), so a batch worker loads a model once. Settings an
    aligner does not take (e.g. `cache_dir` for lexical) or that are None are left out.
    """
    try:
        target = ALIGNERS[name]
    except KeyError:
        raise UsageError(f"unknown aligner {name!r}; choose from {', '.join(sorted(ALIGNERS))}") from None
    module, _, cls_name = target.partition(":")
    cls = getattr(importlib.import_module(module), cls_name)
    accepted = inspect.signature(cls).parameters
    kept = tuple(sorted((k, v) for k, v in settings.items() if k in accepted and v is not None))
    key = (name, kept)
    if key not in _INSTANCES:
        _INSTANCES[key] = cls(**dict(kept))
    return _INSTANCES[key]
