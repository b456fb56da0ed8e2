"""Reading TEI back: byte-identical round trips, every link type, safe parsing, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora.errors import InputError
from corpora.model import Bitext, Document, Flag, Link, check_links
from tei.reader import read_tei, read_tei_sources
from tei.writer import tei_bytes
from tests.conftest import DATA

GOLDEN = DATA / "tei" / "every_link_type.tei.xml"


def every_link_type() -> Bitext:
    """A bitext with 1-1, 1-0, 0-1, 2-1, 1-3, 1-2 links, headings, and hand-checked links."""
    src = Document.from_sentences(
        "en",
        [["Chapter One"], ["A & B said <hi>.", "Dropped sentence.", "Two", "halves."],
         ["One long sentence, in three parts, \"quoted\"."], ["Last one.", "Split in", "two."]],
        kinds=["head", "p", "p", "p"],
    )
    tgt = Document.from_sentences(
        "tr",
        [["Birinci Bölüm"], ["A & B <hi> dedi.", "Eklenen cümle.", "İki yarım."],
         ["Uzun bir cümle,", "üç parça,", "\"alıntı\"."], ["Sonuncusu.", "İkiye bölünmüş."], ["Son ek."]],
        kinds=["head", "p", "p", "p", "p"],
    )
    links = [
        Link((0,), (0,), 0.9),
        Link((1,), (1,), 0.8123, resp="human"),
        Link((2,), (), 0.2, flags=(Flag("omission", "no counterpart in the translation"),)),
        Link((), (2,), 0.15),
        Link((3, 4), (3,), 0.7),
        Link((5,), (4, 5, 6), 0.61, resp="human"),
        Link((6,), (7,), 0.5),
        Link((7, 8), (8,), 0.55),
        Link((), (9,), 0.0),
    ]
    assert check_links(links, len(src), len(tgt)) == []
    meta = {"title": "Test bitext", "author": "A. Author", "translator": "T. Ranslator", "reviewer": "R. Eviewer",
            "licence": "CC BY 4.0", "licence_url": "https://creativecommons.org/licenses/by/4.0/",
            "doi": "10.1234/abc.5", "bibl": "Journal 1(2), 2020, pp. 1-10", "source_file": "en.txt",
            "source_sha256": "0" * 64, "signature": "scorer:lexical|max:4|seg:en-1,tr-1|v:0.1.0",
            "publisher": "An Archive", "pubplace": "Istanbul", "date": "2024", "idno": "MS 12",
            "edition": "First edition", "editor": "E. Ditor", "editor_role": "compiler"}
    return Bitext(src, tgt, links, meta)


def test_golden_file_is_what_the_writer_writes(regen: bool) -> None:
    data = tei_bytes(every_link_type())
    if regen:
        GOLDEN.write_bytes(data)
    assert data == GOLDEN.read_bytes()


def test_every_link_type_round_trips_byte_identically() -> None:
    original = GOLDEN.read_bytes()
    bitext = read_tei(GOLDEN)
    assert tei_bytes(bitext) == original
    assert [link.type for link in bitext.links] == ["1-1", "1-1", "1-0", "0-1", "2-1", "1-3", "1-1", "2-1", "0-1"]
    assert [link.resp for link in bitext.links][:2] == [None, "human"]
    assert bitext.links[1].score == pytest.approx(0.812)
    assert bitext.source.paragraphs[0].kind == "head"
    assert bitext.source.texts[1] == "A & B said <hi>."
    assert bitext.meta["translator"] == "T. Ranslator"
    assert bitext.links[2].flags == (Flag("omission", "no counterpart in the translation"),)


def test_golden_file_is_valid_tei(assert_valid_tei) -> None:
    root = assert_valid_tei(GOLDEN.read_bytes())
    assert root.find(".//{*}respStmt/{*}name[@{http://www.w3.org/XML/1998/namespace}id='human']") is not None


def test_round_trip_of_a_read_file_from_bytes() -> None:
    bitext = read_tei(GOLDEN.read_bytes())
    assert check_links(bitext.links, len(bitext.source), len(bitext.target)) == []


def _tei(body: str, links: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><group>
{body}</group></text><standOff><linkGrp type="alignment">{links}</linkGrp></standOff></TEI>""".encode()


TWO_TEXTS = ('<text xml:lang="en" xml:id="en"><body><p><s xml:id="e1">One.</s></p></body></text>'
             '<text xml:lang="tr" xml:id="tr"><body><p><s xml:id="t1">Bir.</s></p></body></text>')


@pytest.mark.parametrize(
    "data, message",
    [
        (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>", "not well-formed XML (line 1"),
        (_tei(""), "holds 0 <text>"),
        (_tei(TWO_TEXTS, '<link xml:id="l1" target="#e1 #t9"/>'), "link 'l1' points at '#t9', which is not in this file"),
        (b"<html><body/></html>", "is not TEI"),
        (_tei(TWO_TEXTS, '<link xml:id="l1" target="#e1 #t1" cert="high"/>'), "@cert='high'"),
    ],
)
def test_bad_tei_is_a_one_line_input_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_tei(path)
    text = str(err.value)
    assert "\n" not in text and text.startswith(str(path)) and message in text, text


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    data = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE TEI [<!ENTITY leak SYSTEM "file://{secret}">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p><s xml:id="x1">Hello &leak; world.</s></p></body></text></TEI>
""".encode()
    text, = read_tei_sources(data)
    assert text.blocks[0].segments and "TOP-SECRET" not in text.blocks[0].segments[0].text


def test_control_characters_are_removed_with_a_warning(tmp_path: Path, caplog) -> None:
    path = tmp_path / "ctl.xml"
    path.write_bytes(_tei(TWO_TEXTS.replace("One.", "O\x07ne."), '<link xml:id="l1" target="#e1 #t1"/>'))
    bitext = read_tei(path)
    assert bitext.source.texts == ["One."]
    assert f"{path}:3: removed control character U+0007" in caplog.text
