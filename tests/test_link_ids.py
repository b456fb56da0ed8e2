"""A link's id where the file has none: `l<position>`, unless another link of the file has that
one already (a file numbered or cut by hand), then `l<position>.2` (corpora.model.link_ids);
the writer, the review page, both decisions formats and the glossary check name it alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpora.model import Link, link_ids

from bitext_cli.main import cli
from tei.decisions import FORMAT, document_hash
from tei.pairs import text_pairs
from tei.reader import read_tei
from tei.review_html import page_data
from tei.writer import tei_bytes

from test_review_apply import bitext

L6 = '<link xml:id="l6" type="1-2" target="#en.s6 #fr.s6 #fr.s7" cert="0.600" resp="#bitext"/>'
CUT = ('<link xml:id="l6" type="1-1" target="#en.s6 #fr.s6" cert="0.600" resp="#bitext"/>'
       '<link type="0-1" target="#fr.s7" cert="1.000" resp="#bitext"/>')


@pytest.fixture
def cut_by_hand(tmp_path: Path) -> Path:
    """The test bitext (test_review_apply) with l6 (1-2) cut in two by hand, the new link given
    no xml:id: it stands seventh, where l7 follows it."""
    data = tei_bytes(bitext()).decode()
    assert L6 in data
    path = tmp_path / "cut.xml"
    path.write_text(data.replace(L6, CUT), encoding="utf-8")
    return path


def test_link_ids() -> None:
    assert link_ids([Link((0,), ()), Link((1,), (), id="x"), Link((2,), ())]) == ["l1", "x", "l3"]
    assert link_ids([Link((0,), ()), Link((1,), (), id="l1"), Link((2,), (), id="l1.2")]) == ["l1.3", "l1", "l1.2"]
    assert link_ids([Link((0,), (), id=""), Link((1,), (), id="l1")]) == ["l1.2", "l1"]


def test_the_link_a_hand_cut_left_without_id_has_one_of_its_own(cut_by_hand: Path, assert_valid_tei) -> None:
    read = read_tei(cut_by_hand)
    assert [link.id for link in read.links][5:8] == ["l6", None, "l7"]
    root = assert_valid_tei(tei_bytes(read))   # no duplicate xml:id
    written = root.xpath("//t:linkGrp/t:link/@xml:id", namespaces={"t": "http://www.tei-c.org/ns/1.0"})
    assert written[5:8] == ["l6", "l7.2", "l7"]
    assert [row[0] for row in page_data(read, "cut.xml")["links"]] == written
    assert [pair.link_id for pair in text_pairs(read)] == written


def test_the_editor_can_accept_it(tmp_path: Path, cut_by_hand: Path) -> None:
    """The page names it l7.2; an accept of it changes it, not l7."""
    read = read_tei(cut_by_hand)
    ops = [{"op": "accept", "links": ["l7.2"], "into": [{"id": "l7.2", "source": [], "target": [6]}]}]
    dec = tmp_path / "d.json"
    dec.write_text(json.dumps({"format": FORMAT, "version": 2, "document": document_hash(read),
                               "operations": ops}), encoding="utf-8")
    out = tmp_path / "fixed.xml"
    result = CliRunner().invoke(cli, ["-q", "apply-review", str(cut_by_hand), str(dec), "-o", str(out)])
    assert result.exit_code == 0, result.output
    fixed = read_tei(out)
    assert [(link.id, link.resp) for link in fixed.links][5:8] == [("l6", None), ("l7.2", "human"), ("l7", None)]


def test_a_version_1_decision_on_it_applies_to_it(tmp_path: Path, cut_by_hand: Path) -> None:
    read = read_tei(cut_by_hand)
    dec = tmp_path / "d.json"
    dec.write_text(json.dumps({"format": FORMAT, "version": 1, "document": document_hash(read),
                               "decisions": [{"link": "l7.2", "action": "accept"}]}), encoding="utf-8")
    out = tmp_path / "fixed.xml"
    result = CliRunner().invoke(cli, ["-q", "apply-review", str(cut_by_hand), str(dec), "-o", str(out)])
    assert result.exit_code == 0, result.output
    fixed = read_tei(out)
    assert [(link.id, link.resp) for link in fixed.links][5:8] == [("l6", None), ("l7.2", "human"), ("l7", None)]
