"""Corrections survive re-alignment: `bitext realign` (and `bitext align X.xml X.xml`) keep every
link checked by hand exactly and align the rest afresh between them (align/fixed.py)."""

from __future__ import annotations

import hashlib
import json
import re
import logging
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpora.model import Bitext, Document, Link, with_link_ids

from align.fixed import align_around, part
from align.config import AlignConfig
from bitext_cli.main import cli
from tei.decisions import FORMAT, document_hash
from tei.reader import read_tei
from tei.writer import tei_bytes
from tests.test_outputs_safe import one_line_error

DATA = Path(__file__).resolve().parent / "data" / "review"
GOLD = [((i,), (i,)) for i in range(8)] + [((), (8,)), ((), (9,)), ((8,), (10,)), ((9,), (11,))]


def step(op: str, links: list[str], *into: tuple[str, list[int], list[int]]) -> dict:
    return {"op": op, "links": links, "into": [{"id": i, "source": s, "target": t} for i, s, t in into]}


# The fix of the pinned lexical alignment, as the editor records it (tests/browser_support.py fix_by_keys).
FIX = [step("move", ["l8", "l9"], ("l8", [6], [7]), ("l9", [], [8])),
       step("move", ["l7", "l8"], ("l7", [6], [6]), ("l8", [], [7])),
       step("omission", ["l10"], ("l10", [7], []), ("l10.1", [], [9])),
       step("pair", ["l8", "l9", "l10"], ("l8", [7], [7]), ("l9", [], [8]))]


def run(*args: str):
    return CliRunner().invoke(cli, ["-q", *args])


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    """The pinned wrong alignment corrected by hand in l7..l10.1, with the untouched links
    around them then spoiled as an aligner might (l1+l2 and l11+l12 merged, still by bitext)."""
    decisions = tmp_path / "fix.json"
    aligned = read_tei(DATA / "juhis-lexical.tei.xml")
    decisions.write_text(json.dumps({"format": FORMAT, "version": 2, "document": document_hash(aligned),
                                     "operations": FIX}), encoding="utf-8")
    fixed = tmp_path / "fixed.xml"
    assert run("apply-review", str(DATA / "juhis-lexical.tei.xml"), str(decisions), "-o", str(fixed)).exit_code == 0
    bitext = read_tei(fixed)
    links = bitext.links
    spoiled = ([Link((0, 1), (0, 1), 0.4, id="l1")] + links[2:10] + [Link((8, 9), (10, 11), 0.4, id="l11")])
    out = tmp_path / "reviewed.xml"
    out.write_bytes(tei_bytes(Bitext(bitext.source, bitext.target, spoiled, bitext.meta)))
    return out


def human(bitext: Bitext) -> list[Link]:
    return [link for link in bitext.links if link.resp]


