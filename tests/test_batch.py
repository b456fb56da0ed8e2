"""`bitext batch`: a 200-row manifest with broken rows, per-row options, refusals, --pairs, resume."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext_cli.main import cli
from tei.checks import structural_problems
from tests.conftest import DATA, ROOT, SAMPLE

HEADER = "source,target,source_lang,target_lang,output"


def write_pair(folder: Path, name: str, extra: str = "", repeat: int = 1) -> tuple[str, str]:
    """A small pair (the shipped sample, `repeat` times, plus a sentence that makes it unique)."""
    en = (SAMPLE / "en.txt").read_text(encoding="utf-8")
    tr = (SAMPLE / "tr.txt").read_text(encoding="utf-8")
    (folder / f"{name}.en.txt").write_text("\n\n".join([en] * repeat) + f"\n\nThis is {extra or name}.\n")
    (folder / f"{name}.tr.txt").write_text("\n\n".join([tr] * repeat) + f"\n\nBu {extra or name}.\n")
    return f"{name}.en.txt", f"{name}.tr.txt"


def report(outdir: Path) -> list[dict]:
    return [json.loads(line) for line in (outdir / "report.jsonl").read_text(encoding="utf-8").splitlines()]


def batch(*args: str):
    return CliRunner().invoke(cli, ["batch", *args], catch_exceptions=False)


def test_200_rows_with_5_broken_ones(tmp_path: Path, assert_valid_tei) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "empty.en.txt").write_text("\n  \n")
    (data / "binary.en.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    lines = [HEADER]
    for n in range(1, 201):
        src, tgt = write_pair(data, f"doc{n:03d}")
        lines.append(f"{src},{tgt},en,tr,")
    lines[21] = "missing.en.txt,doc021.tr.txt,en,tr,doc021.tei.xml"
    lines[42] = "empty.en.txt,doc042.tr.txt,en,tr,doc042.tei.xml"
    lines[63] = "binary.en.txt,doc063.tr.txt,en,tr,doc063.tei.xml"
    lines[84] = "doc084.en.txt,doc084.tr.txt,english!,tr,"
    lines[105] = "doc105.en.txt,doc105.tr.txt"
    (data / "manifest.csv").write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"

    result = batch(str(data / "manifest.csv"), "-o", str(out), "--jobs", "2")

    assert result.exit_code == 1, result.output
    assert "195 ok, 5 failed, 0 skipped" in result.output
    entries = report(out)
    assert [e["row"] for e in entries] == list(range(1, 201))
    failed = {e["row"]: e["error"] for e in entries if e["status"] != "ok"}
    assert sorted(failed) == [21, 42, 63, 84, 105]
    assert failed[21].endswith("missing.en.txt: no such file")
    assert "empty.en.txt: is empty" in failed[42]
    assert "binary.en.txt: looks like a binary file" in failed[63]
    assert failed[84].startswith("source_lang in manifest row 84: 'english!' is not a language tag; did you mean 'en'")
    assert failed[105] == "malformed row (line 106 of the manifest): 2 fields where the header has 5"
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted([f"doc{n:03d}.tei.xml" for n in range(1, 201) if n not in failed] + ["report.jsonl"])
    for entry in entries:
        if entry["status"] == "ok":
            assert entry["src_sentences"] == 11 and entry["tgt_sentences"] == 13
            assert 0 < entry["mean_score"] <= 1 and len(entry["hash"]) == 64
            root = etree.parse(str(out / entry["output"])).getroot()
            assert structural_problems(root) == [], entry["output"]
    for name in ("doc001.tei.xml", "doc100.tei.xml", "doc200.tei.xml"):
        assert_valid_tei((out / name).read_bytes())


def test_batch_output_equals_align_output(tmp_path: Path) -> None:
    write_pair(tmp_path, "one")
    (tmp_path / "m.jsonl").write_text(json.dumps(
        {"source": "one.en.txt", "target": "one.tr.txt", "source_lang": "en", "target_lang": "tr"}) + "\n")
    assert batch(str(tmp_path / "m.jsonl"), "-o", str(tmp_path / "out"), "--max-align", "3").exit_code == 0
    single = CliRunner().invoke(cli, ["align", str(tmp_path / "one.en.txt"), str(tmp_path / "one.tr.txt"),
                                      "-s", "en", "-t", "tr", "--max-align", "3", "-o", str(tmp_path / "one.xml")])
    assert single.exit_code == 0, single.output
    assert (tmp_path / "out" / "one.tei.xml").read_bytes() == (tmp_path / "one.xml").read_bytes()


def test_per_row_options_and_metadata(tmp_path: Path) -> None:
    write_pair(tmp_path, "a")
    (tmp_path / "m.csv").write_text(
        "source,target,source_lang,target_lang,output,title,to,scores,translator,colour\n"
        "a.en.txt,a.tr.txt,en,tr,a.xml,An edition,,,Ayşe,\n"
        "a.en.txt,a.tr.txt,en,tr,a.beads,,beads,true,,\n"
        "a.en.txt,a.tr.txt,en,tr,c.xml,,,,,blue\n"
        "a.en.txt,a.tr.txt,en,tr,d.xml,,nope,,,\n"
    )
    result = batch(str(tmp_path / "m.csv"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    entries = report(tmp_path / "out")
    assert [e["status"] for e in entries] == ["ok", "ok", "failed", "failed"]
    assert "unknown column 'colour'" in entries[2]["error"]
    assert entries[3]["error"].startswith("column to: 'nope' is not one of")
    tei = (tmp_path / "out" / "a.xml").read_text(encoding="utf-8")
    assert "<title>An edition</title>" in tei and "Ayşe" in tei
    beads = (tmp_path / "out" / "a.beads").read_text().splitlines()
    assert beads[0].startswith("[0]:[0]:") and len(beads) >= 11


def test_outputs_outside_outdir_clashing_or_over_inputs_are_refused(tmp_path: Path) -> None:
    write_pair(tmp_path, "a")
    (tmp_path / "m.csv").write_text(
        f"{HEADER}\n"
        "a.en.txt,a.tr.txt,en,tr,../../etc/x\n"
        f"a.en.txt,a.tr.txt,en,tr,{tmp_path}/escape.xml\n"
        "a.en.txt,a.tr.txt,en,tr,sub/a.xml\n"
        "a.en.txt,a.tr.txt,en,tr,sub/../sub/a.xml\n"
        "a.en.txt,a.tr.txt,en,tr,report.jsonl\n"
    )
    result = batch(str(tmp_path / "m.csv"), "-o", str(tmp_path))
    assert result.exit_code == 1
    errors = [e["error"] for e in report(tmp_path)]
    assert "would be written outside" in errors[0] and "not an absolute path" in errors[1]
    assert errors[2] is None and "already written by row 3" in errors[3]
    assert "batch report's name" in errors[4]
    assert (tmp_path / "sub" / "a.xml").is_file() and not (tmp_path / "escape.xml").exists()


def test_pairs_folder(tmp_path: Path) -> None:
    write_pair(tmp_path, "first")
    write_pair(tmp_path, "second")
    (tmp_path / "lonely.en.txt").write_text("Alone.")
    out = tmp_path / "out"
    result = batch("--pairs", str(tmp_path), "--src-lang", "en", "--tgt-lang", "tr", "-o", str(out))
    assert result.exit_code == 1
    assert [(e["output"], e["status"]) for e in report(out)] == [
        ("first.tei.xml", "ok"), (None, "failed"), ("second.tei.xml", "ok")]
    assert "lonely.tr.txt: no such file" in report(out)[1]["error"]
    assert batch("--pairs", str(tmp_path), "-o", str(out), "--force").exit_code != 0


def test_existing_batch_needs_resume_or_force_and_resume_redoes_changed_rows(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        write_pair(tmp_path, name)
    (tmp_path / "m.csv").write_text(
        HEADER + "\n" + "".join(f"{n}.en.txt,{n}.tr.txt,en,tr,\n" for n in "abc"))
    out = tmp_path / "out"
    assert batch(str(tmp_path / "m.csv"), "-o", str(out)).exit_code == 0
    first = report(out)
    again = CliRunner().invoke(cli, ["batch", str(tmp_path / "m.csv"), "-o", str(out)])
    assert again.exit_code == 1 and "pass --resume" in again.output

    mtimes = {p.name: p.stat().st_mtime_ns for p in out.glob("*.xml")}
    write_pair(tmp_path, "b", extra="changed")
    result = batch(str(tmp_path / "m.csv"), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.output
    second = report(out)
    assert [e["status"] for e in second] == ["skipped", "ok", "skipped"]
    assert [e["src_sentences"] for e in second] == [11, 11, 11]  # skipped rows keep their figures
    assert second[0]["hash"] == first[0]["hash"] and second[1]["hash"] != first[1]["hash"]
    assert (out / "a.tei.xml").stat().st_mtime_ns == mtimes["a.tei.xml"]
    assert (out / "b.tei.xml").stat().st_mtime_ns != mtimes["b.tei.xml"]

    result = batch(str(tmp_path / "m.csv"), "-o", str(out), "--resume", "--max-align", "3")
    assert [e["status"] for e in report(out)] == ["ok", "ok", "ok"]
    result = batch(str(tmp_path / "m.csv"), "-o", str(out), "--force")
    assert [e["status"] for e in report(out)] == ["ok", "ok", "ok"]


def test_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    for args, message in [
        (["-o", str(tmp_path)], "either a MANIFEST or --pairs"),
        (["--pairs", str(tmp_path), "-o", str(tmp_path)], "--pairs needs --src-lang"),
        ([str(tmp_path / "m.csv"), "-s", "en", "-o", str(tmp_path)], "go with --pairs"),
        ([str(tmp_path / "m.xlsx"), "-o", str(tmp_path)], "unknown manifest format"),
    ]:
        result = runner.invoke(cli, ["batch", *args])
        assert result.exit_code == 1 and message in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1


def test_runner_keeps_a_bounded_number_of_rows_in_flight(tmp_path: Path) -> None:
    from bitext_cli.batch.runner import Stop, run_local
    from bitext_cli.batch.tasks import Task
    from bitext_cli.pipeline import Job

    src, tgt = write_pair(tmp_path, "a")
    pulled = []

    def tasks():
        for n in range(1, 13):
            pulled.append(n)
            job = Job(str(tmp_path / src), str(tmp_path / tgt), "en", "tr")
            yield Task(n, job, str(tmp_path / f"{n}.xml"), f"{n}.xml")

    seen = 0
    for result in run_local(tasks(), 2, Stop()):
        seen += 1
        assert result["status"] == "ok"
        assert len(pulled) - seen <= 2 * 2, "the runner read ahead of its workers"
    assert seen == 12


def test_an_encoding_error_names_what_set_the_rows_encoding(tmp_path: Path) -> None:
    """A row's encoding set by its column is named as that column, not as --src-encoding; one set
    by an option is named as the option; one set by nothing is named as a column of its row:
    --src-encoding cp1251 would read every other row's UTF-8 as cp1251, which fails on none of
    them (every byte means a letter there), so they would be rewritten as mojibake."""
    (tmp_path / "ru.txt").write_bytes("Это текст в кодировке Windows. Второе предложение.\n".encode("cp1251"))
    (tmp_path / "en.txt").write_text("This is a text. A second sentence.\n", encoding="utf-8")
    rows = ["ru.txt,en.txt,ru,en,1.xml,ascii,,", "en.txt,ru.txt,en,ru,2.xml,,ascii,",
            "ru.txt,en.txt,ru,en,3.xml,,,ascii", "ru.txt,en.txt,ru,en,4.xml,,,"]
    (tmp_path / "m.csv").write_text("\n".join([f"{HEADER},src_encoding,tgt_encoding,encoding", *rows]) + "\n")
    assert batch(str(tmp_path / "m.csv"), "-o", str(tmp_path / "out"), "--jobs", "1", "--scorer", "lexical",
                 "--tgt-encoding", "utf-8").exit_code == 1
    errors = [e["error"].split("; ", 1)[1] for e in report(tmp_path / "out")]
    assert errors == ["set src_encoding in manifest row 1 to its real encoding, e.g. cp1251",
                      "set tgt_encoding in manifest row 2 to its real encoding, e.g. cp1251",
                      "set encoding in manifest row 3 to its real encoding, e.g. cp1251",
                      "set a src_encoding column in manifest row 4 to its real encoding, e.g. cp1251"]
    pairs = tmp_path / "pairs"  # --pairs has no columns: the option it is
    pairs.mkdir()
    (pairs / "a.ru.txt").write_bytes((tmp_path / "ru.txt").read_bytes())
    (pairs / "a.en.txt").write_bytes((tmp_path / "en.txt").read_bytes())
    assert batch("--pairs", str(pairs), "-s", "ru", "-t", "en", "-o", str(tmp_path / "out2"), "--scorer",
                 "lexical").exit_code == 1
    assert report(tmp_path / "out2")[0]["error"].endswith("pass --src-encoding with its real encoding, e.g. "
                                                          "--src-encoding cp1251")


def test_messages_about_a_rows_languages_name_the_manifest_column_and_row(tmp_path: Path) -> None:
    src, tgt = write_pair(tmp_path, "a")
    (tmp_path / "page.html").write_text('<html lang="tr"><body><p>Hello there. This is English.</p></body></html>')
    golden = DATA / "tei" / "every_link_type.tei.xml"
    rows = f"page.html,{tgt},en,tr,\n{golden},{tgt},de,tr,\n{src},{tgt},en,tr,one.xml\n{src},{tgt},en,tr,two.xml\n"
    (tmp_path / "m.csv").write_text(f"{HEADER}\n{rows}")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-c", "from bitext_cli.main import cli; cli()", "batch",
                           str(tmp_path / "m.csv"), "-o", str(out), "--jobs", "1"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "--src-lang" not in proc.stderr and "--tgt-lang" not in proc.stderr, proc.stderr
    assert "page.html: declares its language as 'tr', but source_lang in manifest row 1 is 'en'" in proc.stderr
    entries = report(out)
    failed = {e["row"]: e["error"] for e in entries if e["status"] == "failed"}
    assert list(failed) == [2] and entries[2]["hash"] == entries[3]["hash"]  # the row named in messages only
    assert failed[2].endswith("holds no text in language 'de' (en, tr); set source_lang in manifest row 2 to choose one")


def test_two_rows_whose_default_outputs_clash_are_told_to_name_one(tmp_path: Path) -> None:
    """An archive's 1921/letter.en.txt and 1922/letter.en.txt both default to letter.tei.xml: the
    second row fails, and its error says how to give it a name of its own."""
    for year in ("1921", "1922"):
        (tmp_path / year).mkdir()
        write_pair(tmp_path / year, "letter")
    (tmp_path / "m.csv").write_text("source,target,source_lang,target_lang\n"
                                    "1921/letter.en.txt,1921/letter.tr.txt,en,tr\n"
                                    "1922/letter.en.txt,1922/letter.tr.txt,en,tr\n", encoding="utf-8")
    result = batch(str(tmp_path / "m.csv"), "-o", str(tmp_path / "out"), "--scorer", "lexical", "--jobs", "1")
    assert result.exit_code == 1
    error = report(tmp_path / "out")[1]["error"]
    assert "already written by row 1" in error and "`output` column" in error


def test_resume_never_overwrites_an_output_no_run_of_the_batch_wrote(tmp_path: Path) -> None:
    """An output that was there before the batch (a hand-corrected file) is refused without
    --resume, and --resume, which that refusal used to advise, must refuse it too: only --force
    replaces it."""
    for name in ("a", "b"):
        write_pair(tmp_path, name)
    (tmp_path / "m.csv").write_text(HEADER + "\na.en.txt,a.tr.txt,en,tr,\nb.en.txt,b.tr.txt,en,tr,\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.tei.xml").write_text("hand-corrected\n")

    first = batch(str(tmp_path / "m.csv"), "-o", str(out))
    assert first.exit_code == 1 and [e["status"] for e in report(out)] == ["failed", "ok"]
    error = report(out)[0]["error"]
    assert "already exists" in error and "--force" in error and "--resume" not in error, error

    again = batch(str(tmp_path / "m.csv"), "-o", str(out), "--resume")
    assert again.exit_code == 1 and [e["status"] for e in report(out)] == ["failed", "skipped"]
    assert (out / "a.tei.xml").read_text() == "hand-corrected\n"

    assert batch(str(tmp_path / "m.csv"), "-o", str(out), "--force").exit_code == 0
    assert (out / "a.tei.xml").read_text().startswith("<?xml")


def test_resume_redoes_an_output_a_killed_run_wrote_but_did_not_report(tmp_path: Path, monkeypatch) -> None:
    """A batch killed outright between a worker's write and the report's line leaves an output
    the report does not list: it is the batch's own, so --resume redoes it (a file that was there
    before the batch is refused; see above)."""
    from bitext_cli.batch.report import ReportWriter

    for name in ("a", "b"):
        write_pair(tmp_path, name)
    (tmp_path / "m.csv").write_text(HEADER + "\na.en.txt,a.tr.txt,en,tr,\nb.en.txt,b.tr.txt,en,tr,\n")
    out = tmp_path / "out"
    add = ReportWriter.add
    def killed_at_row_2(self, entry: dict) -> None:
        if entry["row"] == 2:
            raise RuntimeError("the batch dies here")  # as under SIGKILL, or a second Ctrl-C
        add(self, entry)

    with monkeypatch.context() as patch, pytest.raises(RuntimeError):
        patch.setattr(ReportWriter, "add", killed_at_row_2)
        batch(str(tmp_path / "m.csv"), "-o", str(out), "--scorer", "lexical", "--jobs", "1")
    assert (out / "b.tei.xml").exists() and [e["row"] for e in report(out)] == [1]

    result = batch(str(tmp_path / "m.csv"), "-o", str(out), "--scorer", "lexical", "--resume")
    assert result.exit_code == 0, report(out)
    assert [e["status"] for e in report(out)] == ["skipped", "ok"]
