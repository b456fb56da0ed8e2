"""bench/sections.py: a rerun replaces a generated section of BENCHMARKS.md but keeps its notes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _sections():
    spec = importlib.util.spec_from_file_location("bench_sections", ROOT / "bench" / "sections.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rerun_keeps_notes_and_other_sections(tmp_path: Path) -> None:
    sections = _sections()
    path = tmp_path / "B.md"
    path.write_text("# B\n\n## A\nold table\n\n### Notes\nanalysis\n\n## C\nc\n", "utf-8")
    sections.write_section("## A", "## A\nnew table\n", path)
    assert path.read_text("utf-8") == "# B\n\n## A\nnew table\n\n### Notes\nanalysis\n\n## C\nc\n"
    sections.write_section("## C", "## C\nc2\n", path)  # the last section, without notes
    assert path.read_text("utf-8") == "# B\n\n## A\nnew table\n\n### Notes\nanalysis\n\n## C\nc2\n"
    sections.write_section("## D", "## D\nd\n", path)  # a new section is appended
    assert path.read_text("utf-8").endswith("## C\nc2\n\n## D\nd\n")
