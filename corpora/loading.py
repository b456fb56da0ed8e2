"""Time a process spends loading what it keeps for later work (a sentence encoder's model, numba),
counted apart from that work: a batch worker loads its model once, and `bitext batch
--timeout` does not charge that to the row that happens to come first (bitext_cli/batch/timeout.py).
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

_done = 0.0                   # seconds of loadings that have ended, in this process
_since: float | None = None   # when the loading under way began


@contextmanager
def loading() -> Iterator[None]:
    """Count the body as loading (a loading inside another counts once)."""
    global _done, _since
    if _since is not None:
        yield
        return
    _since = time.monotonic()
    try:
        yield
    finally:
        _done += time.monotonic() - _since
        _since = None


def loading_seconds() -> float:
    """Seconds this process has spent loading, the loading under way included."""
    return _done + (time.monotonic() - _since if _since is not None else 0.0)
