"""Sentence encoders: resolve a model name or path and load sentence-transformers on first use.

Resolution never surprises the user: a local folder is used as is; a hub name is taken from the
local Hugging Face cache when it is there, otherwise downloaded once with a progress bar unless
`HF_HUB_OFFLINE` is set. Every failure is a one-line BitextError saying what to do.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from corpora.errors import BackendUnavailable, UsageError

log = logging.getLogger("bitext")

DEFAULT_MODEL = "sentence-transformers/LaBSE"
INSTALL_HINT = "install it with `pip install 'bitext[embeddings]'`, or use --scorer lexical"
ST_MARKER = "modules.json"


class Encoder(Protocol):
    """Turns sentences into L2-normalised float32 vectors; `identity` names the model for caches."""

    identity: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def hub_offline() -> bool:
    """True when the user asked the Hugging Face hub libraries not to use the network."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().upper() in {"1", "ON", "YES", "TRUE"}


def looks_like_path(model: str) -> bool:
    """A model string that can only mean a folder on disk (not a `owner/name` hub id)."""
    return model.startswith((".", "/", "~")) or "\\" in model or model.count("/") > 1


def require_extra() -> None:
    """Raise BackendUnavailable unless sentence-transformers can be imported."""
    try:
        import sentence_transformers  # noqa: F401
    except ImportError as exc:
        raise BackendUnavailable(f"the embeddings extra is not installed ({exc}); {INSTALL_HINT}") from None


def check_model_dir(path: Path) -> Path:
    """The folder itself if it holds a saved sentence-transformers model, else a UsageError."""
    if not path.is_dir():
        raise UsageError(f"{path}: model path is not a folder; pass a folder saved by sentence-transformers")
    if not (path / ST_MARKER).is_file():
        raise UsageError(
            f"{path}: not a sentence-transformers model (no {ST_MARKER}); pass a folder saved with "
            "SentenceTransformer.save(), a hub name such as sentence-transformers/LaBSE, or use --scorer lexical"
        )
    return path


def hub_cache_dir() -> Path:
    """The Hugging Face hub cache folder, found as huggingface_hub finds it (without importing it)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    home = os.environ.get("HF_HOME") or os.path.join(os.environ.get("XDG_CACHE_HOME") or "~/.cache", "huggingface")
    return Path(home).expanduser() / "hub"


def cached_model_dir(name: str) -> Path | None:
    """The local cache snapshot of hub model `name` (its main revision if recorded), or None.

    Never uses the network and imports nothing heavy, so `--scorer auto` can ask cheaply.
    """
    repo = hub_cache_dir() / ("models--" + name.replace("/", "--"))
    ref = repo / "refs" / "main"
    snapshots = [repo / "snapshots" / ref.read_text().strip()] if ref.is_file() else []
    snapshots += sorted((repo / "snapshots").glob("*"), reverse=True)
    return next((s for s in snapshots if (s / ST_MARKER).is_file()), None)


def download_model(name: str) -> Path:
    """Download hub model `name` into the Hugging Face cache (progress bar on stderr)."""
    from huggingface_hub import snapshot_download

    log.info("downloading model %s (once; later runs use the local cache)", name)
    try:
        return Path(snapshot_download(name, cache_dir=hub_cache_dir()))
    except Exception as exc:  # noqa: BLE001 - the hub client's errors vary; each becomes one line
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BackendUnavailable(
            f"model {name}: cannot download it ({reason}); check the network, pass a local folder "
            "with --model, or use --scorer lexical"
        ) from None


def resolve_model(model: str) -> Path:
    """The local folder of `model`: a path, a cached hub model, or a fresh download (not offline)."""
    path = Path(model).expanduser()
    if path.exists():
        return check_model_dir(path)
    if looks_like_path(model):
        raise UsageError(f"{model}: model folder not found; pass an existing folder or a hub name")
    cached = cached_model_dir(model)
    if cached is not None:
        return check_model_dir(cached)
    if hub_offline():
        raise BackendUnavailable(
            f"model {model} is not in the local Hugging Face cache and HF_HUB_OFFLINE is set; "
            "download it once with network access, pass a local folder with --model, or use --scorer lexical"
        )
    return check_model_dir(download_model(model))


def fingerprint(folder: Path) -> str:
    """A short hash of a model folder's files (names, sizes, times): changes when the model does."""
    h = hashlib.sha1(str(folder.resolve()).encode())
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        st = f.stat()
        h.update(f"{f.relative_to(folder)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


class SentenceTransformerEncoder:
    """A sentence-transformers model on CPU (or GPU if torch sees one), loaded once."""

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 64) -> None:
        require_extra()
        folder = resolve_model(model)
        self.name = model
        self.identity = f"{model}@{fingerprint(folder)}"
        self.batch_size = batch_size
        self._model = _load(folder)
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings in input order; batches are formed from length-sorted texts (less padding)."""
        self.calls += 1
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]), reverse=True)
        vecs = self._model.encode(
            [texts[k] for k in order], batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=len(texts) > 20 * self.batch_size,
        )
        out = np.empty_like(vecs, dtype=np.float32)
        out[np.asarray(order)] = vecs
        return out

    @property
    def dimension(self) -> int:
        """Length of one embedding vector."""
        get = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        return int(get())


def _load(folder: Path):
    """Load a saved sentence-transformers folder without touching the network."""
    from sentence_transformers import SentenceTransformer

    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a bar per load of local weights is noise on stderr
    except ImportError:
        pass
    try:
        return SentenceTransformer(str(folder), local_files_only=True)
    except Exception as exc:  # noqa: BLE001 - a folder that does not load fails in many ways
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"{folder}: cannot load as a sentence-transformers model ({reason})") from None
