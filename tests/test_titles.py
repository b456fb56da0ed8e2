"""The aligned edition's title as archivists give it: a main title with subtitles
(`<title type="main">`, `<title type="sub">`) or parallel titles in several languages
(`<title xml:lang>`); written, read back exactly, valid for tei_all and bitext's own schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext_cli.main import cli
from corpora.errors import InputError
from corpora.metadata import validate
from tei.reader import read_tei
from tei.writer import tei_bytes
from tests.conftest import SAMPLE

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def aligned(tmp_path: Path, meta: dict) -> bytes:
    (tmp_path / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.tei.xml"
    result = CliRunner().invoke(cli, ["align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr",
                                      "--scorer", "lexical", "--meta", str(tmp_path / "meta.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def titles(data: bytes) -> list[tuple[str | None, str | None, str]]:
    root = etree.fromstring(data)
    return [(t.get("type"), t.get(XML_LANG), t.text) for t in root.iterfind(".//t:titleStmt/t:title", NS)]


@pytest.mark.parametrize("meta, written", [
    ({"title": "Red Terror", "subtitle": "An aligned edition"},
     [("main", None, "Red Terror"), ("sub", None, "An aligned edition")]),
    ({"title": "Red Terror", "subtitle": ["An aligned edition", "With notes"]},
     [("main", None, "Red Terror"), ("sub", None, "An aligned edition"), ("sub", None, "With notes")]),
    ({"title": {"en": "Red Terror in Azerbaijan", "tr": "Azerbaycan'da Kızıl Terör"}},
     [(None, "en", "Red Terror in Azerbaijan"), (None, "tr", "Azerbaycan'da Kızıl Terör")]),
    ({"title": {"en": "Red Terror", "tr": "Kızıl Terör"}, "subtitle": {"en": "An edition", "tr": "Bir edisyon"}},
     [("main", "en", "Red Terror"), ("main", "tr", "Kızıl Terör"), ("sub", "en", "An edition"),
      ("sub", "tr", "Bir edisyon")]),
])
def test_titles_are_written_valid_and_read_back_exactly(tmp_path: Path, assert_valid_tei, meta: dict,
                                                        written: list) -> None:
    data = aligned(tmp_path, meta)
    assert_valid_tei(data)
    assert titles(data) == written
    back = read_tei(data)
    assert {key: back.meta.get(key) for key in meta} == validate(meta)
    assert tei_bytes(back) == data


def test_validate_accepts_the_titles_bitext_writes(tmp_path: Path) -> None:
    (tmp_path / "out.tei.xml").write_bytes(aligned(tmp_path, {"title": {"en": "A", "tr": "B"}, "subtitle": "C"}))
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "out.tei.xml")])
    assert result.exit_code == 0, result.output


def test_a_single_title_is_written_as_before(tmp_path: Path) -> None:
    assert titles(aligned(tmp_path, {"title": "Red Terror"})) == [(None, None, "Red Terror")]


def test_review_page_title_names_the_main_titles(tmp_path: Path) -> None:
    from tei.header import edition_title

    data = aligned(tmp_path, {"title": {"en": "Red Terror", "tr": "Kızıl Terör"}, "subtitle": "An edition"})
    assert edition_title(read_tei(data)) == "Red Terror / Kızıl Terör"


@pytest.mark.parametrize("meta, message", [
    ({"title": ["Main", "Sub"]}, "give subtitles as 'subtitle'"),
    ({"title": {"english!": "A"}}, "'english!' is not a language code"),
    ({"subtitle": {"en": ["A", "B"]}}, "one title per language"),
])
def test_malformed_titles_are_refused(meta: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        validate(meta, "meta.json")


def test_a_manifest_column_lists_subtitles(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("source,target,source_lang,target_lang,output,title,subtitle\n"
                                    f"{SAMPLE / 'en.txt'},{SAMPLE / 'tr.txt'},en,tr,a.tei.xml,Main,One; Two\n")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "m.csv"), "-o", str(tmp_path / "out"),
                                      "--scorer", "lexical", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert titles((tmp_path / "out" / "a.tei.xml").read_bytes()) == [("main", None, "Main"), ("sub", None, "One"),
                                                                     ("sub", None, "Two")]
