"""`bitext batch` keeps its promises under attack: a bad row fails alone, one batch per OUTDIR,
workers die with the batch, temporary files of other outputs are left alone, a stuck row is
stopped, and a full disk or a read-only OUTDIR is one line with no row lost (issue 17, items
4-8, 10)."""

from __future__ import annotations

import errno
import io
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
from tests.conftest import ROOT
from tests.test_batch import write_pair

BITEXT = [sys.executable, "-c", "from bitext_cli.main import cli; cli()"]
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to watch processes")


def batch(*args: str):
    return CliRunner().invoke(cli, ["batch", *args])


def report(outdir: Path) -> list[dict]:
    return [json.loads(line) for line in (outdir / "report.jsonl").read_text(encoding="utf-8").splitlines()]


def jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def row(source: str, target: str, output: str | None = None) -> dict:
    found = {"source": source, "target": target, "source_lang": "en", "target_lang": "tr"}
    return found | ({"output": output} if output else {})


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc: no `ps` needed)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie no one has reaped yet is dead
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


DEATH = 60  # seconds a dying process may take on a loaded machine (it is polled: no wait when it dies at once)


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


# -- item 4: every per-row check inside the row's failure boundary ------------------------------

def test_a_too_long_name_and_a_nul_in_a_path_fail_only_their_rows(tmp_path: Path) -> None:
    src, tgt = write_pair(tmp_path, "a")
    manifest = jsonl(tmp_path / "m.jsonl", [
        row(src, tgt, "first.tei.xml"), row(src, tgt, "x" * 300 + ".tei.xml"),
        row("a\x00.en.txt", tgt, "nul.tei.xml"), row(src, tgt, "last.tei.xml")])
    out = tmp_path / "out"
    result = batch(str(manifest), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert "2 ok, 2 failed" in result.output
    entries = report(out)
    assert [(e["row"], e["status"]) for e in entries] == [(1, "ok"), (2, "failed"), (3, "failed"), (4, "ok")]
    assert "255" in entries[1]["error"] and "NUL" in entries[2]["error"]


def test_an_output_over_a_per_row_dictionary_or_the_manifest_is_refused(tmp_path: Path) -> None:
    src, tgt = write_pair(tmp_path, "a")
    out = tmp_path / "out"
    out.mkdir()
    (out / "words.tsv").write_text("bir\tone\n", encoding="utf-8")
    src, tgt = f"../{src}", f"../{tgt}"
    rows = [row(src, tgt, "words.tsv") | {"dictionary": "words.tsv"}, row(src, tgt, "m.jsonl"),
            row(src, tgt, "fine.tei.xml")]
    manifest = jsonl(out / "m.jsonl", rows)  # a manifest kept in OUTDIR
    result = batch(str(manifest), "-o", str(out), "--jobs", "1", "--force")
    entries = report(out)
    assert [e["status"] for e in entries] == ["failed", "failed", "ok"], result.output
    assert all("would overwrite an input file" in e["error"] for e in entries[:2])
    assert (out / "words.tsv").read_text(encoding="utf-8") == "bir\tone\n"
    assert manifest.read_text(encoding="utf-8") == "".join(json.dumps(r) + "\n" for r in rows)


# -- item 5: one batch per OUTDIR -------------------------------------------------------------

def test_a_second_batch_into_a_busy_outdir_is_refused(tmp_path: Path) -> None:
    src, tgt = write_pair(tmp_path, "a")
    gate = tmp_path / "gate.en.txt"
    os.mkfifo(gate)  # the first batch waits on it, holding OUTDIR
    first = jsonl(tmp_path / "first.jsonl", [row(gate.name, tgt, "gated.tei.xml"), row(src, tgt, "one.tei.xml")])
    second = jsonl(tmp_path / "second.jsonl", [row(src, tgt, "two.tei.xml")])
    out = tmp_path / "out"
    proc = subprocess.Popen([*BITEXT, "batch", str(first), "-o", str(out), "--jobs", "1", "--force"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    workers: list[int] = []
    try:
        assert wait_until(lambda: (out / "report.jsonl").exists() and children(proc.pid), 120)
        workers = children(proc.pid)
        time.sleep(0.5)
        refused = batch(str(second), "-o", str(out), "--force")
        with open(gate, "wb") as fh:
            fh.write((tmp_path / src).read_bytes())
        proc.communicate(timeout=120)
    finally:
        proc.kill()
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    lines = refused.output.strip().splitlines()
    assert refused.exit_code == 1 and len(lines) == 1, refused.output
    assert "another bitext batch" in lines[0] and str(proc.pid) in lines[0]
    assert proc.returncode == 0
    assert [e["output"] for e in report(out)] == ["gated.tei.xml", "one.tei.xml"]
    assert not (out / "two.tei.xml").exists()


# -- item 6: workers die with the batch -------------------------------------------------------

def test_workers_die_when_the_batch_is_killed(tmp_path: Path) -> None:
    src, tgt = write_pair(tmp_path, "a")
    gates = []
    for n in range(2):
        gates.append(tmp_path / f"gate{n}.en.txt")
        os.mkfifo(gates[-1])  # never fed: each worker waits on one
    manifest = jsonl(tmp_path / "m.jsonl", [row(g.name, tgt, f"g{n}.tei.xml") for n, g in enumerate(gates)])
    proc = subprocess.Popen([*BITEXT, "batch", str(manifest), "-o", str(tmp_path / "out"), "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    workers: list[int] = []
    try:
        assert wait_until(lambda: len(children(proc.pid)) >= 2, 120)
        workers = children(proc.pid)
        time.sleep(1.0)  # the workers are blocked reading their pipes
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert wait_until(lambda: not any(alive(pid) for pid in workers), DEATH), "workers outlived the batch"
    finally:
        proc.kill()
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("kernel", [True, False], ids=["prctl", "watchdog"])
def test_a_worker_dies_with_its_parent_by_either_means(tmp_path: Path, kernel: bool) -> None:
    code = textwrap.dedent(f"""
        import os, sys, time
        from concurrent.futures import ProcessPoolExecutor
        from bitext_cli.batch import lifeline, worker

        def init(batch):
            worker.init_process()
            print(lifeline.die_with_parent(batch, kernel={kernel}), flush=True)

        pool = ProcessPoolExecutor(1, initializer=init, initargs=(os.getpid(),))
        print(pool.submit(os.getpid).result(), flush=True)
        time.sleep(600)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    child = 0
    try:
        how = proc.stdout.readline().strip()
        child = int(proc.stdout.readline())
        assert how == ("prctl" if kernel and sys.platform.startswith("linux") else "watchdog")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert wait_until(lambda: not alive(child), DEATH), f"the worker ({how}) outlived its parent"
    finally:
        proc.kill()
        if child and alive(child):
            os.kill(child, signal.SIGKILL)


# -- item 7: the cleanup of a killed run's temporary files touches only its own ------------------

def test_an_output_named_star_leaves_other_temporary_files_alone(tmp_path: Path) -> None:
    src, tgt = write_pair(tmp_path, "a")
    out = tmp_path / "out"
    out.mkdir()
    others = [".notes.txt.1a2b3c4d.part", ".b.tei.xml.abcdefgh.part", ".x.y.part"]
    for name in others:
        (out / name).write_text("someone else's")
    (out / ".*.k2x9q7ab.part").write_text("stale part of this very output")
    manifest = jsonl(tmp_path / "m.jsonl", [row(src, tgt, "*")])
    result = batch(str(manifest), "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert (out / "*").read_bytes().startswith(b"<?xml")
    assert sorted(p.name for p in out.iterdir()) == sorted(["*", "report.jsonl", *others])


# -- item 8: a stuck row is stopped ------------------------------------------------------------

def test_a_row_past_the_timeout_fails_alone(tmp_path: Path) -> None:
    """The stuck row blocks for ever; the others take well under a second of their own (the
    worker's loading of its model is not counted: test_batch_timeout.py), so a timeout of
    6 s holds them on a machine busy many times over."""
    src, tgt = write_pair(tmp_path, "a")
    gate = tmp_path / "stuck.en.txt"
    os.mkfifo(gate)  # opened by no writer: reading it never ends
    manifest = jsonl(tmp_path / "m.jsonl", [row(src, tgt, "one.tei.xml"), row(gate.name, tgt, "stuck.tei.xml"),
                                           row(src, tgt, "two.tei.xml")])
    out = tmp_path / "out"
    proc = subprocess.run([*BITEXT, "-q", "batch", str(manifest), "-o", str(out), "--jobs", "1", "--timeout", "6"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1, proc.stderr
    entries = report(out)
    assert [e["status"] for e in entries] == ["ok", "failed", "ok"], proc.stderr
    assert "--timeout 6" in entries[1]["error"] and entries[1]["seconds"] >= 6
    assert not list(out.glob(".*.part"))


# -- item 10: full disk, read-only OUTDIR -------------------------------------------------------

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux) to simulate a full disk")
def test_a_report_on_a_full_disk_loses_no_row(tmp_path: Path) -> None:
    src, tgt = write_pair(tmp_path, "a")
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.jsonl").symlink_to("/dev/full")  # every write: ENOSPC
    manifest = jsonl(tmp_path / "m.jsonl", [row(src, tgt, f"r{n}.tei.xml") for n in range(3)])
    result = batch(str(manifest), "-o", str(out), "--force", "--jobs", "1")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "No space left on device" in errors[0], result.stderr
    rescued = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["output"] for e in rescued] == ["r0.tei.xml", "r1.tei.xml", "r2.tei.xml"]
    assert all(e["status"] == "ok" for e in rescued)


def test_a_read_only_outdir_is_one_line(tmp_path: Path, monkeypatch) -> None:
    src, tgt = write_pair(tmp_path, "a")
    manifest = jsonl(tmp_path / "m.jsonl", [row(src, tgt)])
    out = tmp_path / "out"
    out.mkdir()
    real_os_open, real_io_open = os.open, io.open

    def read_only(path) -> bool:
        return str(path).startswith(str(out))

    def os_open(path, flags, *args, **kwargs):
        if read_only(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_os_open(path, flags, *args, **kwargs)

    def io_open(path, mode="r", *args, **kwargs):
        if read_only(path) and any(m in mode for m in "wax+"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_io_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    result = batch(str(manifest), "-o", str(out))
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Read-only file system" in lines[0] and str(out) in lines[0]


def test_a_read_only_parent_of_outdir_is_one_line(tmp_path: Path, monkeypatch) -> None:
    src, tgt = write_pair(tmp_path, "a")
    manifest = jsonl(tmp_path / "m.jsonl", [row(src, tgt)])

    def mkdir(self, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "mkdir", mkdir)
    result = batch(str(manifest), "-o", str(tmp_path / "new" / "out"))
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1 and "Read-only file system" in lines[0], result.output
