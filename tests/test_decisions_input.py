"""A decisions file is checked strictly: JSON booleans are not split counts (issue 17, item 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from tei.decisions import FORMAT, document_hash
from tei.reader import read_tei
from tests.conftest import SAMPLE


@pytest.mark.parametrize("counts", [(True, False), (1, True), (True, 0)])
def test_booleans_are_not_split_counts(tmp_path: Path, counts: tuple) -> None:
    aligned = tmp_path / "a.xml"
    run = CliRunner().invoke
    assert run(cli, ["-q", "align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr",
                     "--max-align", "3", "-o", str(aligned)]).exit_code == 0
    bitext = read_tei(aligned)
    link = next(link for link in bitext.links if len(link.src) + len(link.tgt) >= 2)
    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps({
        "format": FORMAT, "version": 1, "document": document_hash(bitext),
        "decisions": [{"link": link.id, "action": "split", "source": counts[0], "target": counts[1]}]}))
    out = tmp_path / "fixed.xml"
    result = run(cli, ["-q", "apply-review", str(aligned), str(decisions), "-o", str(out)])
    assert result.exit_code == 1 and result.output.startswith(f"Error: {decisions}: decision 1")
    assert "whole numbers" in result.output and len(result.output.strip().splitlines()) == 1
    assert not out.exists()
