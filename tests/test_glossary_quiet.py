"""Quiet where the glossary knows nothing (one line for a language it has no renderings in);
`glossary apply` applied again keeps the earlier <orig>."""

from __future__ import annotations

import logging
from pathlib import Path

from click.testing import CliRunner

from corpora.model import Bitext, Document, Link

from bitext_cli.main import cli
from glossary.check import check_bitext
from glossary.io import load_glossary
from glossary.match import Matcher
from tei.writer import tei_bytes

RU = ["Приказ подписали Ежов, Ягода и Вышинский.", "Сталин ждал Бухарина."]
DE = ["Den Befehl unterschrieben Jeschow, Jagoda und Wyschinski.", "Stalin wartete auf Bucharin."]


def german_pair() -> Bitext:
    src, tgt = Document.from_sentences("ru", [RU]), Document.from_sentences("de", [DE])
    return Bitext(src, tgt, [Link((0,), (0,)), Link((1,), (1,))])


def test_a_language_without_renderings_gets_one_line_not_a_finding_per_name(caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="bitext"):
        findings = check_bitext(Matcher(load_glossary()), german_pair())
    assert findings == []
    assert [r.getMessage() for r in caplog.records] == [
        "the glossary has no renderings in de (it has: en, tr); names were checked against each other only"]


def test_glossary_check_cli_says_it_once(tmp_path: Path, caplog) -> None:
    path = tmp_path / "de.xml"
    path.write_bytes(tei_bytes(german_pair()))
    with caplog.at_level(logging.WARNING, logger="bitext"):
        result = CliRunner().invoke(cli, ["glossary", "check", str(path)])
    assert result.exit_code == 0 and result.stdout == ""
    assert sum("no renderings in de" in r.getMessage() for r in caplog.records) == 1


def test_apply_twice_keeps_the_earlier_orig(tmp_path: Path, assert_valid_tei) -> None:
    src = Document.from_sentences("ru", [["Приказ Ежова и Троцкого."]])
    tgt = Document.from_sentences("en", [["An order by Ezhov and Trotzky."]])
    aligned, once, twice = tmp_path / "a.xml", tmp_path / "once.xml", tmp_path / "twice.xml"
    aligned.write_bytes(tei_bytes(Bitext(src, tgt, [Link((0,), (0,))])))
    for inp, out in ((aligned, once), (once, twice)):
        result = CliRunner().invoke(cli, ["glossary", "apply", str(inp), "-o", str(out)])
        assert result.exit_code == 0, result.output
    data = twice.read_bytes()
    assert b"<orig>Ezhov</orig><reg>Yezhov</reg>" in data and b"<orig>Trotzky</orig><reg>Trotsky</reg>" in data
    assert data == once.read_bytes()
    assert_valid_tei(data)


def test_apply_with_another_glossary_starts_from_the_original_spelling(tmp_path: Path) -> None:
    src = Document.from_sentences("ru", [["Приказ Ежова."]])
    tgt = Document.from_sentences("en", [["An order by Ezhov."]])
    aligned, once, twice = tmp_path / "a.xml", tmp_path / "once.xml", tmp_path / "twice.xml"
    aligned.write_bytes(tei_bytes(Bitext(src, tgt, [Link((0,), (0,))])))
    other = tmp_path / "other.tsv"
    other.write_text("Ежов\tJezhov\tlang=en\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["glossary", "apply", str(aligned), "-o", str(once)]).exit_code == 0
    assert CliRunner().invoke(cli, ["glossary", "apply", str(once), "--glossary", str(other), "-o", str(twice)]).exit_code == 0
    assert b"<orig>Ezhov</orig><reg>Jezhov</reg>" in twice.read_bytes()


RU3 = ["Ежов пришёл.", "Ежов ушёл.", "Ежова арестовали.", "Сталин ждал."]
DE3 = ["Jeschow kam.", "Jeshow ging.", "Man verhaftete Jeschow.", "Stalin wartete."]


def german_three() -> Bitext:
    src, tgt = Document.from_sentences("ru", [RU3]), Document.from_sentences("de", [DE3])
    return Bitext(src, tgt, [Link((k,), (k,)) for k in range(4)])


def test_a_name_spelled_two_ways_in_a_language_without_renderings_is_inconsistent(caplog) -> None:
    # Failed before: nothing was checked, so Jeshow beside Jeschow (twice) went unreported.
    with caplog.at_level(logging.WARNING, logger="bitext"):
        findings = check_bitext(Matcher(load_glossary()), german_three())
    assert [(f.link_id, f.source_term, f.preferred, f.target_has, f.kind, f.how) for f in findings] == [
        ("l2", "Ежов", "Jeschow", "Jeshow", "inconsistent", "usual:Jeschow (l1, l3)")]
    assert [r.getMessage() for r in caplog.records] == [
        "the glossary has no renderings in de (it has: en, tr); names were checked against each other only"]


def test_an_entry_without_a_rendering_in_the_language_is_checked_against_the_text_s_usual_spelling(
        tmp_path: Path) -> None:
    # The glossary renders Сталин in German but not Ежов: Ежов's spellings are compared with each other.
    path = tmp_path / "de.tsv"
    path.write_text("Сталин\tStalin\tlang=de\nЕжов\tYezhov\tlang=en\n", encoding="utf-8")
    findings = check_bitext(Matcher(load_glossary(path)), german_three())
    assert [(f.link_id, f.preferred, f.target_has, f.kind) for f in findings] == [
        ("l2", "Jeschow", "Jeshow", "inconsistent")]


def test_the_check_cli_prints_inconsistent_spellings_and_records_them(tmp_path: Path, assert_valid_tei) -> None:
    path, out = tmp_path / "de.xml", tmp_path / "checked.xml"
    path.write_bytes(tei_bytes(german_three()))
    result = CliRunner().invoke(cli, ["glossary", "check", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["l2\tЕжов\tJeschow\tJeshow\tinconsistent\tusual:Jeschow (l1, l3)\tJeshow ging."]
    data = out.read_bytes()
    assert_valid_tei(data)
    assert b'ana="#gl.inconsistent"' in data and b'<category xml:id="gl.inconsistent">' in data


def test_a_word_like_an_entry_the_glossary_does_not_render_in_the_language_is_no_suspect(tmp_path: Path) -> None:
    # Failed before: French "Dnieproguès" for Днепрогэс (no French rendering; the glossary has
    # others in French) was a suspect with preferred "-", nothing a translator could act on.
    path = tmp_path / "fr.tsv"
    path.write_text("Днепрогэс\tDneproges\tlang=en; kind=place\nЕжов\tIejov\tlang=fr\n", encoding="utf-8")
    src = Document.from_sentences("ru", [["Строители Днепрогэса."]])
    tgt = Document.from_sentences("fr", [["Les bâtisseurs du Dnieproguès."]])
    assert check_bitext(Matcher(load_glossary(path)), Bitext(src, tgt, [Link((0,), (0,))])) == []
