"""OUTDIR/report.jsonl: one JSON object per row, written as rows finish, read back by --resume.

Entries are written in row order (a small buffer reorders rows that finish early) and flushed
at once, so a killed batch leaves a report of the rows it finished. A resumed batch appends to
the old report and, when it ends, keeps only its own entries, so the report always describes
the last run; a batch killed while resuming leaves both, and the newest entry per output wins.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from corpora import jsontext
from corpora.atomic import atomic_write


KEPT = ("hash", "src_sentences", "tgt_sentences", "mean_score")  # what a skipped row carries over


def previous_results(path: Path) -> dict[str, tuple]:
    """Output name -> (hash, src_sentences, tgt_sentences, mean_score) of every row an earlier
    run finished (ok or skipped)."""
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
                    hashes.pop(item["output"], None)
    return hashes


class ReportWriter:
    """Writes entries in row order as they come in; `close` leaves only this run's entries."""

    def __init__(self, path: Path, append: bool) -> None:
        self.path = path
        self._fh: IO[str] = path.open("a" if append else "w", encoding="utf-8")
        if append and self._fh.tell() > 0 and not path.read_bytes().endswith(b"\n"):
            self._fh.write("\n")  # finish a line cut short by a killed run
        self._fh.flush()
        self._start = self._fh.tell()
        self._waiting: dict[int, dict] = {}
        self._next = 1

    def add(self, entry: dict) -> None:
        """Queue an entry and write every entry whose turn has come."""
        self._waiting[entry["row"]] = entry
        while self._next in self._waiting:
            self._write(self._waiting.pop(self._next))
            self._next += 1

    def close(self) -> None:
        """Write what is still waiting (after an interruption, out of order) and drop older runs."""
        for row in sorted(self._waiting):
            self._write(self._waiting.pop(row))
        self._fh.close()
        if self._start > 0:
            with self.path.open("rb") as fh:
                fh.seek(self._start)
                atomic_write(self.path, fh.read())

    def _write(self, entry: dict) -> None:
        self._fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._fh.flush()  # the page cache outlives a killed process; no fsync needed
