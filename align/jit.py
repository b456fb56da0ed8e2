"""Numba where it pays, numpy array code below that, the plain Python kernels as the reference.

Kernels are written once as plain Python over numpy arrays (the reference: short, obviously
right, and what numba compiles), and most have a numpy twin (`kernel.numpy`) that computes the
same values to the last bit with array operations. Loading numba costs about 0.7 s even with
its cache warm, and compiling every kernel about 5 s of CPU on the first run after installing,
while the numpy twins run a 2,000-sentence document's kernel work in a fraction of a second.
So a process runs its first NUMPY_BUDGET array elements of kernel work with the numpy twins
and compiles a kernel once the caller's plan() says the work ahead will exceed that (a
document of more than NUMPY_BUDGET / lexical.KERNEL_WORK = 6,000 sentences a side, where
numba's start-up costs less than the twins' extra time: measured, BENCHMARKS.md "Scale"), or,
without a plan, once twice the budget is spent; once numba is loaded, every kernel uses it.
If numba cannot be imported or cannot compile a kernel, the twin runs instead: slower,
identical results.
`BITEXT_KERNELS` chooses for tests and benchmarks: `python` (the reference kernels), `numpy`
(the twins; also `BITEXT_NO_NUMBA=1`) or `numba` (from the first call; also `BITEXT_NUMBA=1`).
Loading numba and compiling (or loading from its cache) a kernel that takes longer than
PREPARING_AFTER seconds says so once on stderr ("preparing ... (first run only)"). Loading
numba is loading (corpora.loading): `bitext batch --timeout` does not charge it to a row.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any, Callable

from corpora.loading import loading

log = logging.getLogger("bitext")

NUMPY_BUDGET = 30_000_000  # kernel work (array elements) a process does with the numpy twins before loading numba
PREPARING_AFTER = 1.0  # seconds of compiling after which the user is told why the first run is slow


class _Process:
    """What this process has spent so far: numpy kernel work, whether numba is loaded, and
    whether the notice was given."""

    numpy_work = 0
    numba = False
    told = False
    lock = threading.Lock()


def work(args: tuple) -> int:
    """A kernel call's size: the elements of its array arguments."""
    return sum(int(getattr(a, "size", 0)) for a in args if hasattr(a, "dtype"))


def mode() -> str:
    """The kernels asked for by the environment: python, numpy, numba, or auto (the default)."""
    chosen = os.environ.get("BITEXT_KERNELS", "").strip().lower()
    if chosen in ("python", "numpy", "numba"):
        return chosen
    if os.environ.get("BITEXT_NUMBA"):
        return "numba"
    if os.environ.get("BITEXT_NO_NUMBA"):
        return "numpy"
    return "auto"


def plan(elements: int) -> None:
    """The caller's estimate of the kernel work ahead (array elements): when it would spend the
    rest of the numpy budget anyway, kernels compile from their first call on, instead of
    running their first calls with numpy only to load numba later all the same."""
    with _Process.lock:
        if _Process.numpy_work + elements > NUMPY_BUDGET:
            _Process.numba = True


def _tell_preparing() -> None:
    with _Process.lock:
        if _Process.told:
            return
        _Process.told = True
    log.info("preparing the aligner's compiled kernels (first run only; cached afterwards)")


class kernel:  # noqa: N801 - used as a decorator
    """A function compiled by numba once the process's numpy budget is spent, else its numpy
    twin (`numpy`, set after the definition) or, without one, the function itself."""

    def __init__(self, func: Callable[..., Any]) -> None:
        self.py_func = func
        self.numpy: Callable[..., Any] | None = None
        self._impl: Callable[..., Any] | None = None
        self.__doc__ = func.__doc__
        self.__name__ = func.__name__

    def _compile(self) -> Callable[..., Any]:
        try:
            import numba
        except Exception as exc:  # noqa: BLE001 - ImportError, or a broken llvmlite
            log.debug("numba unavailable (%s); using the numpy kernels", exc)
            return self.numpy or self.py_func
        try:
            return numba.njit(cache=True, nogil=True)(self.py_func)
        except Exception:  # noqa: BLE001 - caching may be impossible in a read-only install
            return numba.njit(nogil=True)(self.py_func)

    def _without_numba(self, args: tuple, chosen: str) -> bool:
        """Whether this call runs without numba (and, in auto mode, is charged to the budget)."""
        if chosen == "numba":
            return False
        size = work(args)
        with _Process.lock:  # a planned alignment's estimate may be low: twice the budget before switching
            if _Process.numba or _Process.numpy_work + size > 2 * NUMPY_BUDGET:
                _Process.numba = True
                return False
            _Process.numpy_work += size
        return True

    def __call__(self, *args: Any) -> Any:
        chosen = mode()
        if chosen == "python":
            return self.py_func(*args)
        if chosen == "numpy":
            return (self.numpy or self.py_func)(*args)
        if self._impl is None:
            if self._without_numba(args, chosen):
                return (self.numpy or self.py_func)(*args)
            timer = threading.Timer(PREPARING_AFTER, _tell_preparing)
            timer.daemon = True
            timer.start()
            try:  # the first call compiles (or loads from numba's cache)
                with loading():  # numba's import, kept for every later row: not a batch row's time (batch --timeout)
                    self._impl = self._compile()
                return self._run(args)
            finally:
                timer.cancel()
        return self._run(args)

    def _run(self, args: tuple) -> Any:
        if self._impl is self.py_func or self._impl is self.numpy:
            return self._impl(*args)  # type: ignore[misc]
        try:
            return self._impl(*args)  # type: ignore[misc]
        except Exception as exc:
            if type(exc).__module__.startswith("numba"):
                log.warning("numba failed on %s (%s); using numpy", self.__name__, str(exc).splitlines()[0])
                self._impl = self.numpy or self.py_func
                return self._impl(*args)
            raise
