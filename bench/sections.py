"""Replace one "## " section of BENCHMARKS.md, leaving every other section as it is.

A section's hand-written analysis goes under a `### Notes` line at its end: a rerun of the
bench that generated the section replaces what comes before that line and keeps the notes.
"""

from __future__ import annotations

from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
NOTES = "### Notes"


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
