"""The one table of formats (bitext_cli/formats.py): every reader and writer in it works, an
input's format is told by its bytes and name, and every command chooses from the table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext_cli import formats
from bitext_cli.export_cmd import EXPORTS
from bitext_cli.main import cli
from corpora.model import Bitext, Document, Flag, Link
from corpora.source import DECODINGS
from corpora.writing import WriteRequest, Written
from tests.conftest import DATA, SAMPLE
from tests.documents import build_docx, build_odt, build_pdf

GOLDEN = DATA / "tei" / "every_link_type.tei.xml"


def _bitext() -> Bitext:
    source = Document.from_sentences("en", [["One, two.", "Three."], ["Four."]])
    target = Document.from_sentences("tr", [["Bir, iki.", "Üç."], ["Dört.", "Beş."]])
    links = [Link((0,), (0,), 0.9), Link((1,), (1,), 0.41, (Flag("low-score", "a near tie"),)),
             Link((2,), (2,), 1.0, resp="human"), Link((), (3,), 0.0)]
    return Bitext(source, target, links, {"signature": "scorer:lexical|v:test"})


@pytest.mark.parametrize("name", list(formats.READERS))
def test_every_reader_in_the_table_loads_and_its_extensions_lead_back_to_it(name: str) -> None:
    fmt = formats.READERS[name]
    assert callable(formats.load(fmt.reader)) and fmt.decoding in DECODINGS and fmt.label
    assert fmt.extensions and all(ext.startswith(".") and ext == ext.lower() for ext in fmt.extensions)
    for ext in fmt.extensions:  # the name alone (an empty file) decides, except for the fallback's
        assert formats.detect(f"x{ext}", b"")[0] == (name if name != formats.FALLBACK else formats.FALLBACK)


@pytest.mark.parametrize("name", list(formats.WRITERS))
def test_every_writer_in_the_table_writes_a_bitext(name: str) -> None:
    fmt = formats.WRITERS[name]
    written = formats.writer(name)(_bitext(), WriteRequest(scores=True))
    assert isinstance(written, Written) and written.data and fmt.extension.startswith(".") and fmt.label
    kept = formats.writer(name)(_bitext(), WriteRequest(keep=[True, False, True, True]))
    if fmt.selection:
        assert kept.data != written.data
    assert (name in EXPORTS) == fmt.selection


@pytest.mark.parametrize("name", list(formats.GLOSSARIES))
def test_every_glossary_format_in_the_table_writes_what_it_reads(name: str, tmp_path: Path) -> None:
    from glossary.io import format_of, load_glossary, starter_path

    fmt = formats.GLOSSARIES[name]
    starter = load_glossary(starter_path(), "en")
    path = tmp_path / f"g{fmt.extensions[0]}"
    path.write_bytes(fmt.write(starter))
    assert format_of(path) == name
    assert fmt.write(load_glossary(path, "en")) == path.read_bytes()


@pytest.mark.parametrize("data, path, expected", [
    (b"%PDF-1.7\n...", "scan.bin", "pdf"),
    (build_docx([("p", "x")]), "-", "docx"),
    (build_odt([("p", "x")]), "letter.docx", "odt"),  # the bytes outweigh the name
    (b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- x -->\n<tmx version='1.4'>", "memory.xml", "tmx"),
    (b"<xliff version='2.1'>", "-", "xliff"),
    (b"<!DOCTYPE html>\n<p>Hi</p>", "page.txt", "html"),
    ("<?xml version='1.0' encoding='UTF-16'?><TEI/>".encode("utf-16"), "-", "tei"),
    (b"<?xml version='1.0'?><unknown/>", "notes.txt", "tei"),  # XML that is no other format: TEI, as before
    (b"<b>bold</b> plain text", "-", "text"),
    (b"# Title\n\nText.", "notes.md", "markdown"),
    (b"# Title\n\nText.", "notes.txt", "text"),
])
def test_an_inputs_format_is_told_by_its_first_bytes_then_its_name(data: bytes, path: str, expected: str) -> None:
    assert formats.detect(path, data)[0] == expected


def test_align_writes_every_format_of_the_table(tmp_path: Path) -> None:
    src, tgt = str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt")
    for name, fmt in formats.WRITERS.items():
        out = tmp_path / f"out{fmt.extension}"
        result = CliRunner().invoke(cli, ["align", src, tgt, "-s", "en", "-t", "tr", "--scorer", "lexical",
                                          "--to", name, "-o", str(out)])
        assert result.exit_code == 0, (name, result.output)
        assert out.stat().st_size > 50, name


def test_align_to_tmx_in_one_step_is_valid_tmx(tmp_path: Path, shared: Path) -> None:
    out = tmp_path / "out.tmx"
    result = CliRunner().invoke(cli, ["align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t",
                                      "tr", "--scorer", "lexical", "--to", "tmx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = etree.parse(str(out))
    assert etree.DTD(str(shared / "schemas" / "tmx14.dtd")).validate(root)
    assert len(root.findall("body/tu")) > 3


def test_csv_opens_in_a_spreadsheet_one_row_per_link() -> None:
    data = formats.writer("csv")(_bitext(), WriteRequest()).data
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["link_id", "source_ids", "target_ids", "source", "target", "score", "flags"]
    assert rows[1] == ["l1", "en.s1", "tr.s1", "One, two.", "Bir, iki.", "0.900", ""]
    assert rows[2][-1] == "low-score" and rows[4] == ["l4", "", "tr.s4", "", "Beş.", "0.000", ""]
    assert len(rows) == 1 + 4


def test_xliff_21_holds_one_unit_per_link_with_score_and_flags() -> None:
    root = etree.fromstring(formats.writer("xliff")(_bitext(), WriteRequest()).data)
    x, mda = "{urn:oasis:names:tc:xliff:document:2.0}", "{urn:oasis:names:tc:xliff:metadata:2.0}"
    assert root.tag == f"{x}xliff" and root.get("version") == "2.1"
    assert (root.get("srcLang"), root.get("trgLang")) == ("en", "tr")
    units = root.findall(f"{x}file/{x}unit")
    assert [u.get("id") for u in units] == ["l1", "l2", "l3", "l4"]
    assert [u.find(f"{x}segment").get("state") for u in units] == ["translated", "translated", "reviewed", "translated"]
    assert units[0].find(f"{x}segment/{x}target").text == "Bir, iki."
    assert units[1].find(f"{mda}metadata/{mda}metaGroup/{mda}meta[@type='score']").text == "0.410"
    assert units[1].find(f"{x}notes/{x}note").text == "low-score: a near tie"
    assert [child.tag for child in units[1]] == [f"{mda}metadata", f"{x}notes", f"{x}segment"]  # the order 2.1 asks


def test_export_chooses_among_the_tables_writers(tmp_path: Path) -> None:
    for name in EXPORTS:
        out = tmp_path / f"x.{name}"
        result = CliRunner().invoke(cli, ["export", str(GOLDEN), "--to", name, "-o", str(out)])
        assert result.exit_code == 0 and out.stat().st_size > 0, (name, result.output)
    result = CliRunner().invoke(cli, ["export", str(GOLDEN), "--to", "tei"])
    assert result.exit_code == 2  # TEI holds every link: no selection to export


_STARTS = {"tei": b"<?xml version='1.0' encoding='UTF-8'?>\n<TEI", "tmx": b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE tmx",
           "tsv": b"link_id\tsource", "csv": b"\xef\xbb\xbflink_id,", "xliff": b"<?xml version='1.0' encoding='UTF-8'?>\n<xliff",
           "beads": b"[0]:[0]"}


@pytest.mark.parametrize("name, given, expected", [
    ("book.tmx", [], "tmx"), ("book.TSV", [], "tsv"), ("book.csv", [], "csv"), ("book.xlf", [], "xliff"),
    ("book.xliff", [], "xliff"), ("book.beads", [], "beads"), ("book.tei.xml", [], "tei"), ("book.txt", [], "tei"),
    ("book.tmx", ["--to", "tei"], "tei"), ("book.xml", ["--to", "tsv"], "tsv"),
])
def test_align_without_to_writes_the_format_the_output_name_asks_for(tmp_path: Path, name: str, given: list[str],
                                                                       expected: str) -> None:
    """`-o book.tmx` wrote TEI into book.tmx, which a CAT tool then refuses: without --to, the
    output's extension chooses the format (else TEI); --to given always wins."""
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr",
                                      "--scorer", "lexical", "-o", str(out), *given])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(_STARTS[expected]), out.read_bytes()[:80]


