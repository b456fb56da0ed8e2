"""Progress of a batch: a redrawn bar on a terminal, plain periodic lines otherwise, a summary."""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import IO


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class Progress:
    """Counts finished rows by status and reports counts, rate and ETA to `stream`."""

    def __init__(self, total: int | None, stream: IO[str] | None = None, interval: float | None = None,
                 enabled: bool = True) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.interval = interval if interval is not None else (0.2 if self.tty else 10.0)
        self.enabled = enabled
        self.counts: Counter[str] = Counter()
        self.failures: list[tuple[int, str]] = []  # (row, line): listed in row order, whatever order rows end in
        self.flagged: list[tuple[int, int]] = []  # (flagged links, row) of rows with any, to name the worst
        self.seconds = self.loading = 0.0  # the rows' own time and the workers' loading, in all
        self.start = time.monotonic()
        self._shown = self.start

    @property
    def done(self) -> int:
        return sum(self.counts.values())

    def update(self, entry: dict) -> None:
        """Count one finished row and show progress if it is time to."""
        self.counts[entry["status"]] += 1
        if entry["status"] == "failed":
            self.failures.append((entry["row"], f"row {entry['row']}: {entry['error']}"))
        self.seconds += entry.get("seconds") or 0.0
        self.loading += entry.get("loading_seconds") or 0.0
        if entry.get("flagged"):
            self.flagged.append((entry["flagged"], entry["row"]))
        now = time.monotonic()
        if self.enabled and now - self._shown >= self.interval:
            self._shown = now
            self._show(self.line(now))

    def line(self, now: float | None = None) -> str:
        """`120/200 rows (ok 118, failed 2, skipped 0) 3.4 rows/s, ETA 0:00:23`."""
        elapsed = max((now or time.monotonic()) - self.start, 1e-9)
        rate = self.done / elapsed
        of = f"/{self.total}" if self.total is not None else ""
        text = (f"{self.done}{of} rows (ok {self.counts['ok']}, failed {self.counts['failed']}, "
                f"skipped {self.counts['skipped']}) {rate:.2f} rows/s")
        if self.total is not None and rate > 0:
            text += f", ETA {_clock((self.total - self.done) / rate)}"
        if self.tty and self.total:
            filled = round(24 * self.done / self.total)
            text = f"[{'#' * filled}{'.' * (24 - filled)}] {text}"
        return text

    def summary(self, report: str, limit: int = 10) -> str:
        """The closing lines: counts, time (and where workers loaded models, the rows' own time
        and the loading apart), report path, the failures of the first rows and the rows with
        the most flagged links."""
        elapsed = time.monotonic() - self.start
        apart = (f" (rows {self.seconds:.1f} s, loading models {self.loading:.1f} s, in all workers)"
                 if self.loading >= 0.05 else "")
        lines = [f"{self.counts['ok']} ok, {self.counts['failed']} failed, {self.counts['skipped']} skipped "
                 f"in {elapsed:.1f} s{apart}; report: {report}"]
        lines += [line for _, line in sorted(self.failures)[:limit]]
        if len(self.failures) > limit:
            lines.append(f"... and {len(self.failures) - limit} more failed rows (see the report)")
        if self.flagged:  # the rows to check first; the report's `flagged` has every row's count
            worst = sorted(self.flagged, key=lambda item: (-item[0], item[1]))[:3]
            lines.append("most flagged links: " + ", ".join(f"row {row} ({n})" for n, row in worst))
        return "\n".join(lines)

    def finish(self) -> None:
        """End the redrawn bar's line on a terminal."""
        if self.enabled and self.tty:
            self._show(self.line())
            self.stream.write("\n")
            self.stream.flush()

    def _show(self, text: str) -> None:
        if self.tty:
            self.stream.write("\r\x1b[K" + text)
        else:
            self.stream.write("bitext: " + text + "\n")
        self.stream.flush()
