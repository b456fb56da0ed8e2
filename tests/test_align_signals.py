"""Each scoring signal of a sentence pair in the model-free aligner, on small hand-made cases (the
terms that score a whole bead or cut: tests/test_align_bead_terms.py)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from corpora.errors import InputError
from glossary.keys import latin_key

from align import lexical
from align.lexical import LexicalAligner
from align.config import AlignConfig
from align.scorers import cognates, length, names, numbers
from align.scorers.combine import Weights
from align.scorers.dictionary import document_senses, in_document, parse_dictionary
from align.scorers.features import build_features, tokenize
from align.scorers.learned import learn_key, learn_lexicon
from align.scorers.overlap import pair_matches
from tests.conftest import bead_of


def overlap(src: list[str], tgt: list[str], **kw) -> np.ndarray:
    """Overlap matrix (n x m) of every sentence pair, through the aligner's own feature code."""
    s, t = build_features(tokenize(src), tokenize(tgt), Weights().classes, **kw)
    lo = np.zeros(len(src), dtype=np.int64)
    hi = np.full(len(src), len(tgt) - 1, dtype=np.int64)
    _, values = pair_matches(s, t, lo, hi)
    return values.reshape(len(src), len(tgt))


# --- length -------------------------------------------------------------------------------

def test_gale_church_cost_is_zero_for_perfect_match_and_grows_with_mismatch() -> None:
    costs = length.gale_church_cost(np.array([100, 100, 100, 100]), np.array([120, 150, 250, 40]), 1.2, 6.8)
    assert costs[0] == pytest.approx(0.0, abs=1e-6)
    assert costs[0] < costs[1] < costs[2]
    assert costs[3] > costs[1]


def test_length_tail_forgives_an_outlier_and_leaves_normal_pairs_alone() -> None:
    # 100 source characters at ratio 1.0: 105 and 120 are ordinary, 200 (a loose paraphrase) is far out
    src, tgt = np.array([100, 100, 100]), np.array([105, 120, 200])
    gauss = length.gale_church_cost(src, tgt, 1.0, 3.0)
    tailed = length.gale_church_cost(src, tgt, 1.0, 3.0, knee=5.0, slope=0.25)
    assert gauss[0] < gauss[1] < 5.0 < gauss[2]
    assert np.allclose(tailed[:2], gauss[:2], atol=1e-9)  # normal pairs: the same cost
    assert 5.0 < tailed[2] < gauss[2] - 3.0  # the outlier: much cheaper, still dearer than any normal pair
    assert tailed[2] == pytest.approx(5.0 + 0.25 * (gauss[2] - 5.0))


def test_length_tail_keeps_the_cost_order() -> None:
    tgt = np.arange(100, 400, 7)
    tailed = length.gale_church_cost(np.full(len(tgt), 100), tgt, 1.0, 3.0, knee=5.0, slope=0.25)
    assert np.all(np.diff(tailed) > 0)  # a worse length match never costs less


def test_log_erfc_matches_math_erfc() -> None:
    import math

    xs = np.array([0.0, 0.5, 1.0, 2.0, 4.0])
    assert np.allclose(length.log_erfc(xs), [math.log(math.erfc(x)) for x in xs], atol=1e-6)
    assert np.isfinite(length.log_erfc(np.array([40.0])))[0]  # no underflow to log(0)


def test_length_ratio_comes_from_the_document() -> None:
    ls = length.char_lengths(["a b c", "dd"])
    lt = length.char_lengths(["aaaaaa", "bbbbbbbb"])
    assert length.length_ratio(ls, lt) == pytest.approx(14 / 5)


# --- numbers and punctuation --------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("In 1938-56 he paid 10,000 rubles", {"1938", "56", "1956", "10000"}),
    ("В 1938–1956 гг. он заплатил 10 000 рублей", {"1938", "1956", "10000"}),
    ("XX. Jahrhundert, 1,5 km", {"20", "1.5"}),
    ("au XXe siècle, 1.5 km", {"20", "1.5"}),
    ("I went home", set()),
    ("219 кораблей и 15 тыс. человек", {"219", "15", "15000"}),
    ("219 ships and 15,000 personnel", {"219", "15000"}),
    ("2,5 млрд рублей", {"2.5", "2500000000"}),
    ("profonde de 1,50 m", {"1.5"}),
    ("8847,60 oder 8848 m", {"8847.6", "8848"}),
])
def test_numbers_are_normalized(text: str, expected: set[str]) -> None:
    assert numbers.numbers(text) == expected


