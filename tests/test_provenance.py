"""The header says truthfully where the texts came from: each input file by a path that tells
the files of a batch apart, yet names nothing of the machine (no absolute home path) and is the
same for the same layout anywhere (sourceDesc `<idno type="file">`, beside its SHA-256)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext_cli.main import cli
from tei.reader import read_tei
from tests.conftest import SAMPLE

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, ["-q", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def files(path: Path) -> tuple[str, str]:
    root = etree.parse(str(path)).getroot()
    return tuple(root.findtext(f".//t:sourceDesc/t:bibl[@type='{side}']/t:idno[@type='file']", namespaces=NS)
                 for side in ("source", "target"))  # type: ignore[return-value]


def corpus(root: Path) -> Path:
    """Two documents laid out as <doc>/src.txt, <doc>/tgt.txt, and their manifest."""
    for doc, extra in (("doc1", "one"), ("doc2", "two")):
        (root / doc).mkdir(parents=True)
        (root / doc / "src.txt").write_text((SAMPLE / "en.txt").read_text(encoding="utf-8") + f"\n\nThis is {extra}.\n")
        (root / doc / "tgt.txt").write_text((SAMPLE / "tr.txt").read_text(encoding="utf-8") + f"\n\nBu {extra}.\n")
    manifest = root / "manifest.csv"
    manifest.write_text("source,target,source_lang,target_lang,output\n"
                        "doc1/src.txt,doc1/tgt.txt,en,tr,doc1.tei.xml\n"
                        "doc2/src.txt,./doc2/../doc2/tgt.txt,en,tr,doc2.tei.xml\n")
    return manifest


def test_a_batch_row_names_its_files_by_their_path_from_the_manifests_folder(tmp_path: Path) -> None:
    """Every row of a corpus of <doc>/src.txt was recorded as `src.txt`: which document was it?"""
    manifest = corpus(tmp_path / "corpus")
    run("batch", str(manifest), "-o", str(tmp_path / "out"), "--scorer", "lexical", "--jobs", "1")
    assert files(tmp_path / "out" / "doc1.tei.xml") == ("doc1/src.txt", "doc1/tgt.txt")
    assert files(tmp_path / "out" / "doc2.tei.xml") == ("doc2/src.txt", "doc2/tgt.txt")


def test_the_same_layout_gives_the_same_bytes_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outs = []
    for where in ("here", "elsewhere/deeper"):
        manifest = corpus(tmp_path / where / "corpus")
        run("batch", str(manifest), "-o", str(tmp_path / where / "out"), "--scorer", "lexical", "--jobs", "1")
        outs.append((tmp_path / where / "out" / "doc2.tei.xml").read_bytes())
    assert outs[0] == outs[1]
    assert str(tmp_path).encode() not in outs[0]


def test_align_names_a_relative_path_as_given_and_an_absolute_one_by_its_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    run("align", "corpus/doc1/src.txt", str(tmp_path / "corpus" / "doc1" / "tgt.txt"), "-s", "en", "-t", "tr",
        "--scorer", "lexical", "-o", "a.tei.xml")
    assert files(tmp_path / "a.tei.xml") == ("corpus/doc1/src.txt", "tgt.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    run("align", "../corpus/doc1/src.txt", str(tmp_path / "corpus" / "doc2" / "tgt.txt"), "-s", "en", "-t", "tr",
        "--scorer", "lexical", "-o", "b.tei.xml")
    assert files(elsewhere / "b.tei.xml") == ("../corpus/doc1/src.txt", "tgt.txt")  # absolute, outside: its name


def test_realign_keeps_the_paths_align_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    run("align", "corpus/doc1/src.txt", "corpus/doc1/tgt.txt", "-s", "en", "-t", "tr", "--scorer", "lexical",
        "-o", "a.tei.xml")
    shutil.copy("a.tei.xml", "corpus/a.tei.xml")
    run("realign", "corpus/a.tei.xml", "--scorer", "lexical", "-o", "r.tei.xml")
    assert files(tmp_path / "r.tei.xml") == ("corpus/doc1/src.txt", "corpus/doc1/tgt.txt")
    assert read_tei(tmp_path / "r.tei.xml").meta["source_sha256"] == read_tei(tmp_path / "a.tei.xml").meta["source_sha256"]


@pytest.mark.parametrize("given, recorded", [
    ("doc1/src.txt", "doc1/src.txt"),
    ("./doc1/../doc1/src.txt", "doc1/src.txt"),
    ("../shared/src.txt", "../shared/src.txt"),
    ("/home/someone/doc1/src.txt", "src.txt"),
    ("-", "-"),
])
def test_recorded_path(given: str, recorded: str) -> None:
    from corpora.metadata import recorded_path

    assert recorded_path(given) == recorded


REVIEWED = Path(__file__).resolve().parent / "data" / "tei" / "every_link_type.tei.xml"


def test_aligning_a_file_with_itself_keeps_its_header_and_applies_meta(tmp_path: Path) -> None:
    """`bitext align X.xml X.xml` wrote the default title and named the reviewer of its kept
    links 'human reviewer': the header's metadata (from the first --meta) was dropped."""
    given = tmp_path / "x.xml"
    shutil.copy(REVIEWED, given)
    (tmp_path / "m.json").write_text('{"publisher": "Example Archive"}', encoding="utf-8")
    run("align", str(given), str(given), "-s", "en", "-t", "tr", "--scorer", "lexical", "--meta",
        str(tmp_path / "m.json"), "-o", str(tmp_path / "out.xml"))
    before, after = read_tei(given).meta, read_tei(tmp_path / "out.xml").meta
    for key in ("title", "translator", "reviewer", "idno", "source_file", "source_sha256", "target_doi"):
        assert after.get(key) == before.get(key), key
    assert after["publisher"] == "Example Archive"  # --meta applies over what the file said
    root = etree.parse(str(tmp_path / "out.xml")).getroot()
    named = {el.get("{http://www.w3.org/XML/1998/namespace}id"): el.text
             for el in root.iterfind(".//t:titleStmt/t:respStmt/t:name", NS)}
    assert named["human"] == "R. Eviewer"


def test_aligning_a_file_with_itself_the_other_way_round_keeps_each_sides_description(tmp_path: Path) -> None:
    given = tmp_path / "x.xml"
    shutil.copy(REVIEWED, given)
    run("align", str(given), str(given), "-s", "tr", "-t", "en", "--scorer", "lexical", "-o", str(tmp_path / "out.xml"))
    before, after = read_tei(given).meta, read_tei(tmp_path / "out.xml").meta
    assert (after["source_title"], after["target_title"]) == (before["target_title"], before["source_title"])
    assert (after["target_file"], after["target_sha256"]) == (before["source_file"], before["source_sha256"])
    assert after["source_file"] == "x.xml"  # the file named none for its translation: the new run's input
