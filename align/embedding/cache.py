"""An on-disk embedding cache keyed by model identity and sentence text.

One SQLite file per model (WAL mode, busy timeout) holds sha1(text) -> float32 vector, so
parallel batch workers can share it safely and a realignment never encodes a sentence twice.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from align.embedding.encoder import Encoder

log = logging.getLogger("bitext")

_CHUNK = 500  # keys per SELECT, below SQLite's variable limit


def default_cache_dir() -> Path:
    """bitext's folder under the user cache directory (e.g. ~/.cache/bitext/embeddings)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("bitext")) / "embeddings"


def text_key(text: str) -> bytes:
    """The cache key of one sentence."""
    return hashlib.sha1(text.encode("utf-8")).digest()


class EmbeddingCache:
    """Vectors of one model, stored in `<dir>/<hash of model identity>.sqlite`."""

    def __init__(self, directory: Path, identity: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:20]
        self.path = directory / f"{name}.sqlite"
        self._lock = threading.Lock()  # one connection, possibly shared by a worker's threads
        self._db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (key BLOB PRIMARY KEY, v BLOB NOT NULL)")
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT)")
        self._db.execute("INSERT OR IGNORE INTO meta VALUES ('identity', ?)", (identity,))
        self._db.commit()

    def get(self, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        """The stored vectors among `keys`."""
        found: dict[bytes, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(keys), _CHUNK):
                chunk = list(keys[start:start + _CHUNK])
                marks = ",".join("?" * len(chunk))
                for key, blob in self._db.execute(f"SELECT key, v FROM vec WHERE key IN ({marks})", chunk):
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put(self, keys: Sequence[bytes], vectors: np.ndarray) -> None:
        """Store vectors (one transaction; a key another worker wrote meanwhile is kept)."""
        rows = [(k, np.ascontiguousarray(v, dtype=np.float32).tobytes()) for k, v in zip(keys, vectors)]
        with self._lock, self._db:
            self._db.executemany("INSERT OR IGNORE INTO vec VALUES (?, ?)", rows)


class CachedEncoder:
    """An encoder that looks every sentence up in the cache and encodes only the missing ones."""

    def __init__(self, encoder: Encoder, directory: Path | None = None) -> None:
        self.encoder = encoder
        self.identity = encoder.identity
        self.name = getattr(encoder, "name", None) or encoder.identity
        self.languages = getattr(encoder, "languages", None)
        self.cache: EmbeddingCache | None = None
        target = directory or default_cache_dir()
        try:
            self.cache = EmbeddingCache(Path(target), encoder.identity)
        except (OSError, sqlite3.Error) as exc:
            log.warning("embedding cache %s unusable (%s); encoding without it", target, exc)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings in input order; each distinct text is encoded at most once, ever."""
        if self.cache is None:
            return self.encoder.encode(texts)
        unique = list(dict.fromkeys(texts))
        keys = [text_key(t) for t in unique]
        found = self.cache.get(keys)
        missing = [k for k, key in enumerate(keys) if key not in found]
        if missing:
            fresh = self.encoder.encode([unique[k] for k in missing])
            self.cache.put([keys[k] for k in missing], fresh)
            for k, vec in zip(missing, fresh):
                found[keys[k]] = vec
        by_text = {t: found[key] for t, key in zip(unique, keys)}
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([by_text[t] for t in texts]).astype(np.float32, copy=False)

    def cached(self, texts: Sequence[str]) -> int:
        """How many of the distinct `texts` the cache already holds (nothing is encoded)."""
        if self.cache is None:
            return 0
        return len(self.cache.get([text_key(t) for t in dict.fromkeys(texts)]))