def test_realign_keeps_the_corrected_links_and_realigns_the_rest(tmp_path: Path, reviewed: Path,
                                                                 assert_valid_tei) -> None:
    before = read_tei(reviewed)
    assert [(link.id, link.src, link.tgt) for link in human(before)] == [
        ("l7", (6,), (6,)), ("l8", (7,), (7,)), ("l9", (), (8,)), ("l10.1", (), (9,))]
    out = tmp_path / "realigned.xml"
    result = run("realign", str(reviewed), "--scorer", "lexical", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    root = assert_valid_tei(data)
    after = read_tei(data)
    assert human(after) == human(before)                         # identical: ids, sentences, scores, resp
    assert [(link.src, link.tgt) for link in after.links] == GOLD  # and the spoiled links re-aligned
    assert [link.id for link in after.links] == [f"l{k}" for k in range(1, 10)] + ["l10.1", "l11", "l12"]
    assert all(link.resp is None for link in after.links if link.id in ("l1", "l2", "l11", "l12"))
    assert after.meta["title"] == before.meta["title"]
    assert after.meta["signature"].startswith("scorer:lexical|")
    changes = root.xpath("//t:revisionDesc/t:change/text()", namespaces={"t": "http://www.tei-c.org/ns/1.0"})
    assert changes[0] == "Re-aligned by bitext, keeping 4 links checked by hand."
    assert changes[1].startswith("Alignment reviewed by hand")


def test_align_on_the_aligned_file_does_the_same_and_says_so(tmp_path: Path, reviewed: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    out = tmp_path / "again.xml"
    result = CliRunner().invoke(cli, ["align", str(reviewed), str(reviewed), "-s", "en", "-t", "tr",
                                      "--scorer", "lexical", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{reviewed}: keeping its 4 links checked by hand (@resp) as they are" in caplog.text
    after = read_tei(out)
    assert human(after) == human(read_tei(reviewed))
    assert [(link.src, link.tgt) for link in after.links] == GOLD
    # The other way round (Turkish as the source), the kept links turn round with it.
    swapped = tmp_path / "swapped.xml"
    assert run("align", str(reviewed), str(reviewed), "-s", "tr", "-t", "en", "--scorer", "lexical",
               "-o", str(swapped)).exit_code == 0
    turned = read_tei(swapped)
    assert [(link.tgt, link.src, link.id) for link in human(turned)] == [
        (link.src, link.tgt, link.id) for link in human(read_tei(reviewed))]


def test_without_links_checked_by_hand_realign_is_align(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(cli, ["realign", str(DATA / "juhis-lexical.tei.xml"), "--scorer", "lexical",
                                      "-o", str(out), "--to", "beads"])
    assert result.exit_code == 0, result.output
    assert "checked by hand" not in caplog.text
    plain = tmp_path / "plain.txt"
    assert run("align", str(DATA / "juhis-lexical.tei.xml"), str(DATA / "juhis-lexical.tei.xml"), "-s", "en",
               "-t", "tr", "--scorer", "lexical", "--to", "beads", "-o", str(plain)).exit_code == 0
    assert out.read_text() == plain.read_text()


def doc(lang: str, paragraphs: list[list[str]]) -> Document:
    return Document.from_sentences(lang, paragraphs, text_id=lang)


def test_align_around_gaps_and_edges() -> None:
    src = doc("en", [["One day.", "Two cats sat."], ["Three dogs ran far away.", "Four."]])
    tgt = doc("de", [["Ein Tag.", "Zwei Katzen sassen."], ["Drei Hunde liefen weit weg.", "Vier.", "Fünf."]])
    options = AlignConfig(aligner="lexical", src_lang="en", tgt_lang="de")
    # Keep l2 = [1]:[1] and the trailing 0-1; everything else is spoiled and re-aligned.
    links = [Link((0,), (0,), 0.2, id="l1"), Link((1,), (1,), 1.0, resp="human", id="l2"),
             Link((2, 3), (2, 3), 0.1, id="l3"), Link((), (4,), 1.0, resp="human", id="l4")]
    out = align_around(src, tgt, links, lambda link: bool(link.resp), options)
    assert [(link.src, link.tgt) for link in out] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)),
                                                      ((), (4,))]
    assert out[1] == links[1] and out[4] == links[3]
    assert [link.id for link in out] == ["l1", "l2", "l3", "l4.2", "l4"]     # no id twice
    # A gap with sentences on one side only becomes omissions, scored 0.
    keep_all_but_first = [Link((0,), (), 0.5, id="a"), Link((1,), (0, 1), 1.0, resp="human", id="b"),
                          Link((2, 3), (2, 3, 4), 1.0, resp="human", id="c")]
    out = align_around(src, tgt, keep_all_but_first, lambda link: bool(link.resp), options)
    assert [(link.src, link.tgt, link.score) for link in out][0] == ((0,), (), 0.0)
    with pytest.raises(Exception, match="not valid: links cover 3 source segments of 4"):
        align_around(src, tgt, keep_all_but_first[:2] + [Link((2,), (2, 3, 4))], lambda link: False, options)


def test_part_and_link_ids() -> None:
    d = doc("en", [["a", "b"], ["c", "d", "e"]])
    p = part(d, 1, 4)
    assert [[s.text for s in para.segments] for para in p.paragraphs] == [["b"], ["c", "d"]]
    assert [s.id for s in p.segments] == ["en.s2", "en.s3", "en.s4"]
    ids = [link.id for link in with_link_ids([Link((0,), ()), Link((1,), (), id="l1"), Link((2,), (), id="l3"),
                                              Link((3,), ())])]
    assert ids == ["l1.2", "l1", "l3", "l4"]  # corpora.model.unique_id's ".2", as every id bitext makes unique
    assert with_link_ids([replace(Link((0,), ()), id="x")])[0].id == "x"
    # a taken "l1.2" (a review's split of l1 into l1.1 and l1.2) is passed over too
    assert [link.id for link in with_link_ids([Link((0,), ()), Link((1,), (), id="l1"), Link((2,), (), id="l1.2")])] \
        == ["l1.3", "l1", "l1.2"]


# -- realign as align: the output's name says the format, a folder is one line, no reading options --

JUHIS = str(DATA / "juhis-lexical.tei.xml")


@pytest.mark.parametrize("name, fmt, root", [("x.tmx", "tmx", b"<tmx"), ("x.xlf", "xliff", b"<xliff"),
                                             ("x.xml", "tei", b"<TEI")])
def test_realign_writes_the_format_the_output_name_asks_for(tmp_path: Path, name: str, fmt: str, root: bytes) -> None:
    """As `align -o book.tmx`: without --to the extension chooses (formats.output_format), else TEI."""
    out, given = tmp_path / name, tmp_path / f"given.{name}"
    assert run("realign", JUHIS, "--scorer", "lexical", "-o", str(out)).exit_code == 0
    assert run("realign", JUHIS, "--scorer", "lexical", "--to", fmt, "-o", str(given)).exit_code == 0
    assert root in out.read_bytes()[:200]
    assert out.read_bytes() == given.read_bytes()


def test_a_given_to_wins_over_the_output_name(tmp_path: Path) -> None:
    out = tmp_path / "x.tmx"
    assert run("realign", JUHIS, "--scorer", "lexical", "--to", "beads", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == "[0]:[0]"


def test_a_folder_as_aligned_is_one_line(tmp_path: Path) -> None:
    """As for align's SRC: a wrong path is one `Error: PATH: problem` line (status 1), not click's usage."""
    folder = tmp_path / "reviewed.xml"
    folder.mkdir()
    out = tmp_path / "out.xml"
    one_line_error(run("realign", str(folder), "-o", str(out)), str(folder))
    assert not out.exists()


@pytest.mark.parametrize("option", [["--presplit"], ["--encoding", "latin-1"], ["--src-encoding", "latin-1"],
                                    ["--tgt-encoding", "latin-1"]])
def test_realign_offers_no_options_for_reading_texts(tmp_path: Path, option: list[str]) -> None:
    """realign reads a TEI file, its sentences given and its encoding declared: --presplit and the
    encodings would be silently ignored (the file is read before them), so realign has none."""
    result = run("realign", JUHIS, "--scorer", "lexical", "-o", str(tmp_path / "out.xml"), *option)
    assert result.exit_code == 2 and "No such option" in result.output and option[0] in result.output
    assert option[0] not in run("realign", "--help").output


def test_realign_help_reads_right() -> None:
    text = run("realign", "--help").output
    for option in ("--to", "--scorer", "--ids", "--glossary", "--meta", "-o, --output"):
        assert option in text
    assert "align and batch" not in text  # --to's default is realign's too


def test_realign_keeps_the_input_files_the_header_names_with_their_checksums(tmp_path: Path) -> None:
    """The sourceDesc of a realigned file names the texts first aligned (en.txt, tr.txt) with
    their SHA-256, as before: it named the aligned file instead, beside the checksum of the
    original text, a pair no archive could check."""
    from tests.conftest import SAMPLE

    aligned, out = tmp_path / "aligned.xml", tmp_path / "realigned.xml"
    assert run("align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr", "--scorer", "lexical",
               "-o", str(aligned)).exit_code == 0
    assert run("realign", str(aligned), "--scorer", "lexical", "-o", str(out)).exit_code == 0
    files = {k: v for k, v in read_tei(out).meta.items() if k.endswith(("_file", "_sha256"))}
    assert files == {k: v for k, v in read_tei(aligned).meta.items() if k.endswith(("_file", "_sha256"))}
    assert files["source_file"] == "en.txt" and len(files["source_sha256"]) == 64
    older = tmp_path / "older.xml"  # earlier versions named the files without checksums
    older.write_bytes(re.sub(rb'\s*<idno type="sha256">[0-9a-f]+</idno>', b"", aligned.read_bytes()))
    assert run("realign", str(older), "--scorer", "lexical", "-o", str(tmp_path / "again.xml")).exit_code == 0
    again = read_tei(tmp_path / "again.xml").meta
    assert (again["source_file"], again["source_sha256"]) == ("older.xml", hashlib.sha256(older.read_bytes()).hexdigest())
