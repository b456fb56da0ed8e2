"""Numba on first use where it pays, plain Python when the work is small or numba is missing.

Kernels are written once as plain Python over numpy arrays. `kernel` compiles them with
`numba.njit(cache=True)` the first time they are called (never at import, so `import align`
and `bitext --help` stay light). Loading numba costs about half a second even with its cache
warm, and compiling every kernel about 3 s of CPU on the first run after installing, while the
Python kernels take about 1.5 µs per array element they are handed: so a process runs its first
PYTHON_BUDGET elements of kernel work as Python (a short text, such as the README's sample,
never loads numba) and compiles a kernel only once it has used that budget up, or once the
caller's plan() says the work ahead will. If numba cannot
be imported or cannot compile a kernel, the same function runs as ordinary Python: slower,
identical results. `BITEXT_NO_NUMBA=1` forces the Python path, `BITEXT_NUMBA=1` numba from the
first call (tests use them to check that both paths agree). A compilation that takes longer than
PREPARING_AFTER seconds says so once on stderr ("preparing ... (first run only)").
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any, Callable

log = logging.getLogger("bitext")

PYTHON_BUDGET = 300_000  # array elements handed to Python kernels per process before numba is loaded (~0.4 s)
PREPARING_AFTER = 1.0  # seconds of compiling after which the user is told why the first run is slow


class _Process:
    """What this process has spent so far: Python kernel work, and whether the notice was given."""

    python_work = 0
    told = False
    lock = threading.Lock()


def work(args: tuple) -> int:
    """A kernel call's size: the elements of its array arguments."""
    return sum(int(getattr(a, "size", 0)) for a in args if hasattr(a, "dtype"))


def plan(elements: int) -> None:
    """The caller's estimate of the kernel work ahead (array elements): when it would spend the
    rest of the Python budget anyway, kernels compile from their first call on, instead of
    running their first calls as Python only to load numba later all the same."""
    with _Process.lock:
        if _Process.python_work + elements > PYTHON_BUDGET:
            _Process.python_work = PYTHON_BUDGET + 1


def _tell_preparing() -> None:
    with _Process.lock:
        if _Process.told:
            return
        _Process.told = True
    log.info("preparing the aligner's compiled kernels (first run only; cached afterwards)")


class kernel:  # noqa: N801 - used as a decorator
    """A function compiled by numba once the process's Python budget is spent, else Python."""

    def __init__(self, func: Callable[..., Any]) -> None:
        self.py_func = func
        self._impl: Callable[..., Any] | None = None
        self.__doc__ = func.__doc__
        self.__name__ = func.__name__

    def _compile(self) -> Callable[..., Any]:
        if os.environ.get("BITEXT_NO_NUMBA"):
            return self.py_func
        try:
            import numba
        except Exception as exc:  # noqa: BLE001 - ImportError, or a broken llvmlite
            log.debug("numba unavailable (%s); using the Python kernels", exc)
            return self.py_func
        try:
            return numba.njit(cache=True, nogil=True)(self.py_func)
        except Exception:  # noqa: BLE001 - caching may be impossible in a read-only install
            return numba.njit(nogil=True)(self.py_func)

    def _small(self, args: tuple) -> bool:
        """Whether this call still fits the Python budget (and is charged to it)."""
        if os.environ.get("BITEXT_NUMBA"):
            return False
        size = work(args)
        with _Process.lock:
            if _Process.python_work + size > PYTHON_BUDGET:
                return False
            _Process.python_work += size
        return True

    def __call__(self, *args: Any) -> Any:
        if self._impl is None:
            if self._small(args):
                return self.py_func(*args)
            timer = threading.Timer(PREPARING_AFTER, _tell_preparing)
            timer.daemon = True
            timer.start()
            try:  # the first call compiles (or loads from numba's cache)
                self._impl = self._compile()
                return self._run(args)
            finally:
                timer.cancel()
        return self._run(args)

    def _run(self, args: tuple) -> Any:
        if self._impl is self.py_func:
            return self.py_func(*args)
        try:
            return self._impl(*args)  # type: ignore[misc]
        except Exception as exc:
            if type(exc).__module__.startswith("numba"):
                log.warning("numba failed on %s (%s); using Python", self.__name__, str(exc).splitlines()[0])
                self._impl = self.py_func
                return self.py_func(*args)
            raise
