"""Reading a TMX into its two sides when both sides are in one language (an en-GB -> en-US
review, or one xml:lang on both <tuv>s): no side is lost, and a unit that cannot be split into
a source and a target is a one-line error naming the file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from corpora.errors import InputError
from corpora.sourcetext import SourceText
from tei.reader import read_tei
from tests.conftest import read_texts

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
 srclang="{srclang}" datatype="plaintext"/><body>
"""


def tmx(tmp_path: Path, units: list[list[tuple[str, str]]], srclang: str = "en", name: str = "m.tmx") -> Path:
    body = "".join("<tu tuid=\"%d\">%s</tu>\n" % (n, "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>'
                                                            for lang, text in unit))
                   for n, unit in enumerate(units, 1))
    path = tmp_path / name
    path.write_text(HEAD.format(srclang=srclang) + body + "</body></tmx>\n", encoding="utf-8")
    return path


def segments(text: SourceText) -> list[tuple[str, str]]:
    return [(s.id, s.text) for b in text.blocks for s in b.segments or ()]


SAME = [[("en", "The colour is grey."), ("en", "The color is gray.")],
        [("en", "We organised it."), ("en", "We organized it.")],
        [("EN", "Centre."), ("en", "Center.")]]


def test_one_language_on_both_sides_keeps_both_sides_by_position(tmp_path: Path) -> None:
    source, target = read_texts(tmx(tmp_path, SAME))
    assert (source.lang, target.lang) == ("en", "en")
    assert source.text_id != target.text_id
    assert [t for _, t in segments(source)] == ["The colour is grey.", "We organised it.", "Centre."]
    assert [t for _, t in segments(target)] == ["The color is gray.", "We organized it.", "Center."]
    ids = [i for text in (source, target) for i, _ in segments(text)]
    assert len(set(ids)) == len(ids) == 6


def test_the_header_srclang_says_which_side_is_the_source_where_the_two_differ(tmp_path: Path) -> None:
    units = [[("en-GB", "Colour."), ("en-GB", "Colour!")], [("en-US", "Color."), ("en-GB", "Colour.")]]
    source, target = read_texts(tmx(tmp_path, units, srclang="en-GB"))
    assert [t for _, t in segments(source)] == ["Colour.", "Colour."]
    assert [t for _, t in segments(target)] == ["Colour!", "Color."]


def test_where_a_units_languages_differ_they_tell_the_sides_apart(tmp_path: Path) -> None:
    units = [[("en", "One."), ("tr", "Bir.")], [("tr", "İki."), ("en", "Two.")], [("tr", "Üç."), ("tr", "Üç!")]]
    source, target = read_texts(tmx(tmp_path, units, srclang="*all*"))
    assert [t for _, t in segments(source)] == ["One.", "Two.", "Üç."]
    assert [t for _, t in segments(target)] == ["Bir.", "İki.", "Üç!"]
    assert (source.lang, target.lang) == ("en", "tr")


def test_en_gb_to_en_us_chosen_by_their_full_codes(tmp_path: Path) -> None:
    path = tmx(tmp_path, [[("en-GB", "The colour is grey."), ("en-US", "The color is gray.")],
                          [("en-GB", "It was organised."), ("en-US", "It was organized.")]], srclang="en-GB")
    for langs in ([], ["--src-lang", "en-GB", "--tgt-lang", "en-US"], ["--src-lang", "en-US", "--tgt-lang", "en-GB"]):
        out = tmp_path / "out.tei.xml"
        result = CliRunner().invoke(cli, ["align", str(path), "-o", str(out), "--force", "--scorer", "lexical",
                                          *langs])
        assert result.exit_code == 0, result.output
        bitext = read_tei(out)
        want = ("en-US", "en-GB") if langs and langs[1] == "en-US" else ("en-GB", "en-US")
        assert (bitext.source.lang, bitext.target.lang) == want


def test_align_of_a_same_language_tmx_gives_both_sides(tmp_path: Path, assert_valid_tei) -> None:
    out = tmp_path / "out.tei.xml"
    result = CliRunner().invoke(cli, ["align", str(tmx(tmp_path, SAME)), "-o", str(out), "--scorer", "lexical"])
    assert result.exit_code == 0, result.output
    assert_valid_tei(out.read_bytes())
    bitext = read_tei(out)
    assert bitext.source.texts == ["The colour is grey.", "We organised it.", "Centre."]
    assert bitext.target.texts == ["The color is gray.", "We organized it.", "Center."]
    assert [(link.src, link.tgt) for link in bitext.links] == [((k,), (k,)) for k in range(3)]
    assert [s.id for s in bitext.source.segments] == ["en.src.1", "en.src.2", "en.src.3"]
    assert [s.id for s in bitext.target.segments] == ["en.tgt.1", "en.tgt.2", "en.tgt.3"]


