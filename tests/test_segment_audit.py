"""Segmentation audit of Russian, English and Turkish (rules v9): each defect found in the seed
texts, the eval sets re-segmented, or written as a trap, with a case that must split and one
that must not (BENCHMARKS.md, Segmentation)."""

from __future__ import annotations

import pytest

from align.segment import segment

AUDIT = [
    # a unit after a multiplier or a decimal number still follows a number ("5 млн руб.", "3,5 кг.")
    ("ru", "Цена 2,5 млн руб. Адрес: ул. Ленина, д. 5. Звонить вечером.",
     ["Цена 2,5 млн руб.", "Адрес: ул. Ленина, д. 5.", "Звонить вечером."]),
    ("ru", "Рост 1.85 м, вес 3,5 кг. Всё в норме.", ["Рост 1.85 м, вес 3,5 кг.", "Всё в норме."]),
    ("ru", "Площадь возгорания составила 40 кв. м. По информации МЧС, никто не пострадал.",
     ["Площадь возгорания составила 40 кв. м.", "По информации МЧС, никто не пострадал."]),
    ("ru", "Он живёт в кв. 12 на ул. Мира. В 5 млн руб. Петров не верил.",
     ["Он живёт в кв. 12 на ул. Мира.", "В 5 млн руб. Петров не верил."]),
    # an abbreviation that is also a word ("им.": named after / them) ends before a sentence start
    ("ru", "Ибо узнали, что он бежит, как он сам объявил им. И сказали ему: что сделать?",
     ["Ибо узнали, что он бежит, как он сам объявил им.", "И сказали ему: что сделать?"]),
    ("ru", "Мы говорили о нем. Он не пришёл. Завод им. Кирова и цех им. В. И. Ленина стояли.",
     ["Мы говорили о нем.", "Он не пришёл.", "Завод им. Кирова и цех им. В. И. Ленина стояли."]),
    # a hyphen typed for the dialogue dash; a dash before a number continues a date range
    ("ru", "Так сказал он на сайте NHL.Com. - Сейчас мы свежие. - Да, - сказал он.",
     ["Так сказал он на сайте NHL.Com.", "- Сейчас мы свежие.", "- Да, - сказал он."]),
    ("ru", "Лев Седов (24 февраля 1906 г. — 16 февраля 1938 г.) умер. Жил он в 1906 г. — 1938 г. Потом умер.",
     ["Лев Седов (24 февраля 1906 г. — 16 февраля 1938 г.) умер.", "Жил он в 1906 г. — 1938 г.",
      "Потом умер."]),
    ("ru", "24 февраля 1906 г. — 16 февраля 1938 г.", ["24 февраля 1906 г. — 16 февраля 1938 г."]),
    # a heading in capitals: a capital after "г." starts nothing
    ("ru", "РЕДАКТОР С ИЮЛЯ 1929 г. ПО ФЕВРАЛЬ 1938 г.", ["РЕДАКТОР С ИЮЛЯ 1929 г. ПО ФЕВРАЛЬ 1938 г."]),
    # a Roman numeral (Cyrillic "ХХ" too) with "в." after a unit is a number, no sentence start
    ("ru", "Это случилось в 70-е гг. ХХ в. Тогда всё изменилось. В XVII в. Москва выросла.",
     ["Это случилось в 70-е гг. ХХ в.", "Тогда всё изменилось.", "В XVII в. Москва выросла."]),
    # a sentence held whole in brackets ends inside them; one in a sentence does not
    ("ru", "(См. с. 45.) Далее текст (т. е. с. 46.) идёт.", ["(См. с. 45.)", "Далее текст (т. е. с. 46.) идёт."]),
    # a date with a Roman month is a number before "г."; a collected works' abbreviations end nothing
    ("ru", "Арестован 5.VI.1937 г. Расстрелян 2.XI.1937 г. в Москве.",
     ["Арестован 5.VI.1937 г.", "Расстрелян 2.XI.1937 г. в Москве."]),
    ("ru", "Ленин В. И. Полн. собр. соч. Т. 45. С. 345. Эту статью читали все.",
     ["Ленин В. И. Полн. собр. соч. Т. 45. С. 345.", "Эту статью читали все."]),
    # a month before a year ("1 янв. 1937 г.", "5 Oca. 2020"), but one that ends a sentence ends it
    ("ru", "Указ от 1 янв. 1937 г. вступил в силу. Газета вышла 5 дек. Потом её закрыли.",
     ["Указ от 1 янв. 1937 г. вступил в силу.", "Газета вышла 5 дек.", "Потом её закрыли."]),
    ("ru", "Это было в кон. XIX в. и в сер. XX в. Тогда всё изменилось.",
     ["Это было в кон. XIX в. и в сер. XX в.", "Тогда всё изменилось."]),
    ("tr", "Toplantı 5 Oca. 2020 tarihinde yapıldı. İstanbul Üniv. Yay. tarafından basıldı.",
     ["Toplantı 5 Oca. 2020 tarihinde yapıldı.", "İstanbul Üniv. Yay. tarafından basıldı."]),
    # a URL or an address ends a sentence whatever its last part
    ("ru", "Смотри https://example.com/a.b. Почта ivan@mail.ru. Всё.",
     ["Смотри https://example.com/a.b.", "Почта ivan@mail.ru.", "Всё."]),
    ("en", "The area was 40 sq. m. According to reports, nobody was hurt. It was 5 m. long.",
     ["The area was 40 sq. m.", "According to reports, nobody was hurt.", "It was 5 m. long."]),
    # a decimal number is no acronym ("7.4." ends; "U.S." before "in" does not)
    ("en", "The pH was 7.4. The test passed. It cost $3.5. Nobody paid.",
     ["The pH was 7.4.", "The test passed.", "It cost $3.5.", "Nobody paid."]),
    ("en", "2.1. Results of the study", ["2.1. Results of the study"]),
    # a dotted acronym ends a sentence before a sentence start ("U.S. He"), not before a name
    ("en", "He moved to the U.S. He liked it. The U.S. Army stayed in Washington, D.C. for years.",
     ["He moved to the U.S.", "He liked it.", "The U.S. Army stayed in Washington, D.C. for years."]),
    # initials written together are initials ("J.R.R. Tolkien"); after a quote they end a sentence
    ("en", "J.R.R. Tolkien wrote it. He hated the U.S.S.R. Then he left. It went to the U.S.S.R.' Later on.",
     ["J.R.R. Tolkien wrote it.", "He hated the U.S.S.R.", "Then he left.", "It went to the U.S.S.R.'", "Later on."]),
    ("en", "Call ext. 5. Thanks.", ["Call ext. 5.", "Thanks."]),
    # Turkish: an ordinal year starts a sentence ("1937. yılda"), a citation year does not
    ("tr", "Kanunun 5. maddesi açıktır. 1937. yılda çıktı.", ["Kanunun 5. maddesi açıktır.", "1937. yılda çıktı."]),
    # an ordinal before a sentence start ends a sentence ("sayısı 25. Bu"); before a noun none
    ("tr", "Katılanların sayısı 25. Bu çok az. 2. Dünya Savaşı ve 10. Yıl Nutku unutulmadı.",
     ["Katılanların sayısı 25.", "Bu çok az.", "2. Dünya Savaşı ve 10. Yıl Nutku unutulmadı."]),
]


@pytest.mark.parametrize("lang, text, expected", AUDIT, ids=[f"{a[0]}-{i}" for i, a in enumerate(AUDIT)])
def test_audit_traps(lang: str, text: str, expected: list[str]) -> None:
    assert segment(text, lang) == expected
