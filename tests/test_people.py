"""Texts with two authors, translators or editors: `--meta` takes a list (a string still
works), the header writes one element per person where it writes one, reading the file back
gives the list again (round trip exact); a batch manifest separates people with ';'."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bitext_cli.main import cli
from corpora.metadata import people, validate
from tei.reader import read_tei
from tei.writer import tei_bytes
from tests.conftest import SAMPLE

NS = {"t": "http://www.tei-c.org/ns/1.0"}
AUTHORS, TRANSLATORS, EDITORS = ["Ann One", "Bob Two"], ["Tan Üç", "Dan Dört"], ["Eve Beş", "Ed Altı"]


def _align(tmp_path: Path, meta: dict) -> bytes:
    (tmp_path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    out = tmp_path / "out.tei.xml"
    result = CliRunner().invoke(cli, ["align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr",
                                      "--scorer", "lexical", "--meta", str(tmp_path / "meta.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_two_authors_translators_and_editors_each_get_their_element(tmp_path: Path, assert_valid_tei) -> None:
    data = _align(tmp_path, {"author": AUTHORS, "translator": TRANSLATORS, "editor": EDITORS,
                             "target_author": ["Tan Üç"]})
    root = assert_valid_tei(data)
    texts = lambda path: root.xpath(f"{path}/text()", namespaces=NS)  # noqa: E731
    stmt = "//t:titleStmt"
    assert texts(f"{stmt}/t:author") == AUTHORS and texts(f"{stmt}/t:editor") == EDITORS
    assert texts(f"{stmt}/t:respStmt[t:resp='translation']/t:persName") == TRANSLATORS
    assert texts("//t:bibl[@type='source']/t:author") == AUTHORS
    assert texts("//t:bibl[@type='target']/t:author") == ["Tan Üç"]
    assert texts("//t:bibl[@type='target']/t:respStmt[t:resp='translation']/t:persName") == TRANSLATORS
    back = read_tei(data)
    assert [people(back.meta, key) for key in ("author", "translator", "editor", "target_author")] == [
        AUTHORS, TRANSLATORS, EDITORS, ["Tan Üç"]]
    assert tei_bytes(back) == data


def test_one_person_is_still_a_plain_string() -> None:
    assert validate({"author": ["Ann One"], "translator": "Tan Üç"}) == {"author": "Ann One", "translator": "Tan Üç"}
    assert people({"author": "Ann One"}, "author") == ["Ann One"] and people({}, "author") == []


def test_a_manifest_separates_people_with_a_semicolon(tmp_path: Path, assert_valid_tei) -> None:
    for name in ("en", "tr"):
        (tmp_path / f"a.{name}.txt").write_text((SAMPLE / f"{name}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "m.csv").write_text("source,target,source_lang,target_lang,output,author,translator\n"
                                    "a.en.txt,a.tr.txt,en,tr,a.xml,Ann One; Bob Two,Tan Üç\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "m.csv"), "-o", str(tmp_path / "out"),
                                      "--scorer", "lexical"])
    assert result.exit_code == 0, result.output
    root = assert_valid_tei((tmp_path / "out" / "a.xml").read_bytes())
    assert root.xpath("//t:titleStmt/t:author/text()", namespaces=NS) == AUTHORS
    assert root.xpath("//t:titleStmt/t:respStmt[t:resp='translation']/t:persName/text()", namespaces=NS) == ["Tan Üç"]
    # a JSON Lines manifest gives the list itself
    (tmp_path / "m.jsonl").write_text(json.dumps({"source": "a.en.txt", "target": "a.tr.txt", "source_lang": "en",
                                                  "target_lang": "tr", "output": "b.xml", "translator": TRANSLATORS})
                                      + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "m.jsonl"), "-o", str(tmp_path / "out2"),
                                      "--scorer", "lexical"])
    assert result.exit_code == 0, result.output
    root = assert_valid_tei((tmp_path / "out2" / "b.xml").read_bytes())
    assert root.xpath("//t:titleStmt/t:respStmt[t:resp='translation']/t:persName/text()", namespaces=NS) == TRANSLATORS
