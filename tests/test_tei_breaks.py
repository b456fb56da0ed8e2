"""Line, page and column breaks in an archive's TEI (`<lb/>`, `<pb/>`, `<cb/>`) separate words in
the text bitext reads, segments, aligns and exports, unless marked inside a word (@break="no":
then the white space beside it, a pretty-printed file's line break and indentation, reads as
nothing too), while the TEI written keeps every character of the archive's text and markup as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext_cli.main import cli
from tei.inline import element_text
from tei.inline_writer import markup_element
from tei.names import TEI_NS
from tei.reader import read_tei, read_tei_sources
from tei.writer import tei_bytes

NS = {"t": TEI_NS}
HEADER = ('<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>'
          "<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>")
ISSUE = ('<p>The commission met on<lb/>Monday and heard the<pb n="2"/>witnesses. '
         'It adjourned<lb break="no"/>ment later.</p>')
GERMAN = "Die Kommission tagte am Montag und hörte die Zeugen. Sie vertagte sich später.\n"


def tei(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{TEI_NS}">{HEADER}'
            f'<text xml:lang="en"><body>{body}</body></text></TEI>\n').encode()


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, ["-q", *args])
    assert result.exit_code == 0, result.output
    return result.output


def align(tmp_path: Path, body: str, target: str = GERMAN) -> Path:
    (tmp_path / "en.xml").write_bytes(tei(body))
    (tmp_path / "de.txt").write_text(target, encoding="utf-8")
    out = tmp_path / "out.xml"
    run("align", str(tmp_path / "en.xml"), str(tmp_path / "de.txt"), "-s", "en", "-t", "de", "--scorer", "lexical",
        "-o", str(out))
    return out


def sentences(path: Path) -> list[str]:
    """The `<s>` of the source text as written, their content as XML."""
    root = etree.parse(str(path)).getroot()
    text = root.findall(".//t:group/t:text", NS)[0]
    return [etree.tostring(s, encoding="unicode", with_tail=False).split(">", 1)[1].rsplit("</s", 1)[0]
            for s in text.iterfind(".//t:s", NS)]


def source_texts(path: Path) -> list[str]:
    return [seg.text for seg in read_tei(path).source.segments]


def block_texts(body: str) -> list[str]:
    text, = read_tei_sources(tei(body))
    return [block.text for block in text.blocks]


def test_the_issue_example_reads_with_spaces_and_writes_the_archive_text_as_it_was(tmp_path: Path) -> None:
    out = align(tmp_path, ISSUE)
    assert source_texts(out) == ["The commission met on Monday and heard the witnesses.", "It adjournedment later."]
    assert sentences(out) == ['The commission met on<lb/>Monday and heard the<pb n="2"/>witnesses.',
                              'It adjourned<lb break="no"/>ment later.']
    assert tei_bytes(read_tei(out)) == out.read_bytes()  # read back and written again: the same bytes
    tsv = run("export", str(out), "--to", "tsv").splitlines()
    assert tsv[1].split("\t")[1] == "The commission met on Monday and heard the witnesses."
    assert tsv[2].split("\t")[1] == "It adjournedment later."


def test_tmx_exports_the_text_read(tmp_path: Path) -> None:
    out = align(tmp_path, ISSUE)
    tmx = tmp_path / "out.tmx"
    run("export", str(out), "--to", "tmx", "-o", str(tmx))
    segs = ["".join(seg.itertext()) for seg in etree.parse(str(tmx)).getroot().iter("seg")]
    assert "The commission met on Monday and heard the witnesses." in segs
    assert "It adjournedment later." in segs


@pytest.mark.parametrize("body, expected", [
    ("<p>met on<lb/>Monday</p>", "met on Monday"),
    ('<p>adjourned<lb break="no"/>ment</p>', "adjournedment"),
    ('<p>met on<lb break="yes"/>Monday</p>', "met on Monday"),
    ('<p>met on<cb n="b"/>Monday</p>', "met on Monday"),
    ("<p>met on\n<lb/>Monday</p>", "met on Monday"),  # white space already there: no second space
    ("<p>met on <lb/>Monday</p>", "met on Monday"),
    ("<p>met on<lb/> Monday</p>", "met on Monday"),
    ("<p>met on<lb/><pb n='3'/>Monday</p>", "met on Monday"),  # two breaks, one space
    ("<p><lb/>met on Monday<lb/></p>", "met on Monday"),  # nothing before / after: no space
    ('<p>met <hi rend="i">on<lb/></hi>Monday</p>', "met on Monday"),
    ('<p>met on<note place="foot">n</note><lb/>Monday</p>', "met on Monday"),
    ('<p>met on<hi rend="i"><lb/></hi>Monday</p>', "met on Monday"),  # an element holding only a break
    ('<p>met on<note place="foot">a<lb/>b</note>Monday</p>', "met onMonday"),  # a note's break is not read
])
def test_a_break_separates_words_unless_it_is_inside_one(body: str, expected: str) -> None:
    assert block_texts(body) == [expected]
    assert element_text(etree.fromstring(f'<s xmlns="{TEI_NS}">{body[3:-4]}</s>')) == expected


def test_a_page_break_between_paragraphs_changes_nothing() -> None:
    assert block_texts('<p>They met.</p><pb n="2"/><p>They left.</p>') == ["They met.", "They left."]


def test_a_break_at_a_sentence_boundary_goes_with_the_sentence_before(tmp_path: Path) -> None:
    out = align(tmp_path, "<p>They met on Monday.<lb/>They left on Tuesday.</p>",
                "Sie trafen sich am Montag. Sie gingen am Dienstag.\n")
    assert source_texts(out) == ["They met on Monday.", "They left on Tuesday."]
    assert sentences(out) == ["They met on Monday.<lb/>", "They left on Tuesday."]
    assert tei_bytes(read_tei(out)) == out.read_bytes()


def test_existing_white_space_is_written_as_it_was_read_and_read_once(tmp_path: Path) -> None:
    out = align(tmp_path, '<p>The commission met on <lb/>Monday and<pb n="2"/> heard them.</p>',
                "Die Kommission tagte am Montag und hörte sie.\n")
    assert source_texts(out) == ["The commission met on Monday and heard them."]
    assert sentences(out) == ['The commission met on <lb/>Monday and<pb n="2"/> heard them.']
    assert tei_bytes(read_tei(out)) == out.read_bytes()


def test_an_s_read_back_keeps_its_breaks_and_line_breaks_byte_for_byte() -> None:
    """A TEI of `<s>` (bitext's own output, or an archive's) is read exactly: the text with a
    space at the break, the `<s>` written again with every character as it was."""
    data = tei('<p><s xml:id="s1">met on\n  <lb/>Monday and the<lb/>witnesses,'
               ' adjourned<lb break="no"/>ment.</s></p>')
    text, = read_tei_sources(data)
    seg, = text.blocks[0].segments or ()
    assert seg.text == "met on Monday and the witnesses, adjournedment."
    written = markup_element(seg.text, seg.markup)
    assert written is not None
    assert etree.tostring(written, encoding="unicode").split(">", 1)[1] == (
        'met on\n  <lb/>Monday and the<lb/>witnesses, adjourned<lb break="no"/>ment.</s>')


PRETTY = ('<p>The commission met on\n<lb/>Monday and heard the\n<lb/>witnesses. It adjourned\n'
          '    <lb break="no"/>ment later.</p>')


@pytest.mark.parametrize("body, expected", [
    ('<p>adjourned\n<lb break="no"/>ment</p>', "adjournedment"),  # a pretty-printed file: a break at each line start
    ('<p>adjourned\n    <lb break="no"/>ment</p>', "adjournedment"),  # indented
    ('<p>adjourned \n\t<lb break="no"/>\n  ment</p>', "adjournedment"),  # white space on both sides
    ('<p>adjourned<lb break="no"/>\nment</p>', "adjournedment"),
    ('<p>adjour\n<pb n="2" break="no"/>ned</p>', "adjourned"),
    ('<p>adjour\n<cb n="b" break="no"/>ned</p>', "adjourned"),
    ('<p>adjourn-\n<lb break="no"/>ment</p>', "adjourn-ment"),  # the hyphen is the archive's text: kept
    ('<p><hi rend="i">adjourned\n</hi><lb break="no"/>ment</p>', "adjournedment"),  # white space inside an element
    ('<p>adjourned\n<hi rend="i"><lb break="no"/></hi>ment</p>', "adjournedment"),  # an element holding the break
    ('<p>adjourned\n<!-- c -->\n<lb break="no"/>ment</p>', "adjournedment"),
    ('<p>met on\n<lb/>\n<lb break="no"/>Monday</p>', "met on Monday"),  # a break that separates still does
    ("<p>don'\n<lb break=\"no\"/>t</p>", "don't"),  # after an apostrophe
    ('<p>(\n  <lb break="no"/>continued)</p>', "(continued)"),  # after an opening bracket
    ('<p>«\n<lb break="no"/>so»</p>', "«so»"),  # after an opening quotation mark
    ('<p>1.\n<lb break="no"/>5 per cent</p>', "1.5 per cent"),  # after a full stop: a decimal number
    ('<p>the U.\n<lb break="no"/>S. mission</p>', "the U.S. mission"),
    ('<p>the witnesses.\n<lb break="no"/>It</p>', "the witnesses.It"),  # the encoder says no word ends there
    ('<p>the witnesses,\n<lb break="no"/>and</p>', "the witnesses,and"),
    ('<p>\n<lb break="no"/>The end\n<lb break="no"/>\n</p>', "The end"),  # paragraph start and end
])
def test_white_space_beside_a_break_inside_a_word_reads_as_nothing(body: str, expected: str) -> None:
    assert block_texts(body) == [expected]
    assert element_text(etree.fromstring(f'<s xmlns="{TEI_NS}">{body[3:-4]}</s>')) == expected


def test_a_pretty_printed_transcription_reads_its_broken_word_whole_and_is_written_as_it_was(tmp_path: Path) -> None:
    out = align(tmp_path, PRETTY)
    assert source_texts(out) == ["The commission met on Monday and heard the witnesses.", "It adjournedment later."]
    assert sentences(out) == ["The commission met on <lb/>Monday and heard the <lb/>witnesses.",
                              'It adjourned\n    <lb break="no"/>ment later.']
    assert tei_bytes(read_tei(out)) == out.read_bytes()
    tsv = run("export", str(out), "--to", "tsv").splitlines()
    assert tsv[2].split("\t")[1] == "It adjournedment later."


def test_a_break_inside_a_word_reads_the_same_whatever_white_space_is_beside_it(tmp_path: Path) -> None:
    """TEI's @break="no": the break does not end the word "irrespective of the presence of any
    adjacent whitespace", so a pretty-printed file reads as the same file written on one line,
    whatever character comes before the break (a full stop too: the encoder said no word ends
    there), and is written back as it was."""
    out = align(tmp_path, '<p>They met on Monday.\n<lb break="no"/>They left on Tuesday.</p>',
                "Sie trafen sich am Montag. Sie gingen am Dienstag.\n")
    (tmp_path / "flat").mkdir()
    flat = align(tmp_path / "flat", '<p>They met on Monday.<lb break="no"/>They left on Tuesday.</p>',
                 "Sie trafen sich am Montag. Sie gingen am Dienstag.\n")
    assert source_texts(out) == source_texts(flat) == ["They met on Monday.They left on Tuesday."]
    assert sentences(out) == ['They met on Monday.\n<lb break="no"/>They left on Tuesday.']
    assert tei_bytes(read_tei(out)) == out.read_bytes()


@pytest.mark.parametrize("before", ["adjourned", "don'", "(", "«", "1.", "witnesses.", "witnesses,", "—", "¶", "x)"])
@pytest.mark.parametrize("space", ["\n", "\n    ", " \n\t", "\n  <!-- c -->\n"])
def test_white_space_beside_a_break_inside_a_word_never_changes_the_reading(before: str, space: str) -> None:
    """The reading of a break inside a word does not depend on the layout around it."""
    flat = block_texts(f'<p>{before}<lb break="no"/>ment</p>')
    assert flat == [f"{before}ment"]
    assert block_texts(f'<p>{before}{space}<lb break="no"/>ment</p>') == flat
    assert block_texts(f'<p>{before}<lb break="no"/>{space}ment</p>') == flat


def test_an_s_with_a_word_broken_across_lines_reads_whole_and_is_written_byte_for_byte() -> None:
    inner = 'It adjourned\n    <lb break="no"/>ment \n  <lb/>later, in\n<pb n="3" break="no"/>\nMay.'
    text, = read_tei_sources(tei(f'<p><s xml:id="s1">{inner}</s></p>'))
    seg, = text.blocks[0].segments or ()
    assert seg.text == "It adjournedment later, inMay."
    written = markup_element(seg.text, seg.markup)
    assert written is not None
    assert etree.tostring(written, encoding="unicode").split(">", 1)[1] == f"{inner}</s>"
