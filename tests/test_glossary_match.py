"""Lookup: every scheme's and language's spelling finds its entry; places and ordinary words don't."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.io import load_glossary
from glossary.match import Matcher, stems

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def minimal() -> Matcher:
    return Matcher(load_glossary(DATA / "glossary_minimal.tsv"))


@pytest.fixture(scope="module")
def starter() -> Matcher:
    return Matcher(load_glossary())


def _cases() -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / "glossary_lookup_dev.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, expected = line.split("\t")
            rows.append((word, expected))
    return rows


def test_minimal_glossary_has_one_english_rendering_per_entry() -> None:
    g = load_glossary(DATA / "glossary_minimal.tsv")
    assert all(list(e.renderings) == ["en"] and not e.renderings["en"].admitted for e in g.entries)


def test_recall_and_no_false_match_on_the_dev_list(minimal: Matcher) -> None:
    cases = _cases()
    positives = [(w, e) for w, e in cases if e != "-"]
    got = {w: (minimal.entries[m.entry_id].source if (m := minimal.lookup(w)) else "-") for w, _ in cases}
    found = sum(got[w] == e for w, e in positives)
    false = [(w, got[w]) for w, e in cases if got[w] not in ("-", e)]
    assert len(positives) >= 80 and len(cases) - len(positives) >= 30
    assert found / len(positives) >= 0.95, [(w, e, got[w]) for w, e in positives if got[w] != e]
    assert false == []


@pytest.mark.parametrize("word,how", [
    ("Yezhov", "alias"), ("Ežov", "exact:iso9"), ("Jeschow", "exact:de"), ("Ежовым", "exact:source"),
    ("Tukachevsky", "fuzzy:92"),
])
def test_how_it_matched(minimal: Matcher, word: str, how: str) -> None:
    assert minimal.lookup(word).how == how


def test_alias_match_carries_status(starter: Matcher) -> None:
    m = starter.lookup("Jezhov")
    assert (m.entry_id, m.how, m.status, m.lang) == ("yezhov", "alias", "deprecated", "en")


def test_stems() -> None:
    assert stems("Troçki'nin")[-1] == "Troçki"
    assert "Yezhov" in stems("Yezhov's") and "Iejov" in stems("d'Iejov")
    assert "Jeschow" in stems("Jeschows") and "troyka" in stems("troykalar")


def test_find_in_running_text(starter: Matcher) -> None:
    found = starter.find("Yezhov's deputy met Troçki'nin friend and the NKVD chief Yagoda in Yerevan.")
    assert [(f.word, f.match.entry_id) for f in found] == [
        ("Yezhov's", "yezhov"), ("Troçki'nin", "trotsky"), ("NKVD", "nkvd"), ("Yagoda", "yagoda")]


def test_derived_words_are_not_typos(starter: Matcher) -> None:
    for word in ("Molotovsk", "Stalinism", "Stallion", "stallion", "terrorist", "Kalmanovich", "Souvarine"):
        assert starter.lookup(word) is None, word


@pytest.mark.parametrize("word,how", [("Kalinine", "exact:fr"), ("Kalinina", "exact:ala-lc")])
def test_a_scheme_s_spelling_of_the_name_itself_wins_over_another_s_case_form(starter: Matcher, word: str,
                                                                              how: str) -> None:
    # Failed before: French "Kalinine" was exact:ala-lc (ALA-LC's spelling of the prepositional
    # Калинине), which says nothing useful about a French text.
    assert starter.lookup(word).how == how


def test_a_typographic_apostrophe_is_the_glossary_s_apostrophe(starter: Matcher) -> None:
    # Seed 001 writes "Zinov’ev"; the glossary "Zinov'ev" (admitted). Failed before the key
    # change only by luck: it matched by Latin key, so after it the evidence was key:Zinov'ev.
    m = starter.lookup("Zinov’ev")
    assert (m.entry_id, m.how, m.status) == ("zinoviev", "alias", "admitted")


@pytest.mark.parametrize("word,entry", [
    ("Trotskij", "trotsky"),  # ts+k (ALA-LC, English) and ISO 9's c+k (Trockij) are one ц+к
    ("Trotskijs", "trotsky"),
    ("Čaikovskii", "tchaikovsky"), ("Chajkovskii", "tchaikovsky"), ("Tchajkovskij", "tchaikovsky"),  # č: ch, й: i
    ("Žukow", "zhukov"), ("Žhukov", "zhukov"),
])
def test_scholarly_and_english_romanizations_meet(tmp_path: Path, word: str, entry: str) -> None:
    tsv = tmp_path / "g.tsv"
    tsv.write_text("Троцкий\tTrotsky\tlang=en\nЧайковский\tTchaikovsky\tlang=en\nЖуков\tZhukov\tlang=en\n",
                   encoding="utf-8")
    match = Matcher(load_glossary(tsv)).lookup(word)
    assert match is not None and (match.entry_id, match.how[:4]) == (entry, "key:"), match


def test_the_looser_key_keeps_ordinary_words_and_other_names_out(starter: Matcher) -> None:
    for word in ("Trick", "Track", "Czech", "Chess", "Jackson", "Zhao", "Stock"):
        assert starter.lookup(word) is None, (word, starter.lookup(word))


def test_an_acronym_spelled_as_a_word_is_a_glossary_row_not_generated(starter: Matcher, tmp_path: Path) -> None:
    # README: the matcher does not spell acronyms out by their letter names (ЦК would give the
    # German "Zeka", the Turkish word zeka); a row does it for the few that became words.
    assert starter.lookup("Guépéou") is None and starter.lookup("Guepeou") is None
    # Tcheka and Tscheka are Cheka as French and German write ч (tch, tsch): keys, no row needed
    assert [(m.entry_id, m.how) for m in map(starter.lookup, ("Tcheka", "Tscheka"))] == [("cheka", "key:Cheka")] * 2
    tsv = tmp_path / "g.tsv"
    tsv.write_text("ЧК\tCheka\tlang=en\nЧК\tTcheka\tlang=fr\nГПУ\tGPU\tlang=en\nГПУ\tGuépéou\tlang=fr\n", encoding="utf-8")
    rows = Matcher(load_glossary(tsv))
    assert [(m.entry_id, m.how, m.lang) for m in map(rows.lookup, ("Tcheka", "Guépéou", "Guépéou's"))] == [
        ("cheka", "alias", "fr"), ("gpu", "alias", "fr"), ("gpu", "alias", "fr")]
