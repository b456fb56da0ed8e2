"""`--scorer auto`: hybrid when a model is at hand without the network, otherwise lexical.

Deciding never imports torch or touches the network: the extra is looked up with
importlib.util.find_spec, the model as a local folder or in the local Hugging Face cache.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from corpora.model import Link

from align.embedding.aligner import model_name
from align.embedding.encoder import ST_MARKER, cached_model_dir
from align.options import AlignOptions


def choose(model: str) -> tuple[str, str]:
    """(aligner name, reason in words) for `auto` with this model."""
    if importlib.util.find_spec("sentence_transformers") is None:
        return "lexical", "the embeddings extra is not installed"
    path = Path(model).expanduser()
    if path.exists():
        if (path / ST_MARKER).is_file():
            return "hybrid", f"model {model} is a local folder"
        return "lexical", f"{model} is not a sentence-transformers model folder"
    if cached_model_dir(model) is not None:
        return "hybrid", f"model {model} is in the local Hugging Face cache"
    return "lexical", f"model {model} is not downloaded (auto never downloads; --scorer hybrid would)"


def resolve_auto(options: AlignOptions) -> tuple[AlignOptions, str]:
    """Options naming the aligner `auto` picks (without `model` when lexical), and the reason."""
    model = model_name(options)
    name, reason = choose(model)
    extra = tuple((k, v) for k, v in options.extra if k != "model")
    if name != "lexical":
        extra += (("model", model),)
    return replace(options, aligner=name, extra=extra), reason


class AutoAligner:
    """Library entry for `auto`: resolves as above, then delegates (the CLI resolves earlier,
    so that the TEI header names the aligner actually used)."""

    name = "auto"

    def __init__(self, cache_dir: str | Path | None = None) -> None:
        self.cache_dir = cache_dir

    def align(self, src: Sequence[str], tgt: Sequence[str], options: AlignOptions,
              src_paragraphs=None, tgt_paragraphs=None, anchors=None) -> list[Link]:
        """Align with the aligner `resolve_auto` picks."""
        from align.registry import get_aligner

        chosen, _ = resolve_auto(options)
        aligner = get_aligner(chosen.aligner, cache_dir=self.cache_dir)
        return aligner.align(src, tgt, chosen, src_paragraphs, tgt_paragraphs, anchors)
