"""Omission or merge (issue 22, item 3): texts written for the classes the held-out analysis named.

Each case is a pair the aligner must read the way a translator would: a scene separator on one
side only is left out, a lead-in line ending in ":" joins the item the translation joined it
to, the lower-case tail of a sentence split at ";" joins its head (it is not left out), and a
sentence the translation lacks is left out rather than glued to its neighbour.
"""

from __future__ import annotations

from align.lexical import LexicalAligner
from align.config import AlignConfig


def _align(src: list[str], tgt: list[str], src_lang: str = "en", tgt_lang: str = "de") -> list[tuple]:
    links = LexicalAligner().align(src, tgt, AlignConfig(src_lang=src_lang, tgt_lang=tgt_lang))
    return [(link.src, link.tgt) for link in links]


EN = ["Anna left Vienna in March 1912.", "She took the night train to Trieste.", "* * *",
      "In Trieste her brother Karl met her at the station.", "They walked to the harbour together.",
      "* * *", "Two years later the war began.", "Karl was called up in August 1914."]
DE = ["Anna verließ Wien im März 1912.", "Sie nahm den Nachtzug nach Triest.", "* * *",
      "In Triest holte ihr Bruder Karl sie am Bahnhof ab.", "Gemeinsam gingen sie zum Hafen.",
      "* * *", "Zwei Jahre später begann der Krieg.", "Im August 1914 wurde Karl eingezogen."]


def test_scene_separators_link_when_both_sides_have_them() -> None:
    assert _align(EN, DE) == [((k,), (k,)) for k in range(8)]


def test_a_scene_separator_on_one_side_only_is_left_out() -> None:
    assert _align(EN, [d for d in DE if d != "* * *"]) == [
        ((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((5,), ()), ((6,), (4,)), ((7,), (5,))]


def test_a_lead_in_line_joins_the_item_the_translation_joined_it_to() -> None:
    en = ["The expedition of 1954 had three aims:", "to map the glacier of the Baltoro,",
          "to measure the height of the peaks,", "and to reach the summit of K2.", "Only the first was achieved in full."]
    de = ["Die Expedition von 1954 hatte drei Ziele: den Baltoro-Gletscher zu kartieren,",
          "die Höhe der Gipfel zu messen", "und den Gipfel des K2 zu erreichen.", "Nur das erste wurde ganz erreicht."]
    assert _align(en, de) == [((0, 1), (0,)), ((2,), (1,)), ((3,), (2,)), ((4,), (3,))]


def test_the_lower_case_tail_of_a_split_sentence_joins_its_head() -> None:
    en = ["The weather changed on the third day.",
          "Snow fell for two days and the tents were buried, so we waited in the cave below the col.",
          "On 12 May the sky cleared.", "Lambert and Tenzing left at dawn."]
    de = ["Am dritten Tag schlug das Wetter um.", "Zwei Tage lang fiel Schnee, die Zelte wurden verschüttet;",
          "wir warteten in der Höhle unter dem Sattel.", "Am 12. Mai klarte der Himmel auf.",
          "Lambert und Tenzing brachen im Morgengrauen auf."]
    assert _align(en, de) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,))]


def test_an_untranslated_news_sentence_is_left_out_not_glued() -> None:
    en = ["Moscow police detained 12 people on Tuesday.", "The protest took place near the Kremlin.",
          "A spokesman said all of them were released by evening.", "The organisers plan another rally on 5 June.",
          "Last year a similar protest in Moscow drew about 3,000 people."]
    ru = ["Во вторник московская полиция задержала 12 человек.", "Акция протеста прошла возле Кремля.",
          "Участники держали плакаты и скандировали лозунги.",  # not in the English
          "По словам представителя, к вечеру все они были отпущены.", "Организаторы планируют новый митинг 5 июня.",
          "В прошлом году похожая акция в Москве собрала около 3000 человек."]
    assert _align(en, ru, "en", "ru") == [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,)), ((3,), (4,)), ((4,), (5,))]
