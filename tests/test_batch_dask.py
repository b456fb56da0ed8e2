"""`bitext batch --dask`: the same rows on a small Dask cluster give the same files and report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from tests.test_batch import HEADER, write_pair

distributed = pytest.importorskip("distributed", reason="needs the dask extra: pip install 'bitext[dask]'")
import dask  # noqa: E402 - after the skip above


def _report(outdir: Path) -> list[dict]:
    entries = [json.loads(line) for line in (outdir / "report.jsonl").read_text().splitlines()]
    return [{k: v for k, v in e.items() if k not in ("seconds", "loading_seconds")} for e in entries]


def test_dask_path_writes_the_same_bytes_and_report_as_local(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("a", "b", "c", "d"):
        write_pair(data, name, repeat=2)
    manifest = data / "m.csv"
    manifest.write_text(HEADER + "\n" + "".join(f"{n}.en.txt,{n}.tr.txt,en,tr,\n" for n in "abcd")
                        + "gone.en.txt,a.tr.txt,en,tr,gone.tei.xml\n")
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert CliRunner().invoke(cli, ["batch", str(manifest), "-o", str(local), "-j", "2"]).exit_code == 1

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        address = cluster.scheduler_address
        result = CliRunner().invoke(cli, ["batch", str(manifest), "-o", str(remote), "--dask", address])
        assert result.exit_code == 1, result.output
        assert _report(remote) == _report(local)
        files = sorted(p.name for p in local.glob("*.tei.xml"))
        assert files == ["a.tei.xml", "b.tei.xml", "c.tei.xml", "d.tei.xml"]
        assert files == sorted(p.name for p in remote.glob("*.tei.xml"))
        for name in files:
            assert (remote / name).read_bytes() == (local / name).read_bytes(), name

        again = CliRunner().invoke(cli, ["batch", str(manifest), "-o", str(remote), "--dask", address, "--resume"])
        assert again.exit_code == 1
        assert [e["status"] for e in _report(remote)] == ["skipped"] * 4 + ["failed"]


def test_dask_without_a_scheduler_fails_in_one_line(tmp_path: Path) -> None:
    write_pair(tmp_path, "a")
    (tmp_path / "m.csv").write_text(HEADER + "\na.en.txt,a.tr.txt,en,tr,\n")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(cli, ["batch", str(tmp_path / "m.csv"), "-o", str(tmp_path / "o"),
                                          "--dask", "tcp://127.0.0.1:1"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:1")
