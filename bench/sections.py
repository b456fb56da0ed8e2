"""Replace one "## " section of BENCHMARKS.md, leaving every other section as it is.

A section's hand-written analysis goes under a `### Notes` line at its end: a rerun of the
bench that generated the section replaces what comes before that line and keeps the notes.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
NOTES = "### Notes"
QUIET_LOAD = 1.5  # a 1-minute load average up to this is the benchmark alone (it keeps one core busy)


def machine() -> str:
    """Today's date, this machine and how busy it was, for a section's first line: a timing
    means little without them (the load average says whether other jobs shared the cores)."""
    cores = os.cpu_count() or 1
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()[0]
    busy = ("the benchmark alone" if load <= QUIET_LOAD
            else "SHARED with other jobs: times are pessimistic, re-measure on a quiet machine")
    return (f"{time.strftime('%Y-%m-%d')}; machine: {cores} cores, {memory:.0f} GiB, no GPU; "
            f"1-minute load average {load:.1f} when written ({busy})")


def write_section(heading: str, text: str, path: Path = BENCHMARKS) -> None:
    """Put `text` (which starts with `heading`) in place of that section, or append it."""
    old = path.read_text("utf-8") if path.exists() else "# Benchmarks\n"
    start = old.find(heading + "\n")
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = old.find("\n## ", start + len(heading))
        section = old[start:end] if end >= 0 else old[start:]
        notes = section.find("\n" + NOTES + "\n")
        kept = "\n" + section[notes + 1:].rstrip("\n") + "\n" if notes >= 0 and NOTES not in text else ""
        new = old[:start] + text.rstrip("\n") + "\n" + kept + (old[end:] if end >= 0 else "")
    path.write_text(new, "utf-8")
