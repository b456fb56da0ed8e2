"""Numba on first use, plain Python when numba is missing or fails.

Kernels are written once as plain Python over numpy arrays. `kernel` compiles them with
`numba.njit(cache=True)` the first time they are called (never at import, so `import align`
and `bitext --help` stay light). If numba cannot be imported or cannot compile a kernel, the
same function runs as ordinary Python: slower, identical results. `BITEXT_NO_NUMBA=1` forces
the Python path (tests use it to check that both paths agree).
"""

from __future__ import annotations

import logging
import os
from typing import Any, Callable

log = logging.getLogger("bitext")


class kernel:  # noqa: N801 - used as a decorator
    """A function compiled by numba on its first call, falling back to Python."""

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
        except Exception as exc:  # ImportError, or a broken llvmlite
            log.debug("numba unavailable (%s); using the Python kernels", exc)
            return self.py_func
        try:
            return numba.njit(cache=True, nogil=True)(self.py_func)
        except Exception:  # caching may be impossible in a read-only install
            return numba.njit(nogil=True)(self.py_func)

    def __call__(self, *args: Any) -> Any:
        if self._impl is None:
            self._impl = self._compile()
        if self._impl is self.py_func:
            return self.py_func(*args)
        try:
            return self._impl(*args)
        except Exception as exc:
            if type(exc).__module__.startswith("numba"):
                log.warning("numba failed on %s (%s); using Python", self.__name__, str(exc).splitlines()[0])
                self._impl = self.py_func
                return self.py_func(*args)
            raise
