"""TEI as input to `bitext align`: <s xml:id> keep their ids, <p>-only texts are segmented."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from corpora.sourcetext import pick_text
from tei.reader import read_tei, read_tei_sources
from tests.conftest import DATA

EN, TR, RU = DATA / "tei" / "letter.en.xml", DATA / "tei" / "letter.tr.xml", DATA / "tei" / "letter.ru.p.xml"


def align(tmp_path: Path, *args: str) -> tuple[object, Path]:
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(cli, ["align", *args, "-o", str(out)])
    return result, out


def test_segmented_tei_keeps_its_ids(tmp_path: Path, assert_valid_tei) -> None:
    result, out = align(tmp_path, str(EN), str(TR))
    assert result.exit_code == 0, result.output
    assert_valid_tei(out.read_bytes())
    bitext = read_tei(out)
    assert [s.id for s in bitext.source.segments] == ["s1", "s2", "s3", "s4"]
    assert [s.id for s in bitext.target.segments] == ["tr-s1", "tr-s2", "tr-s3", "tr-s4"]
    assert bitext.source.paragraphs[0].kind == "head" and bitext.source.lang == "en"
    assert bitext.target.texts[1] == "3 Mayıs 1937'de Bakü'ye vardım."
    assert "|seg:tei+en-" in bitext.meta["signature"] and ",tei+tr-" in bitext.meta["signature"]


def test_clashing_ids_get_their_text_id_as_prefix(tmp_path: Path, assert_valid_tei) -> None:
    result, out = align(tmp_path, str(EN), str(EN), "-t", "en")
    assert result.exit_code == 0, result.output
    assert_valid_tei(out.read_bytes())
    bitext = read_tei(out)
    assert [s.id for s in bitext.source.segments][:2] == ["en.src.s1", "en.src.s2"]
    assert [s.id for s in bitext.target.segments][:2] == ["en.tgt.s1", "en.tgt.s2"]


def test_prefixing_clashing_ids_gives_each_its_own(tmp_path: Path, assert_valid_tei) -> None:
    """`s1` and `en.s1` in one input both became `en.s1` (a duplicate xml:id): the id that has
    the prefix keeps it, the other gets `.2` after it, and the links follow."""
    body = ('<p><s xml:id="s1">The first sentence is here.</s> <s xml:id="en.s1">The second one follows it.</s></p>')
    en = EN.read_text(encoding="utf-8")
    head = en[:en.index("<text")]
    (tmp_path / "en.xml").write_text(f'{head}<text xml:lang="en"><body>{body}</body></text></TEI>', encoding="utf-8")
    (tmp_path / "tr.xml").write_text(f'{head}<text xml:lang="tr"><body>{body}</body></text></TEI>', encoding="utf-8")
    result, out = align(tmp_path, str(tmp_path / "en.xml"), str(tmp_path / "tr.xml"), "-s", "en", "-t", "tr",
                        "--scorer", "lexical")
    assert result.exit_code == 0, result.output
    assert_valid_tei(out.read_bytes())
    bitext = read_tei(out)
    assert [s.id for s in bitext.source.segments] == ["en.s1.2", "en.s1"]
    assert [s.id for s in bitext.target.segments] == ["tr.s1", "tr.en.s1"]
    assert [(link.src, link.tgt) for link in bitext.links] == [((0,), (0,)), ((1,), (1,))]


def test_paragraph_only_tei_is_segmented_with_ids_from_the_paragraph(tmp_path: Path, assert_valid_tei) -> None:
    text, = read_tei_sources(RU)
    assert all(block.segments is None for block in text.blocks) and text.lang == "ru"
    assert text.blocks[1].text == "Я приехал в Баку 3 мая 1937 г. Город был тих."  # note skipped
    assert [b.kind for b in text.blocks] == ["head", "p", "p"] and text.blocks[1].id == "p1"
    result, out = align(tmp_path, str(RU), str(EN), "-t", "en")
    assert result.exit_code == 0, result.output
    bitext = read_tei(out)
    assert [s.id for s in bitext.source.segments] == ["ru.p1.s1", "p1.s1", "p1.s2", "ru.p3.s1"]
    assert_valid_tei(out.read_bytes())


def test_a_bitext_tei_as_input_picks_the_text_by_language(tmp_path: Path) -> None:
    golden = DATA / "tei" / "every_link_type.tei.xml"
    texts = read_tei_sources(golden)
    assert pick_text(texts, "tr", str(golden), "--tgt-lang").blocks[0].segments[0].id == "tr.s1"
    with pytest.raises(Exception, match=r"holds 2 texts \(en, tr\); pass --tgt-lang"):
        pick_text(texts, None, str(golden), "--tgt-lang")


@pytest.mark.parametrize("args, message", [
    (["align", "{golden}", "{en}"], "holds 2 texts (en, tr); pass --src-lang to choose one"),
    (["align", "{en}", "{golden}"], "holds 2 texts (en, tr); pass --tgt-lang to choose one"),
    (["align", "{en}", "{golden}", "-t", "de"], "holds no text in language 'de' (en, tr); pass --tgt-lang to choose one"),
    (["segment", "{golden}"], "holds 2 texts (en, tr); pass --lang to choose one"),
    (["glossary", "check", "{golden}", "--lang", "de"], "holds no text in language 'de' (en, tr); pass --lang"),
])
def test_choosing_a_text_of_several_names_the_option_that_chooses(args: list[str], message: str) -> None:
    """An input that holds several texts (an aligned TEI): the one-line error names the option
    of the command and side at hand and the languages there are to choose from."""
    golden = DATA / "tei" / "every_link_type.tei.xml"
    result = CliRunner().invoke(cli, [a.format(golden=golden, en=EN) for a in args])
    assert result.exit_code != 0
    line, = result.output.strip().splitlines()
    assert line.startswith(f"Error: {golden}: ") and message in line, line


@pytest.mark.parametrize(
    "content, message",
    [
        (b"<?xml version='1.0'?>\n<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>x</p>", "not well-formed XML (line 2"),
        (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader/></TEI>", "holds no <text> with a <body>"),
        (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p/></body></text></TEI>", "has no sentences"),
    ],
)
def test_bad_tei_input_is_a_one_line_error(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(content)
    result, out = align(tmp_path, str(bad), str(TR), "-s", "en")
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {bad}: ") and message in lines[0], lines
    assert not out.exists()