def test_export_without_to_takes_the_format_from_the_output_name(tmp_path: Path) -> None:
    for name in EXPORTS:
        out = tmp_path / f"x{formats.WRITERS[name].extension}"
        result = CliRunner().invoke(cli, ["export", str(GOLDEN), "-o", str(out)])
        assert result.exit_code == 0, (name, result.output)
        assert out.read_bytes().startswith(_STARTS[name]), (name, out.read_bytes()[:80])
    for output in (["-o", str(tmp_path / "x.xml")], ["-o", str(tmp_path / "x.txt")], []):
        result = CliRunner().invoke(cli, ["export", str(GOLDEN), *output])
        assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
        assert "--to" in result.output and "tmx" in result.output
    assert not (tmp_path / "x.xml").exists() and not (tmp_path / "x.txt").exists()


def test_batch_rows_without_to_write_the_format_their_output_name_asks_for(tmp_path: Path) -> None:
    en, tr = SAMPLE / "en.txt", SAMPLE / "tr.txt"
    (tmp_path / "m.csv").write_text("source,target,source_lang,target_lang,output,to\n"
                                    f"{en},{tr},en,tr,a.tmx,\n{en},{tr},en,tr,b.tmx,tsv\n{en},{tr},en,tr,,\n",
                                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "m.csv"), "-o", str(tmp_path / "out"), "--scorer",
                                      "lexical", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert out.joinpath("a.tmx").read_bytes().startswith(_STARTS["tmx"])
    assert out.joinpath("b.tmx").read_bytes().startswith(_STARTS["tsv"])  # the row's `to` wins
    assert out.joinpath("en.tei.xml").read_bytes().startswith(_STARTS["tei"])
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "m.csv"), "-o", str(tmp_path / "out2"), "--scorer",
                                      "lexical", "--jobs", "1", "--to", "tei"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out2" / "a.tmx").read_bytes().startswith(_STARTS["tei"])  # --to given wins


