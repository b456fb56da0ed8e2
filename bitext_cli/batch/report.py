"""OUTDIR/report.jsonl: one JSON object per row, written as rows finish, read back by --resume.

Entries are written as rows finish and flushed at once, so a killed batch leaves a report of
every row it finished (a slow row holds back no other's entry); when the batch ends, the report
is put in row order. A resumed batch appends to the old report and, when it ends, keeps only its
own entries, so the report always describes the last run; a batch killed while resuming leaves
both, and the newest entry per output wins.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from corpora import jsontext
from corpora.atomic import atomic_write
from corpora.errors import OutputError


KEPT = ("hash", "src_sentences", "tgt_sentences", "mean_score", "flagged")  # what a skipped row carries over
_NOTHING_KEPT = (None,) * len(KEPT)


def previous_results(path: Path) -> dict[str, tuple]:
    """Output name -> (hash, src_sentences, tgt_sentences, mean_score, flagged) of every row an earlier
    run finished (ok or skipped); a row that failed after its output was found the batch's own
    (it has a hash) -> all None: its output, if any, is the batch's to replace, not to keep. So is
    the review page a row names (`review`): it is the batch's, made from the row's output."""
    hashes: dict[str, tuple] = {}
    if not path.exists():
        return hashes
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                item = jsontext.loads(line)
            except json.JSONDecodeError:  # a line cut short by a killed run
                continue
            if isinstance(item, dict) and item.get("output") and item.get("hash"):
                if item.get("status") in ("ok", "skipped"):
                    hashes[item["output"]] = tuple(item.get(key) for key in KEPT)
                else:
                    hashes[item["output"]] = _NOTHING_KEPT
                if isinstance(item.get("review"), str):
                    hashes.setdefault(item["review"], _NOTHING_KEPT)
    return hashes


class ReportLost(OutputError):
    """The report could not be written to the end; `lines` holds the entries it lacks."""

    def __init__(self, message: str, path: Path, lines: list[str]) -> None:
        super().__init__(message, path)
        self.lines = lines


class ReportWriter:
    """Writes entries as they come in; `close` leaves only this run's entries, in row order.

    A write that fails (disk full) does not stop the batch: the entry waits and is written with
    the next one; whatever still cannot be written at the end comes back in a ReportLost, so
    no row's entry is lost."""

    def __init__(self, path: Path, append: bool) -> None:
        self.path = path
        try:
            self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if append else os.O_TRUNC), 0o666)
            self._start = os.lseek(self._fd, 0, os.SEEK_END)
        except OSError as exc:
            raise OutputError(f"cannot be written ({exc.strerror})", path) from None
        self._unwritten: list[bytearray] = []  # encoded lines not (fully) written yet
        self._error: OSError | None = None
        if append and self._start > 0 and not _ends_with_newline(path):
            self._unwritten.append(bytearray(b"\n"))  # finish a line cut short by a killed run
            self._flush()
            self._start = os.lseek(self._fd, 0, os.SEEK_END)
        self._rows: list[int] = []  # in the order written

    def add(self, entry: dict) -> None:
        """Write an entry at once."""
        self._rows.append(entry["row"])
        self._unwritten.append(bytearray((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")))
        self._flush()

    def close(self) -> None:
        """Put this run's entries in row order and drop older runs' (or hand back the entries
        that could not be written)."""
        os.close(self._fd)
        if self._unwritten:
            lines = sorted((bytes(line).decode("utf-8") for line in self._unwritten if line.strip()),
                           key=_row)
            reason = self._error.strerror if self._error else "unknown error"
            raise ReportLost(f"cannot be written ({reason}); the {len(lines)} entries it lacks follow on "
                             "standard output", self.path, lines)
        if self._start > 0 or self._rows != sorted(self._rows):
            try:
                with self.path.open("rb") as fh:
                    fh.seek(self._start)
                    kept = fh.read().splitlines(keepends=True)
            except OSError as exc:
                raise OutputError(f"cannot be read back ({exc.strerror})", self.path) from None
            atomic_write(self.path, b"".join(sorted(kept, key=lambda line: _row(bytes(line)))))

    def _flush(self) -> None:
        """Write the waiting lines; stop at the first failure, keeping exactly what is left."""
        while self._unwritten:
            line = self._unwritten[0]
            try:
                done = os.write(self._fd, line)  # the page cache outlives a killed process; no fsync
            except OSError as exc:
                self._error = exc
                return
            del line[:done]
            if not line:
                self._unwritten.pop(0)


def _row(line: str | bytes) -> float:
    """The row of an entry's line, for sorting; a line cut short (a partial write) goes last."""
    try:
        return float(json.loads(line)["row"])
    except (ValueError, KeyError, TypeError):
        return float("inf")


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) == b"\n"
