"""Number words and month names (align/scorers/number_words.py) as number evidence."""

from __future__ import annotations

import numpy as np
import pytest

from align.scorers import cognates, number_words
from align.scorers.combine import Weights
from align.scorers.features import build_features, tokenize
from align.scorers.overlap import pair_matches


def spoken(text: str) -> set[str]:
    ws = cognates.words(text)
    return number_words.spoken_numbers(ws, number_words.vocabulary(ws))


def overlap(src: list[str], tgt: list[str]) -> np.ndarray:
    """Overlap matrix of every sentence pair, through the aligner's own feature code."""
    s, t = build_features(tokenize(src), tokenize(tgt), Weights().classes)
    lo = np.zeros(len(src), dtype=np.int64)
    hi = np.full(len(src), len(tgt) - 1, dtype=np.int64)
    return pair_matches(s, t, lo, hi)[1].reshape(len(src), len(tgt))


@pytest.mark.parametrize("text, expected", [
    ("в июле 1937 года", {"m7"}),
    ("in July 1937", {"m7"}),
    ("am 7. Juli", {"m7"}),
    ("le 7 juillet", {"m7"}),
    ("7 Temmuz'da", {"m7"}),
    ("в субботу", {"d6"}),
    ("on Saturday", {"d6"}),
    ("Zwei Angriffsversuche", {"2"}),
    ("deux assauts", {"2"}),
    ("iki yıl", {"2"}),
    ("die zweite Expedition", {"2"}),
    ("двух лет", {"2"}),
    ("twenty two men", {"22"}),
    ("quatre-vingt-dix-neuf", {"99"}),
    ("zweiundzwanzig", {"22"}),
    ("двадцать первый", {"21"}),
    ("on iki yıl", {"12"}),  # Turkish "on" (ten) counts only inside a number
    ("the first two", {"2"}),  # "first" alone is no number ("at first", "ilk defa")
    ("einer zehntägigen Periode", {"10"}),
    ("four hundred and thirty years", {"430"}),
    ("четыреста тридцать лет", {"430"}),
    ("около четырех тысяч человек", {"4000"}),
    ("vingt et un", {"21"}),
    ("zwei oder drei", {"2", "3"}),
    ("two three", {"2", "3"}),  # no number of its own: each word's
])
def test_number_words_and_months_get_canonical_values(text: str, expected: set[str]) -> None:
    assert spoken(text) == expected


@pytest.mark.parametrize("text", [
    "Ein Haus", "un homme et une femme", "one of them", "bir kitap", "один из них",  # articles, pronouns
    "He may come", "la planète Mars", "on the table",  # the modal, the planet, English "on"
    "thousands of people", "50 per cent", "yüz yüze",  # plural scales, "cent", Turkish "face"
    "Он взял Марта за руку", "ekim yapıldı",  # a name; Turkish "sowing" (lowercase)
])
def test_articles_modals_and_lookalikes_are_no_numbers(text: str) -> None:
    assert spoken(text) == set()


def test_russian_and_english_dates_meet() -> None:
    src, tgt = tokenize(["Это было в июле."]), tokenize(["It was in July."])
    assert src.numbers == tgt.numbers == [{"m7"}]  # a date: number_miss counts it too
    m = overlap(["Это было в июле.", "Он уехал."], ["It was in July.", "He left."])
    assert m[0, 0] > 0 and m[0, 1] == 0


def test_a_different_number_word_counts_against() -> None:
    """'zwei Tage' meets 'deux jours' and '2 jours', not 'trois jours': the unmatched number
    word weighs in the bead's lexical overlap like an unmatched digit."""
    m = overlap(["Sie blieben zwei Tage ."], ["Ils restèrent deux jours .", "Ils restèrent trois jours .",
                                               "Ils restèrent 2 jours ."])
    assert m[0, 0] > m[0, 1] and m[0, 2] > m[0, 1]
    s, t = build_features(tokenize(["zwei Tage"]), tokenize(["trois jours"]), Weights().classes)
    s2, t2 = build_features(tokenize(["Tage"]), tokenize(["jours"]), Weights().classes)
    assert s.mass[0] > s2.mass[0] and t.mass[0] > t2.mass[0]  # both numbers weigh, unmatched


def test_a_month_on_one_side_only_counts_as_an_unmatched_number() -> None:
    """Dates join the digits that number_miss counts; number words stay lexical evidence only."""
    from align.scorers.number_match import number_features, number_matches, unmatched_numbers

    src = tokenize(["Er reiste im Juli ab .", "Er blieb zwei Tage ."])
    tgt = tokenize(["Il partit en juillet .", "Il partit en juin ."])
    assert src.numbers == [{"m7"}, set()] and src.spoken == [set(), {"2"}]
    nums = number_features(src.numbers, tgt.numbers)
    lo, hi = np.zeros(2, dtype=np.int64), np.full(2, 1, dtype=np.int64)
    match = number_matches(nums, lo, hi)
    cum = [np.concatenate([[0.0], np.cumsum(side.mass)]) for side in nums]
    def miss(j: int) -> float:
        return float(unmatched_numbers(nums, cum[0], cum[1], match, np.array([0]), np.array([j]), 1, 1)[0])
    assert miss(0) == 0.0 and miss(1) == 2.0  # July meets juillet; against juin both months are unmatched
