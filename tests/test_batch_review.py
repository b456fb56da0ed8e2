"""`bitext batch --review`: each TEI row's review page beside its output, the page `bitext review`
writes for that output; kept by --resume, replaced by --force, never over a file the batch did
not write; a row whose output is not TEI gets no page (one warning). And a row failed at
planning names its planned output in the report."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from tests.test_batch import HEADER, report, write_pair


def batch(*args: str):
    return CliRunner().invoke(cli, ["batch", "--scorer", "lexical", *args], catch_exceptions=False)


@pytest.fixture
def two_rows(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = tmp_path / "data"
    data.mkdir()
    rows = [HEADER]
    for name, output in (("alpha", ""), ("beta", "sub/beta.xml")):
        src, tgt = write_pair(data, name)
        rows.append(f"{src},{tgt},en,tr,{output}")
    (data / "manifest.csv").write_text("\n".join(rows) + "\n")
    return data / "manifest.csv", tmp_path / "out"


def test_two_rows_get_the_pages_bitext_review_writes(two_rows: tuple[Path, Path]) -> None:
    manifest, out = two_rows
    result = batch(str(manifest), "-o", str(out), "--review", "--jobs", "2")
    assert result.exit_code == 0, result.output
    entries = report(out)
    assert [(e["output"], e["review"]) for e in entries] == [("alpha.tei.xml", "alpha.review.html"),
                                                              ("sub/beta.xml", "sub/beta.review.html")]
    for entry in entries:
        page = out / entry["review"]
        by_review = page.with_name("by-review.html")
        done = CliRunner().invoke(cli, ["review", str(out / entry["output"]), "-o", str(by_review)])
        assert done.exit_code == 0, done.output
        assert page.read_bytes() == by_review.read_bytes()
        assert page.read_bytes().startswith(b"<!DOCTYPE html>")
    assert not list(out.rglob("*.part")) and not (out / ".bitext.outputs").exists()


def test_resume_keeps_the_pages_and_writes_missing_ones(two_rows: tuple[Path, Path]) -> None:
    manifest, out = two_rows
    assert batch(str(manifest), "-o", str(out), "--review").exit_code == 0
    page = out / "alpha.review.html"
    before = page.read_bytes(), page.stat().st_mtime_ns
    (out / "sub" / "beta.review.html").unlink()  # lost: the resume writes it again from the kept output

    result = batch(str(manifest), "-o", str(out), "--review", "--resume")

    assert result.exit_code == 0, result.output
    assert [(e["status"], e["review"]) for e in report(out)] == [("skipped", "alpha.review.html"),
                                                                  ("skipped", "sub/beta.review.html")]
    assert (page.read_bytes(), page.stat().st_mtime_ns) == before
    by_review = out / "by-review.html"
    assert CliRunner().invoke(cli, ["review", str(out / "sub" / "beta.xml"), "-o", str(by_review)]).exit_code == 0
    assert (out / "sub" / "beta.review.html").read_bytes() == by_review.read_bytes()


def test_resume_with_review_after_a_run_without_it_adds_the_pages(two_rows: tuple[Path, Path]) -> None:
    manifest, out = two_rows
    assert batch(str(manifest), "-o", str(out)).exit_code == 0
    assert [e["review"] for e in report(out)] == [None, None] and not (out / "alpha.review.html").exists()
    result = batch(str(manifest), "-o", str(out), "--review", "--resume")
    assert result.exit_code == 0, result.output
    assert [(e["status"], e["review"]) for e in report(out)] == [("skipped", "alpha.review.html"),
                                                                  ("skipped", "sub/beta.review.html")]
    assert (out / "alpha.review.html").exists() and (out / "sub" / "beta.review.html").exists()


def test_a_page_no_run_wrote_fails_its_row_unless_forced(two_rows: tuple[Path, Path]) -> None:
    manifest, out = two_rows
    out.mkdir()
    (out / "alpha.review.html").write_text("notes by hand")
    result = batch(str(manifest), "-o", str(out), "--review")
    assert result.exit_code == 1
    entries = report(out)
    assert entries[0]["status"] == "failed" and entries[1]["status"] == "ok"
    assert entries[0]["error"].startswith("alpha.review.html: already exists, and no run of this batch wrote it")
    assert (out / "alpha.review.html").read_text() == "notes by hand" and not (out / "alpha.tei.xml").exists()
    result = batch(str(manifest), "-o", str(out), "--review", "--resume")
    assert result.exit_code == 1 and (out / "alpha.review.html").read_text() == "notes by hand"
    result = batch(str(manifest), "-o", str(out), "--review", "--force")
    assert result.exit_code == 0, result.output
    assert (out / "alpha.review.html").read_bytes().startswith(b"<!DOCTYPE html>")


def test_a_page_listed_by_a_killed_run_is_the_batch_own(two_rows: tuple[Path, Path]) -> None:
    """A page the ledger lists (a killed run wrote it but did not report it) is replaced by --resume."""
    manifest, out = two_rows
    out.mkdir()
    (out / "report.jsonl").write_text("")
    (out / ".bitext.outputs").write_text('\n"alpha.tei.xml"\n\n"alpha.review.html"\n')
    (out / "alpha.review.html").write_text("half a run")
    result = batch(str(manifest), "-o", str(out), "--review", "--resume")
    assert result.exit_code == 0, result.output
    assert (out / "alpha.review.html").read_bytes().startswith(b"<!DOCTYPE html>")


def test_a_row_whose_output_is_not_tei_gets_no_page_and_one_warning(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="bitext")
    rows = [HEADER]
    for name, output in (("a", "a.tmx"), ("b", "b.tsv"), ("c", "")):
        src, tgt = write_pair(tmp_path, name)
        rows.append(f"{src},{tgt},en,tr,{output}")
    (tmp_path / "manifest.csv").write_text("\n".join(rows) + "\n")
    out = tmp_path / "out"
    result = batch(str(tmp_path / "manifest.csv"), "-o", str(out), "--review")
    assert result.exit_code == 0, result.output
    assert [e["review"] for e in report(out)] == [None, None, "c.review.html"]
    assert sorted(p.name for p in out.iterdir()) == ["a.tmx", "b.tsv", "c.review.html", "c.tei.xml", "report.jsonl"]
    warned = [r.getMessage() for r in caplog.records if "--review" in r.getMessage()]
    assert warned == ["--review: no review page for row 1 (a.tmx) nor any other row whose output is not TEI: "
                      "the decisions a page downloads fold into a TEI file only (bitext apply-review)"]


def test_a_page_name_clashing_with_another_row_output_fails_that_row(tmp_path: Path) -> None:
    rows = [HEADER]
    for name, output in (("a", "a.tei.xml"), ("b", "a.review.html")):
        src, tgt = write_pair(tmp_path, name)
        rows.append(f"{src},{tgt},en,tr,{output}")
    (tmp_path / "manifest.csv").write_text("\n".join(rows) + "\n")
    out = tmp_path / "out"
    result = batch(str(tmp_path / "manifest.csv"), "-o", str(out), "--review", "--to", "tei")
    assert result.exit_code == 1
    entries = report(out)
    assert entries[0]["status"] == "ok" and entries[1]["status"] == "failed"
    assert entries[1]["error"] == "output 'a.review.html' is already written by row 1"


def test_a_row_failed_at_planning_names_its_planned_output(tmp_path: Path) -> None:
    """Two rows whose default outputs clash: the second's entry named no output ("output": null)
    although its error named the file."""
    rows = [HEADER]
    src, tgt = write_pair(tmp_path, "same")
    rows += [f"{src},{tgt},en,tr,", f"{src},{tgt},en,tr,"]
    (tmp_path / "manifest.csv").write_text("\n".join(rows) + "\n")
    out = tmp_path / "out"
    result = batch(str(tmp_path / "manifest.csv"), "-o", str(out))
    assert result.exit_code == 1
    failed = report(out)[1]
    assert failed["status"] == "failed" and "'same.tei.xml' is already written by row 1" in failed["error"]
    assert failed["output"] == "same.tei.xml"


def test_a_page_stays_in_step_with_its_output_when_the_row_is_redone_without_review(
        two_rows: tuple[Path, Path]) -> None:
    manifest, out = two_rows
    assert batch(str(manifest), "-o", str(out), "--review").exit_code == 0
    source = manifest.parent / "alpha.en.txt"
    source.write_text(source.read_text() + "\nOne more sentence here.\n")
    result = batch(str(manifest), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.output
    assert [(e["status"], e["review"]) for e in report(out)] == [("ok", "alpha.review.html"),
                                                                  ("skipped", "sub/beta.review.html")]
    by_review = out / "by-review.html"
    assert CliRunner().invoke(cli, ["review", str(out / "alpha.tei.xml"), "-o", str(by_review)]).exit_code == 0
    assert (out / "alpha.review.html").read_bytes() == by_review.read_bytes()
    assert b"One more sentence here." in by_review.read_bytes()


@pytest.mark.parametrize("again", ["--resume", "--force"])
def test_a_page_the_batch_wrote_goes_when_its_output_is_no_longer_tei(two_rows: tuple[Path, Path], again: str) -> None:
    """`sub/beta.xml` made TMX under the same name: the review page beside it showed the TEI it
    replaced, so the batch removes it (its report lists it: a run of this batch wrote it)."""
    manifest, out = two_rows
    assert batch(str(manifest), "-o", str(out), "--review").exit_code == 0
    assert (out / "sub" / "beta.review.html").exists()
    result = batch(str(manifest), "-o", str(out), again, "--to", "tmx")
    assert result.exit_code == 0, result.output
    assert [(e["output"], e["review"]) for e in report(out)] == [("alpha.tmx", None), ("sub/beta.xml", None)]
    assert (out / "sub" / "beta.xml").read_bytes().lstrip().startswith(b"<?xml") and b"<tmx" in (
        out / "sub" / "beta.xml").read_bytes()
    assert not (out / "sub" / "beta.review.html").exists()
    assert (out / "alpha.review.html").exists()  # beside alpha.tei.xml, which stays TEI (the row writes alpha.tmx)


def test_a_page_no_run_wrote_stays_beside_an_output_no_longer_tei_with_a_warning(two_rows: tuple[Path, Path],
                                                                               caplog) -> None:
    caplog.set_level(logging.WARNING, logger="bitext")
    manifest, out = two_rows
    assert batch(str(manifest), "-o", str(out)).exit_code == 0
    page = out / "sub" / "beta.review.html"
    assert CliRunner().invoke(cli, ["review", str(out / "sub" / "beta.xml"), "-o", str(page)]).exit_code == 0
    result = batch(str(manifest), "-o", str(out), "--resume", "--to", "tmx")
    assert result.exit_code == 0, result.output
    assert page.read_bytes().startswith(b"<!DOCTYPE html>")
    warned = [r.getMessage() for r in caplog.records if "beta.review.html" in r.getMessage()]
    assert warned == ["row 2: sub/beta.review.html, the name of a review page of sub/beta.xml, stays, though "
                      "sub/beta.xml is now tmx, not TEI: no run of this batch wrote it (remove it if it is stale)"]
