"""Replace one "## " section of BENCHMARKS.md, leaving every other section as it is."""

from __future__ import annotations

from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


def write_section(heading: str, text: str, path: Path = BENCHMARKS) -> None:
    """Put `text` (which starts with `heading`) in place of that section, or append it."""
    old = path.read_text("utf-8") if path.exists() else "# Benchmarks\n"
    start = old.find(heading + "\n")
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = old.find("\n## ", start + len(heading))
        new = old[:start] + text.rstrip("\n") + "\n" + (old[end:] if end >= 0 else "")
    path.write_text(new, "utf-8")
