"""Sentence segmentation: the traps of each language, invariants, the CLI, and the gold targets."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.segment import RULES_VERSION, describe, segment, segment_paragraphs
from bitext_cli.main import cli
from tests.conftest import ROOT

TRAPS = [
    # English: initials (also two-letter transliterated ones), references, lists, quotes, notes
    ("en", "The arrest of M. J. Bagirov followed. A. Kh. Artuzov was next.",
     ["The arrest of M. J. Bagirov followed.", "A. Kh. Artuzov was next."]),
    ("en", "See the case No 25910, v. 4, p. 572-576. Then read pp. 12-14. It is short.",
     ["See the case No 25910, v. 4, p. 572-576.", "Then read pp. 12-14.", "It is short."]),
    ("en", "Dr. Smith met Prof. Jones. They talked, etc. Nobody listened.",
     ["Dr. Smith met Prof. Jones.", "They talked, etc.", "Nobody listened."]),
    ("en", "- 1. Preparing an armed uprising against Soviet power:",
     ["- 1. Preparing an armed uprising against Soviet power:"]),
    ("en", "He had contacts abroad.¹⁵ And indeed, he was tried. \"It was over.\"² Of course not.",
     ["He had contacts abroad.¹⁵", "And indeed, he was tried.", "\"It was over.\"²", "Of course not."]),
    ("en", "He wrote (\"I am shaking, etc. Perhaps I will die.\") to Stalin.",
     ["He wrote (\"I am shaking, etc.", "Perhaps I will die.\") to Stalin."]),
    ("en", "The file (case 5, v. 4, from. 279). Nothing else was found.",
     ["The file (case 5, v. 4, from. 279).", "Nothing else was found."]),
    ("en", "Stalin had him killed.[3] The trials followed.",
     ["Stalin had him killed.[3]", "The trials followed."]),
    ("en", "He waited... Nobody came. Why? Fear!",
     ["He waited...", "Nobody came.", "Why?", "Fear!"]),
    ("en", "7. Khlevniuk O. V. Politburo. Mekhanizmy vlasti [Politburo. Mechanisms], M., 1996, pp. 189-191.",
     ["7. Khlevniuk O. V. Politburo. Mekhanizmy vlasti [Politburo. Mechanisms], M., 1996, pp. 189-191."]),
    ("en", "8. Ibid., p. 164. 9. RTsKhIDNI, f. 17, op. 2, d. 633, l. 171. Vospominaniia. 10. Ibid.",
     ["8. Ibid., p. 164.", "9. RTsKhIDNI, f. 17, op. 2, d. 633, l. 171. Vospominaniia.", "10. Ibid."]),
    # Turkish: titles, vb./vs., s. 45, ordinal numbers, dotted abbreviations
    ("tr", "Prof. Dr. Ahmet Yılmaz'ın çalışması önemlidir. Doç. Dr. Elif Kaya da yazdı.",
     ["Prof. Dr. Ahmet Yılmaz'ın çalışması önemlidir.", "Doç. Dr. Elif Kaya da yazdı."]),
    ("tr", "Gazeteler vb. kaynaklar kullanıldı. Açlık, soğuk, hastalık vb. Bunlara rağmen yaşadılar.",
     ["Gazeteler vb. kaynaklar kullanıldı.", "Açlık, soğuk, hastalık vb.", "Bunlara rağmen yaşadılar."]),
    ("tr", "Örneğin bkz. Conquest, 1990, s. 112-115. Ancak bazıları farklı düşünür (Kaya, 2015, s. 45).",
     ["Örneğin bkz. Conquest, 1990, s. 112-115.", "Ancak bazıları farklı düşünür (Kaya, 2015, s. 45)."]),
    ("tr", "Savaş ölümleri artırdı. 2. Dünya Savaşı'ndan sonra M.Ö. 6. yüzyıl unutuldu. II. Abdülhamid geldi.",
     ["Savaş ölümleri artırdı.", "2. Dünya Savaşı'ndan sonra M.Ö. 6. yüzyıl unutuldu.", "II. Abdülhamid geldi."]),
    ("tr", "Bu sayı 1.500.000'i aşar. Emir saat 23.30'da verildi... Ancak T.C. arşivleri açıldı.",
     ["Bu sayı 1.500.000'i aşar.", "Emir saat 23.30'da verildi...", "Ancak T.C. arşivleri açıldı."]),
    # Russian: initials, т. е., г./гг. after numbers only, с. 45, им., citations, «quotes»
    ("ru", "Назначение Н. И. Ежова в 1936 г. стало поворотным. Уже в 1937–1938 гг. аресты выросли, т. е. вдвое.",
     ["Назначение Н. И. Ежова в 1936 г. стало поворотным.", "Уже в 1937–1938 гг. аресты выросли, т. е. вдвое."]),
    ("ru", "Приказ был подписан 30 июля 1937 г. Он определял «лимиты» и т.д. Местные власти просили больше.",
     ["Приказ был подписан 30 июля 1937 г.", "Он определял «лимиты» и т.д.", "Местные власти просили больше."]),
    ("ru", "Он жил в г. Москве. Завод им. Кирова упомянут (с. 45–47). В 1920-х гг. Сталин укрепил власть.",
     ["Он жил в г. Москве.", "Завод им. Кирова упомянут (с. 45–47).", "В 1920-х гг. Сталин укрепил власть."]),
    ("ru", "См. кн.: Конквест Р. Большой террор. Рига, 1991. Т. 1. С. 12–15. Автор пишет: «Что же изменилось?» Ответа нет.",
     ["См. кн.: Конквест Р. Большой террор. Рига, 1991. Т. 1. С. 12–15.", "Автор пишет: «Что же изменилось?»",
      "Ответа нет."]),
    ("ru", "Документ хранится в архиве (Ф. 17. Оп. 3. Д. 994. Л. 55). Его опубликовали в 1990-е гг. Подлинник утерян.",
     ["Документ хранится в архиве (Ф. 17. Оп. 3. Д. 994. Л. 55).", "Его опубликовали в 1990-е гг.",
      "Подлинник утерян."]),
    ("ru", "Потрачено 5 тыс. руб. Деньги пропали. См. прим. 5 к гл. 2. Писатель А.И. Солженицын вернулся.",
     ["Потрачено 5 тыс. руб.", "Деньги пропали.", "См. прим. 5 к гл. 2.", "Писатель А.И. Солженицын вернулся."]),
    # issue 22, Russian: a dialogue dash opens a sentence only before a capital
    ("ru", "Он пришёл. — Да, — сказал он. — Виновен? — спросил он. — Нет.",
     ["Он пришёл.", "— Да, — сказал он.", "— Виновен? — спросил он.", "— Нет."]),
    # an initial whose letter is also an abbreviation (г., в., с., т.) is an initial when upper case
    ("ru", "Его сняли в 1938 г. В. Молотов промолчал. Доклад сделал С. С. Каменев. Т. Петров возразил.",
     ["Его сняли в 1938 г.", "В. Молотов промолчал.", "Доклад сделал С. С. Каменев.", "Т. Петров возразил."]),
    ("ru", "Приказ подписал П. К. Затем все разошлись.", ["Приказ подписал П. К.", "Затем все разошлись."]),
    # a reference after "См.:" or a bibliography entry runs to its year; "см." without one does not
    ("ru", "См.: Хлевнюк О. В. Хозяин. Сталин и утверждение сталинской диктатуры. М., 2010. Книга вышла.",
     ["См.: Хлевнюк О. В. Хозяин. Сталин и утверждение сталинской диктатуры. М., 2010.", "Книга вышла."]),
    ("ru", "Хлевнюк О. В. Хозяин. Сталин и утверждение сталинской диктатуры. М., 2010.",
     ["Хлевнюк О. В. Хозяин. Сталин и утверждение сталинской диктатуры. М., 2010."]),
    ("ru", "Об этом см. выше. Далее речь пойдёт о другом.", ["Об этом см. выше.", "Далее речь пойдёт о другом."]),
    # a quoted title keeps its periods; a quoted sentence is split like any other
    ("ru", "Статья вышла в сборнике «Архив. Документы и материалы» в 2001 г. Её читали.",
     ["Статья вышла в сборнике «Архив. Документы и материалы» в 2001 г.", "Её читали."]),
    ("ru", "Он сказал: «Я ухожу. Не ждите меня.» Все молчали.",
     ["Он сказал: «Я ухожу.", "Не ждите меня.»", "Все молчали."]),
    # units end a sentence after a number only (razdel's and sentence-splitter's lists)
    ("ru", "Длина 30 см. Ширина 20 см. См. табл. 5. Стоимость 100 р. Это дорого.",
     ["Длина 30 см.", "Ширина 20 см.", "См. табл. 5.", "Стоимость 100 р.", "Это дорого."]),
    # Turkish: publishing houses and company forms
    ("tr", "Kitap Remzi Kitabevi Yay. tarafından basıldı. İletişim Yay. ise reddetti.",
     ["Kitap Remzi Kitabevi Yay. tarafından basıldı.", "İletişim Yay. ise reddetti."]),
    ("tr", "Koç Holding A.Ş. ve Arçelik Ltd. Şti. ortaktır. Ortak şirket Arçelik Ltd. Şti. Yeni yatırım yapacak.",
     ["Koç Holding A.Ş. ve Arçelik Ltd. Şti. ortaktır.", "Ortak şirket Arçelik Ltd. Şti.", "Yeni yatırım yapacak."]),
    ("tr", "Bkz. Kaya A. Osmanlı. Toplum ve Devlet. İletişim Yay., İstanbul, 2005. Bu kitap önemlidir.",
     ["Bkz. Kaya A. Osmanlı. Toplum ve Devlet. İletişim Yay., İstanbul, 2005.", "Bu kitap önemlidir."]),
    # English: "no." only before a number; a sentence may end with initials
    ("en", "No. 5 was lost. He said no. Everyone agreed. See Nos. 7-9 too.",
     ["No. 5 was lost.", "He said no.", "Everyone agreed.", "See Nos. 7-9 too."]),
    ("en", "The report was signed by P. K. The next day it was published. J. R. R. Tolkien read it.",
     ["The report was signed by P. K.", "The next day it was published.", "J. R. R. Tolkien read it."]),
    # generic fallback: initials and common Latin abbreviations, but no language list
    ("fr", "Le livre de J. W. Goethe parut, cf. p. 12. Ce fut un succès! Mais pourquoi?",
     ["Le livre de J. W. Goethe parut, cf. p. 12.", "Ce fut un succès!", "Mais pourquoi?"]),
    ("de", "Das Buch von J. W. Goethe erschien 1808, vgl. S. 12. Es war ein Erfolg.",
     ["Das Buch von J. W. Goethe erschien 1808, vgl. S. 12.", "Es war ein Erfolg."]),
]


# Scripts without capital letters, and Greek and Armenian marks (issue 22): each with a case
# that must split and one that must not.
SCRIPTS = [
    ("zh", "我们走了。他们没有来！为什么？", ["我们走了。", "他们没有来！", "为什么？"]),
    ("zh", "「好。」他说。价格是3.5元。", ["「好。」他说。", "价格是3.5元。"]),  # attribution after a quote; a decimal
    ("zh", "「好。」「不好。」", ["「好。」", "「不好。」"]),
    ("ja", "今日は晴れです。明日は雨でしょう！本当？", ["今日は晴れです。", "明日は雨でしょう！", "本当？"]),
    ("ja", "「はい。」と彼は言った。", ["「はい。」と彼は言った。"]),
    ("ar", "ذهب الولد إلى المدرسة. هل عاد؟ نعم عاد!", ["ذهب الولد إلى المدرسة.", "هل عاد؟", "نعم عاد!"]),
    ("ar", "ولد د. أحمد عام 1950 م. ثم سافر. السعر 3.5 دينار.",
     ["ولد د. أحمد عام 1950 م.", "ثم سافر.", "السعر 3.5 دينار."]),
    ("fa", "او به خانه رفت. آیا آمد؟ بله.", ["او به خانه رفت.", "آیا آمد؟", "بله."]),
    ("fa", "قیمت ۳.۵ تومان است.", ["قیمت ۳.۵ تومان است."]),
    ("ur", "وہ گھر گیا۔ کیا وہ آیا؟ ہاں۔", ["وہ گھر گیا۔", "کیا وہ آیا؟", "ہاں۔"]),
    ("ur", "قیمت 3.5 روپے ہے۔", ["قیمت 3.5 روپے ہے۔"]),
    ("hi", "राम घर गया। सीता नहीं आई। क्यों?", ["राम घर गया।", "सीता नहीं आई।", "क्यों?"]),
    ("hi", "डॉ. शर्मा आए। वे थक गए थे।", ["डॉ. शर्मा आए।", "वे थक गए थे।"]),
    ("th", "วันนี้อากาศดี พรุ่งนี้ฝนตก", ["วันนี้อากาศดี", "พรุ่งนี้ฝนตก"]),
    ("th", "ราคา 50 บาท", ["ราคา 50 บาท"]),  # a space beside a number ends nothing
    ("el", "Πού πας; Στο σπίτι. Γιατί; Έτσι.", ["Πού πας;", "Στο σπίτι.", "Γιατί;", "Έτσι."]),
    ("el", "Αγόρασε μήλα· ήταν φτηνά. Ο κ. Παπαδόπουλος ήρθε.", ["Αγόρασε μήλα· ήταν φτηνά.", "Ο κ. Παπαδόπουλος ήρθε."]),
    ("hy", "Ես գնացի տուն։ Նա չեկավ։Մենք սպասեցինք։", ["Ես գնացի տուն։", "Նա չեկավ։", "Մենք սպասեցինք։"]),
    ("hy", "Նա ասաց՝ գնանք։ 1990 թ. հունվարին եկավ։", ["Նա ասաց՝ գնանք։", "1990 թ. հունվարին եկավ։"]),
    # no table of their own: the generic rules, in which a letter of a script without capitals
    # starts a sentence and each script's full stop ends one
    ("he", "שלום עולם. זה משפט שני? כן!", ["שלום עולם.", "זה משפט שני?", "כן!"]),
    ("he", "הגובה 3.5 מטר. א. ב. יהושע כתב.", ["הגובה 3.5 מטר.", "א. ב. יהושע כתב."]),  # a decimal, initials
    # Hebrew gershayim and geresh as quotation marks: like " and ', but inside a word they mark an
    # acronym or an abbreviation (צה״ל, וכו׳), which opens and closes nothing
    ("he", "זה נגמר. ״מה?״", ["זה נגמר.", "״מה?״"]),
    ("he", "זה נגמר. ׳מה?׳", ["זה נגמר.", "׳מה?׳"]),
    ("he", "הוא אמר ״כן.״ היא שתקה.", ["הוא אמר ״כן.״", "היא שתקה."]),
    ("he", "צה״ל יצא. ד״ר כהן וכו׳ חזרו.", ["צה״ל יצא.", "ד״ר כהן וכו׳ חזרו."]),
    ("he", "הוא שירת בצה״ל. אחר כך למד בצה\"ל. זהו.", ["הוא שירת בצה״ל.", "אחר כך למד בצה\"ל.", "זהו."]),  # no initial "ל."
    ("ka", "გამარჯობა. ეს მეორე წინადადებაა. და ა.შ. ასე გაგრძელდა.",
     ["გამარჯობა.", "ეს მეორე წინადადებაა.", "და ა.შ. ასე გაგრძელდა."]),  # Mkhedruli is lower case without capitals
    ("ko", "안녕하세요. 저는 학생입니다! 거리는 3.5킬로미터입니다.", ["안녕하세요.", "저는 학생입니다!", "거리는 3.5킬로미터입니다."]),
    ("ko", "회의는 2024. 12. 5. 서울에서 열렸다. 모두 왔다.", ["회의는 2024. 12. 5. 서울에서 열렸다.", "모두 왔다."]),  # a date
    ("ka", "იხ. გვ. 45. ხილი, მაგ. ვაშლი, კარგია. ქ. თბილისში 1990 წ. ვიყავი.",
     ["იხ. გვ. 45.", "ხილი, მაგ. ვაშლი, კარგია.", "ქ. თბილისში 1990 წ. ვიყავი."]),  # see, page, e.g.
    ("ko", "漢字를 쓴다。그리고 간다.", ["漢字를 쓴다。", "그리고 간다."]),  # "。" of generic.toml, included
    ("am", "ሰላም ነው። ሁለተኛ ነው፧ ሦስተኛ።", ["ሰላም ነው።", "ሁለተኛ ነው፧", "ሦስተኛ።"]),
    ("my", "ငါ သွားမယ်။ သူ မလာဘူး။", ["ငါ သွားမယ်။", "သူ မလာဘူး။"]),
    ("my", "ငါ သွားမယ်၊ သူ မလာဘူး။", ["ငါ သွားမယ်၊ သူ မလာဘူး။"]),  # "၊" is a comma
    ("km", "ខ្ញុំទៅ។ គាត់មិនមក។", ["ខ្ញុំទៅ។", "គាត់មិនមក។"]),
    ("bn", "আমি যাই। সে আসে না।", ["আমি যাই।", "সে আসে না।"]),
    ("de", "Er kam. der Rest fehlt.", ["Er kam. der Rest fehlt."]),  # a Latin lower-case word still starts none
]


@pytest.mark.parametrize("lang, text, expected", SCRIPTS, ids=[f"{t[0]}-{i}" for i, t in enumerate(SCRIPTS)])
def test_scripts_without_capitals_and_other_marks(lang: str, text: str, expected: list[str]) -> None:
    assert segment(text, lang) == expected


def test_every_rules_table_loads_and_unknown_languages_get_the_generic_one() -> None:
    from align.segment_rules import languages, load_rules, rules_for

    assert {"en", "tr", "ru", "zh", "ja", "ar", "fa", "ur", "hi", "th", "lo", "el", "hy", "ka", "ko"} <= languages()
    for code in languages():
        assert rules_for(code) == load_rules(code)
    assert rules_for("nl") == load_rules("generic") and "etc" in rules_for("nl").final
    assert "e.g" in rules_for("en").prefix and "no" in rules_for("en").before_number  # _scholarly.toml included


def test_include_merges_every_field_the_including_table_adding_marks_and_words_and_winning_scalars(
    monkeypatch, tmp_path: Path
) -> None:
    from align import segment_rules

    (tmp_path / "segrules").mkdir()
    (tmp_path / "segrules" / "yy.toml").write_text(
        'hard_ends = "。"\ncapital = false\ndotted_dates = true\nprefix = "aa"\n', encoding="utf-8")
    (tmp_path / "segrules" / "xx.toml").write_text(
        'include = ["yy"]\nhard_ends = "।。"\ncapital = true\nprefix = "bb"\n', encoding="utf-8")
    monkeypatch.setattr(segment_rules.resources, "files", lambda package: tmp_path)
    rules = segment_rules.load_rules.__wrapped__("xx")
    assert rules.hard_ends == "。।" and rules.capital and rules.dotted_dates and rules.prefix == {"aa", "bb"}
    assert rules.ends == segment_rules.SegmentRules.ends  # a field no table sets keeps its default


def test_tables_that_include_generic_get_its_marks() -> None:
    from align.segment_rules import rules_for

    for code in ("ka", "ko"):
        assert set(rules_for("generic").hard_ends) <= set(rules_for(code).hard_ends)
        assert rules_for(code).uncased_starts


def test_a_table_with_an_unknown_field_is_refused(monkeypatch, tmp_path: Path) -> None:
    from align import segment_rules

    (tmp_path / "segrules").mkdir()
    (tmp_path / "segrules" / "xx.toml").write_text('ends = "."\nabbreviations = "x"\n', encoding="utf-8")
    monkeypatch.setattr(segment_rules.resources, "files", lambda package: tmp_path)
    with pytest.raises(ValueError, match="xx.toml: unknown field"):
        segment_rules._table("xx")


UNCASED = {  # two sentences in a script without capitals, the second starting with a letter of it
    "ka": "ის მოვიდა 1937 წელს. ქალაქი მშვიდი იყო.",  # Mkhedruli: lower case (Ll) that title-casing keeps
    "ar": "وصل في عام 1937. كانت المدينة هادئة.",
    "he": "הוא הגיע בשנת 1937. העיר הייתה שקטה.",
    "ko": "그는 1937년에 왔다. 도시는 조용했다.",
    "am": "እሱ በ1937 መጣ. ከተማዋ ጸጥ ያለች ነበረች.",
}


@pytest.mark.parametrize("script", sorted(UNCASED))
@pytest.mark.parametrize("lang", ["en", "ru", "tr"])
def test_every_caseless_script_declared_in_a_language_of_capitals_is_split_alike(lang: str, script: str) -> None:
    """A paragraph in a script without capitals, declared in a language whose rules start a
    sentence only at one, is split by the generic rules whichever such script it is: Georgian
    (whose Mkhedruli letters Unicode files as lower case, though no sentence starts with a
    Mtavruli capital) as Arabic or Hebrew."""
    first, second = UNCASED[script].split(". ")
    assert segment(UNCASED[script], lang) == [f"{first}.", second]


def test_a_capital_starts_a_sentence_and_a_cased_lower_case_letter_none() -> None:
    """The one test of an uncased letter ("ა", "ש", "가") leaves out every capital, titlecase
    ones too ("ǅ", polytonic "ᾯ"), and every lower-case letter that has one ("a", "ä", "ⴀ")."""
    from align.segment import UNCASED_LETTER

    assert [ch for ch in "აשا가ꭰaäⴀAǅᾯᲐ" if UNCASED_LETTER.fullmatch(ch)] == list("აשا가")
    assert segment("Er kam. ǅamija ist ein Ort.", "de") == ["Er kam.", "ǅamija ist ein Ort."]
    assert segment("Er kam. ⴀ ist eine Schrift.", "de") == ["Er kam. ⴀ ist eine Schrift."]


@pytest.mark.parametrize("lang, text, expected", TRAPS, ids=[f"{t[0]}-{i}" for i, t in enumerate(TRAPS)])
def test_traps(lang: str, text: str, expected: list[str]) -> None:
    assert segment(text, lang) == expected


def _nonspace(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("seed, lang", [("000_8eb322c40b99c97d.txt", "en"), ("002_f5d8b61df493dbae.txt", "en")])
def test_every_nonspace_character_is_kept_in_order(shared: Path, seed: str, lang: str) -> None:
    from corpora.readers import read_text, split_paragraphs

    paragraphs = split_paragraphs(read_text(shared / "seeds" / seed))
    result = segment_paragraphs(paragraphs, lang)
    assert len(result) == len(paragraphs)
    for para, sentences in zip(paragraphs, result):
        assert _nonspace("".join(sentences)) == _nonspace(para)
        assert all(s == s.strip() and s for s in sentences)


def test_blank_paragraph_has_no_sentences_and_describe_names_rules() -> None:
    assert segment("   \n ", "en") == []
    assert describe("tr") == f"tr-{RULES_VERSION}" and describe("sr-Latn") == f"sr-{RULES_VERSION}"


def test_cli_prints_sentences_and_blank_lines_between_paragraphs(tmp_path: Path) -> None:
    src = tmp_path / "ru.txt"
    src.write_text("Н. И. Ежов пришёл в 1936 г. Всё изменилось.\n\nАрхив\nзакрыт.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment", "--lang", "ru", str(src)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Н. И. Ежов пришёл в 1936 г.\nВсё изменилось.\n\nАрхив закрыт.\n"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_segmentation", ROOT / "bench" / "segmentation.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("group", ["English", "Turkish", "Russian", "endnotes"])
def test_gold_targets_measured_with_segscore(shared: Path, group: str) -> None:
    bench = _bench()
    score = bench.score_group(shared, group)
    target = bench.GROUPS[group][2]
    assert score.meets(target, group), (group, score.f1, score.false_splits_per_100, score.errors)
