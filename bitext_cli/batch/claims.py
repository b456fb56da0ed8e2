"""OUTDIR/.bitext.outputs: the outputs this batch set out to write, so --resume knows its own.

--resume replaces an existing output only if the batch wrote it, never a file that was there
before (one corrected by hand). The report lists the rows it finished, but a batch killed
outright (SIGKILL) between a worker's write and the report's line leaves an output the report
does not list. So before a task whose output does not exist yet goes to a worker, its name is
appended here and flushed: whatever exists under a name listed here, the batch wrote. A run
without --resume starts the list afresh; a run that ends without being stopped removes it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from corpora.errors import OutputError

CLAIMS_NAME = ".bitext.outputs"


def read_claims(outdir: Path) -> set[str]:
    """The output names listed in OUTDIR's list (none if there is no list)."""
    path = outdir / CLAIMS_NAME
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return set()
    except OSError as exc:
        raise OutputError(f"cannot be read ({exc.strerror})", path) from None
    names = set()
    for line in lines:
        try:
            name = json.loads(line)
        except json.JSONDecodeError:  # a line cut short by a killed run
            continue
        if isinstance(name, str):
            names.add(name)
    return names


class Claims:
    """Appends output names to OUTDIR's list (truncated first unless `append`)."""

    def __init__(self, outdir: Path, append: bool) -> None:
        self.path = outdir / CLAIMS_NAME
        try:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if append else os.O_TRUNC),
                               0o666)
        except OSError as exc:
            raise OutputError(f"cannot be written ({exc.strerror})", self.path) from None

    def add(self, name: str) -> None:
        """List `name` before its task is handed out (a line of its own, even after a cut one)."""
        try:
            os.write(self._fd, ("\n" + json.dumps(name, ensure_ascii=False) + "\n").encode("utf-8"))
        except OSError as exc:
            raise OutputError(f"cannot be written ({exc.strerror})", self.path) from None

    def close(self, done: bool) -> None:
        """Close the list; when the run is `done` (not stopped), the report lists every output it
        wrote, so the list is removed."""
        os.close(self._fd)
        if done:
            self.path.unlink(missing_ok=True)