def test_a_same_language_alignment_round_trips_through_tmx(tmp_path: Path) -> None:
    a, b = tmp_path / "gb.txt", tmp_path / "us.txt"
    a.write_text("The colour is grey. We organised it.\n\nCentre of town.\n", encoding="utf-8")
    b.write_text("The color is gray. We organized it.\n\nCenter of town.\n", encoding="utf-8")
    memory, again = tmp_path / "m.tmx", tmp_path / "again.tsv"
    runner = CliRunner()
    first = runner.invoke(cli, ["align", str(a), str(b), "-s", "en", "-t", "en", "--scorer", "lexical", "--to", "tmx",
                                "-o", str(memory)])
    assert first.exit_code == 0, first.output
    second = runner.invoke(cli, ["align", str(memory), "--scorer", "lexical", "--to", "tsv", "-o", str(again)])
    assert second.exit_code == 0, second.output
    rows = [line.split("\t")[1:3] for line in again.read_text(encoding="utf-8").splitlines()[1:]]
    assert rows == [["The colour is grey.", "The color is gray."], ["We organised it.", "We organized it."],
                    ["Centre of town.", "Center of town."]]


@pytest.mark.parametrize("unit, words", [
    ([("en", "One."), ("en", "Two."), ("en", "Three.")], "unit 2"),
    ([("en", "One."), ("en", "Two."), ("tr", "Üç.")], "unit 2"),
    ([("en", "Alone.")], "unit 2"),
])
def test_a_unit_that_cannot_be_split_into_two_sides_is_a_one_line_error(tmp_path: Path, unit, words: str) -> None:
    path = tmx(tmp_path, [SAME[0], unit])
    with pytest.raises(InputError) as err:
        read_texts(path)
    message = str(err.value)
    assert "\n" not in message and message.startswith(f"{path}: ") and words in message, message
    result = CliRunner().invoke(cli, ["align", str(path), "-o", str(tmp_path / "out.tei.xml")])
    assert result.exit_code != 0 and not (tmp_path / "out.tei.xml").exists()
    assert result.output.strip().splitlines()[-1] == f"Error: {message}"


def test_units_in_distinct_languages_read_as_before(tmp_path: Path) -> None:
    en, tr = read_texts(tmx(tmp_path, [[("tr", "Bir."), ("en", "One.")], [("en", "Two."), ("tr", "İki.")], [("en", "Three.")]]))
    assert (en.lang, tr.lang) == ("en", "tr")
    assert segments(en) == [("en.1", "One."), ("en.2", "Two."), ("en.3", "Three.")]
    assert segments(tr) == [("tr.1", "Bir."), ("tr.2", "İki.")]


@pytest.mark.parametrize("data", [
    """<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en"
 target-language="en" datatype="plaintext" original="a.txt"><body>
<trans-unit id="a"><source>Colour.</source><target>Color.</target></trans-unit>
<trans-unit id="b"><source>Grey.</source><target>Gray.</target></trans-unit></body></file></xliff>""",
    """<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="en"><file id="f">
<unit id="a"><segment><source>Colour.</source><target>Color.</target></segment></unit>
<unit id="b"><segment><source>Grey.</source><target>Gray.</target></segment></unit></file></xliff>""",
])
def test_an_xliff_in_one_language_keeps_its_source_and_target_apart(tmp_path: Path, data: str) -> None:
    path = tmp_path / "review.xlf"
    path.write_text(data, encoding="utf-8")
    source, target = read_texts(path)
    assert (source.lang, target.lang) == ("en", "en")
    assert segments(source) == [("en.src.a", "Colour."), ("en.src.b", "Grey.")]
    assert segments(target) == [("en.tgt.a", "Color."), ("en.tgt.b", "Gray.")]


def test_a_side_in_locales_of_one_language_is_one_side_labelled_by_the_language(tmp_path: Path) -> None:
    path = tmx(tmp_path, [[("en-GB", "The colour is grey."), ("de", "Die Farbe ist grau.")],
                          [("en-US", "It was organized."), ("de", "Es wurde organisiert.")]], srclang="en-GB")
    source, target = read_texts(path)
    assert (source.lang, target.lang) == ("en", "de")
    assert segments(source) == [("en.1", "The colour is grey."), ("en.2", "It was organized.")]
    out = tmp_path / "out.tei.xml"
    result = CliRunner().invoke(cli, ["align", str(path), "-o", str(out), "--scorer", "lexical"])
    assert result.exit_code == 0, result.output
    assert (read_tei(out).source.lang, read_tei(out).target.lang) == ("en", "de")


def test_sides_by_position_in_locales_of_one_language_are_labelled_by_the_language(tmp_path: Path) -> None:
    source, target = read_texts(tmx(tmp_path, [[("en-GB", "Colour."), ("en-GB", "Colour!")],
                                         [("en-US", "Color."), ("en-US", "Color!")]], srclang="*all*"))
    assert (source.lang, target.lang) == ("en", "en")
    assert [i for i, _ in segments(source)] == ["en.src.1", "en.src.2"]


def test_a_side_by_position_in_two_languages_is_labelled_by_its_first_with_a_warning(tmp_path: Path, caplog) -> None:
    path = tmx(tmp_path, [[("en", "One."), ("en", "One!")], [("fr", "Deux."), ("fr", "Deux !")]], srclang="*all*")
    with caplog.at_level(logging.WARNING, logger="bitext"):
        source, target = read_texts(path)
    assert (source.lang, target.lang) == ("en", "en")
    assert f"{path}: the source side holds units in en, fr; labelled en, its first unit's" in caplog.text
    assert f"{path}: the target side holds units in en, fr; labelled en, its first unit's" in caplog.text