def test_punctuation_classes_ignore_quote_style() -> None:
    assert numbers.punctuation("«Василий Быков»?") == numbers.punctuation('"Vasily Bykov"?') == {'"', "?"}


def test_number_mismatch_is_evidence_against() -> None:
    src = ["The parade had 46 ships.", "In 2021 it was held again."]
    tgt = ["В параде участвовали 46 кораблей.", "В 2021 году его провели снова."]
    m = overlap(src, tgt)
    assert m[0, 0] > m[0, 1] and m[1, 1] > m[1, 0]
    # a number on one side only lowers the bead's similarity (more unmatched mass)
    s, t = build_features(tokenize(["He came home."]), tokenize(["Он пришёл домой в 1937 году."]), Weights().classes)
    s2, t2 = build_features(tokenize(["He came home."]), tokenize(["Он пришёл домой."]), Weights().classes)
    assert t.mass[0] > t2.mass[0]


# --- names and cognates -------------------------------------------------------------------

def test_russian_and_english_names_meet() -> None:
    m = overlap(["Бухарин и Рыков выступили.", "Потом говорил Сталин."],
                ["Then Stalin spoke.", "Bukharin and Rykov spoke."])
    assert m[0, 1] > 0 and m[0, 0] == 0
    assert m[1, 0] > 0 and m[1, 1] == 0


def test_cognate_stems_and_trigram_similarity() -> None:
    key = cognates.latin_key
    assert cognates.cognate_stem(key("президент")) == cognates.cognate_stem(key("president"))
    assert cognates.cognate_stem(key("Kommission")) == cognates.cognate_stem(key("commission"))
    assert cognates.ngram_similarity("Кронштадт", "Kronstadt") > 0.6
    assert cognates.ngram_similarity("Кронштадт", "Vladivostok") < 0.2


def test_names_link_across_spellings() -> None:
    groups = names.link_names({"bucharin": [0.1], "moskau": [0.5]}, {"buharin": [0.1], "paris": [0.5]})
    assert groups == {"bucharin": "bucharin", "buharin": "bucharin"}


@pytest.mark.parametrize("a, b", [("Boaz", "Вооз"), ("Ruth", "Руфь"), ("Abraham", "Авраам"), ("Naomi", "Ноемини"),
                                  ("Christ", "Христос"), ("Kangchendzönga", "Kangchenjunga"), ("Yezhov", "Ежов"),
                                  ("Barnabas", "Варнава"), ("Cephas", "Кифа"), ("Bethlehem", "Вифлеем")])
def test_name_distance_accepts_translation_spellings(a: str, b: str) -> None:
    assert names.name_distance(cognates.latin_key(a), cognates.latin_key(b)) <= 0.25


@pytest.mark.parametrize("a, b", [("Ruth", "Rahab"), ("Moab", "Mahlon"), ("Orpah", "Ovid"),
                                  ("Mara", "Moab"), ("Naomi", "Noah")])
def test_name_distance_rejects_different_names(a: str, b: str) -> None:
    assert names.name_distance(cognates.latin_key(a), cognates.latin_key(b)) > 0.25


def test_look_alike_names_must_occur_in_the_same_places() -> None:
    # Boaz/Вооз occur together; "Aram" looks like "Avram" but occurs elsewhere
    src = {"boaz": [0.1, 0.5, 0.9], "abraham": [0.2, 0.6]}
    tgt = {"vooza": [0.12, 0.52, 0.88], "aram": [0.95]}
    assert names.link_names(src, tgt) == {"boaz": "boaz", "vooza": "boaz"}
    assert names.link_names(src, {"avram": [0.21, 0.61]})["avram"] == "abraham"


def test_the_nearest_sound_partner_in_the_same_places_wins() -> None:
    # "booz" is nearer to "boaz" than "vooza" is, but occurs elsewhere: the nearest of the
    # candidates in the same places is taken (they are tested before any distance is computed)
    assert names.name_distance("boaz", "booz") < names.name_distance("boaz", "vooza") <= 0.25
    src = {"boaz": [0.1, 0.5, 0.9]}
    assert names.link_names(src, {"booz": [0.3], "vooza": [0.12, 0.52, 0.88]})["vooza"] == "boaz"
    assert "booz" not in names.link_names(src, {"booz": [0.3], "vooza": [0.12, 0.52, 0.88]})
    assert names.link_names(src, {"booz": [0.1, 0.5, 0.9], "vooza": [0.12, 0.52, 0.88]})["booz"] == "boaz"


