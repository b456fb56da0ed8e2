"""Each person who reviews a file keeps their own id: the first `#human`, a different later
reviewer a new one declared beside it, pointed at by the links and changes of their review
only; the same person reviewing again reuses theirs; reading the file back keeps them all."""

from __future__ import annotations

from pathlib import Path

from tei.reader import read_tei
from tei.review_html import page_data
from tei.writer import tei_bytes

from test_review_apply import aligned, apply  # noqa: F401 (the fixture)
from test_review_operations import step, v2_file

TEI = {"t": "http://www.tei-c.org/ns/1.0"}


def review(tmp_path: Path, given: Path, name: str, *ops: dict) -> Path:
    out = tmp_path / f"by-{name[0]}-{len(list(tmp_path.iterdir()))}.xml"
    result = apply(given, v2_file(tmp_path / f"d-{out.stem}.json", given, list(ops)), out, "--reviewer", name)
    assert result.exit_code == 0, result.output
    return out


def people(root) -> list[tuple[str, str, str]]:
    return [(r.findtext("t:resp", namespaces=TEI), n.get("{http://www.w3.org/XML/1998/namespace}id"), n.text)
            for r in root.iterfind("t:teiHeader/t:fileDesc/t:titleStmt/t:respStmt", TEI)
            for n in r.iterfind("t:name", TEI)]


def test_a_second_reviewer_gets_an_id_of_their_own(tmp_path: Path, aligned: Path, assert_valid_tei) -> None:  # noqa: F811
    by_a = review(tmp_path, aligned, "A. One", step("accept", ["l4"], ("l4", [3], [3])))
    first = by_a.read_bytes()
    by_b = review(tmp_path, by_a, "B. Two", step("merge", ["l1", "l2"], ("l1", [0, 1], [0, 1])),
                  {"op": "edit", "side": "target", "texts": {"2": "Trois vient vite."}})
    data = by_b.read_bytes()
    root = assert_valid_tei(data)
    assert people(root)[1:] == [("alignment checked by hand", "human", "A. One"),  # in id order, not their links'
                                ("alignment checked by hand", "human2", "B. Two")]
    back = read_tei(data)
    assert {link.id: link.resp for link in back.links if link.resp} == {"l1": "human2", "l4": "human"}
    assert [c.get("who") for c in root.iterfind(".//t:revisionDesc/t:change", TEI)] == ["#human2", "#human", "#bitext"]
    assert root.xpath("//t:corr/@resp", namespaces=TEI) == ["#human2"]
    assert back.meta["reviewer"] == "A. One" and tei_bytes(back) == data
    assert [row[-1] for row in page_data(back, "x")["links"][:4]] == ["human", None, "human", None]
    # the first review alone is written as before: one reviewer, #human
    assert people(assert_valid_tei(first))[1:] == [("alignment checked by hand", "human", "A. One")]
    # each reviewing again reuses their id
    again = review(tmp_path, by_b, "A. One", step("accept", ["l5"], ("l5", [4], [4])))
    again = review(tmp_path, again, "B. Two", step("accept", ["l7"], ("l7", [6], [7])))
    root = assert_valid_tei(again.read_bytes())
    assert [n for _, n, _ in people(root)[1:]] == ["human", "human2"]
    assert {link.id: link.resp for link in read_tei(again).links if link.resp} == {
        "l1": "human2", "l4": "human", "l5": "human", "l7": "human2"}


def test_a_second_reviewer_of_a_version_1_decisions_file_too(tmp_path: Path, aligned: Path, assert_valid_tei) -> None:  # noqa: F811
    """The page's decisions before the editor (version 1) record their reviewer the same way."""
    from test_review_apply import decisions_file

    by_a = review(tmp_path, aligned, "A. One", step("accept", ["l4"], ("l4", [3], [3])))
    out = tmp_path / "by-b.xml"
    dec = decisions_file(tmp_path / "d1.json", by_a, [{"link": "l1", "action": "accept"}])
    assert apply(by_a, dec, out, "--reviewer", "B. Two").exit_code == 0
    root = assert_valid_tei(out.read_bytes())
    assert [n for _, n, _ in people(root)[1:]] == ["human", "human2"]
    assert {link.id: link.resp for link in read_tei(out).links if link.resp} == {"l1": "human2", "l4": "human"}


def corrections_notes(root) -> list[str]:
    return [p.text for p in root.iterfind(".//t:encodingDesc/t:editorialDecl[@n='corrections']/t:correction/t:p", TEI)]


def test_one_corrections_note_counts_every_reviewers_corrections(tmp_path: Path, aligned: Path,  # noqa: F811
                                                                 assert_valid_tei) -> None:
    """Each review wrote a note of its own corrections only: two notes, each naming one id."""
    by_a = review(tmp_path, aligned, "A. One", {"op": "edit", "side": "target", "texts": {"2": "Trois vient vite."}})
    assert corrections_notes(assert_valid_tei(by_a.read_bytes())) == [
        '1 sentence corrected by hand: <sic> holds the text as published, <corr resp="#human"> the correction.']
    by_b = review(tmp_path, by_a, "B. Two", {"op": "edit", "side": "target", "texts": {"3": "Quatre en 1937."}},
                  {"op": "edit", "side": "source", "texts": {"0": "One!"}})
    data = by_b.read_bytes()
    root = assert_valid_tei(data)
    assert corrections_notes(root) == [
        '3 sentences corrected by hand: <sic> holds the text as published, <corr> the correction, '
        'its @resp who made it: #human (1 sentence), #human2 (2 sentences).']
    assert tei_bytes(read_tei(data)) == data


def test_a_reviewer_named_in_the_metadata_is_kept_beside_the_one_who_reviews(tmp_path: Path,  # noqa: F811
                                                                             assert_valid_tei) -> None:
    """--meta named M. Eta to check the links; A. One reviewed instead: A. One took #human and
    M. Eta was gone from the header. Both are kept: the links point at the one who checked them."""
    from dataclasses import replace

    from test_review_apply import bitext

    given = tmp_path / "meta.xml"
    given.write_bytes(tei_bytes(replace(bitext(), meta={"reviewer": "M. Eta"})))
    assert people(assert_valid_tei(given.read_bytes()))[1:] == [("checking of the alignment by hand", "human", "M. Eta")]
    by_a = review(tmp_path, given, "A. One", step("accept", ["l4"], ("l4", [3], [3])))
    data = by_a.read_bytes()
    root = assert_valid_tei(data)
    assert people(root)[1:] == [("checking of the alignment by hand", "human", "M. Eta"),
                                ("alignment checked by hand", "human2", "A. One")]
    back = read_tei(data)
    assert {link.id: link.resp for link in back.links if link.resp} == {"l4": "human2"}
    assert back.meta["reviewer"] == "M. Eta" and tei_bytes(back) == data
    by_m = review(tmp_path, by_a, "M. Eta", step("accept", ["l5"], ("l5", [4], [4])))  # M. Eta checks at last
    root = assert_valid_tei(by_m.read_bytes())
    assert people(root)[1:] == [("alignment checked by hand", "human", "M. Eta"),
                                ("alignment checked by hand", "human2", "A. One")]
    assert {link.id: link.resp for link in read_tei(by_m).links if link.resp} == {"l4": "human2", "l5": "human"}
