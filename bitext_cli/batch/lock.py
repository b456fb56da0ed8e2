"""One batch at a time per OUTDIR: an advisory lock on OUTDIR/.bitext.lock.

Two batches writing one OUTDIR would interleave report.jsonl and remove each other's temporary
files. The first takes an exclusive lock on the lock file and writes its process id there; a
second is refused with a one-line error naming that process. The lock goes with the process
(the system releases it when the process ends, however it ends), so no stale lock is ever left
to remove by hand. The file is removed while still locked at the end; a run that locked a
file just removed finds that the path no longer leads to it and tries again.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from corpora.errors import OutputError, UsageError

LOCK_NAME = ".bitext.lock"
_TRIES = 5

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class OutdirLock:
    """Hold the lock of OUTDIR for the duration of a `with` block."""

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> "OutdirLock":
        for _ in range(_TRIES):
            fd = self._open()
            if not _try_lock(fd):
                holder = os.read(fd, 64).decode("ascii", "replace").strip() or "unknown"
                os.close(fd)
                raise UsageError(f"{self.path.parent}: another bitext batch (process {holder}) is writing there; "
                                 "wait for it to end or choose another OUTDIR")
            if _same_inode(fd, self.path):
                break
            os.close(fd)  # locked a file its holder had just removed: take the new one
        else:
            raise UsageError(f"{self.path}: cannot take the lock (other batches keep starting here)")
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return self

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise OutputError(f"cannot be created ({exc.strerror})", self.path) from None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._fd is not None:
            try:
                self.path.unlink(missing_ok=True)  # still locked, so no one else holds this file
            except OSError:  # Windows keeps an open file; it is only left behind
                pass
            os.close(self._fd)  # closing releases the lock
            self._fd = None


def _same_inode(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _try_lock(fd: int) -> bool:
    """Take the exclusive lock without waiting; False when another process holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True
