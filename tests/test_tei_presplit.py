"""`--presplit` on a TEI input whose text is outside `<s>`: each line typed in a `<p>` (a line
break in its text) or ended by `<lb/>` is one segment, as each line of a .txt is; whitespace-only
lines are no segments, a heading stays whole, markup inside a line stays with it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from align.sources import segment_source
from bitext_cli.main import cli
from corpora.sourcetext import pick_text
from tei.names import TEI_NS, XML_ID
from tei.reader import read_tei_sources
from tests.conftest import DATA

DE, EN = DATA / "tei" / "lines.de.xml", DATA / "tei" / "lines.en.xml"
GOLDEN = DATA / "tei" / "lines.presplit.tei.xml"
NS = {"t": TEI_NS}
LINES = ["Ein Tag im Garten", "Der Hund bellte laut.", "Die Katze schlief im Garten.", "Niemand kam.",
         "Es regnete.", "Dann schien die Sonne.", "Alle gingen hinaus.", "Es war warm.", "Ein Wort wurde getrennt."]


def align(tmp_path: Path, *args: str) -> bytes:
    """The inputs aligned, written beside copies of them (the output names them without a path)."""
    for path in (DE, EN):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(cli, ["align", str(tmp_path / DE.name), str(tmp_path / EN.name), "--scorer", "lexical",
                                      "-o", str(out), "--force", *args])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def sentences(data: bytes, lang: str) -> list[etree._Element]:
    return etree.fromstring(data).findall(f".//t:text[@xml:lang='{lang}']//t:s",
                                          {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})


def test_each_typed_line_and_each_lb_is_one_segment() -> None:
    doc = segment_source(pick_text(read_tei_sources(DE), None, str(DE), "--src-lang"), "de", presplit=True)
    assert doc.texts == LINES
    assert [len(p.segments) for p in doc.paragraphs] == [1, 3, 4, 1]  # the heading whole; the blank line no segment


def test_presplit_tei_aligns_line_by_line_as_the_golden_file(tmp_path: Path, regen: bool,
                                                           caplog: pytest.LogCaptureFixture, assert_valid_tei) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    data = align(tmp_path, "--presplit")
    if regen:
        GOLDEN.write_bytes(data)
    assert data == GOLDEN.read_bytes()
    assert_valid_tei(data)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert ["".join(s.itertext()) for s in sentences(data, "de")] == LINES
    links = etree.fromstring(data).findall(".//t:linkGrp/t:link", NS)
    assert [(link.get("type"), link.get("target")) for link in links] == [
        ("1-1", f"#{de.get(XML_ID)} #{en.get(XML_ID)}") for de, en in zip(sentences(data, "de"), sentences(data, "en"))]


def test_markup_inside_a_line_stays_and_one_across_lines_is_split_into_linked_parts(tmp_path: Path) -> None:
    de = {s.get(XML_ID): s for s in sentences(align(tmp_path, "--presplit"), "de")}
    cat = etree.tostring(de["de.p2.s2"], encoding="unicode", with_tail=False)
    assert cat.endswith('>Die Katze schlief <hi rend="italic">im Garten</hi>.</s>')
    first, second = de["de.p3.s3"].find("t:hi", NS), de["de.p3.s4"].find("t:hi", NS)
    assert (first.text, first.get("rend"), first.get("next")) == ("hinaus.", "bold", f"#{second.get(XML_ID)}")
    assert (second.text, second.get("prev")) == ("Es war", f"#{first.get(XML_ID)}")
    lb = de["de.p3.s1"][0]  # "Es regnete.<lb/>": the break at the end of the line it ends
    assert lb.tag == f"{{{TEI_NS}}}lb" and de["de.p3.s1"].text == "Es regnete."
    assert de["de.p4.s1"].find("t:lb", NS).get("break") == "no"  # a break inside a word ends no line


def test_without_presplit_the_language_rules_segment_the_lines_as_before(tmp_path: Path) -> None:
    assert [s.text for s in sentences(align(tmp_path), "de")][:2] == ["Ein Tag im Garten", "Der Hund bellte laut."]
    assert len(sentences(align(tmp_path), "de")) == 9  # the rules find the same sentences here
