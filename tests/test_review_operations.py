"""Decisions files: version 2 (the editor's operation log) folds every kind of step into valid
TEI, text corrections keep the text as published; malformed logs are refused with one line;
and a version 1 file downloaded from the page before the editor still applies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from tei.decisions import FORMAT, document_hash
from tei.reader import read_tei

from test_review_apply import aligned, apply, refused, shape  # noqa: F401 (the fixture)

DATA = Path(__file__).resolve().parent / "data" / "review"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}


def v2_file(path: Path, aligned: Path, operations: list[dict]) -> Path:
    doc = {"format": FORMAT, "version": 2, "document": document_hash(read_tei(aligned)), "operations": operations}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def step(op: str, links: list[str], *into: tuple[str, list[int], list[int]], **extra) -> dict:
    return {"op": op, **extra, "links": links, "into": [{"id": i, "source": s, "target": t} for i, s, t in into]}


def test_every_step_kind(tmp_path: Path, aligned: Path, assert_valid_tei) -> None:
    # The test bitext (test_review_apply): l1..l5 1-1, l6 = [5]:[5,6], l7 = [6]:[7], l8 = [7,8]:[8], l9 = []:[9]
    ops = [
        step("move", ["l6", "l7"], ("l6", [5], [5]), ("l7", [6], [6, 7]), side="target", to="next"),
        step("omission", ["l8"], ("l8.1", [7], []), ("l8", [8], [8]), side="source"),
        step("pair", ["l8", "l9"], ("l8", [8], [8, 9])),
        step("merge", ["l1", "l2"], ("l1", [0, 1], [0, 1])),
        step("split", ["l1"], ("l1.1", [0], [0]), ("l1.2", [1], [1]), source=1, target=1),
        step("accept", ["l4"], ("l4", [3], [3])),
        step("reject", ["l5"], ("l5.1", [4], []), ("l5.2", [], [4])),
        {"op": "edit", "side": "target", "texts": {"2": "Trois  vient\nvite."}},
        {"op": "edit", "side": "source", "texts": {"0": "One!"}},
        {"op": "edit", "side": "source", "texts": {"0": "One."}},  # back to the original: no correction
    ]
    out = tmp_path / "fixed.xml"
    result = apply(aligned, v2_file(tmp_path / "d.json", aligned, ops), out)
    assert result.exit_code == 0, result.output
    root = assert_valid_tei(out.read_bytes())
    fixed = read_tei(out)
    assert shape(fixed) == [
        ("l1.1", (0,), (0,), "human"), ("l1.2", (1,), (1,), "human"),
        ("l3", (2,), (2,), None),
        ("l4", (3,), (3,), "human"),
        ("l5.1", (4,), (), "human"), ("l5.2", (), (4,), "human"),
        ("l6", (5,), (5,), "human"), ("l7", (6,), (6, 7), "human"),
        ("l8.1", (7,), (), "human"), ("l8", (8,), (8, 9), "human"),
    ]
    assert fixed.links[3].score == pytest.approx(0.7) and fixed.links[3].flags == ()  # accepted: score kept
    assert fixed.links[0].score == 1.0
    assert fixed.target.texts[2] == "Trois vient vite." and fixed.source.texts[0] == "One."
    s = root.xpath("//t:s[@xml:id='fr.s3']", namespaces=TEI)[0]
    assert s.xpath("t:choice/t:sic/text()", namespaces=TEI) == ["Trois vient."]
    assert s.xpath("t:choice/t:corr[@resp='#human']/text()", namespaces=TEI) == ["Trois vient vite."]
    assert root.xpath("//t:s[@xml:id='en.s1']/text()", namespaces=TEI) == ["One."]
    assert root.xpath("//t:editorialDecl[@n='corrections']/t:correction/t:p/text()", namespaces=TEI) == [
        '1 sentence corrected by hand: <sic> holds the text as published, <corr resp="#human"> the correction.']
    changes = root.xpath("//t:revisionDesc/t:change/text()", namespaces=TEI)
    assert changes[0] == "Alignment reviewed by hand: 10 operations applied with bitext, 1 sentence corrected."


def test_a_link_a_step_passes_over_stays_as_it_was(tmp_path: Path, aligned: Path) -> None:
    """Pairing an omission with a sentence two links away names the link between; it is not
    changed, so it keeps who made it, its score and its flags (unless the step is an accept)."""
    ops = [step("pair", ["l4", "l5"], ("l4", [3], [3]), ("l5", [4], [4]), side="target", to="next")]
    out = tmp_path / "fixed.xml"
    assert apply(aligned, v2_file(tmp_path / "d.json", aligned, ops), out).exit_code == 0
    l4 = read_tei(out).links[3]
    assert (l4.resp, l4.score, [f.kind for f in l4.flags]) == (None, pytest.approx(0.7), ["number"])
    ops = [step("accept", ["l4"], ("l4", [3], [3]))]
    assert apply(aligned, v2_file(tmp_path / "d2.json", aligned, ops), tmp_path / "accepted.xml").exit_code == 0
    l4 = read_tei(tmp_path / "accepted.xml").links[3]
    assert (l4.resp, l4.score, l4.flags) == ("human", pytest.approx(0.7), ())


def test_a_correction_text_only_declares_the_reviewer(tmp_path: Path, aligned: Path, assert_valid_tei) -> None:
    ops = [{"op": "edit", "side": "source", "texts": {"8": "Nine, at last."}}]
    out = tmp_path / "fixed.xml"
    assert apply(aligned, v2_file(tmp_path / "d.json", aligned, ops), out, "--reviewer", "A. T.").exit_code == 0
    root = assert_valid_tei(out.read_bytes())
    assert root.xpath("//t:respStmt[t:resp='text corrected by hand']/t:name[@xml:id='human']/text()",
                      namespaces=TEI) == ["A. T."]
    assert all(link.resp is None for link in read_tei(out).links)


@pytest.mark.parametrize("operations, expected", [
    ("x", "has no \"operations\" list"),
    ([1], "operation 1 is not an object"),
    ([{"op": "shuffle"}], "operation 1 has op 'shuffle'"),
    ([{"op": "merge", "links": [], "into": []}], "operation 1 (merge) needs \"links\""),
    ([{"op": "merge", "links": ["l1"]}], "operation 1 (merge) needs \"into\""),
    ([{"op": "merge", "links": ["l1"], "into": [{"source": [0]}]}], "each link of \"into\" needs an \"id\""),
    ([step("merge", ["l1", "l3"], ("l1", [0, 2], [0, 2]))], "links l1, l3 are not consecutive"),
    ([step("merge", ["l1", "l99"], ("l1", [0], [0]))], "names link 'l99', which is not in the alignment"),
    ([step("merge", ["l1", "l2"], ("l1", [0, 1], [0]))], "hold target sentences [0], not the [0, 1]"),
    ([step("split", ["l1"], ("l1", [0], []), ("l1", [], [0]))], "link id 'l1' would occur twice"),
    ([step("split", ["l1"], ("l2", [0], []), ("l1", [], [0]))], "link id 'l2' would occur twice"),
    ([step("split", ["l1"], ("a", [], []), ("b", [0], [0]))], "a new link holds no sentence"),
    ([{"op": "edit", "side": "middle", "texts": {"0": "x"}}], "needs \"side\""),
    ([{"op": "edit", "side": "source", "texts": {"0": "  "}}], "a text that is not empty"),
    ([{"op": "edit", "side": "source", "texts": {"9": "x"}}], "names source sentence 9; the text has 9"),
    ([step("accept", ["l1"], ("l1", [0], [0])), step("accept", ["l1"], ("l1", [1], [1]))],
     "operation 2 (accept): the new links hold source sentences [1], not the [0]"),
])
def test_malformed_logs_are_refused(tmp_path: Path, aligned: Path, operations, expected: str) -> None:
    dec = tmp_path / "d.json"
    doc = {"format": FORMAT, "version": 2, "document": document_hash(read_tei(aligned)), "operations": operations}
    dec.write_text(json.dumps(doc), encoding="utf-8")
    message = refused(tmp_path, aligned, dec)
    assert expected in message and "d.json" in message


def test_decisions_from_the_page_before_the_editor_still_apply(tmp_path: Path) -> None:
    """juhis-lexical.v1-decisions.json was downloaded from the review page as it was before the
    editor (accept l1, merge l7 with l8, reject l10, accept l12) for juhis-lexical.tei.xml."""
    out = tmp_path / "fixed.xml"
    result = CliRunner().invoke(cli, ["-q", "apply-review", str(DATA / "juhis-lexical.tei.xml"),
                                      str(DATA / "juhis-lexical.v1-decisions.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert shape(read_tei(out)) == [
        ("l1", (0,), (0,), "human"), ("l2", (1,), (1,), None), ("l3", (2,), (2,), None), ("l4", (3,), (3,), None),
        ("l5", (4,), (4,), None), ("l6", (5,), (5,), None), ("l7", (), (6, 7), "human"), ("l9", (6,), (8,), None),
        ("l10.1", (7,), (), "human"), ("l10.2", (), (9,), "human"), ("l11", (8,), (10,), None),
        ("l12", (9,), (11,), "human")]


@pytest.mark.parametrize("ops", [
    [step("accept", ["l4"], ("l4", [3], [3]))],
    [{"op": "edit", "side": "source", "texts": {"8": "Nine, at last."}}],
])
def test_the_review_is_recorded_as_the_reviewers_change(tmp_path: Path, aligned: Path, ops, assert_valid_tei) -> None:
    """The revision entry of a review (version 2, the editor's log) names the person who made it,
    `#human`, as a version 1 file's does: it was written `#bitext`, the aligner's."""
    out = tmp_path / "fixed.xml"
    assert apply(aligned, v2_file(tmp_path / "d.json", aligned, ops), out, "--reviewer", "A. T.").exit_code == 0
    root = assert_valid_tei(out.read_bytes())
    change = root.xpath("//t:revisionDesc/t:change", namespaces=TEI)[0]
    assert change.get("who") == "#human"
    assert change.text.startswith("Alignment reviewed by hand: 1 operation applied with bitext")  # not "1 operations"
    assert root.xpath("//t:respStmt/t:name[@xml:id='human']/text()", namespaces=TEI) == ["A. T."]


def test_one_correction_is_reported_as_one_sentence(tmp_path: Path, aligned: Path, caplog) -> None:
    """stderr after apply-review says "1 sentence corrected", not "1 sentences corrected"."""
    import logging

    caplog.set_level(logging.INFO, logger="bitext")
    ops = [{"op": "edit", "side": "source", "texts": {"0": "One!"}}]
    result = CliRunner().invoke(cli, ["apply-review", str(aligned), str(v2_file(tmp_path / "d.json", aligned, ops)),
                                      "-o", str(tmp_path / "fixed.xml")])
    assert result.exit_code == 0, result.output
    said = [r.getMessage() for r in caplog.records if "corrected" in r.getMessage()]
    assert said == ["applied decisions: 9 links now, 2 still flagged, 1 sentence corrected"]
