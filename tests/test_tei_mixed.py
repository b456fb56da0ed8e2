"""A TEI input whose blocks the file segments only in part: every sentence reaches the aligner
and the output, with an id of its own that no other sentence of the file has."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bitext_cli.main import cli
from tei.names import TEI_NS
from tei.reader import read_tei
from tei.writer import tei_bytes

HEADER = ("<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>p</p>"
          "</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>")


def tei(lang: str, body: str) -> str:
    return f'<TEI xmlns="{TEI_NS}">{HEADER}<text xml:lang="{lang}" xml:id="{lang}"><body>{body}</body></text></TEI>'


DE = tei("de", "<p>Eins. Zwei weitere Worte. Wirklich zwei. Drei. Schwanz hier.</p><p>Gar keine Sätze. Nur Text.</p>")


def align(tmp_path: Path, en_body: str) -> bytes:
    (tmp_path / "en.xml").write_text(tei("en", en_body), encoding="utf-8")
    (tmp_path / "de.xml").write_text(DE, encoding="utf-8")
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(cli, ["-q", "align", str(tmp_path / "en.xml"), str(tmp_path / "de.xml"),
                                      "--scorer", "lexical", "--force", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_sentences_the_file_does_not_name_get_ids_no_other_sentence_has(tmp_path: Path, assert_valid_tei) -> None:
    """An `<s>` without xml:id, and a paragraph without `<s>` beside one whose `<s>` already
    carry the ids the segmenter would give it: every sentence gets an id of its own."""
    data = align(tmp_path, '<p><s xml:id="en.p2.s1">One.</s> <s>Two more words.</s> <s>Really two.</s> '
                           '<s xml:id="x">Three.</s> <s>Tail here.</s></p><p>No sentences at all. Just text.</p>')
    assert_valid_tei(data)
    ids = [s.id for s in read_tei(data).source.segments]
    assert ids == ["en.p2.s1", "en.p1.s2", "en.p1.s3", "x", "en.p1.s5", "en.p2.s1.2", "en.p2.s2"]


MIXED = ('<p xml:id="p1"><s xml:id="s1">One.</s> Two more <hi rend="it">words</hi>. Really two. '
         '<s xml:id="s2">Three.</s> Tail here.</p><p>No sentences at all. Just text.</p>')


def test_text_between_the_sentences_of_a_block_is_segmented_into_sentences_of_its_own(
        tmp_path: Path, assert_valid_tei) -> None:
    """TEI `<p><s>One.</s> Two more words. <s>Three.</s></p>`: the text outside the `<s>` is
    content; it is segmented by the rules, in document order, each sentence named by its
    place (`p1.s2`), none lost, the markup in it kept."""
    data = align(tmp_path, MIXED)
    root = assert_valid_tei(data)
    source = read_tei(data).source
    assert [(s.id, s.text) for s in source.segments] == [
        ("s1", "One."), ("p1.s2", "Two more words."), ("p1.s3", "Really two."), ("s2", "Three."),
        ("p1.s5", "Tail here."), ("en.p2.s1", "No sentences at all."), ("en.p2.s2", "Just text.")]
    hi, = root.xpath(".//t:s[@xml:id='p1.s2']/t:hi", namespaces={"t": TEI_NS})
    assert hi.text == "words" and hi.get("rend") == "it"
    assert align(tmp_path, MIXED) == data  # the same bytes again
    assert tei_bytes(read_tei(data)) == data  # and read back and written again


def test_a_run_of_text_without_text_between_sentences_stays_as_it_was(tmp_path: Path) -> None:
    """Markup between two `<s>` that holds no text (a page break, a note) is not a sentence."""
    data = align(tmp_path, '<p><s xml:id="s1">One.</s> <pb n="2"/> <note>A note.</note> <s xml:id="s2">Three.</s></p>')
    assert [s.id for s in read_tei(data).source.segments] == ["s1", "s2"]
    assert b'<pb n="2"/>' in data and b"<note>A note.</note>" in data


def test_text_after_sentences_inside_an_element_of_the_block_keeps_its_place(tmp_path: Path) -> None:
    """`<p><q><s>One.</s> <s>Two.</s></q> Tail here. <s>Three.</s></p>`: the `<s>` inside the
    quotation count among the block's sentences, so its loose text comes after them."""
    data = align(tmp_path, '<p><q><s xml:id="s1">One.</s> <s xml:id="s2">Two.</s></q> Tail here. '
                           '<s xml:id="s3">Three.</s></p>')
    assert read_tei(data).source.texts == ["One.", "Two.", "Tail here.", "Three."]


def test_text_inside_an_element_that_holds_sentences_is_segmented_too(tmp_path: Path) -> None:
    """`<p><q><s>One.</s> Woof. <s>Two.</s></q> ...</p>`: the text inside the quotation outside
    its `<s>` is content as well, in its place."""
    data = align(tmp_path, '<p><q><s xml:id="s1">One.</s> Woof. <s xml:id="s2">Two.</s></q> Tail here. '
                           '<s xml:id="s3">Three.</s></p>')
    assert read_tei(data).source.texts == ["One.", "Woof.", "Two.", "Tail here.", "Three."]
