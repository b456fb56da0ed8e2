"""A worker process killed mid-row (as by the OOM killer) fails only that row; the batch goes on."""

from __future__ import annotations

import json
import os
import signal
import time
from concurrent.futures import wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from click.testing import CliRunner

from bitext_cli.batch import runner, worker
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


def finish_despite_sigterm(name: str) -> str:
    """Stand-in for run_task: "kill" kills its own worker; any other name is written to that file,
    with SIGTERM held back until it is (as in a worker deep in a numba kernel, where Python's
    handler waits for the kernel to return)."""
    if name == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    Path(name + ".started").touch()
    time.sleep(0.5)
    Path(name).write_text("done")
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    return name


def test_a_broken_pool_is_replaced_only_once_its_workers_are_gone(tmp_path: Path, monkeypatch) -> None:
    # the executor fails a sibling row as soon as a worker dies, while the sibling may still be
    # writing its output: a retry that looked before that write lands would find "already exists"
    monkeypatch.setattr("bitext_cli.batch.runner.run_task", finish_despite_sigterm)
    pool = runner._Pool(2)
    sibling = tmp_path / "sibling"
    first = pool.executor.submit(runner.run_task, str(sibling))
    deadline = time.monotonic() + 30
    while not Path(str(sibling) + ".started").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    killer = pool.executor.submit(runner.run_task, "kill")
    wait([first, killer])
    assert isinstance(first.exception(), BrokenProcessPool)
    assert not sibling.exists()  # reported broken while its worker still runs
    broken = pool.executor
    pool.settle()
    assert sibling.read_text() == "done"  # settled only after the sibling's write
    assert pool.executor is not broken
    assert pool.executor.submit(len, "abc").result(timeout=30) == 3
    working = pool.executor
    pool.settle()
    assert pool.executor is working  # a working pool is kept
    working.shutdown()
