"""`bitext apply-review`: every decision type folds into valid TEI; wrong or malformed decision
files are refused with a one-line error, leaving the input untouched and no output behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpora.model import Bitext, Document, Link

from align.flags import flag_bitext
from bitext_cli.main import cli
from tei.decisions import FORMAT, document_hash
from tei.reader import read_tei
from tei.writer import tei_bytes

SRC = ["One.", "Two is here.", "Three comes now.", "Four in 1937.", "Five.", "Six and more.",
       "Seven.", "Eight.", "Nine at last."]
TGT = ["Un.", "Deux est là.", "Trois vient.", "Quatre en 1938.", "Cinq.", "Six.", "Et plus.",
       "Sept.", "Huit et neuf.", "Dix en trop."]


def bitext() -> Bitext:
    """Links of every shape: 1-1, a 1-2, a 2-1, a 0-1 and a number mismatch."""
    src = Document.from_sentences("en", [SRC], text_id="en")
    tgt = Document.from_sentences("fr", [TGT], text_id="fr")
    links = [Link((0,), (0,), 0.9), Link((1,), (1,), 0.8), Link((2,), (2,), 0.85), Link((3,), (3,), 0.7),
             Link((4,), (4,), 0.9), Link((5,), (5, 6), 0.6), Link((6,), (7,), 0.9), Link((7, 8), (8,), 0.5),
             Link((), (9,), 0.0)]
    return flag_bitext(Bitext(src, tgt, links))


@pytest.fixture
def aligned(tmp_path: Path) -> Path:
    path = tmp_path / "aligned.xml"
    path.write_bytes(tei_bytes(bitext()))
    return path


def decisions_file(path: Path, aligned: Path, decisions: list[dict], document: str | None = None) -> Path:
    doc = {"format": FORMAT, "version": 1, "document": document or document_hash(read_tei(aligned)),
           "decisions": decisions}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def apply(aligned: Path, decisions: Path, out: Path, *extra: str):
    return CliRunner().invoke(cli, ["-q", "apply-review", str(aligned), str(decisions), "-o", str(out), *extra])


def shape(b: Bitext) -> list[tuple[str, tuple, tuple, str | None]]:
    return [(link.id, link.src, link.tgt, link.resp) for link in b.links]


def test_every_decision_type(tmp_path: Path, aligned: Path, assert_valid_tei) -> None:
    before = read_tei(aligned)
    assert [f.kind for f in before.links[3].flags] == ["number"]
    dec = decisions_file(tmp_path / "d.json", aligned, [
        {"link": "l4", "action": "accept"},
        {"link": "l2", "action": "reject"},
        {"link": "l5", "action": "merge"},
        {"link": "l6", "action": "merge"},
        {"link": "l8", "action": "split", "source": 1, "target": 0},
    ])
    out = tmp_path / "fixed.xml"
    result = apply(aligned, dec, out, "--reviewer", "A. Translator")
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    root = assert_valid_tei(data)
    fixed = read_tei(data)
    assert shape(fixed) == [
        ("l1", (0,), (0,), None),
        ("l2.1", (1,), (), "human"), ("l2.2", (), (1,), "human"),          # rejected
        ("l3", (2,), (2,), None),
        ("l4", (3,), (3,), "human"),                                        # accepted
        ("l5", (4, 5, 6), (4, 5, 6, 7), "human"),                           # l5 + l6 + l7 merged
        ("l8.1", (7,), (), "human"), ("l8.2", (8,), (8,), "human"),         # split
        ("l9", (), (9,), None),
    ]
    assert fixed.links[4].flags == ()                  # the accepted number mismatch is resolved
    assert [f.kind for f in fixed.links[8].flags] == ["omission"]  # untouched links keep theirs
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert root.xpath("//t:respStmt/t:name[@xml:id='human']/text()", namespaces=ns) == ["A. Translator"]
    changes = root.xpath("//t:revisionDesc/t:change/text()", namespaces=ns)
    assert changes[0] == "Alignment reviewed by hand: 5 decisions applied with bitext."
    assert fixed.links[4].score == pytest.approx(0.7)  # accepting keeps the aligner's score


def test_reject_of_many_sentences_and_undo_by_later_decision(tmp_path: Path, aligned: Path) -> None:
    dec = decisions_file(tmp_path / "d.json", aligned, [
        {"link": "l1", "action": "reject"}, {"link": "l1", "action": "accept"},  # the later one wins
        {"link": "l6", "action": "reject"},
    ])
    out = tmp_path / "fixed.xml"
    assert apply(aligned, dec, out).exit_code == 0
    fixed = read_tei(out)
    assert shape(fixed)[0] == ("l1", (0,), (0,), "human")
    assert [s for s in shape(fixed) if s[0].startswith("l6")] == [
        ("l6.1", (5,), (), "human"), ("l6.2", (), (5,), "human"), ("l6.3", (), (6,), "human")]


def test_apply_twice_with_new_decisions(tmp_path: Path, aligned: Path) -> None:
    """A fixed file is a new document: its own review decisions apply to it."""
    out = tmp_path / "fixed.xml"
    assert apply(aligned, decisions_file(tmp_path / "d1.json", aligned, [{"link": "l3", "action": "merge"}]), out).exit_code == 0
    again = tmp_path / "again.xml"
    dec2 = decisions_file(tmp_path / "d2.json", out, [{"link": "l3", "action": "split", "source": 1, "target": 1}])
    assert apply(out, dec2, again).exit_code == 0
    assert shape(read_tei(again))[2:4] == [("l3.1", (2,), (2,), "human"), ("l3.2", (3,), (3,), "human")]


def refused(tmp_path: Path, aligned: Path, dec: Path) -> str:
    before = aligned.read_bytes()
    out = tmp_path / "fixed.xml"
    result = apply(aligned, dec, out)
    assert result.exit_code == 1
    assert aligned.read_bytes() == before
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".fixed.xml")]
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def test_decisions_for_another_document_are_refused(tmp_path: Path, aligned: Path) -> None:
    other = bitext()
    other.links[0] = Link((0,), (0,), 0.9, id="l1")
    other_doc = Bitext(other.source, Document.from_sentences("fr", [["Autre."] + TGT[1:]], text_id="fr"), other.links)
    dec = decisions_file(tmp_path / "d.json", aligned, [{"link": "l1", "action": "accept"}],
                         document=document_hash(other_doc))
    message = refused(tmp_path, aligned, dec)
    assert "d.json: was made for another document" in message


@pytest.mark.parametrize("content, expected", [
    ("{not json", "is not a decisions file (JSON error at line 1"),
    ("[1, 2]", "is not a decisions file (no \"format\""),
    (b"\xff\xfe\x00", "not UTF-8"),
    ({"decisions": "x"}, "has no \"decisions\" list"),
    ({"decisions": [{"link": "l1", "action": "approve"}]}, "decision 1 (link l1) has action 'approve'"),
    ({"decisions": [{"action": "accept"}]}, "decision 1 is not an object with a \"link\" id"),
    ({"decisions": [{"link": "l99", "action": "accept"}]}, "decision for link 'l99', which is not in the document"),
    ({"decisions": [{"link": "l8", "action": "split", "source": 2, "target": 1}]}, "cannot split link l8 (2-1)"),
    ({"decisions": [{"link": "l8", "action": "split", "source": "1"}]}, "needs whole numbers"),
    ({"decisions": [{"link": "l9", "action": "merge"}]}, "link l9 is the last link"),
    ({"decisions": [{"link": "l1", "action": "merge"}, {"link": "l2", "action": "reject"}]},
     "link l2 is merged into l1 and also has the decision 'reject'"),
])
def test_malformed_decisions_are_refused(tmp_path: Path, aligned: Path, content, expected: str) -> None:
    dec = tmp_path / "d.json"
    if isinstance(content, dict):
        decisions_file(dec, aligned, content["decisions"])
    else:
        dec.write_bytes(content if isinstance(content, bytes) else content.encode())
    message = refused(tmp_path, aligned, dec)
    assert expected in message
    assert "d.json" in message


def test_wrong_version_and_existing_output(tmp_path: Path, aligned: Path) -> None:
    dec = tmp_path / "d.json"
    dec.write_text(json.dumps({"format": FORMAT, "version": 7, "document": "x", "decisions": []}))
    assert "decisions format version 7" in refused(tmp_path, aligned, dec)
    ok = decisions_file(tmp_path / "ok.json", aligned, [])
    out = tmp_path / "exists.xml"
    out.write_text("keep")
    result = apply(aligned, ok, out)
    assert result.exit_code == 1 and "already exists" in result.output and out.read_text() == "keep"
    result = apply(aligned, ok, aligned, "--force")
    assert result.exit_code == 1 and "overwrite an input" in result.output


def test_links_a_reject_makes_take_no_id_the_file_has(assert_valid_tei) -> None:
    """Rejecting `l1` names its pieces `l1.1`, `l1.2`: where the file has those already (a link
    realigned beside a kept `l1`, a sentence kept from an input) the pieces get `.2` after them
    instead of failing ("duplicate xml:id 'l1.2'")."""
    from tei.decisions import Decision, apply_decisions

    src = Document.from_sentences("en", [["One.", "Two."]])
    tgt = Document.from_sentences("tr", [["Bir.", "İki."]], ids=[["tr.s1", "l1.2"]])
    bitext = Bitext(src, tgt, [Link((0,), (0,), id="l1"), Link((1,), (1,), id="l1.1")])
    fixed = apply_decisions(bitext, [Decision("l1", "reject")])
    assert [link.id for link in fixed.links] == ["l1.1.2", "l1.2.2", "l1.1"]
    assert_valid_tei(tei_bytes(fixed))
