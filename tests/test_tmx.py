"""TMX and TSV exports: DTD-valid TMX that imports the same pairs back, TSV columns, CLI."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext_cli.main import cli
from corpora.errors import InputError
from tei.reader import read_tei
from corpora.formats.tmx import read_tmx
from tei.tmx import SCORE_PROP, TYPE_PROP, tmx_bytes
from tei.tsv import tsv_bytes
from tests.conftest import DATA, SAMPLE

GOLDEN = DATA / "tei" / "every_link_type.tei.xml"


@pytest.fixture(scope="module")
def tmx_dtd(shared: Path) -> etree.DTD:
    return etree.DTD(str(shared / "schemas" / "tmx14.dtd"))


def test_tmx_is_valid_against_the_dtd_and_names_the_languages(tmx_dtd: etree.DTD) -> None:
    data, skipped = tmx_bytes(read_tei(GOLDEN))
    root = etree.fromstring(data)
    assert tmx_dtd.validate(root), tmx_dtd.error_log
    header = root.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attr), attr
    assert header.get("srclang") == "en" and header.get("creationdate") == "20231114T000000Z"
    langs = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in root.iter("tuv")}
    assert langs == {"en", "tr"}
    assert skipped == 3


def test_tmx_imports_the_same_pairs_back() -> None:
    bitext = read_tei(GOLDEN)
    data, _ = tmx_bytes(bitext)
    units = read_tmx(data)
    expected = [
        (link.id, " ".join(src), " ".join(tgt), link.type, f"{link.score:.3f}")
        for link, src, tgt in bitext.iter_pairs() if src and tgt
    ]
    got = [(u.tuid, u.texts["en"], u.texts["tr"], u.props[TYPE_PROP], u.props[SCORE_PROP]) for u in units]
    assert got == expected
    assert ("l2", "A & B said <hi>.", "A & B <hi> dedi.", "1-1", "0.812") in got
    assert any(u.texts["en"] == 'One long sentence, in three parts, "quoted".' for u in units)
    assert b"A &amp; B said &lt;hi&gt;." in data


def test_export_command_counts_left_out_links_and_guards_output(tmp_path: Path, tmx_dtd: etree.DTD, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    out = tmp_path / "out.tmx"
    result = CliRunner().invoke(cli, ["export", str(GOLDEN), "--to", "tmx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "exported 6 of 9 links; left out 3 unpaired (1-0/0-1 links, which TMX cannot hold)" in caplog.text
    assert tmx_dtd.validate(etree.parse(str(out)))
    assert len(read_tmx(out)) == 6
    again = CliRunner().invoke(cli, ["export", str(GOLDEN), "--to", "tmx", "-o", str(out)])
    assert again.exit_code != 0 and "--force" in again.output


def test_align_to_tmx_says_how_many_unpaired_sentences_it_left_out(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    result = CliRunner().invoke(cli, ["align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr",
                                      "--scorer", "lexical", "-o", str(tmp_path / "out.tmx")])
    assert result.exit_code == 0, result.output
    assert "left out 2 unpaired (1-0/0-1 links, which TMX cannot hold)" in caplog.messages


def test_tsv_has_one_row_per_link_with_the_five_columns() -> None:
    bitext = read_tei(GOLDEN)
    rows = [line.split("\t") for line in tsv_bytes(bitext).decode("utf-8").splitlines()]
    assert rows[0] == ["link_id", "source", "target", "type", "score"]
    assert len(rows) == 1 + len(bitext.links) and all(len(r) == 5 for r in rows)
    assert rows[3] == ["l3", "Dropped sentence.", "", "1-0", "0.200"]
    assert rows[6] == ["l6", 'One long sentence, in three parts, "quoted".', "Uzun bir cümle, üç parça, \"alıntı\".", "1-3", "0.610"]


def test_tsv_to_stdout() -> None:
    result = CliRunner().invoke(cli, ["export", str(GOLDEN), "--to", "tsv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "l1\tChapter One\tBirinci Bölüm\t1-1\t0.900"


def test_tmx_input_drops_control_characters_with_a_warning(tmp_path: Path, caplog) -> None:
    path = tmp_path / "ctl.tmx"
    path.write_bytes(b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header/><body>\n'
                     b'<tu><tuv xml:lang="en"><seg>Bell\x07 here</seg></tuv><tuv xml:lang="tr"><seg>Zil</seg></tuv></tu>'
                     b"</body></tmx>\n")
    units = read_tmx(path)
    assert units[0].texts == {"en": "Bell here", "tr": "Zil"}
    assert f"{path}:3: removed control character U+0007" in caplog.text


def test_not_tmx_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is not TMX"):
        read_tmx(GOLDEN)
