"""Review flags: planted problems are found with readable reasons, a clean bitext stays quiet,
and flags survive the TEI round trip (validating against tei_all)."""

from __future__ import annotations

import pytest

from corpora.model import Bitext, Document, Flag, Link

from align.flags import check_glossary, flag_bitext, flag_links, number_reason, numbers, reflag
from tei.reader import read_tei
from tei.writer import tei_bytes

# Russian source written for this test; the English is its translation, 1-1 throughout.
RU = [
    "Летом 1937 года Николай Ежов стал народным комиссаром внутренних дел.",
    "Он сменил Генриха Ягоду, который руководил НКВД с 1934 года.",
    "Первый московский процесс состоялся в августе 1936 года.",
    "Шестнадцать подсудимых, среди них Зиновьев и Каменев, были приговорены к расстрелу.",
    "Второй процесс последовал в январе 1937 года.",
    "Карл Радек получил десять лет тюрьмы.",
    "В марте 1938 года перед судом предстали Бухарин и Рыков.",
    "Суд заседал одиннадцать дней.",
    "Сам Ежов был арестован в апреле 1939 года.",
    "Его расстреляли в феврале 1940 года.",
    "Многие из жертв были реабилитированы после 1956 года.",
    "Их дела пересматривал Верховный суд СССР.",
]
EN = [
    "In the summer of 1937, Nikolai Yezhov became People's Commissar for Internal Affairs.",
    "He replaced Genrikh Yagoda, who had led the NKVD since 1934.",
    "The first Moscow trial took place in August 1936.",
    "Sixteen defendants, among them Zinoviev and Kamenev, were sentenced to death.",
    "The second trial followed in January 1937.",
    "Karl Radek received ten years in prison.",
    "In March 1938, Bukharin and Rykov stood trial.",
    "The court sat for eleven days.",
    "Yezhov himself was arrested in April 1939.",
    "He was shot in February 1940.",
    "Many of the victims were rehabilitated after 1956.",
    "Their cases were reviewed by the Supreme Court of the USSR.",
]


def clean_bitext() -> Bitext:
    src = Document.from_sentences("ru", [RU], text_id="ru")
    tgt = Document.from_sentences("en", [EN], text_id="en")
    links = [Link((i,), (i,), 0.8 + 0.01 * (i % 5)) for i in range(len(RU))]
    return Bitext(src, tgt, links)


def planted_bitext() -> Bitext:
    """A wrong year (1935), a dropped sentence (the court's eleven days), "Yerev" for Ежов."""
    en = list(EN)
    en[1] = en[1].replace("1934", "1935")
    en[8] = en[8].replace("Yezhov", "Yerev")
    del en[7]
    src = Document.from_sentences("ru", [RU], text_id="ru")
    tgt = Document.from_sentences("en", [en], text_id="en")
    links = [Link((i,), (i,), 0.8 + 0.01 * (i % 5)) for i in range(7)]
    links.append(Link((7,), (), 0.0))
    links += [Link((i,), (i - 1,), 0.8 + 0.01 * (i % 5)) for i in range(8, len(RU))]
    return Bitext(src, tgt, links)


def kinds(bitext: Bitext) -> dict[int, list[str]]:
    return {k: [f.kind for f in link.flags] for k, link in enumerate(bitext.links) if link.flags}


def test_clean_bitext_is_quiet() -> None:
    assert kinds(flag_bitext(clean_bitext())) == {}


def test_clean_bitext_is_quiet_with_the_starter_glossary() -> None:
    bitext = clean_bitext()
    assert check_glossary(bitext, None) == {}


def test_planted_problems_are_found_with_reasons() -> None:
    bitext = planted_bitext()
    flagged = flag_bitext(bitext, check_glossary(bitext, None))
    found = {k: {f.kind: f.reason for f in link.flags} for k, link in enumerate(flagged.links) if link.flags}
    assert set(found) == {1, 7, 8}
    assert found[1] == {"number": "1934 in the source, 1935 in the target"}
    assert found[7] == {"omission": "1-0: this source sentence has no counterpart in the target"}
    assert list(found[8]) == ["glossary"]
    assert "Yerev" in found[8]["glossary"] and "Ежов" in found[8]["glossary"]


def test_number_reasons_and_normalization() -> None:
    assert number_reason(["(1938-56)"], ["(1938-1956)"]) is None
    assert number_reason(["около 15 тыс. человек"], ["about 15,000 people"]) is None
    assert number_reason(["15,5 миллиона"], ["15.5 million"]) is None
    assert number_reason(["в 1937 г."], ["in 1938"]) == "1937 in the source, 1938 in the target"
    assert number_reason(["Chapter 4"], ["Bölüm"]) == "4 in the source, not in the target"
    assert number_reason(["Глава"], ["Chapter 4"]) == "4 in the target, not in the source"
    assert numbers("10 000 and 3,5") == {"10000", "3.5"}


def _doc(lang: str, n: int, text: str) -> Document:
    return Document.from_sentences(lang, [[text.format(i) for i in range(n)]], text_id=lang)


