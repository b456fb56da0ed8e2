"""Sentence encoders by name, loaded on use, every one behind the same embedding cache.

`--model` names an encoder: `use-m3` (bundled with bitext, see use.py), or a
sentence-transformers hub name or local folder (encoder.py). ENCODERS maps names to
"module:Class" (sacrebleu's pattern), so nothing heavy is imported before an encoder is used.

An encoder is any object with `identity` (a string naming the model and its version: the key
of its cache and the model in the TEI signature) and `encode(texts)` -> L2-normalised float32
rows; it may declare `languages` (the codes it covers). Library users pass their own:

    from align.embedding.hybrid import HybridAligner
    aligner = HybridAligner(encoder=my_encoder, cache_dir="~/.cache/my-embeddings")

and its vectors are cached like the built-in ones (one SQLite file per identity).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Sequence

from corpora.errors import UsageError
from corpora.languages import language
from corpora.loading import loading

from align.embedding.encoder import Encoder
from align.embedding.use import NAME as BUNDLED, covers

DEFAULT_MODEL = BUNDLED
ENCODERS: dict[str, str] = {BUNDLED: "align.embedding.use:UseEncoder"}
SENTENCE_TRANSFORMERS = "align.embedding.encoder:SentenceTransformerEncoder"  # any other name or folder


def load_encoder(model: str) -> Encoder:
    """The encoder `model` names, loaded now (BitextError with advice when it cannot be)."""
    module, _, cls_name = ENCODERS.get(model, SENTENCE_TRANSFORMERS).partition(":")
    return getattr(importlib.import_module(module), cls_name)(model)


def model_label(model: str | None) -> str | None:
    """How the TEI signature names a model: the bundled encoder with its version
    (`use-m3@0.2.1`), any other as given."""
    if model is None or not is_bundled(model):
        return model
    from align.embedding.use import package_version

    return f"{BUNDLED}@{package_version()}"


def is_bundled(model: str | None) -> bool:
    """Whether `model` is the encoder that comes with bitext (no download, no extra)."""
    return (model or DEFAULT_MODEL) == BUNDLED


def check_coverage(encoder: Encoder, src_lang: str, tgt_lang: str) -> None:
    """A one-line UsageError naming the encoder's languages unless it covers both given (an
    encoder that declares none, or an undetermined language `und`, passes)."""
    langs = getattr(encoder, "languages", None)
    if langs is None:
        return
    missing = [lang for lang in dict.fromkeys((src_lang, tgt_lang)) if lang != "und" and language(lang) not in langs]
    if missing:
        name = getattr(encoder, "name", None) or encoder.identity
        raise UsageError(f"model {name} does not cover {', '.join(missing)} (it covers {', '.join(langs)}); "
                         "use --scorer lexical, or another --model")


def bundled_covers(*langs: str) -> bool:
    """Whether the bundled encoder covers every language given (`und` does not count as covered)."""
    return all(lang != "und" and covers(lang) for lang in langs)


class EncoderPool:
    """The encoders one aligner instance has loaded, each wrapped in the embedding cache.

    `encoder` (injected through the Python API) is used for every model name; it is cached
    like the others, under its own identity, in `cache_dir`.
    """

    def __init__(self, cache_dir: str | Path | None = None, encoder: Encoder | None = None) -> None:
        self.cache_dir = Path(cache_dir).expanduser() if cache_dir else None
        self._fixed = encoder
        self._loaded: dict[str | None, Encoder] = {}

    def get(self, model: str | None) -> Encoder:
        """The cached encoder of `model` (the injected one if any), loaded on first use."""
        key = None if self._fixed is not None else (model or DEFAULT_MODEL)
        if key not in self._loaded:
            from align.embedding.cache import CachedEncoder

            if self._fixed is not None:
                encoder = self._fixed
            else:
                with loading():  # kept for every later row: not a batch row's time (batch --timeout)
                    encoder = load_encoder(key or DEFAULT_MODEL)
            self._loaded[key] = CachedEncoder(encoder, self.cache_dir)
        return self._loaded[key]


def encode_all(encoder: Encoder, texts: Sequence[str]):
    """Vectors of `texts` (float32 rows); whitespace runs count as one space, as in the cache key."""
    return encoder.encode([" ".join(t.split()) for t in texts])
