"""Atomic output: write to a temporary file beside the target, then rename over it.

Readers see the old file or the whole new one, never half of it. Several outputs of one
command (`align -o X --review Y`) are written all or nothing: every temporary file is written
first, then all are renamed, and a failed rename puts back what the earlier ones replaced.
A file replaced keeps its permissions; a new one gets those the umask allows (as `open` gives).
Special files (standard output, `/dev/stdout`, devices, FIFOs) are written into directly, after
the files (see `corpora.outputs`). Failures are OutputErrors naming the file.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Iterable, Sequence

from corpora.errors import OutputError
from corpora.outputs import Target, inspect_output

_PENDING: set[str] = set()  # temporary files this process is writing (see discard_pending)
_NAME_BYTES = 200  # of the output's name kept in its temporary file's name (a name has 255 at most)


def _prefix(name: str) -> str:
    """The start of a temporary file's name for output `name`: `.name.` (shortened for long names)."""
    raw = name.encode("utf-8", "surrogateescape")[:_NAME_BYTES]
    return "." + raw.decode("utf-8", "ignore") + "."


def _part_name(target: Path) -> Path:
    # os.urandom(4).hex() is secrets.token_hex(4), without importing secrets (and hmac: 5 ms)
    return target.with_name(f"{_prefix(target.name)}{os.urandom(4).hex()}.part")


def remove_stale_parts(path: str | Path) -> None:
    """Remove the temporary files a killed run left for this output (and for no other)."""
    target = Path(path)
    stale = re.compile(re.escape(_prefix(target.name)) + r"[a-z0-9_]{8}\.part")
    try:
        names = os.listdir(target.parent if str(target.parent) else ".")
    except OSError:
        return
    for name in names:
        if stale.fullmatch(name):
            (target.parent / name).unlink(missing_ok=True)


def discard_pending() -> None:
    """Remove every temporary file this process is writing (for a process about to die)."""
    for tmp in list(_PENDING):
        try:
            os.unlink(tmp)
        except OSError:
            pass
    _PENDING.clear()


def _fail(exc: OSError, path: str | Path, doing: str = "cannot be written") -> OutputError:
    return OutputError(f"{doing} ({exc.strerror or exc})", path)


def _stage(target: Target, data: bytes) -> Path:
    """Write `data` to a new temporary file beside the target, synced, with the target's mode."""
    assert target.real is not None
    old_mode = target.real.stat().st_mode & 0o777 if target.kind == "file" else None
    tmp = _part_name(target.real)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
    except OSError as exc:
        raise _fail(exc, target.path, "cannot be written: no temporary file can be made in its folder") from None
    _PENDING.add(str(tmp))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if old_mode is not None:
            os.chmod(tmp, old_mode)
    except BaseException as exc:
        _unlink(tmp)
        if isinstance(exc, OSError):
            raise _fail(exc, target.path) from None
        raise
    return tmp


def _unlink(path: Path) -> None:
    _PENDING.discard(str(path))
    path.unlink(missing_ok=True)


def _commit(staged: list[tuple[Target, Path]]) -> None:
    """Rename every temporary file into place; if one fails, undo the renames done before it."""
    done: list[tuple[Target, Path | None]] = []  # target, hard link to the file it replaced
    try:
        for target, tmp in staged:
            assert target.real is not None
            backup = None
            if len(staged) > 1 and target.kind == "file":
                backup = _part_name(target.real)
                try:
                    os.link(target.real, backup)
                    _PENDING.add(str(backup))
                except OSError:
                    backup = None  # a filesystem without hard links: no undo for this one
            try:
                os.replace(tmp, target.real)
            except OSError as exc:
                if backup is not None:
                    _unlink(backup)
                raise _fail(exc, target.path) from None
            _PENDING.discard(str(tmp))
            done.append((target, backup))
    except BaseException:
        for target, backup in reversed(done):
            assert target.real is not None
            if backup is not None:
                os.replace(backup, target.real)
                _PENDING.discard(str(backup))
            elif target.kind != "file":
                target.real.unlink(missing_ok=True)
        for _, tmp in staged:
            _unlink(tmp)
        raise
    for _, backup in done:
        if backup is not None:
            _unlink(backup)
    _sync_folders(target.real for target, _ in staged if target.real is not None)


def _sync_folders(paths: Iterable[Path]) -> None:
    """Make the renames durable: a file's new name is an entry of its folder, which a power cut
    can lose until the folder itself is synced (the data was synced before the rename). Skipped
    where a folder cannot be opened or synced (not POSIX, some network filesystems)."""
    for folder in sorted({str(path.parent) for path in paths}):
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def _write_stream(target: Target, data: bytes) -> None:
    """Write into standard output, an open descriptor, a device or a FIFO (never replaced)."""
    try:
        if target.kind == "stdout" or target.fd == 1:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        elif target.fd is not None:
            view = memoryview(data)
            while view:
                view = view[os.write(target.fd, view):]
        else:
            with open(target.path, "wb") as fh:
                fh.write(data)
    except OSError as exc:
        raise _fail(exc, target.path) from None


def write_outputs(items: Sequence[tuple[str | Path | Target, bytes]]) -> None:
    """Write several outputs all or nothing (files; special files are written last, and a
    stream cannot be taken back). `-` is standard output."""
    targets = [(item if isinstance(item, Target) else inspect_output(item), data) for item, data in items]
    staged: list[tuple[Target, Path]] = []
    try:
        for target, data in targets:
            if target.atomic:
                staged.append((target, _stage(target, data)))
    except BaseException:
        for _, tmp in staged:
            _unlink(tmp)
        raise
    _commit(staged)
    for target, data in targets:
        if not target.atomic:
            _write_stream(target, data)


def atomic_write(path: str | Path | Target, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one, never half.

    `path` "-" writes to standard output instead.
    """
    write_outputs([(path, data)])
