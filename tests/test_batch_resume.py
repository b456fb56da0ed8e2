"""A real `bitext batch` killed mid-run, then finished with --resume without redoing rows."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from tests.test_batch import HEADER, write_pair

BITEXT = Path(sys.executable).parent / "bitext"
ROWS = 8


def finished_rows(outdir: Path) -> dict[str, dict]:
    """Entries of the report a killed run left (a line cut short is ignored)."""
    found = {}
    path = outdir / "report.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            continue
        found[item["output"]] = item
    return found


@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_killed_batch_resumes_without_redoing_finished_rows(tmp_path: Path, how: str) -> None:
    for n in range(ROWS):
        write_pair(tmp_path, f"r{n:02d}", repeat=30)
    manifest = tmp_path / "m.csv"
    manifest.write_text(HEADER + "\n" + "".join(f"r{n:02d}.en.txt,r{n:02d}.tr.txt,en,tr,\n" for n in range(ROWS)))
    out = tmp_path / "out"
    proc = subprocess.Popen([str(BITEXT), "batch", str(manifest), "-o", str(out), "--jobs", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(finished_rows(out)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if how == "SIGKILL":  # the whole job dies at once, as under the OOM killer or a lost node
        os.killpg(proc.pid, signal.SIGKILL)
    else:  # only the batch process is told to stop; it stops its workers itself
        proc.send_signal(getattr(signal, how))
    stderr = proc.communicate(timeout=60)[1].decode()
    before = finished_rows(out)
    assert 2 <= len(before) < ROWS, "the batch finished before it could be killed; make rows longer"
    assert all(e["status"] == "ok" for e in before.values())
    if how != "SIGKILL":
        assert proc.returncode == 130 and "rerun with --resume" in stderr, stderr
        assert not list(out.glob(".*.part")), "a stopped batch left temporary files"
        assert {p.name for p in out.glob("*.xml")} >= set(before)  # + a row done as the stop came
    mtimes = {name: (out / name).stat().st_mtime_ns for name in before}

    result = CliRunner().invoke(cli, ["batch", str(manifest), "-o", str(out), "--resume"])

    assert result.exit_code == 0, result.output
    after = finished_rows(out)
    assert len(after) == ROWS and not list(out.glob(".*.part"))
    assert {name for name, e in after.items() if e["status"] == "skipped"} == set(before)
    assert all(e["status"] == "ok" for name, e in after.items() if name not in before)
    assert {name: (out / name).stat().st_mtime_ns for name in before} == mtimes
    assert [e["row"] for e in after.values()] == list(range(1, ROWS + 1))


def test_report_keeps_the_newest_entry_when_a_resume_is_killed(tmp_path: Path) -> None:
    from bitext_cli.batch.report import ReportWriter, previous_results

    path = tmp_path / "report.jsonl"
    path.write_text('{"row": 1, "output": "a", "status": "ok", "hash": "h1"}\n'
                    '{"row": 2, "output": "b", "status": "ok", "hash": "h2"}\n{"row": 3, "outp')
    assert previous_results(path) == {"a": ("h1", None, None, None, None), "b": ("h2", None, None, None, None)}
    writer = ReportWriter(path, append=True)
    writer.add({"row": 2, "output": "b", "status": "failed", "hash": "h2"})
    writer.add({"row": 1, "output": "a", "status": "ok", "hash": "h9"})
    # as a killed resume leaves it: b failed (its output the batch's to redo, not to keep)
    assert previous_results(path) == {"a": ("h9", None, None, None, None), "b": (None,) * 5}
    writer.close()
    assert [json.loads(line)["row"] for line in path.read_text().splitlines()] == [1, 2]


def test_aligner_is_made_once_per_worker(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        write_pair(tmp_path, name)
    code = textwrap.dedent(f"""
        import align.lexical as lexical
        from bitext_cli.batch.tasks import Task
        from bitext_cli.batch.worker import prepare_worker, run_task
        from bitext_cli.pipeline import Job
        made = []
        init = lexical.LexicalAligner.__init__
        lexical.LexicalAligner.__init__ = lambda self, *a, **k: (made.append(1), init(self, *a, **k))[1]
        prepare_worker()
        for name in "abc":
            job = Job(f"{tmp_path}/{{name}}.en.txt", f"{tmp_path}/{{name}}.tr.txt", "en", "tr")
            assert run_task(Task(1, job, f"{tmp_path}/{{name}}.xml", name))["status"] == "ok"
        print(len(made))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"


def test_a_row_that_finishes_early_is_in_the_report_at_once(tmp_path: Path) -> None:
    """A slow row must not hold back the entries of rows that finished after it: a batch killed
    outright (SIGKILL, the OOM killer) would lose them, and --resume would redo their work."""
    from bitext_cli.batch.report import ReportWriter, previous_results

    path = tmp_path / "report.jsonl"
    writer = ReportWriter(path, append=False)
    writer.add({"row": 3, "output": "c", "status": "ok", "hash": "h3"})
    writer.add({"row": 2, "output": "b", "status": "ok", "hash": "h2"})
    assert previous_results(path) == {"c": ("h3", None, None, None, None), "b": ("h2", None, None, None, None)}
    writer.add({"row": 1, "output": "a", "status": "ok", "hash": "h1"})
    writer.close()
    assert [json.loads(line)["row"] for line in path.read_text().splitlines()] == [1, 2, 3]  # row order at the end