def test_trigram_look_alikes_must_occur_in_the_same_places_too() -> None:
    # "Каспийске" is "Kaspiysk" inflected, in the same places; "Сына" (Son) shares three
    # trigrams with "Sinai" but occurs elsewhere
    src = {"kaspisk": [0.1, 0.5], "sinai": [0.8]}
    assert names.link_names(src, {"kaspiske": [0.11, 0.52]}) == {"kaspisk": "kaspisk", "kaspiske": "kaspisk"}
    assert names.link_names(src, {"sinai": [0.8], "sina": [0.2, 0.3, 0.4]}) == {}


# --- dictionary ---------------------------------------------------------------------------

def test_dictionary_links_words_that_share_no_letters() -> None:
    lexicon = parse_dictionary("# comment\nкнига\tbook\nдом\thouse\n")
    src, tgt = ["Я читаю книгу."], ["The house is red.", "I read a book."]
    assert overlap(src, tgt)[0].tolist() == [0, 0]
    with_dict = overlap(src, tgt, lexicon=lexicon)
    assert with_dict[0, 1] > 0 and with_dict[0, 0] == 0  # "книгу" meets "book" through its stem


def test_dictionary_bad_line_names_file_and_line() -> None:
    with pytest.raises(InputError, match=r"words.tsv: line 2"):
        parse_dictionary("a\tb\nonly-one-column\n", "words.tsv")


def test_dictionary_option_reaches_the_aligner(tmp_path: Path) -> None:
    path = tmp_path / "d.tsv"
    path.write_text("кот\tcat\nсобака\tdog\nптица\tbird\n", encoding="utf-8")
    src = ["Кот ест рыбу.", "Птица поёт.", "Дом стоит."]
    tgt = ["The dog sleeps.", "The cat eats fish.", "A bird sings.", "A house stands."]
    plain = LexicalAligner().align(src, tgt, AlignConfig())
    options = AlignConfig(dictionary=str(path))
    links = LexicalAligner().align(src, tgt, options)
    assert [(link.src, link.tgt) for link in plain][:2] == [((0,), (0,)), ((1,), (1,))]  # length alone
    # a short document: the entries weigh little ("d" 0.1), yet enough to put cat and bird right
    assert [(link.src, link.tgt) for link in links] == [((0,), (0, 1)), ((1,), (2,)), ((2,), (3,))]
    assert "dict:d.tsv" in options.signature("0")


def keys(sentences: list[list[str]]) -> list[list[str]]:
    """Sentences of words as the tokenizer keys them (glossary.keys.latin_key)."""
    return [[latin_key(w) for w in ws] for ws in sentences]


def test_dictionary_keeps_only_translations_found_in_the_document() -> None:
    lexicon = parse_dictionary("книга\tbook\nкнига\tvolume\nдом\thouse\n")
    # "dom" is not in the source document, "volume" not in the target one
    src, tgt = [["книгу", "читаю"]], [["read", "a", "book"]]
    assert in_document(lexicon, keys(src), keys(tgt)) == {"knig": frozenset({latin_key("book")})}


def test_document_senses_keep_the_sense_the_confident_beads_use() -> None:
    lexicon = parse_dictionary("Berg\tmontagne\nBerg\tmine\nBerg\tamoncellement\nHaus\tmaison\n")
    src = keys([["Berg", "hoch"], ["Berg", "alt"], ["Berg", "tief"], ["Bergen", "Hauses"]])
    tgt = keys([["montagnes", "haute"], ["montagne", "vieille"], ["mine", "profonde"], ["montagnes", "toit"]])
    beads = [(i, i, 1, 1) for i in range(4)]
    # inflected forms meet the entry through its 4-letter stem and come out in learned stems
    # (learned.learn_key); "montagne(s)" beats "mine" two beads to one; "maison" is never seen
    assert document_senses(lexicon, beads, src, tgt) == {"berge": frozenset({"monta"}), "berg": frozenset({"monta"})}
    assert document_senses(lexicon, beads[2:3], src, tgt) == {"berg": frozenset({"mine"})}  # one bead is enough


