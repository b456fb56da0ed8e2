"""Batch worker processes die with the batch: a worker whose parent is gone (killed with
SIGKILL, crashed) stops at once, removing its temporary files, instead of writing on alone.

On Linux the kernel sends the worker SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG);
elsewhere, or if that call fails, a watchdog thread polls the parent process id. Either way the
worker then removes the temporary files it is writing and exits (status 143); `os._exit`, so
that no pool machinery catches the exit and takes another row.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading

from corpora.atomic import discard_pending

PR_SET_PDEATHSIG = 1
POLL = 0.5  # seconds between the watchdog's looks at the parent


def die() -> None:
    """Remove this process's temporary files and exit at once."""
    discard_pending()
    os._exit(143)


def _parent_death_signal(signum: int) -> bool:
    """Ask Linux to send `signum` when the parent dies; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            die()
        threading.Event().wait(POLL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def die_with_parent(batch: int, kernel: bool = True) -> str:
    """Make this worker end when its parent does; returns how ("prctl" or "watchdog").
    `batch` is the batch's process id (the parent, unless a fork server started the worker).
    SIGTERM must already end the process (see worker.init_process). `kernel=False` uses the
    watchdog even on Linux (for tests of the portable path)."""
    parent = os.getppid()
    how = "prctl" if kernel and _parent_death_signal(signal.SIGTERM) else "watchdog"
    if how == "watchdog":
        threading.Thread(target=_watch, args=(parent,), name="bitext-lifeline", daemon=True).start()
    forked = multiprocessing.get_start_method() == "fork"  # else a fork server is the parent
    if (forked and parent != batch) or not _alive(batch) or os.getppid() != parent:
        die()  # the batch died before we were watching
    return how
