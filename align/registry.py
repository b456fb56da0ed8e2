"""Aligners by name, imported on use so that heavy backends stay lazy (sacrebleu's pattern).

Each aligner class builds itself from the config (`from_config`: its weights, its embedding
cache); `get_aligner` keeps one instance per `AlignConfig.instance_key`, so a batch worker
loads a model once. `auto` is no aligner: align.config.resolve turns it into one of these.
Adding an aligner is one class and one line here.
"""

from __future__ import annotations

import importlib
from typing import Protocol, Sequence

from corpora.errors import UsageError
from corpora.model import Link

from align.config import AUTO, AlignConfig

ALIGNERS: dict[str, str] = {
    "lexical": "align.lexical:LexicalAligner",
    "embedding": "align.embedding.aligner:EmbeddingAligner",
    "hybrid": "align.embedding.hybrid:HybridAligner",
}
NAMES = sorted([*ALIGNERS, AUTO])  # what --scorer takes
MODEL_ALIGNERS = frozenset({"embedding", "hybrid", AUTO})  # those that take --model


# Per-sentence name keys for each side (the ids of the glossary entries a sentence names); a key
# present on both sides of a bead is evidence for it. (The search's anchors are something else:
# the confident 1-1 beads of pass one, align.anchoring.)
NameKeys = tuple[Sequence[frozenset[str]], Sequence[frozenset[str]]]


class Aligner(Protocol):
    """Turns two lists of segments (and paragraph numbers) into links."""

    name: str

    def align(
        self,
        src: Sequence[str],
        tgt: Sequence[str],
        config: AlignConfig,
        src_paragraphs: Sequence[int] | None = None,
        tgt_paragraphs: Sequence[int] | None = None,
        name_keys: NameKeys | None = None,
    ) -> list[Link]: ...


_INSTANCES: dict[tuple, Aligner] = {}


def get_aligner(config: AlignConfig) -> Aligner:
    """The aligner a resolved config names, built from it (kept per instance key); a missing
    backend raises BackendUnavailable."""
    try:
        target = ALIGNERS[config.aligner]
    except KeyError:
        hint = " (resolve it first: align.config.resolve)" if config.aligner == AUTO else ""
        raise UsageError(f"unknown aligner {config.aligner!r}{hint}; choose from {', '.join(NAMES)}") from None
    key = config.instance_key()
    if key not in _INSTANCES:
        module, _, cls_name = target.partition(":")
        _INSTANCES[key] = getattr(importlib.import_module(module), cls_name).from_config(config)
    return _INSTANCES[key]
