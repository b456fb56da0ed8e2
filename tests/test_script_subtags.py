"""BCP 47 script subtags survive into TMX and XLIFF: a Serbian text in Latin and its Cyrillic
transliteration (sr-Latn, sr-Cyrl) are two sides, never one `sr`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from bitext_cli.main import cli

LATIN = "Ovo je prva rečenica. Ovo je druga rečenica.\n\nTreći pasus ima jednu rečenicu.\n"
CYRILLIC = "Ово је прва реченица. Ово је друга реченица.\n\nТрећи пасус има једну реченицу.\n"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLIFF = "{urn:oasis:names:tc:xliff:document:2.0}"


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, ["-q", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def aligned(tmp_path: Path) -> Path:
    (tmp_path / "l.txt").write_text(LATIN, encoding="utf-8")
    (tmp_path / "c.txt").write_text(CYRILLIC, encoding="utf-8")
    out = tmp_path / "s.tei.xml"
    run("align", str(tmp_path / "l.txt"), str(tmp_path / "c.txt"), "-s", "sr-Latn", "-t", "sr-Cyrl",
        "--scorer", "lexical", "-o", str(out))
    return out


def tmx_langs(path: Path) -> tuple[str | None, set[tuple[str | None, ...]]]:
    root = etree.parse(str(path)).getroot()
    return root.find("header").get("srclang"), {tuple(t.get(XML_LANG) for t in tu.iter("tuv"))
                                                  for tu in root.iter("tu")}


def test_tei_with_script_subtags_exports_them_to_tmx_and_xliff(tmp_path: Path) -> None:
    tei = aligned(tmp_path)
    texts = etree.parse(str(tei)).getroot().findall(".//{http://www.tei-c.org/ns/1.0}group/{http://www.tei-c.org/ns/1.0}text")
    assert [t.get(XML_LANG) for t in texts] == ["sr-Latn", "sr-Cyrl"]
    run("export", str(tei), "--to", "tmx", "-o", str(tmp_path / "s.tmx"))
    assert tmx_langs(tmp_path / "s.tmx") == ("sr-Latn", {("sr-Latn", "sr-Cyrl")})
    run("export", str(tei), "--to", "xliff", "-o", str(tmp_path / "s.xlf"))
    root = etree.parse(str(tmp_path / "s.xlf")).getroot()
    assert (root.get("srcLang"), root.get("trgLang")) == ("sr-Latn", "sr-Cyrl")


def test_a_memory_with_script_subtags_reads_and_writes_back_with_them(tmp_path: Path) -> None:
    run("export", str(aligned(tmp_path)), "--to", "tmx", "-o", str(tmp_path / "s.tmx"))
    run("align", str(tmp_path / "s.tmx"), "--scorer", "lexical", "-o", str(tmp_path / "again.tmx"))
    assert tmx_langs(tmp_path / "again.tmx") == ("sr-Latn", {("sr-Latn", "sr-Cyrl")})
    run("align", str(tmp_path / "s.tmx"), "--scorer", "lexical", "-o", str(tmp_path / "again.xlf"))
    root = etree.parse(str(tmp_path / "again.xlf")).getroot()
    assert (root.get("srcLang"), root.get("trgLang")) == ("sr-Latn", "sr-Cyrl")
    assert len(root.findall(f".//{XLIFF}unit")) == 3
