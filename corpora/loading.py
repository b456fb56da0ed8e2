"""Time a process spends loading what it keeps for later work (a sentence encoder's model, numba),
counted apart from that work: a batch worker loads its model once, and `bitext batch
--timeout` does not charge that to the row that happens to come first (bitext_cli/batch/timeout.py).
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()  # held by entries and exits only: a reader (a signal handler) never waits
_open = 0  # loadings under way, in every thread
# (seconds of loading ended, when the loadings under way began): one tuple, replaced whole, so a
# reader sees both of one moment
_clock: tuple[float, float | None] = (0.0, None)


@contextmanager
def loading() -> Iterator[None]:
    """Count the body as loading: the wall time while any loading is under way, so one inside
    another, or beside another in a thread, counts once."""
    global _open, _clock
    with _lock:
        _open += 1
        if _open == 1:
            _clock = (_clock[0], time.monotonic())
    try:
        yield
    finally:
        with _lock:
            _open -= 1
            done, since = _clock
            if _open == 0 and since is not None:
                _clock = (done + time.monotonic() - since, None)


def loading_seconds() -> float:
    """Seconds this process has spent loading, the loadings under way included."""
    done, since = _clock
    return done + (time.monotonic() - since if since is not None else 0.0)
