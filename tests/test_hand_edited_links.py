"""A hand-edited aligned TEI whose sentences are not all in a link (a translator deleted one):
every command reads such a sentence as an unpaired 1-0/0-1 link, with a warning naming it, so no
export, review page or realignment loses its text without a word. And metadata files that give
one key twice (the last one silently won) are one-line errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from corpora.model import check_links
from tests.conftest import DATA, SAMPLE
from tests.test_outputs_safe import one_line_error, run

GOLDEN_TEI = DATA / "tei" / "every_link_type.tei.xml"
DELETED = '      <link xml:id="l7" type="1-1" target="#en.s7 #tr.s8" cert="0.500" resp="#bitext"/>\n'


def _without_l7(tmp_path: Path) -> Path:
    text = GOLDEN_TEI.read_text(encoding="utf-8")
    assert DELETED in text
    path = tmp_path / "edited.xml"
    path.write_text(text.replace(DELETED, ""), encoding="utf-8")
    return path


def test_a_sentence_in_no_link_is_read_as_an_unpaired_link_with_a_warning(tmp_path: Path, caplog) -> None:
    """Before: read as it was, its link list skipping it; every command left its text out."""
    from tei.reader import read_tei

    path = _without_l7(tmp_path)
    with caplog.at_level(logging.WARNING, logger="bitext"):
        bitext = read_tei(path)
    assert check_links(bitext.links, len(bitext.source.segments), len(bitext.target.segments)) == []
    assert [(link.src, link.tgt) for link in bitext.links][6:8] == [((6,), ()), ((), (7,))]
    assert f"{path}: 2 sentences in no link (en.s7, tr.s8): read as unpaired 1-0/0-1 links" in caplog.text


@pytest.mark.parametrize("args, words", [
    (["export", "--to", "tsv"], ["Last one.", "Sonuncusu."]),
    (["export", "--to", "beads"], ["[6]:[]", "[]:[7]"]),
    (["review"], ["Last one.", "Sonuncusu."]),
])
def test_no_command_loses_a_sentence_in_no_link(tmp_path: Path, args: list[str], words: list[str]) -> None:
    """Before: the TSV and beads had no row for en.s7 or tr.s8 ("exported 8 of 8 links"), and
    the review page did not show them."""
    result = run(*args, str(_without_l7(tmp_path)))
    assert result.exit_code == 0, result.output
    for word in words:
        assert word in result.output


@pytest.mark.parametrize("name, meta, words", [
    ("meta.json", '{"title": "A", "title": "B"}', "gives metadata key 'title' twice"),
    ("meta.json", '{"title": {"en": "A", "en": "B"}}', "gives metadata key 'en' twice"),
    ("meta.yaml", "title: A\ntitle: B\n", "line 2: gives metadata key 'title' twice"),
], ids=["json", "json-nested", "yaml"])
def test_a_metadata_key_given_twice_is_one_line(tmp_path: Path, name: str, meta: str, words: str) -> None:
    """Before: the last value was kept without a word."""
    path = tmp_path / name
    path.write_text(meta, encoding="utf-8")
    out = tmp_path / "out.xml"
    one_line_error(run("align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr",
                       "--scorer", "lexical", "--meta", str(path), "-o", str(out)), str(path), words)
    assert not out.exists()


def test_realign_names_the_file_whose_sentence_is_in_no_link(tmp_path: Path, caplog) -> None:
    """Before: realign's second reading (pipeline.aligned_input) read the file's bytes, and its
    warning named '<bytes>'."""
    path = _without_l7(tmp_path)
    with caplog.at_level(logging.WARNING, logger="bitext"):
        result = run("realign", str(path), "--scorer", "lexical", "-o", str(tmp_path / "out.xml"))
    assert result.exit_code == 0, result.output
    assert f"{path}: 2 sentences in no link (en.s7, tr.s8)" in caplog.text
    assert "<bytes>" not in caplog.text
