"""A worker process killed mid-row (as by the OOM killer) fails only that row; the batch goes on."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

from click.testing import CliRunner

from bitext_cli.batch import worker
from bitext_cli.main import cli
from tests.test_batch import HEADER, report, write_pair


def crash_on_doomed(task):
    """The real task, except that a row named 'doomed' kills its own worker process."""
    if "doomed" in task.name:
        os.kill(os.getpid(), signal.SIGKILL)
    return worker.run_task(task)


def test_killed_worker_fails_only_its_row(tmp_path: Path, monkeypatch) -> None:
    # the pool forks its workers after the patch, so they run crash_on_doomed too
    monkeypatch.setattr("bitext_cli.batch.runner.run_task", crash_on_doomed)
    names = [f"doc{n}" for n in range(1, 4)] + ["doomed"] + [f"doc{n}" for n in range(5, 9)]
    lines = [HEADER] + [",".join(write_pair(tmp_path, name)) + ",en,tr," for name in names]
    (tmp_path / "m.csv").write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"

    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "m.csv"), "-o", str(out), "--jobs", "2"])

    assert result.exit_code == 1, result.output
    assert "7 ok, 1 failed, 0 skipped" in result.output
    entries = report(out)
    assert [e["row"] for e in entries] == list(range(1, 9))
    failed = [e for e in entries if e["status"] != "ok"]
    assert [e["row"] for e in failed] == [4]
    assert "worker process died" in failed[0]["error"]
    written = sorted(p.name for p in out.glob("*.tei.xml"))
    assert written == sorted(f"{name}.tei.xml" for name in names if name != "doomed")
    assert json.dumps(entries)  # the report stays plain JSON
