"""Sentence ids that survive edits (issue 21, item 2): paragraph-scoped by default (`en.p3.s2`),
running (`en.s14`) with `--ids running` or a batch manifest's `ids` column, a TEI paragraph's
own id as the prefix in both."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from corpora.model import Document
from tei.reader import read_tei
from tests.conftest import DATA

EN = "# Report\n\nYezhov signed the order. He left.\n\nStalin waited. Nobody spoke.\n\nThe end.\n"
TR = "# Rapor\n\nYejov emri imzaladı. Gitti.\n\nStalin bekledi. Kimse konuşmadı.\n\nSon.\n"


def align(tmp_path: Path, en: str, *args: str) -> tuple[list[str], list[str]]:
    (tmp_path / "en.txt").write_text(en, encoding="utf-8")
    (tmp_path / "tr.txt").write_text(TR, encoding="utf-8")
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(cli, ["-q", "align", str(tmp_path / "en.txt"), str(tmp_path / "tr.txt"), "-s", "en",
                                      "-t", "tr", "--scorer", "lexical", "-o", str(out), "--force", *args])
    assert result.exit_code == 0, result.output
    bitext = read_tei(out)
    return [s.id for s in bitext.source.segments], [s.id for s in bitext.target.segments]


def test_ids_are_numbered_within_their_paragraph_by_default(tmp_path: Path) -> None:
    en, tr = align(tmp_path, EN)
    assert en == ["en.p1.s1", "en.p2.s1", "en.p2.s2", "en.p3.s1", "en.p3.s2", "en.p4.s1"]
    assert tr == ["tr.p1.s1", "tr.p2.s1", "tr.p2.s2", "tr.p3.s1", "tr.p3.s2", "tr.p4.s1"]


def test_a_sentence_added_renumbers_only_the_rest_of_its_paragraph(tmp_path: Path) -> None:
    """The archive's problem: with running ids one sentence added near the top renames every
    later sentence; with paragraph ids only those after it in its own paragraph."""
    edited = EN.replace("Yezhov signed", "It was May. Yezhov signed")
    before, _ = align(tmp_path, EN)
    after, _ = align(tmp_path, edited)
    assert after == ["en.p1.s1", "en.p2.s1", "en.p2.s2", "en.p2.s3", "en.p3.s1", "en.p3.s2", "en.p4.s1"]
    assert [i for i in before if i.startswith(("en.p3.", "en.p4."))] == after[-3:]
    running_before, _ = align(tmp_path, EN, "--ids", "running")
    running_after, _ = align(tmp_path, edited, "--ids", "running")
    assert running_before == ["en.s1", "en.s2", "en.s3", "en.s4", "en.s5", "en.s6"]
    assert all(a != b for a, b in zip(running_before[3:], running_after[4:]))  # the same sentences renamed


def test_presplit_lines_and_running_ids_as_before(tmp_path: Path) -> None:
    en, _ = align(tmp_path, "One.\nTwo.\n\nThree.\n", "--presplit")
    assert en == ["en.p1.s1", "en.p1.s2", "en.p2.s1"]
    en, _ = align(tmp_path, "One.\nTwo.\n\nThree.\n", "--presplit", "--ids", "running")
    assert en == ["en.s1", "en.s2", "en.s3"]
    assert [s.id for s in Document.from_sentences("en", [["a", "b"], ["c"]], scheme="paragraph").segments] == [
        "en.p1.s1", "en.p1.s2", "en.p2.s1"]


@pytest.mark.parametrize("scheme", ["paragraph", "running"])
def test_a_tei_paragraph_id_is_the_prefix_in_both_schemes(tmp_path: Path, scheme: str) -> None:
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(cli, ["-q", "align", str(DATA / "tei" / "letter.ru.p.xml"), str(DATA / "tei" / "letter.en.xml"),
                                      "-t", "en", "--ids", scheme, "-o", str(out)])
    assert result.exit_code == 0, result.output
    ids = [s.id for s in read_tei(out).source.segments]
    assert ids[1:3] == ["p1.s1", "p1.s2"]
    assert ids[0] == ("ru.p1.s1" if scheme == "paragraph" else "ru.s1")


def test_a_batch_row_chooses_its_ids(tmp_path: Path) -> None:
    (tmp_path / "a.en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "a.tr.txt").write_text(TR, encoding="utf-8")
    (tmp_path / "m.csv").write_text("source,target,source_lang,target_lang,output,ids\n"
                                    "a.en.txt,a.tr.txt,en,tr,running.xml,running\n"
                                    "a.en.txt,a.tr.txt,en,tr,paragraph.xml,\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-q", "batch", str(tmp_path / "m.csv"), "-o", str(tmp_path / "out"),
                                      "--scorer", "lexical", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert read_tei(tmp_path / "out" / "running.xml").source.segments[1].id == "en.s2"
    assert read_tei(tmp_path / "out" / "paragraph.xml").source.segments[1].id == "en.p2.s1"
    bad = tmp_path / "bad.csv"
    bad.write_text("source,target,source_lang,target_lang,ids\na.en.txt,a.tr.txt,en,tr,numbered\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-q", "batch", str(bad), "-o", str(tmp_path / "out2"), "--scorer", "lexical"])
    assert result.exit_code != 0
    assert "numbered" in (tmp_path / "out2" / "report.jsonl").read_text(encoding="utf-8")


def test_review_decisions_realign_and_export_use_the_paragraph_ids(tmp_path: Path) -> None:
    import json

    from tei.decisions import FORMAT, document_hash

    align(tmp_path, EN)
    out = tmp_path / "out.xml"
    bitext = read_tei(out)
    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps({"format": FORMAT, "version": 1, "document": document_hash(bitext),
                                     "decisions": [{"link": "l2", "action": "accept"}]}), encoding="utf-8")
    runner = CliRunner()
    reviewed = tmp_path / "reviewed.xml"
    assert runner.invoke(cli, ["-q", "apply-review", str(out), str(decisions), "-o", str(reviewed)]).exit_code == 0
    again = tmp_path / "again.xml"
    result = runner.invoke(cli, ["-q", "realign", str(reviewed), "--scorer", "lexical", "-o", str(again)])
    assert result.exit_code == 0, result.output
    realigned = read_tei(again)
    assert [s.id for s in realigned.source.segments] == [s.id for s in bitext.source.segments]
    assert realigned.links[1].resp == "human" and realigned.links[1].id == "l2"
    csv = tmp_path / "out.csv"
    assert runner.invoke(cli, ["-q", "export", str(again), "--to", "csv", "-o", str(csv)]).exit_code == 0
    assert "l2,en.p2.s1,tr.p2.s1," in csv.read_text(encoding="utf-8-sig")
