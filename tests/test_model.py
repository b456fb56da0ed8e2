"""The data model and the link invariants every aligner must keep."""

from __future__ import annotations

from corpora.beadfile import format_beads, links_from_beads, parse_beads
from corpora.model import Document, Link, check_links


def test_document_ids_and_paragraph_map() -> None:
    doc = Document.from_sentences("en", [["A.", "B."], ["C."]])
    assert [s.id for s in doc.segments] == ["en.s1", "en.s2", "en.s3"]
    assert doc.paragraph_of() == [0, 0, 1]
    assert [s.id for s in doc.relabel("en.src").segments] == ["en.src.s1", "en.src.s2", "en.src.s3"]


def test_check_links_finds_gaps_overlaps_and_bad_scores() -> None:
    good = [Link((0,), (0,)), Link((1, 2), ()), Link((), (1,))]
    assert check_links(good, 3, 2) == []
    assert check_links([Link((0,), (0,))], 2, 1) == ["links cover 1 source segments of 2"]
    bad = [Link((1,), (0,), 1.5), Link((0,), (1,))]
    problems = check_links(bad, 2, 2)
    assert any("out of order" in p for p in problems) and any("outside 0..1" in p for p in problems)


def test_bead_format_round_trip() -> None:
    text = "[0]:[0]\n[1, 2]:[1]\n[3]:[]\n[]:[2]\n"
    beads = parse_beads(text)
    assert beads[1] == ((1, 2), (1,))
    assert format_beads(links_from_beads(beads)) == text
    assert format_beads([Link((0,), (1, 2), 0.5)], with_score=True) == "[0]:[1, 2]:0.5000\n"
