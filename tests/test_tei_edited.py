"""bitext's own aligned files edited by hand: text an archivist typed between `<s>` (or in a
`<p>` of no sentence) is never lost by the commands that read such a file back."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext_cli.main import cli
from align.fixed import carried
from corpora.model import Bitext, Document, Link, Paragraph, Segment
from tei.decisions import FORMAT, document_hash
from tei.names import TEI_NS, XML_ID
from tei.reader import read_tei
from tei.writer import tei_bytes

EN = "The cat sat on the mat. It was happy.\n\nThe dog barked loudly. Nobody came.\n"
DE = "Die Katze saß auf der Matte. Sie war glücklich.\n\nDer Hund bellte laut. Niemand kam.\n"
PURRED = "\n            It purred <hi>softly</hi>.\n"


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output


def warned(caplog: pytest.LogCaptureFixture, *args: str) -> list[str]:
    """The warnings of a command."""
    caplog.clear()
    caplog.set_level(logging.INFO, logger="bitext")
    run(*args)
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


@pytest.fixture
def aligned(tmp_path: Path) -> Path:
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "de.txt").write_text(DE, encoding="utf-8")
    out = tmp_path / "out.xml"
    run("-q", "align", str(tmp_path / "en.txt"), str(tmp_path / "de.txt"), "-s", "en", "-t", "de",
        "--scorer", "lexical", "-o", str(out))
    return out


def edit(aligned: Path) -> Path:
    """The file with text typed between two sentences, after the last one, and a new paragraph."""
    text = aligned.read_text(encoding="utf-8")
    text = text.replace('The cat sat on the mat.</s>\n', 'The cat sat on the mat.</s>' + PURRED, 1)
    text = text.replace("Niemand kam.</s>\n", "Niemand kam.</s> Das war alles.\n", 1)
    text = text.replace("          </p>\n        </body>\n      </text>\n      <text",
                        "          </p>\n          <p>A new paragraph.</p>\n        </body>\n      </text>\n      <text", 1)
    edited = aligned.with_name("edited.xml")
    edited.write_text(text, encoding="utf-8")
    return edited


def test_rewriting_an_edited_file_keeps_its_text_byte_for_byte(aligned: Path, tmp_path: Path) -> None:
    """apply-review (and the editor's Save, glossary apply, check -o: all read_tei + write) keeps
    the loose text in its place; the blocks holding it come out as they were typed."""
    edited = edit(aligned)
    dec = tmp_path / "d.json"
    dec.write_text(json.dumps({"format": FORMAT, "version": 1, "document": document_hash(read_tei(edited)),
                               "decisions": []}))
    out = tmp_path / "reviewed.xml"
    run("-q", "apply-review", str(edited), str(dec), "-o", str(out))
    data = out.read_text(encoding="utf-8")
    assert 'The cat sat on the mat.</s>' + PURRED in data
    assert "Niemand kam.</s> Das war alles.\n" in data
    assert "<p>A new paragraph.</p>" in data
    text = edited.read_text(encoding="utf-8")
    start, end = text.index("<body>"), text.rindex("</body>")
    assert data[data.index("<body>"):data.rindex("</body>")] == text[start:end]
    glossed = tmp_path / "glossed.xml"
    run("-q", "glossary", "apply", str(out), "-o", str(glossed))
    assert "It purred <hi>softly</hi>." in glossed.read_text(encoding="utf-8")


def test_export_says_what_it_leaves_out(aligned: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    edited = edit(aligned)
    assert warned(caplog, "export", str(edited), "--to", "tmx", "-o", str(tmp_path / "x.tmx")) == [
        f"{edited}: en.p1: 17 characters outside any sentence are not exported",
        f"{edited}: en.p3: 16 characters outside any sentence are not exported",
        f"{edited}: de.p2: 14 characters outside any sentence are not exported"]
    assert warned(caplog, "export", str(aligned), "--to", "tmx", "-o", str(tmp_path / "y.tmx")) == []


def test_review_page_says_what_it_does_not_show(aligned: Path, tmp_path: Path,
                                                caplog: pytest.LogCaptureFixture) -> None:
    edited = edit(aligned)
    assert f"{edited}: en.p1: 17 characters outside any sentence are not shown in the editor" in warned(
        caplog, "review", str(edited), "-o", str(tmp_path / "r.html"))


def test_realign_segments_the_text_and_keeps_the_links_checked_by_hand(aligned: Path, tmp_path: Path,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    """The typed text becomes sentences of their own; a link checked by hand stays, although the
    texts no longer match the file's sentences one for one."""
    text = aligned.read_text(encoding="utf-8").replace('cert="0.997" resp="#bitext"/>\n    </linkGrp>',
                                                      'cert="1.000" resp="#human"/>\n    </linkGrp>')
    aligned.write_text(text, encoding="utf-8")
    edited = edit(aligned)
    out = tmp_path / "re.xml"
    assert warned(caplog, "realign", str(edited), "--scorer", "lexical", "-o", str(out)) == []
    again = read_tei(out)
    assert "It purred softly." in again.source.texts and "Das war alles." in again.target.texts
    assert "A new paragraph." in again.source.texts
    human = [link for link in again.links if link.resp]
    assert [(link.id, [again.source.segments[i].id for i in link.src], [again.target.segments[j].id for j in link.tgt])
            for link in human] == [("l4", ["en.p2.s2"], ["de.p2.s2"])]


def test_a_link_checked_by_hand_whose_sentences_text_now_parts_is_aligned_again() -> None:
    """Text typed between the two source sentences of a 2-1 link checked by hand: the link can
    no longer be kept as it is (it is named, and aligned again); the other one is carried."""
    old = (Document.from_sentences("en", [["A.", "B.", "C."]]), Document.from_sentences("de", [["X.", "Y."]]))
    en = old[0].segments
    new_en = Document("en", [Paragraph((en[0], Segment("typed", "Typed."), en[1], en[2]))])
    links = [Link((0, 1), (0,), 1.0, resp="human", id="l1"), Link((2,), (1,), 1.0, resp="human", id="l2")]
    moved = carried(links, lambda link: bool(link.resp), old, (new_en, old[1]))
    assert moved == ([Link((0,), (), 0.0), Link((1,), (), 0.0), Link((2,), (), 0.0), Link((), (0,), 0.0),
                      Link((3,), (1,), 1.0, resp="human", id="l2")], ["l1"])
    assert carried(links, lambda link: bool(link.resp), old, (Document.from_sentences("en", [["A."]]), old[1])) is None


def test_text_inside_an_element_that_holds_sentences_is_kept_on_rewrite(aligned: Path) -> None:
    text = aligned.read_text(encoding="utf-8").replace(
        '<s xml:id="en.p2.s1">The dog barked loudly.</s>', '<q><s xml:id="en.p2.s1">The dog barked loudly.</s> Woof.</q>')
    assert "Woof." in tei_bytes(read_tei(text.encode())).decode()


def test_realign_names_a_link_checked_by_hand_it_cannot_keep(aligned: Path, tmp_path: Path,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    text = aligned.read_text(encoding="utf-8").replace(
        '<link xml:id="l1" type="1-1" target="#en.p1.s1 #de.p1.s1" cert="0.997" resp="#bitext"/>\n'
        '      <link xml:id="l2" type="1-1" target="#en.p1.s2 #de.p1.s2" cert="0.997" resp="#bitext"/>',
        '<link xml:id="l1" type="2-2" target="#en.p1.s1 #en.p1.s2 #de.p1.s1 #de.p1.s2" cert="1.000" resp="#human"/>')
    aligned.write_text(text, encoding="utf-8")
    edited = edit(aligned)
    assert warned(caplog, "realign", str(edited), "--scorer", "lexical", "-o", str(tmp_path / "re.xml")) == [
        f"{edited}: link l1 checked by hand is aligned again: text was typed between its sentences"]


def held(data: bytes, wrapper: str) -> list[list[str]]:
    """The ids and texts of the sentences each `wrapper` element of a file holds."""
    root = etree.fromstring(data)
    return [[f"{s.get(XML_ID)} {s.text}" for s in el.iter(f"{{{TEI_NS}}}s")] for el in root.iter(f"{{{TEI_NS}}}{wrapper}")]


def wrap(aligned: Path, inside_q: str = "") -> Path:
    """The file with a `<q>` around the two sentences of en.p2 and a `<hi>` around de.p1.s1."""
    text = aligned.read_text(encoding="utf-8").replace(
        '<s xml:id="en.p2.s1">The dog barked loudly.</s>\n            <s xml:id="en.p2.s2">Nobody came.</s>',
        '<q rend="inline"><s xml:id="en.p2.s1">The dog barked loudly.</s>\n            '
        f'<s xml:id="en.p2.s2">Nobody came.</s>{inside_q}</q>').replace(
        '<s xml:id="de.p1.s1">Die Katze saß auf der Matte.</s>',
        '<hi rend="italic"><s xml:id="de.p1.s1">Die Katze saß auf der Matte.</s></hi>')
    edited = aligned.with_name("wrapped.xml")
    edited.write_text(text, encoding="utf-8")
    return edited


def test_an_element_around_sentences_is_kept_on_rewrite(aligned: Path, assert_valid_tei) -> None:
    """A `<q>` (or `<hi>`) typed around sentences stays around them (it was dropped, its
    sentences kept)."""
    data = tei_bytes(read_tei(wrap(aligned)))
    assert_valid_tei(data)
    assert held(data, "q") == [["en.p2.s1 The dog barked loudly.", "en.p2.s2 Nobody came."]]
    assert held(data, "hi") == [["de.p1.s1 Die Katze saß auf der Matte."]]
    assert b'<q rend="inline">' in data
    assert tei_bytes(read_tei(data)) == data


def test_realign_keeps_an_element_around_sentences(aligned: Path, tmp_path: Path, assert_valid_tei,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    """realign (and align X X) keep the `<q>` around its sentences, the text typed inside it
    segmented in its place there."""
    edited = wrap(aligned, " Woof woof.")
    out = tmp_path / "re.xml"
    assert warned(caplog, "realign", str(edited), "--scorer", "lexical", "-o", str(out)) == []
    data = out.read_bytes()
    assert_valid_tei(data)
    assert held(data, "q") == [["en.p2.s1 The dog barked loudly.", "en.p2.s2 Nobody came.", "en.p2.s3 Woof woof."]]
    assert held(data, "hi") == [["de.p1.s1 Die Katze saß auf der Matte."]]


def omitted(aligned: Path) -> bytes:
    """The file with en.p1.s2 unlinked (a 1-0 link: an omission anchor in the German text)."""
    bitext = read_tei(aligned)
    links = [Link((0,), (0,), 1.0, id="l1"), Link((1,), (), 0.0, id="l2"), Link((2,), (1, 2), 1.0, id="l3"),
             Link((3,), (3,), 1.0, id="l4")]
    return tei_bytes(Bitext(bitext.source, bitext.target, links, bitext.meta))


def test_text_typed_beside_an_omission_anchor_keeps_its_side_of_it(aligned: Path) -> None:
    """Text typed after an omission anchor stays after it, text before it before it (the text
    after the anchor came out before it)."""
    data = omitted(aligned).decode()
    anchor = '<anchor type="omission" xml:id="de.a1"/>'
    assert f"</s>\n            {anchor}\n" in data
    for edited in (data.replace(anchor, f"{anchor} Typed after."), data.replace(anchor, f"Typed before. {anchor}")):
        again = tei_bytes(read_tei(edited.encode())).decode()
        assert again[again.index("<body>"):] == edited[edited.index("<body>"):]
    again = tei_bytes(read_tei(data.replace(anchor, f'{anchor}<pb n="2"/>').encode())).decode()
    assert again.index(anchor) < again.index('<pb n="2"/>')  # (an element after it too)


def test_realign_counts_the_links_it_kept_each_time(aligned: Path, tmp_path: Path) -> None:
    """The revision realign writes counts the links checked by hand it kept, not those the file
    had (l1 could not be kept: the file said 'keeping 2 links'), on every realign."""
    text = aligned.read_text(encoding="utf-8").replace(
        '<link xml:id="l1" type="1-1" target="#en.p1.s1 #de.p1.s1" cert="0.997" resp="#bitext"/>\n'
        '      <link xml:id="l2" type="1-1" target="#en.p1.s2 #de.p1.s2" cert="0.997" resp="#bitext"/>',
        '<link xml:id="l1" type="2-2" target="#en.p1.s1 #en.p1.s2 #de.p1.s1 #de.p1.s2" cert="1.000" resp="#human"/>'
    ).replace('target="#en.p2.s2 #de.p2.s2" cert="0.997" resp="#bitext"', 'target="#en.p2.s2 #de.p2.s2" cert="1.000" resp="#human"')
    aligned.write_text(text, encoding="utf-8")
    first, second = tmp_path / "re1.xml", tmp_path / "re2.xml"
    run("-q", "realign", str(edit(aligned)), "--scorer", "lexical", "-o", str(first))
    run("-q", "realign", str(first), "--scorer", "lexical", "-o", str(second))
    changes = etree.fromstring(second.read_bytes()).xpath("//t:revisionDesc/t:change/text()", namespaces={"t": TEI_NS})
    assert changes == ["Re-aligned by bitext, keeping 1 link checked by hand.",
                       "Re-aligned by bitext, keeping 1 link checked by hand.", "Aligned automatically by bitext."]


def test_realign_keeps_text_typed_after_an_omission_anchor_after_it(aligned: Path, tmp_path: Path) -> None:
    """A 1-0 link checked by hand keeps its anchor where it was among the sentences made of
    text typed beside it (text typed after the anchor came out before it)."""
    bitext = read_tei(aligned)
    links = [Link((0,), (0,), 1.0, id="l1"), Link((1,), (), 1.0, resp="human", id="l2"),
             Link((2,), (1, 2), 1.0, id="l3"), Link((3,), (3,), 1.0, id="l4")]
    anchor = '<anchor type="omission" xml:id="de.a1"/>'
    for typed, expected in ((f"{anchor} Getippt.", [anchor, "Getippt."]), (f"Getippt. {anchor}", ["Getippt.", anchor])):
        edited = tmp_path / "typed.xml"
        edited.write_bytes(tei_bytes(Bitext(bitext.source, bitext.target, links, bitext.meta)).replace(
            anchor.encode(), typed.encode()))
        out = tmp_path / "re.xml"
        run("-q", "realign", str(edited), "--scorer", "lexical", "-o", str(out), "--force")
        data = out.read_text(encoding="utf-8")
        assert sorted(expected, key=data.index) == expected
        assert [link for link in read_tei(out).links if link.resp] == [links[1]]


def test_realign_keeps_a_list_typed_inside_an_element_around_sentences_inside_it(aligned: Path,
                                                                               tmp_path: Path) -> None:
    """What a `<q>` holds after text typed in it (a `<list>`, which no sentence can hold) stays in
    the `<q>` (it came out after it: the end of the `<q>` went first)."""
    text = aligned.read_text(encoding="utf-8").replace(
        '<s xml:id="en.p2.s1">The dog barked loudly.</s>',
        '<q><s xml:id="en.p2.s1">The dog barked loudly.</s> Woof. <list><item>x</item></list></q>')
    edited = tmp_path / "list.xml"
    edited.write_text(text, encoding="utf-8")
    out = tmp_path / "re.xml"
    run("-q", "realign", str(edited), "--scorer", "lexical", "-o", str(out))
    q = etree.fromstring(out.read_bytes()).find(f".//{{{TEI_NS}}}q")
    assert [etree.QName(el).localname for el in q] == ["s", "s", "list"]


def typed_lines(aligned: Path) -> Path:
    """The file with two lines typed into a new paragraph of the source, two after the target's last sentence."""
    text = aligned.read_text(encoding="utf-8")
    text = text.replace("          </p>\n        </body>\n      </text>\n      <text",
                        "          </p>\n          <p>First typed line.\n          Second typed line</p>\n"
                        "        </body>\n      </text>\n      <text", 1)
    text = text.replace("Niemand kam.</s>\n", "Niemand kam.</s>\n Erste Zeile.\n Zweite Zeile\n", 1)
    edited = aligned.with_name("lines.xml")
    edited.write_text(text, encoding="utf-8")
    return edited


def test_presplit_makes_each_line_typed_outside_s_one_segment(aligned: Path) -> None:
    """Lines typed in a new `<p>` and after the last `<s>` are one segment each, as lines of a .txt
    are with --presplit (they were one segment per `<p>` or run, with a warning, before)."""
    out = aligned.with_name("again.xml")
    run("-q", "align", str(typed_lines(aligned)), "--presplit", "--scorer", "lexical", "-o", str(out))
    texts = read_tei(out).target.texts
    assert texts[-3:] == ["Niemand kam.", "Erste Zeile.", "Zweite Zeile"]
    assert read_tei(out).source.texts[-2:] == ["First typed line.", "Second typed line"]


def test_presplit_on_a_tei_or_without_presplit_says_nothing_of_presplit(aligned: Path, caplog) -> None:
    out = aligned.with_name("again.tsv")
    for args in (["--presplit"], []):
        for path in ([aligned] if args else [aligned, typed_lines(aligned)]):
            found = warned(caplog, "align", str(path), *args, "--scorer", "lexical", "--to", "tsv", "-o", str(out),
                           "--force")
            assert not [w for w in found if "--presplit" in w], found
