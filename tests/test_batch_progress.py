"""What `bitext batch` tells of its rows: the progress line (counts, rate, ETA), the closing
summary (failures in row order, the rows' time and the models' loading apart, the most flagged
rows), `-q`, and each row's count of flagged links in the report, whatever its output format."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from tests.conftest import ROOT
from tests.test_batch import HEADER, batch, report, write_pair


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream", [io.StringIO(), _Terminal()], ids=["pipe", "terminal"])
def test_progress_shows_counts_rate_and_eta(stream: io.StringIO) -> None:
    from bitext_cli.batch.progress import Progress

    progress = Progress(4, stream=stream, interval=0)
    progress.update({"row": 1, "status": "ok", "error": None})
    progress.update({"row": 2, "status": "failed", "error": "x.txt: no such file"})
    progress.finish()
    shown = stream.getvalue()
    assert "2/4 rows (ok 1, failed 1, skipped 0)" in shown and "rows/s, ETA 0:00:" in shown
    if stream.isatty():
        assert shown.count("\r") == 3 and "[############............]" in shown and shown.endswith("\n")
    else:
        assert shown.splitlines()[0].startswith("bitext: 1/4 rows (ok 1,") and "\r" not in shown
    summary = progress.summary("out/report.jsonl")
    assert summary.startswith("1 ok, 1 failed, 0 skipped in ")
    assert summary.endswith(" s; report: out/report.jsonl\nrow 2: x.txt: no such file")


def test_summary_lists_failures_in_row_order() -> None:
    """Workers finish in any order; the summary's failures follow the manifest, as the report does,
    so two runs of one batch print the same summary."""
    from bitext_cli.batch.progress import Progress

    progress = Progress(12, stream=io.StringIO(), enabled=False)
    for row in (11, 5, 2, 9):
        progress.update({"row": row, "status": "failed", "error": f"r{row}.txt: no such file"})
    lines = progress.summary("out/report.jsonl", limit=3).splitlines()[1:]
    assert lines == ["row 2: r2.txt: no such file", "row 5: r5.txt: no such file", "row 9: r9.txt: no such file",
                     "... and 1 more failed rows (see the report)"]


def test_summary_says_the_rows_time_and_the_loading_apart() -> None:
    from bitext_cli.batch.progress import Progress

    progress = Progress(3, stream=io.StringIO(), enabled=False)
    for row, seconds, loading in ((1, 0.5, 2.25), (2, 0.25, 0.0), (3, 1.0, 1.5)):
        progress.update({"row": row, "status": "ok", "error": None, "seconds": seconds, "loading_seconds": loading})
    first = progress.summary("out/report.jsonl").splitlines()[0]
    assert first.startswith("3 ok, 0 failed, 0 skipped in ")
    assert first.endswith(" s (rows 1.8 s, loading models 3.8 s, in all workers); report: out/report.jsonl"), first


def test_quiet_batch_prints_only_failures(tmp_path: Path) -> None:
    """`bitext -q` prints only errors: a batch whose rows all succeeded printed its summary all the
    same; one with a failed row still prints the summary and the failures."""
    src, tgt = write_pair(tmp_path, "a")
    good = tmp_path / "good.csv"
    good.write_text(f"{HEADER}\n{src},{tgt},en,tr,\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{HEADER}\n{src},{tgt},en,tr,\nmissing.en.txt,{tgt},en,tr,x.xml\n", encoding="utf-8")
    command = [sys.executable, "-c", "from bitext_cli.main import cli; cli()", "-q", "batch", "--jobs", "1",
               "--scorer", "lexical"]
    quiet = subprocess.run([*command, str(good), "-o", str(tmp_path / "out1")], capture_output=True, text=True,
                           cwd=ROOT, timeout=120)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    failed = subprocess.run([*command, str(bad), "-o", str(tmp_path / "out2")], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.splitlines()[0].startswith("1 ok, 1 failed, 0 skipped in ")
    assert failed.stderr.splitlines()[1].startswith("row 2: ") and "no such file" in failed.stderr


def test_report_counts_each_rows_flagged_links(tmp_path: Path) -> None:
    """To pick the rows to check first, the report says how many links of each row carry a
    review flag (where the output format computes flags; null where it shows none)."""
    from tei.reader import read_tei

    write_pair(tmp_path, "a")
    (tmp_path / "b.tr.txt").write_text("Bambaşka bir metin. 1921 yılında yazıldı.\n\nKısa.\n")
    (tmp_path / "m.csv").write_text(HEADER + "\na.en.txt,a.tr.txt,en,tr,a.tei.xml\n"
                                    "a.en.txt,b.tr.txt,en,tr,b.tei.xml\na.en.txt,a.tr.txt,en,tr,a.tmx\n")
    out = tmp_path / "out"
    assert batch(str(tmp_path / "m.csv"), "-o", str(out), "--scorer", "lexical").exit_code == 0
    entries = report(out)
    from bitext_cli.batch.progress import Progress

    progress = Progress(3, stream=io.StringIO(), enabled=False)
    for entry in entries:
        progress.update(entry)
    summary = progress.summary("report.jsonl")
    assert f"most flagged links: row 2 ({entries[1]['flagged']})" in summary, summary
    for entry in entries[:2]:
        links = read_tei(str(out / entry["output"])).links
        assert entry["flagged"] == sum(1 for link in links if link.flags), entry
    assert entries[1]["flagged"] > 0 and entries[2]["flagged"] == entries[0]["flagged"]  # a.tmx: a.tei.xml's links
    assert batch(str(tmp_path / "m.csv"), "-o", str(out), "--scorer", "lexical", "--resume").exit_code == 0
    assert [e["flagged"] for e in report(out)] == [e["flagged"] for e in entries]  # skipped rows keep it


def test_outputs_that_show_no_flags_still_count_them_and_stay_as_align_writes_them(tmp_path: Path,
                                                                                    monkeypatch) -> None:
    """A row written as beads, TMX or TSV counts its flagged links as the TEI of the same pair
    does (flags are computed on the links, which those formats write as they are): its output's
    bytes are align's, which computes no flags for them."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_pair(tmp_path, "a")
    (tmp_path / "b.tr.txt").write_text("Bambaşka bir metin. 1921 yılında yazıldı.\n\nKısa.\n")
    names = ["b.tei.xml", "b.tmx", "b.beads", "b.tsv", "b.csv"]
    (tmp_path / "m.csv").write_text(HEADER + "".join(f"\na.en.txt,b.tr.txt,en,tr,{name}" for name in names) + "\n")
    out = tmp_path / "out"
    assert batch(str(tmp_path / "m.csv"), "-o", str(out), "--scorer", "lexical", "-j", "1").exit_code == 0
    flagged = [entry["flagged"] for entry in report(out)]
    assert flagged[0] > 0 and flagged == [flagged[0]] * len(names), flagged
    for name in names[1:4]:
        single = CliRunner().invoke(cli, ["align", str(tmp_path / "a.en.txt"), str(tmp_path / "b.tr.txt"), "-s", "en",
                                          "-t", "tr", "--scorer", "lexical", "-o", str(tmp_path / name)])
        assert single.exit_code == 0, single.output
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name
