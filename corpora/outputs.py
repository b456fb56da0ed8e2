"""Where an output may go: what is at its path, and the checks that keep every input and every
existing file safe.

- An output is never one of the command's inputs (the same file after following links, hard
  links included), whatever `--force` says, and two outputs of one command are never one file.
- An existing file, or a symbolic link to a missing one, is replaced only with `--force`; a
  link is written through (the file it names is replaced, the link stays).
- Special files are written into, never replaced: `/dev/stdout` and other links to this
  process's open files (`/proc/self/fd/N`, `/dev/fd/N`), character devices (`/dev/null`) and
  FIFOs. Block devices, sockets and directories are refused.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from corpora.errors import OutputError, UsageError

# A link to one of this process's open files (what /dev/stdout is on Linux).
_FD_LINK = re.compile(r"^/(?:proc/(?:self|thread-self|(\d+))/fd|dev/fd)/(\d+)$")
_MAX_LINKS = 40
NAME_MAX = 255  # bytes in one file name on every common filesystem


@dataclass(frozen=True)
class Target:
    """What is at an output path. `kind`: "stdout" ("-"), "fd" (a link to an open file of this
    process, `fd` its number), "stream" (a character device or FIFO, written into), "file" (an
    existing regular file, maybe through links), "dangling" (a link to a missing file), "new"
    (nothing there). `real` is the file written for "file", "dangling" and "new"."""

    path: str
    kind: str
    real: Path | None = None
    fd: int | None = None

    @property
    def exists(self) -> bool:
        """Whether writing here replaces something a user has (so it needs --force)."""
        return self.kind in ("file", "dangling")

    @property
    def atomic(self) -> bool:
        """Whether the output is written to a temporary file and renamed into place."""
        return self.kind in ("file", "dangling", "new")


def _fd_alias(path: str) -> int | None:
    """The descriptor number when `path` leads, through links, to one of this process's open
    files (`/dev/stdout` -> `/proc/self/fd/1`), else None."""
    current = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        found = _FD_LINK.match(current)
        if found and found.group(1) in (None, str(os.getpid())):
            return int(found.group(2))
        if not os.path.islink(current):
            return None
        current = os.path.normpath(os.path.join(os.path.dirname(current), os.readlink(current)))
    return None


def check_name(path: str | Path) -> None:
    """OutputError for a path no filesystem takes: a NUL character, a name over NAME_MAX bytes."""
    given = str(path)
    if "\x00" in given:
        raise OutputError("is not a file name (it contains a NUL character)", repr(given))
    for part in Path(given).parts:
        size = len(part.encode("utf-8", "surrogateescape"))
        if size > NAME_MAX:
            raise OutputError(f"has a name of {size} bytes; a file name has at most {NAME_MAX}", given)


def inspect_output(path: str | Path) -> Target:
    """What is at an output path; OutputError for what can never be an output (a directory, a
    block device, a socket, a missing folder, a malformed name)."""
    given = str(path)
    if given == "-":
        return Target(given, "stdout")
    check_name(given)
    try:
        fd = _fd_alias(given)
        if fd is not None:
            return Target(given, "fd", fd=fd)
        linked = os.path.islink(given)
        info = os.stat(given) if os.path.exists(given) else None
    except OSError as exc:
        raise OutputError(f"cannot be written ({exc.strerror or exc})", given) from None
    if info is None:
        real = Path(os.path.realpath(given))
        if not real.parent.is_dir():
            raise OutputError("output folder does not exist", real.parent if not linked else given)
        return Target(given, "dangling" if linked else "new", real)
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise OutputError("is a directory; give a file name for the output", given)
    if stat.S_ISREG(mode):
        return Target(given, "file", Path(os.path.realpath(given)))
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return Target(given, "stream")
    what = "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
    raise OutputError(f"is {what}; bitext writes only files, character devices and pipes", given)


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file: the same inode when both exist (links, hard links and
    `/proc/self/fd` aliases included), else the same resolved path."""
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


def _holds_data(target: Target) -> bool:
    """Whether writing to a target can destroy data: a file, or a descriptor open on one (a
    terminal or a pipe that is also an input, such as /dev/stdin and /dev/stdout, loses nothing)."""
    if target.kind == "fd":
        try:
            return stat.S_ISREG(os.fstat(target.fd).st_mode)  # type: ignore[arg-type]
        except OSError:
            return False
    return target.kind not in ("stdout", "stream")


def _stream_of(target: Target) -> int | None:
    """The descriptor an output goes to ("-" is 1), or None for a file."""
    return 1 if target.kind == "stdout" else target.fd


def check_outputs(outputs: Sequence[str | Path | None], force: bool, inputs: Iterable[str | Path | None]) -> list[Target]:
    """The targets of a command's outputs after every check; UsageError/OutputError naming the
    output for one that is an input, the same file as another output, or an existing file
    without `force`. None and "-" (standard output) pass."""
    given = [str(p) for p in inputs if p is not None and str(p) != "-"]
    targets: list[Target] = []
    for output in outputs:
        if output is None:
            continue
        target = inspect_output(output)
        if _holds_data(target):
            for other in given:
                if same_file(target.path, other):
                    named = "" if other == target.path else f" ({other})"
                    raise UsageError(f"{target.path}: output would overwrite an input file{named}")
        for earlier in targets:
            if _stream_of(earlier) == _stream_of(target) is not None or (
                    target.kind != "stdout" and earlier.kind != "stdout" and same_file(target.path, earlier.path)):
                raise UsageError(f"{target.path}: given for two outputs ({earlier.path}); give each its own file")
        if target.exists and not force:
            what = "is a symbolic link to a missing file" if target.kind == "dangling" else "already exists"
            raise UsageError(f"{target.path}: {what}; pass --force to overwrite it")
        targets.append(target)
    return targets


def beside_tei(aligned: str, ending: str) -> str:
    """A file named after a TEI file, in its folder: `a/article.tei.xml` -> `a/article` + `ending`
    (the name without .tei.xml, .xml or .tei): `.reviewed.tei.xml` beside it (the editor's
    Save), `.review.html` (a batch's review page)."""
    name = aligned
    for suffix in (".tei.xml", ".xml", ".tei"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name + ending