def test_long_document_searches_first_without_the_dictionary_then_learns_its_senses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = []  # (dictionary, learned lexicon) of every feature build
    real = lexical.build_features

    def spy(src, tgt, classes, lexicon=None, learned=None, *args, **kw):
        built.append((lexicon, learned))
        return real(src, tgt, classes, lexicon, learned, *args, **kw)

    monkeypatch.setattr(lexical, "build_features", spy)
    places = [("кухне", "kitchen"), ("саду", "garden"), ("школе", "school"), ("поле", "field"), ("лесу", "forest")]
    src = [f"В {y} году Иван работал в {places[y % 5][0]} номер {y}." for y in range(1900, 1940)]
    tgt = [f"In {y} Ivan worked in the {places[y % 5][1]} number {y}." for y in range(1900, 1940)]
    src[7], tgt[7] = "В 1907 году Иван видел собаку в саду.", "In 1907 Ivan saw a dog in the garden."
    path = tmp_path / "d.tsv"
    path.write_text("собака\tdog\nсобака\thound\nкошка\tcat\n", encoding="utf-8")
    links = LexicalAligner().align(src, tgt, AlignConfig(dictionary=str(path)))
    assert [(link.src, link.tgt) for link in links] == [((k,), (k,)) for k in range(40)]
    (first_dict, first_learned), (second_dict, learned) = built
    assert first_dict is None and first_learned is None  # pass one: no dictionary at all
    assert second_dict is None  # pass two: the dictionary only through the learned lexicon
    # "собаку" occurs in one bead, too rare for IBM-1 (min_count 2): the dictionary's confirmed
    # sense joins the lexicon; "hound" (absent) and "кошка" (never seen) do not
    assert learned[learn_key(latin_key("собаку"))] == frozenset({learn_key(latin_key("dog"))})
    assert learn_key(latin_key("кошка")) not in learned
    built.clear()
    LexicalAligner().align(src, tgt, AlignConfig())
    assert learn_key(latin_key("собаку")) not in built[-1][1]


# --- learned lexicon ----------------------------------------------------------------------

def test_learned_lexicon_finds_consistent_word_pairs() -> None:
    src = [["haus", "rot"], ["haus", "gross"], ["baum", "gross"], ["baum", "gruen"]] * 2
    tgt = [["maison", "rouge"], ["maison", "grande"], ["arbre", "grande"], ["arbre", "vert"]] * 2
    beads = [(i, i, 1, 1) for i in range(len(src))]
    lex = learn_lexicon(beads, src, tgt, min_count=2, per_word=2)
    assert "maiso" in lex["haus"] and "arbre" in lex["baum"] and "grand" in lex["gross"]  # first 5 letters
    assert "arbre" not in lex.get("haus", frozenset())


def test_learned_lexicon_pools_inflected_forms() -> None:
    # each form of "ruchka" (pen) occurs once only: full keys would never reach min_count = 2
    src = [["pen", "red"], ["pen", "old"], ["pen", "new"], ["tree", "old"]]
    tgt = [["ruchka", "krasnaia"], ["ruchku", "staruiu"], ["ruchkoi", "novoi"], ["derevo", "staroe"]]
    lex = learn_lexicon([(i, i, 1, 1) for i in range(4)], src, tgt, min_count=2)
    assert lex["pen"] == {learn_key("ruchkoi")} == {"ruchk"}


# --- name keys ----------------------------------------------------------------------------

def test_shared_name_keys_move_the_alignment() -> None:
    # no shared words: by length alone target 1 joins source 1; name keys pull it to source 0
    src = ["Aaaa bbbb cccc.", "Dddd eeee ffff."]
    tgt = ["Gggg hhhh iiii jjjj kkkk.", "Jjjj kkkk llll.", "Mmmm nnnn oooo."]
    name_keys = ([frozenset({"g1"}), frozenset({"g2"})], [frozenset(), frozenset({"g1"}), frozenset({"g2"})])
    plain = LexicalAligner().align(src, tgt, AlignConfig())
    links = LexicalAligner().align(src, tgt, AlignConfig(), name_keys=name_keys)
    assert 1 in bead_of(plain, "src", 1)[1]
    assert 1 in bead_of(links, "src", 0)[1] and bead_of(links, "src", 1) == ((1,), (2,))
    m_with = overlap(src, tgt, name_keys=name_keys)
    assert m_with[0, 1] > 0 and m_with[0, 0] == 0 and m_with[1, 2] > 0


def test_name_distance_with_a_limit_is_exact_up_to_it() -> None:
    rng = random.Random(3)
    letters = "abcdefghijklmnoprstuvzshy"
    pairs = [("".join(rng.choice(letters) for _ in range(rng.randint(2, 9))),
              "".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))) for _ in range(3000)]
    pairs += [(a, a[:-1] + rng.choice(letters) + "a") for a, _ in pairs[:1000]]  # near misses and endings
    near = 0
    for a, b in pairs:
        full = names.name_distance(a, b)
        near += full <= 0.25
        for limit in (0.1, 0.25, 0.5):
            cut = names.name_distance(a, b, limit)
            assert cut == full if full <= limit else cut > limit
    assert near > 50  # the limit was reached from both sides