def test_batch_pairs_any_formats_the_table_reads(tmp_path: Path, assert_valid_tei) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.en.docx").write_bytes(build_docx([("h1", "A letter"), ("p", "I came in 1937. It was quiet.")]))
    (texts / "a.tr.odt").write_bytes(build_odt([("h1", "Bir mektup"), ("p", "1937'de geldim. Sessizdi.")]))
    (texts / "b.en.pdf").write_bytes(build_pdf([[(72.0, 700.0, 11.0, "Write soon. I wait for your letter.")]]))
    (texts / "b.tr.md").write_text("Yakında *yaz*. Mektubunu bekliyorum.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", "--pairs", str(texts), "-s", "en", "-t", "tr", "--scorer", "lexical",
                                      "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    report = [json.loads(line) for line in (out / "report.jsonl").read_text("utf-8").splitlines()]
    assert [(e["output"], e["status"]) for e in report] == [("a.tei.xml", "ok"), ("b.tei.xml", "ok")]
    for name in ("a.tei.xml", "b.tei.xml"):
        assert_valid_tei((out / name).read_bytes())


@pytest.mark.parametrize("name", list(EXPORTS))
def test_align_to_an_export_format_writes_what_export_writes(tmp_path: Path, name: str) -> None:
    """The README's promise: `align --to csv` is `bitext export --to csv` of the aligned TEI written
    directly. It was not for csv and xliff: align computed no review flags for them, so their flags
    column and notes were empty."""
    src, tgt = str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt")
    tei, direct, exported = tmp_path / "a.tei.xml", tmp_path / f"direct.{name}", tmp_path / f"exported.{name}"
    for args in (["align", src, tgt, "-s", "en", "-t", "tr", "--scorer", "lexical", "-o", str(tei)],
                 ["align", src, tgt, "-s", "en", "-t", "tr", "--scorer", "lexical", "--to", name, "-o", str(direct)],
                 ["export", str(tei), "--to", name, "-o", str(exported)]):
        result = CliRunner().invoke(cli, args, env={"SOURCE_DATE_EPOCH": "1700000000"})
        assert result.exit_code == 0, (args, result.output)
    assert direct.read_bytes() == exported.read_bytes()
