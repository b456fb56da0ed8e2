"""An archive's TEI in, aligned TEI with its markup out (issue 21, item 1): every element of the
input at its place in the text, inside the new `<s>` (split along sentences with @next/@prev),
milestones and notes where they were, the text's own structure and the archive's header kept
and extended, valid against tei_all and bitext's schema, byte-identical on rewrite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext_cli.main import cli
from corpora.markup import Markup, Span, cut, whole
from tei.decisions import FORMAT, document_hash
from tei.inline import block_text, element_text, inline_markup
from tei.inline_writer import markup_element
from tei.names import TEI_NS, XML_ID
from tei.reader import read_tei, read_tei_sources
from tei.writer import tei_bytes
from tests.conftest import DATA
from tests.markup_support import comments, input_elements, letters, output_elements

RU, EN = DATA / "tei" / "archive.ru.xml", DATA / "tei" / "archive.en.xml"
NS = {"t": TEI_NS}
HI = f"{{{TEI_NS}}}hi"


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, ["-q", *args])
    assert result.exit_code == 0, result.output


def texts(data: bytes) -> list[etree._Element]:
    return etree.fromstring(data).findall(".//t:group/t:text", NS)


def input_text(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot().find(".//t:text", NS)


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("archive") / "letter.tei.xml"
    run("align", str(RU), str(EN), "--scorer", "lexical", "-o", str(out))
    return out.read_bytes()


# -- the mechanism ------------------------------------------------------------------------------

def test_an_element_across_a_sentence_boundary_is_split_into_linked_parts() -> None:
    text = "The city was quiet. Very quiet. Write soon."
    spans = [Span(13, 31, HI, attrs=(("rend", "italic"),)), Span(19, 19, f"{{{TEI_NS}}}pb")]
    ranges = [(0, 19), (20, 31), (32, 43)]
    (first, second, third), between = cut(text, spans, ranges, ["p1.s1", "p1.s2", "p1.s3"])
    assert first == Markup("The city was quiet.", (Span(13, 19, HI, attrs=(
        ("{http://www.w3.org/XML/1998/namespace}id", "p1.s1.m1"), ("rend", "italic"), ("next", "#p1.s1.m1.2"))),
        Span(19, 19, f"{{{TEI_NS}}}pb")))  # glued to "quiet.": at the end of the first sentence
    assert second.spans[0].attrs == (("{http://www.w3.org/XML/1998/namespace}id", "p1.s1.m1.2"), ("rend", "italic"),
                                     ("prev", "#p1.s1.m1"))
    assert (second.spans[0].start, second.spans[0].end) == (0, 11) and third is None and between == []


@pytest.mark.parametrize("where, home", [(19, (0, 19)), (20, (1, 0)), (0, (0, 0)), (31, (1, 11)), (32, (1, 11))])
def test_an_empty_element_between_sentences_goes_with_the_one_it_touches(where: int, home: tuple[int, int]) -> None:
    """Glued to the end of a sentence: there; after a space: at the start of the next; after
    the last sentence: at its end."""
    text = "The city was quiet. Very quiet. "
    found, _ = cut(text, [Span(where, where, f"{{{TEI_NS}}}pb")], [(0, 19), (20, 31)], ["a", "b"])
    k, offset = home
    assert found[k] is not None and found[k].spans[0].start == offset and found[1 - k] is None


def test_empty_pieces_keep_their_order_around_what_stays_between_sentences() -> None:
    """A milestone before a `<list>` (which cannot be in a sentence) at the start of a block, or
    one glued to the sentence before but after the list, stays beside the list, in order."""
    pb, lst, lb = (Span(0, 0, f"{{{TEI_NS}}}pb", xml="<pb/>"), Span(0, 0, f"{{{TEI_NS}}}list", xml="<list/>", between=True),
                   Span(4, 4, f"{{{TEI_NS}}}lb", xml="<lb/>"))
    markups, between = cut("One.", [pb, lst], [(0, 4)], ["a"])
    assert markups == [None] and between == [(0, "<pb/>"), (0, "<list/>")]
    wall = Span(4, 4, f"{{{TEI_NS}}}list", xml="<list/>", between=True)
    markups, between = cut("One. Two.", [wall, lb], [(0, 4), (5, 9)], ["a", "b"])
    assert markups == [None, None] and between == [(1, "<list/>"), (1, "<lb/>")]


def test_markup_kept_whole_is_never_cut() -> None:
    """A sentence boundary inside a `<choice>` (its reading "N. I." ends with a period) joins
    the two sentences: the choice is one word."""
    ranges = whole([Span(4, 9, f"{{{TEI_NS}}}choice", xml="<choice/>")], [(0, 6), (7, 20)])
    assert ranges == [(0, 20)]


def test_an_s_is_read_and_rebuilt_exactly() -> None:
    """White space the reading text normalizes, comments, attributes of <s> and elements of
    other namespaces (declared where used, as bitext writes them) come back byte for byte."""
    xml = (f'<s xmlns="{TEI_NS}" xml:id="s1" n="4">\n  A <hi rend="b">long\n   line</hi> '
           '<!-- c --><x:m xmlns:x="urn:x" x:a="1">m</x:m><note>n <hi>h</hi></note>\t<choice><orig>Ezhov</orig><reg>Yezhov</reg></choice>\n</s>')
    s = etree.fromstring(xml)
    text = element_text(s)
    assert text == "A long line m\tYezhov"
    markup = inline_markup(s, text)
    assert markup is not None
    rebuilt = markup_element(text, markup)
    rebuilt.set(XML_ID, "s1")
    assert etree.tostring(rebuilt, encoding="unicode").replace(' xml:id="s1"', "") == xml.replace(' xml:id="s1"', "")


def test_a_paragraph_reads_as_text_with_its_markup_beside_it() -> None:
    p = etree.fromstring(f'<p xmlns="{TEI_NS}">Город был <hi>тих.\n  Очень</hi><note>x</note> <pb/>тих.</p>')
    block = block_text(p, "p", "p1")
    assert block.text == "Город был тих. Очень тих."
    assert [(sp.start, sp.end, sp.name.rpartition("}")[2]) for sp in block.spans] == [
        (10, 20, "hi"), (20, 20, "note"), (21, 21, "pb")]


# -- an archive's letter and its translation ----------------------------------------------------

def test_every_element_of_the_inputs_is_kept_in_order_with_its_text(aligned: bytes) -> None:
    ru, en = texts(aligned)
    for given, out, renamed in ((input_text(RU), ru, ""), (input_text(EN), en, "en")):
        assert output_elements(out, renamed) == input_elements(given)
        assert comments(out) == comments(given)
        assert letters(out) == letters(given)


def test_the_output_is_valid_and_writes_again_byte_for_byte(aligned: bytes, assert_valid_tei) -> None:
    assert_valid_tei(aligned)
    assert tei_bytes(read_tei(aligned)) == aligned


def test_sentences_hold_the_markup_and_split_elements_are_linked(aligned: bytes) -> None:
    root = etree.fromstring(aligned)
    sentences = {s.get(XML_ID): s for s in root.iter(f"{{{TEI_NS}}}s")}
    first, second = sentences["letter.p1.s2"].find("t:hi", NS), sentences["letter.p1.s3"].find("t:hi", NS)
    assert (first.text, second.text) == ("тих.", "Очень тих.")
    assert first.get("next") == f"#{second.get(XML_ID)}" and second.get("prev") == f"#{first.get(XML_ID)}"
    assert first.get("rendition") == second.get("rendition") == "#it"
    note = sentences["letter.p1.s3"].find("t:note", NS)  # an inline note stays in its sentence
    assert note.get(XML_ID) == "n1" and "архивиста" in "".join(note.itertext())
    assert read_tei(aligned).source.segments[2].text == "Очень тих."  # its text is not the sentence's
    pb = sentences["letter.p1.s4"][0]  # " <pb/>Пиши": at the start of the next sentence
    assert pb.tag == f"{{{TEI_NS}}}pb" and pb.get("n") == "2" and sentences["letter.p1.s4"].text is None
    lg = sentences["letter.p2.s2"].getnext()  # <lg> cannot be in <s>: between the sentences
    assert lg.tag == f"{{{TEI_NS}}}lg" and lg.getparent().get(XML_ID) == "p2"


def test_the_structure_around_the_paragraphs_is_kept(aligned: bytes) -> None:
    ru = texts(aligned)[0]
    assert ru.get(XML_ID) == "letter" and ru.get("type") == "letter"
    assert ru.find("t:front/t:docTitle/t:titlePart", NS).text == "Письмо Н. И. Иванова"
    assert ru.find("t:back/t:div/t:note", NS).get("target") == "#p3"
    div = ru.find("t:body/t:div", NS)
    assert (div.get("type"), div.get("n"), div.get(XML_ID)) == ("letter", "1", "d1")
    assert [el.tag.rpartition("}")[2] for el in div] == ["opener", "p", "p", "pb", "p"]
    assert div.find("t:p", NS).get("rend") == "indent"


def test_ids_of_the_translation_that_clash_are_renamed_and_its_pointers_follow(aligned: bytes) -> None:
    root = etree.fromstring(aligned)
    en = texts(aligned)[1]
    assert en.find("t:body/t:div/t:p", NS).get(XML_ID) == "en.p1"
    assert {el.get("rendition") for el in en.iter(HI)} == {"#en.it"}
    renditions = root.findall(".//t:tagsDecl/t:rendition", NS)
    assert [r.get(XML_ID) for r in renditions] == ["it", "en.it"]
    ids = root.xpath("//@xml:id")
    assert len(ids) == len(set(ids))


def test_the_archives_headers_are_kept_and_extended(aligned: bytes) -> None:
    header = etree.fromstring(aligned).find("t:teiHeader", NS)
    source_desc = header.find("t:fileDesc/t:sourceDesc", NS)
    assert [el.get("type") or el.tag.rpartition("}")[2] for el in source_desc] == ["source", "target", "biblFull",
                                                                                   "biblFull"]
    ru_full, en_full = source_desc.findall("t:biblFull", NS)
    assert ru_full.get("corresp") == "#letter" and en_full.get("corresp") == "#en"
    assert ru_full.find("t:sourceDesc/t:msDesc/t:msIdentifier/t:idno", NS).text == "12/3/45"
    assert ru_full.find("t:publicationStmt/t:idno[@type='shelfmark']", NS) is not None
    assert header.find("t:fileDesc/t:sourceDesc/t:bibl[@type='source']/t:title", NS).text == "Письмо из Баку, 3 мая 1937 г."
    assert header.find("t:fileDesc/t:titleStmt/t:respStmt/t:name", NS).get(XML_ID) == "bitext"  # ours added
    assert header.find("t:encodingDesc/t:editorialDecl/t:normalization", NS) is not None
    assert header.find("t:profileDesc/t:correspDesc", NS) is not None
    assert header.find("t:profileDesc/t:particDesc/t:listPerson/t:person", NS).get(XML_ID) == "ivanov"
    changes = header.findall("t:revisionDesc/t:change", NS)
    assert [c.get("who") for c in changes] == ["#bitext", "#enc", "#enc", "#en.enc"]
    assert changes[2].get("status") == "published" and changes[2].find("t:p", NS).text == "Разметка проверена."


def test_aligning_the_output_again_keeps_its_markup_and_header(tmp_path: Path, aligned: bytes) -> None:
    first = tmp_path / "first.xml"
    first.write_bytes(aligned)
    again = tmp_path / "again.xml"
    run("align", str(first), "--scorer", "lexical", "-o", str(again))
    for before, after in zip(texts(aligned), texts(again.read_bytes())):
        assert etree.tostring(after) == etree.tostring(before)
    header = etree.fromstring(again.read_bytes()).find("t:teiHeader", NS)
    assert len(header.findall("t:fileDesc/t:sourceDesc/t:biblFull", NS)) == 2
    assert [c.get("who") for c in header.findall("t:revisionDesc/t:change", NS)] == [
        "#bitext", "#bitext", "#enc", "#enc", "#en.enc"]


def test_review_decisions_and_exports_work_on_the_archive_output(tmp_path: Path, aligned: bytes,
                                                                 assert_valid_tei) -> None:
    path = tmp_path / "letter.tei.xml"
    path.write_bytes(aligned)
    bitext = read_tei(path)
    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps({"format": FORMAT, "version": 1, "document": document_hash(bitext),
                                     "decisions": [{"link": "l1", "action": "accept"},
                                                   {"link": "l5", "action": "merge"}]}), encoding="utf-8")
    out = tmp_path / "reviewed.xml"
    run("apply-review", str(path), str(decisions), "-o", str(out))
    assert_valid_tei(out.read_bytes())
    for before, after in zip(texts(aligned), texts(out.read_bytes())):
        assert etree.tostring(after) == etree.tostring(before)
    run("export", str(out), "--to", "tmx", "-o", str(tmp_path / "letter.tmx"))
    assert "Очень тих." in (tmp_path / "letter.tmx").read_text(encoding="utf-8")
    run("review", str(out), "-o", str(tmp_path / "letter.html"))
    assert "Город был тих." in (tmp_path / "letter.html").read_text(encoding="utf-8")


def test_the_reader_hands_blocks_with_markup_and_the_layout(tmp_path: Path) -> None:
    text, = read_tei_sources(RU)
    assert [b.id for b in text.blocks] == ["p1", "p2", "p3"] and text.title == "Письмо из Баку, 3 мая 1937 г."
    assert text.layout and text.layout.count("<?bitext-block") == 3 and "<opener>" in text.layout
    assert text.header and "<msDesc>" in text.header
    assert any(sp.between and "<lg" in (sp.xml or "") for sp in text.blocks[1].spans)


def test_a_text_correction_and_glossary_apply_keep_the_archive_markup(tmp_path: Path, aligned: bytes,
                                                                       assert_valid_tei) -> None:
    """A sentence corrected by hand (decisions version 2) keeps its markup in <sic>; the other
    sentences, the structure and the header stay as they were. `glossary apply` keeps them too."""
    path = tmp_path / "letter.tei.xml"
    path.write_bytes(aligned)
    bitext = read_tei(path)
    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps({"format": FORMAT, "version": 2, "document": document_hash(bitext), "operations": [
        {"op": "edit", "side": "source", "texts": {"1": "Город был очень тих."}}]}), encoding="utf-8")
    out = tmp_path / "corrected.xml"
    run("apply-review", str(path), str(decisions), "-o", str(out))
    assert_valid_tei(out.read_bytes())
    ru_before, ru_after = texts(aligned)[0], texts(out.read_bytes())[0]
    sic = ru_after.find(".//t:s[@xml:id='letter.p1.s2']/t:choice/t:sic", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})
    assert sic is not None and sic.find("t:hi", NS).get("next") == "#letter.p1.s2.m1.2"
    for s_before, s_after in zip(ru_before.iter(f"{{{TEI_NS}}}s"), ru_after.iter(f"{{{TEI_NS}}}s")):
        if s_before.get(XML_ID) != "letter.p1.s2":
            assert etree.tostring(s_after) == etree.tostring(s_before)
    assert ru_after.find("t:front", NS) is not None and ru_after.find("t:body/t:div/t:opener", NS) is not None
    applied = tmp_path / "applied.xml"
    run("glossary", "apply", str(path), "-o", str(applied))
    assert_valid_tei(applied.read_bytes())
    for before, after in zip(texts(aligned), texts(applied.read_bytes())):
        assert output_elements(after) == output_elements(before)


def test_the_readmes_archive_workflow_runs_as_written(tmp_path: Path, monkeypatch, shared: Path) -> None:
    """Their TEI in, aligned TEI with their markup out, validated: the README's commands."""
    import re
    import shlex

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text("utf-8")
    block = re.search(r"#### Archives: your TEI in.*?```sh\n(.*?)```", readme, re.S).group(1)
    commands = [shlex.split(line.split("#")[0]) for line in block.splitlines() if line.strip()]
    assert [c[:2] for c in commands] == [["bitext", "align"], ["bitext", "validate"], ["bitext", "validate"]]
    monkeypatch.chdir(root)
    out = str(tmp_path / "letter.tei.xml")
    for command in commands:
        result = CliRunner().invoke(cli, [out if word == "letter.tei.xml" else word for word in command[1:]])
        assert result.exit_code == 0, (command, result.output)
    assert "<persName ref=\"#ivanov\">" in Path(out).read_text(encoding="utf-8")
