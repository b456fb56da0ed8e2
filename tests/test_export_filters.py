"""`bitext export` leaves out untrusted links on request (--min-score, --exclude-flagged,
--reviewed-only), says how many it kept and left out and why, and exports the translation's own
spelling (<orig>) unless --regularized, and corrections by hand (<corr>)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpora.model import Bitext, Document, Link

from align.flags import flag_bitext
from bitext_cli.main import cli
from glossary.io import load_glossary, starter_path
from glossary.match import Matcher
from tei.glossary_markup import names_extension
from tei.selection import Selection, select
from corpora.formats.tmx import read_tmx
from tei.writer import tei_bytes

SRC = ["Ежов пришёл в 1937 году.", "Он ушёл.", "Суд заседал.", "Приговор был готов.", "Всё."]
TGT = ["Ezhov came in 1938.", "He left.", "The court sat.", "The sentence was ready.", "That is all.", "Extra."]


@pytest.fixture
def aligned(tmp_path: Path) -> Path:
    """Five links: l1 a number mismatch (flagged), l2 low score, l3 checked by hand with a low
    aligner score, l4 and l5 good, l6 a 0-1; the target's "Ezhov" regularized to "Yezhov"."""
    src = Document.from_sentences("ru", [SRC], text_id="ru")
    tgt = Document.from_sentences("en", [TGT], text_id="en")
    links = [Link((0,), (0,), 0.9), Link((1,), (1,), 0.3), Link((2,), (2,), 0.2, resp="human"),
             Link((3,), (3,), 0.95), Link((4,), (4,), 0.9), Link((), (5,), 0.0)]
    bitext = flag_bitext(Bitext(src, tgt, links))
    assert [[f.kind for f in link.flags] for link in bitext.links] == [["number"], [], [], [], [], ["omission"]]
    path = tmp_path / "aligned.xml"
    path.write_bytes(tei_bytes(bitext, [names_extension(Matcher(load_glossary(starter_path())))]))
    assert b"<orig>Ezhov</orig><reg>Yezhov</reg>" in path.read_bytes()
    return path


def export(aligned: Path, out: Path, caplog, *options: str) -> str:
    caplog.clear()
    result = CliRunner().invoke(cli, ["export", str(aligned), "-o", str(out), "--force", *options])
    assert result.exit_code == 0, result.output
    return next(r.getMessage() for r in caplog.records if r.getMessage().startswith("exported"))


def tsv_rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]


def test_filters_and_counts(tmp_path: Path, aligned: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    out = tmp_path / "out.tsv"
    assert export(aligned, out, caplog, "--to", "tsv") == "exported 6 of 6 links"
    assert export(aligned, out, caplog, "--to", "tsv", "--min-score", "0.5") == (
        "exported 4 of 6 links; left out 2 scored below 0.5")
    assert [r[0] for r in tsv_rows(out)] == ["l1", "l3", "l4", "l5"]   # l3: checked by hand, trusted
    assert export(aligned, out, caplog, "--to", "tsv", "--exclude-flagged", "--min-score", "0.5") == (
        "exported 3 of 6 links; left out 2 flagged, 1 scored below 0.5")
    assert [r[0] for r in tsv_rows(out)] == ["l3", "l4", "l5"]
    assert export(aligned, out, caplog, "--to", "tsv", "--reviewed-only", "--exclude-flagged") == (
        "exported 1 of 6 links; left out 5 not checked by hand")
    assert [r[0] for r in tsv_rows(out)] == ["l3"]
    tmx = tmp_path / "out.tmx"
    assert export(aligned, tmx, caplog, "--to", "tmx", "--min-score", "0.5") == (
        "exported 4 of 6 links; left out 2 scored below 0.5")
    assert export(aligned, tmx, caplog, "--to", "tmx") == (
        "exported 5 of 6 links; left out 1 unpaired (1-0/0-1 links, which TMX cannot hold)")
    assert [u.tuid for u in read_tmx(tmx)] == ["l1", "l2", "l3", "l4", "l5"]


def test_the_translations_own_spelling_unless_regularized(tmp_path: Path, aligned: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    tmx = tmp_path / "out.tmx"
    export(aligned, tmx, caplog, "--to", "tmx")
    assert read_tmx(tmx)[0].texts == {"ru": SRC[0], "en": "Ezhov came in 1938."}
    export(aligned, tmx, caplog, "--to", "tmx", "--regularized")
    assert read_tmx(tmx)[0].texts["en"] == "Yezhov came in 1938."
    tsv = tmp_path / "out.tsv"
    export(aligned, tsv, caplog, "--to", "tsv")
    assert tsv_rows(tsv)[0][2] == "Ezhov came in 1938."


def test_corrections_by_hand_are_exported(tmp_path: Path, caplog) -> None:
    """A sentence corrected in the editor leaves as corrected (<corr>), with --regularized or not."""
    caplog.set_level(logging.INFO, logger="bitext")
    src = Document.from_sentences("en", [["One sentence."]], text_id="en")
    tgt = Document.from_sentences("de", [["Ein Satz."]], text_id="de")
    path = tmp_path / "a.xml"
    data = tei_bytes(Bitext(src, tgt, [Link((0,), (0,), 0.9)]))
    path.write_bytes(data.replace(b'<s xml:id="de.s1">Ein Satz.</s>',
                                  b'<s xml:id="de.s1"><choice><sic>Ein Satz.</sic>'
                                  b'<corr resp="#human">Ein Satz!</corr></choice></s>'))
    for extra in ((), ("--regularized",)):
        out = tmp_path / f"out{len(extra)}.tsv"
        export(path, out, caplog, "--to", "tsv", *extra)
        assert tsv_rows(out)[0][2] == "Ein Satz!"


def test_selection_reasons() -> None:
    links = [Link((0,), (0,), 0.1), Link((1,), (1,), 0.1, resp="human"), Link((2,), (2,), 0.9)]
    keep, left = select(links, Selection(min_score=0.5))
    assert keep == [False, True, True] and dict(left) == {"scored below 0.5": 1}
    keep, left = select(links, Selection())
    assert keep == [True, True, True] and not left
