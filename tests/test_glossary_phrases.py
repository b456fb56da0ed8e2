"""Multi-word terms and renderings: found with Russian case forms, English plurals and
possessives, Turkish suffixes, in lookup, check, apply and the aligner's name keys."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from corpora.model import Bitext, Document, Link

from bitext_cli.main import cli
from glossary.name_keys import sentence_name_keys
from glossary.apply import name_spans
from glossary.check import check_bitext
from glossary.io import load_glossary
from glossary.match import Matcher
from glossary.phrases import word_forms


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_glossary())


@pytest.mark.parametrize("text,entry", [
    ("нарком внутренних дел", "narkom-vd"),
    ("наркомом внутренних дел", "narkom-vd"),
    ("народным комиссаром внутренних дел", "narkom-vd"),
    ("People's Commissar for Internal Affairs", "narkom-vd"),
    ("People’s Commissars for Internal Affairs", "narkom-vd"),
    ("people's commissar of internal affairs", "narkom-vd"),
    ("İçişleri Halk Komiseri'nin", "narkom-vd"),
    ("People's Commissar", "narkom"),
    ("Central Committee", "central-committee"),
    ("Central Committee's", "central-committee"),
    ("Central Committees", "central-committee"),
    ("Центрального комитета", "central-committee"),
    ("ЦК", "central-committee"),
    ("Merkez Komitesi'nin", "central-committee"),
    ("Совета народных комиссаров", "sovnarkom"),
])
def test_lookup_of_phrases(matcher: Matcher, text: str, entry: str) -> None:
    match = matcher.lookup_text(text)
    assert match is not None and match.entry_id == entry, text


@pytest.mark.parametrize("text", ["Central", "Committee", "Internal Affairs", "Central, Committee", "Central. Committee"])
def test_parts_of_a_phrase_are_not_the_phrase(matcher: Matcher, text: str) -> None:
    assert matcher.lookup_text(text) is None


def test_the_longest_phrase_wins_in_running_text(matcher: Matcher) -> None:
    text = "Yezhov became People’s Commissar for Internal Affairs; Yagoda was People's Commissar of Communications."
    assert [(f.word, f.match.entry_id) for f in matcher.find(text)] == [
        ("Yezhov", "yezhov"), ("People’s Commissar for Internal Affairs", "narkom-vd"), ("Yagoda", "yagoda"),
        ("People's Commissar", "narkom")]


def test_russian_words_of_a_phrase_decline() -> None:
    assert {"наркома", "наркомом"} <= word_forms("нарком")
    assert {"народным", "народного"} <= word_forms("народный")
    assert {"внутреннего", "внутренних"} <= word_forms("внутренний")
    assert "commissar" in word_forms("Commissars") and "affairs" in word_forms("Affairs")


def pair(src: str, tgt: str, tgt_lang: str = "en") -> Bitext:
    return Bitext(Document.from_sentences("ru", [[src]]), Document.from_sentences(tgt_lang, [[tgt]]), [Link((0,), (0,))])


@pytest.mark.parametrize("ru,tgt,lang,expected", [
    # correct renderings of multi-word terms: nothing to report (before: нарком "missing")
    ("Нарком Ежов подписал приказ.", "People's Commissar Yezhov signed the order.", "en", []),
    ("Ежов стал народным комиссаром внутренних дел.", "Yezhov became People’s Commissar for Internal Affairs.", "en", []),
    ("Ежов стал наркомом внутренних дел.", "Yejov İçişleri Halk Komiseri oldu.", "tr", []),
    ("Решение ЦК было принято.", "The Central Committee's decision was taken.", "en", []),
    ("Пленум Центрального комитета.", "A plenum of the Central Committee.", "en", []),
    ("Решение ЦК.", "Merkez Komitesi'nin kararı.", "tr", []),
    ("Заседание Совнаркома.", "A meeting of the Council of People's Commissars.", "en", []),
    # a non-preferred rendering is a variant; an absent one is missing (never a one-word "suspect")
    ("Решение ЦК.", "The CC decided.", "en", [("central-committee", "CC", "variant")]),
    ("Ежов стал наркомом внутренних дел.", "Yezhov became narkom of internal affairs.", "en",
     [("narkom-vd", "narkom of internal affairs", "variant")]),
    ("Ежов стал наркомом внутренних дел.", "Yezhov got a new post.", "en", [("narkom-vd", "", "missing")]),
])
def test_check_with_phrases(matcher: Matcher, ru: str, tgt: str, lang: str, expected: list) -> None:
    assert [(f.entry_id, f.target_has, f.kind) for f in check_bitext(matcher, pair(ru, tgt, lang))] == expected


def test_apply_marks_a_phrase_once_and_regularizes_only_other_renderings(matcher: Matcher) -> None:
    text = "The People's Commissars for Internal Affairs and the CC's men."
    spans = name_spans(matcher, text, "en")
    assert [(text[s.start:s.end], s.entry_id, s.reg) for s in spans] == [
        ("People's Commissars for Internal Affairs", "narkom-vd", None),
        ("CC", "central-committee", "Central Committee")]


def test_phrases_are_name_keys_for_the_aligner(matcher: Matcher) -> None:
    ru = ["Ежов стал наркомом внутренних дел.", "Пленум ЦК открылся."]
    en = ["The Central Committee plenum opened.", "Yezhov became People's Commissar for Internal Affairs."]
    src, tgt = sentence_name_keys(matcher, ru), sentence_name_keys(matcher, en)
    assert src == [frozenset({"yezhov", "narkom-vd"}), frozenset({"central-committee"})]
    assert tgt == [frozenset({"central-committee"}), frozenset({"yezhov", "narkom-vd"})]


def test_cli_lookup_of_a_phrase() -> None:
    result = CliRunner().invoke(cli, ["glossary", "lookup", "People's Commissars for Internal Affairs", "Центрального комитета"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "People's Commissars for Internal Affairs\tнарком внутренних дел\talias",
        "Центрального комитета\tЦК\talias"]


@pytest.mark.parametrize("text,entry", [
    ("Красной армии", "red-army"), ("Красную армию", "red-army"), ("ГУЛАГа", "gulag"), ("ГУЛАГе", "gulag"),
])
def test_feminine_adjectives_and_word_acronyms_decline_in_the_starter(matcher: Matcher, text: str,
                                                                      entry: str) -> None:
    # Failed before: Красная declined as a noun in -я, ГУЛАГ not at all.
    hit = matcher.lookup_text(text)
    assert hit is not None and hit.entry_id == entry