def test_low_score_is_relative_to_the_document() -> None:
    src, tgt = _doc("en", 20, "Sentence number one of many {}x."), _doc("fr", 20, "Phrase numéro un parmi bien {}x.")
    tight = [Link((i,), (i,), 0.8 + 0.005 * (i % 7)) for i in range(20)]
    tight[12] = Link((12,), (12,), 0.2)
    flagged = flag_links(Bitext(src, tgt, tight))
    assert [k for k, link in enumerate(flagged) if link.flags] == [12]
    assert flagged[12].flags[0].kind == "low-score"
    assert flagged[12].flags[0].reason.startswith("score 0.20, far below this document's typical 0.81")
    # Scores spread evenly (above the near-tie floor) have no outliers.
    spread = [Link((i,), (i,), 0.2 + 0.8 * i / 19) for i in range(20)]
    assert not any(link.flags for link in flag_links(Bitext(src, tgt, spread)))


def test_near_tie_is_low_score_even_without_a_distribution() -> None:
    # Scores are margins over the best rival alignment: 0.08 means a near tie, whatever the
    # rest of the document looks like (here too few links for a distribution).
    src, tgt = _doc("en", 3, "Sentence number one of many {}x."), _doc("fr", 3, "Phrase numéro un parmi bien {}x.")
    links = [Link((0,), (0,), 0.9), Link((1,), (1,), 0.08), Link((2,), (2,), 0.15)]
    flagged = flag_links(Bitext(src, tgt, links))
    assert [[f.kind for f in link.flags] for link in flagged] == [[], ["low-score"], []]
    assert flagged[1].flags[0].reason == "score 0.08: another alignment of these sentences scored almost as well"


def test_unusual_bead_and_length_ratio() -> None:
    src = _doc("en", 14, "A fairly ordinary sentence number {} here.")
    texts = ["Une phrase assez ordinaire numéro {} ici.".format(i) for i in range(14)]
    texts[5] = "Une phrase numéro 5 qui a été beaucoup allongée par le traducteur, avec des ajouts, " \
               "des commentaires et des explications que l'original ne contient pas du tout."
    tgt = Document.from_sentences("fr", [texts], text_id="fr")
    links = [Link((i,), (i,), 0.8) for i in range(10)] + [Link((10, 11), (10, 11), 0.8), Link((12, 13), (12, 13), 0.8)]
    flagged = flag_links(Bitext(src, tgt, links))
    assert [f.kind for f in flagged[5].flags] == ["length-ratio"]
    assert "the source length" in flagged[5].flags[0].reason
    assert [f.kind for f in flagged[10].flags] == ["unusual-bead"]
    assert flagged[10].flags[0].reason == "2-2: 2 source sentences joined to 2 target sentences"
    assert sum(1 for link in flagged if link.flags) == 3


def test_reviewed_links_are_not_flagged_again_and_other_kinds_are_kept() -> None:
    bitext = planted_bitext()
    links = list(bitext.links)
    links[1] = Link(links[1].src, links[1].tgt, 1.0, resp="human", id="l2")
    links[3] = Link(links[3].src, links[3].tgt, 0.8, flags=(Flag("glossary", "kept"),))
    again = reflag(Bitext(bitext.source, bitext.target, links))
    assert again.links[1].flags == ()
    assert again.links[3].flags == (Flag("glossary", "kept"),)
    assert [f.kind for f in again.links[7].flags] == ["omission"]


def test_flags_round_trip_through_valid_tei(assert_valid_tei) -> None:
    bitext = planted_bitext()
    flagged = flag_bitext(bitext, check_glossary(bitext, None))
    data = tei_bytes(flagged)
    root = assert_valid_tei(data)
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    link = root.xpath(".//t:link[@xml:id='l2']", namespaces=ns)[0]
    assert link.get("ana") == "#flag.number"
    interp = root.find(".//t:interpGrp[@type='flags']/t:interp[@inst='#l2']", ns)
    assert interp.text == "1934 in the source, 1935 in the target"
    assert root.xpath(".//t:taxonomy/t:category[@xml:id='flag.omission']", namespaces=ns)
    back = read_tei(data)
    assert [link.flags for link in back.links] == [link.flags for link in flagged.links]
    assert tei_bytes(back) == data


@pytest.mark.parametrize("text", ["no numbers at all", "Глава первая"])
def test_no_numbers_no_flag(text: str) -> None:
    assert number_reason([text], [text]) is None


def test_an_unusual_bead_of_one_sentence_on_a_side_says_sentence() -> None:
    """The reason a translator reads in the review page: '3 source sentences joined to 1 target
    sentence', not '1 target sentences'."""
    src = _doc("en", 4, "A fairly ordinary sentence number {} here.")
    tgt = Document.from_sentences("fr", [["Une phrase bien plus longue qui dit tout."]], text_id="fr")
    flagged = flag_links(Bitext(src, tgt, [Link((0, 1, 2, 3), (0,), 0.8)]))
    reasons = [f.reason for f in flagged[0].flags if f.kind == "unusual-bead"]
    assert reasons == ["4-1: 4 source sentences joined to 1 target sentence"]
