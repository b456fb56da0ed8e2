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
    # generic fallback: initials and common Latin abbreviations, but no language list
    ("fr", "Le livre de J. W. Goethe parut, cf. p. 12. Ce fut un succès! Mais pourquoi?",
     ["Le livre de J. W. Goethe parut, cf. p. 12.", "Ce fut un succès!", "Mais pourquoi?"]),
    ("de", "Das Buch von J. W. Goethe erschien 1808, vgl. S. 12. Es war ein Erfolg.",
     ["Das Buch von J. W. Goethe erschien 1808, vgl. S. 12.", "Es war ein Erfolg."]),
]


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
