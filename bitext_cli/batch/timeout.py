"""`bitext batch --timeout SECONDS`: a row that takes longer fails alone; the batch goes on.

In a worker process the row runs under an alarm: when it rings, the row is stopped with a
`RowTimeout` (a read blocked on a pipe is interrupted too), and it rings again every second
until the row has unwound, so code that swallows exceptions cannot keep it alive. Code that
never returns to Python (a native loop) cannot be stopped that way; for it the CPU-time limit
of the process is set to the row's share too (generously: every core busy for the timeout and
a grace period), so the system stops the worker, which the pool replaces, and the row fails.
On a Dask worker (tasks run in threads, where no alarm can be set) the timeout is not enforced.

Time the worker spends loading what it keeps (its model, corpora.loading) is not the row's: a
worker loads its model once, for the row that happens to come first, so when the alarm rings
after a loading the row gets that time back (up to MAX_LOADING in all, so a loading that never
ends is stopped too).
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from typing import Iterator

from corpora.errors import BitextError
from corpora.loading import loading_seconds

GRACE = 30.0  # seconds of CPU time beyond the timeout before the system stops a stuck worker
MAX_LOADING = 600.0  # seconds of loading (corpora.loading) a row may be given back, in all


class RowTimeout(BitextError):
    """A row ran longer than --timeout."""


def _cpu_budget(seconds: float) -> tuple[int, int] | None:
    """Lower this process's CPU-time limit to what the row may still use; the old limit."""
    try:
        import resource
    except ImportError:
        return None
    old = resource.getrlimit(resource.RLIMIT_CPU)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    budget = int(usage.ru_utime + usage.ru_stime + (seconds + GRACE) * (os.cpu_count() or 1)) + 1
    if old[1] != resource.RLIM_INFINITY:
        budget = min(budget, old[1])
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
        resource.setrlimit(resource.RLIMIT_CPU, (budget, old[1]))
    except (ValueError, OSError):
        return None
    return old


def _restore_cpu(old: tuple[int, int] | None) -> None:
    if old is not None:
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, old)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Run the body with at most `seconds` of wall-clock time (None: no limit)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    loaded = loading_seconds()
    given = [0.0, False]  # seconds of loading given back; whether the row is being stopped

    def ring(signum: int, frame: object) -> None:
        owed = min(loading_seconds() - loaded, MAX_LOADING) - given[0]
        if owed > 0.01 and not given[1]:  # a loading since the row began: not the row's time
            given[0] += owed
            signal.setitimer(signal.ITIMER_REAL, owed)
            return
        given[1] = True
        signal.setitimer(signal.ITIMER_REAL, 1.0)  # again, until the row has unwound
        raise RowTimeout(f"stopped after --timeout {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, ring)
    old_cpu = _cpu_budget(seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_IGN)  # an alarm ringing from here on is dropped
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _restore_cpu(old_cpu)
