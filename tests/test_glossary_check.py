"""Checking and applying a glossary on aligned pairs; the TEI markup validates; names are evidence for the aligner."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora.model import Bitext, Document, Link

from glossary.name_keys import sentence_name_keys
from glossary.apply import name_spans, regularized_text
from glossary.check import check_bitext
from glossary.io import load_glossary
from glossary.match import Matcher
from tei.glossary_markup import findings_extension, names_extension
from tei.reader import read_tei
from tei.writer import tei_bytes

DATA = Path(__file__).resolve().parent / "data"


def seed_004_pairs() -> Bitext:
    """Seed 004's English (a machine translation) with a Russian side written for the test."""
    rows = [line.split("\t") for line in (DATA / "glossary_004_ru_en.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    src = Document.from_sentences("ru", [[r[0] for r in rows]])
    tgt = Document.from_sentences("en", [[r[1] for r in rows]])
    return Bitext(src, tgt, [Link((i,), (i,)) for i in range(len(rows))])


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_glossary())


def test_yerev_and_yernov_are_suspects_and_nothing_else_is_flagged(matcher: Matcher) -> None:
    findings = check_bitext(matcher, seed_004_pairs())
    got = [(f.link_id, f.source_term, f.source_form, f.preferred, f.target_has, f.kind) for f in findings]
    assert got == [
        ("l2", "Ежов", "Ежов", "Yezhov", "Yerev", "suspect"),
        ("l4", "Ежов", "Ежова", "Yezhov", "Yernov", "suspect"),
    ]


def pair(ru: str, en: str) -> Bitext:
    return Bitext(Document.from_sentences("ru", [[ru]]), Document.from_sentences("en", [[en]]), [Link((0,), (0,))])


@pytest.mark.parametrize("ru,en,expected", [
    ("Ежов и Ягода.", "Yezhov's men and Yagoda.", []),
    ("Приказ Ежова.", "An order by Ezhov.", [("yezhov", "Ezhov", "variant")]),
    ("Приказ Ежова.", "An order by Jezhov.", [("yezhov", "Jezhov", "variant")]),
    ("Тухачевский был арестован.", "Tukachevsky was arrested.", [("tukhachevsky", "Tukachevsky", "variant")]),
    ("Ежов был арестован.", "He was arrested in April.", [("yezhov", "", "missing")]),
])
def test_kinds_of_findings(matcher: Matcher, ru: str, en: str, expected: list) -> None:
    findings = check_bitext(matcher, pair(ru, en))
    assert [(f.entry_id, f.target_has, f.kind) for f in findings] == expected


def test_name_spans_keep_endings_outside(matcher: Matcher) -> None:
    text = "Ezhov's deputy and Yagoda met the NKVD."
    spans = name_spans(matcher, text, "en")
    assert [(text[s.start:s.end], s.entry_id, s.kind, s.reg) for s in spans] == [
        ("Ezhov", "yezhov", "person", "Yezhov"), ("Yagoda", "yagoda", "person", None), ("NKVD", "nkvd", "org", None)]
    assert regularized_text(text, spans) == "Yezhov's deputy and Yagoda met the NKVD."


def test_tei_with_glossary_markup_validates_and_reads_back(matcher: Matcher, assert_valid_tei) -> None:
    bitext = seed_004_pairs()
    extra = pair("Нарком Ежов и тройка НКВД.", "Narkom Ezhov's troika of the NKVD.")
    src = Document.from_sentences("ru", [bitext.source.texts + extra.source.texts])
    tgt = Document.from_sentences("en", [bitext.target.texts + extra.target.texts])
    both = Bitext(src, tgt, [Link((i,), (i,)) for i in range(len(src))])
    findings = check_bitext(matcher, both)
    data = tei_bytes(both, [findings_extension(findings), names_extension(matcher)])
    root = assert_valid_tei(data)
    text = data.decode("utf-8")
    assert ('<term ref="#gl.narkom"><choice><orig>Narkom</orig><reg>People\'s Commissar</reg></choice></term> '
            '<persName ref="#gl.yezhov"><choice><orig>Ezhov</orig>'
            "<reg>Yezhov</reg></choice></persName>'s") in text  # no whitespace added inside the sentence
    assert '<orgName ref="#gl.nkvd">NKVD</orgName>' in text and '<term ref="#gl.troika">тройка</term>' in text
    assert '<person xml:id="gl.yezhov">' in text and '<category xml:id="gl.suspect">' in text
    assert 'ana="#gl.suspect"' in text and 'inst="#l2"' in text
    assert root is not None
    back = read_tei(data)
    assert back.target.texts[-1] == "People's Commissar Yezhov's troika of the NKVD."
    assert back.source.texts == both.source.texts
    assert tei_bytes(both, [findings_extension(findings), names_extension(matcher)]) == data


NAMES_RU = ["Ежов", "Жданов", "Хрущёв", "Зиновьев", "Каганович"]
NAMES_DE = ["Jeschow", "Schdanow", "Chruschtschow", "Sinowjew", "Kaganowitsch"]  # Duden: no shared Latin key


@pytest.mark.parametrize("dropped", [0, 2])
def test_glossary_name_keys_change_an_alignment_where_names_decide(dropped: int) -> None:
    """Five sentences that differ only in a name, one missing from the German: only the names
    (spelled by German rules, so no cognate match) tell which one."""
    from align.aligner import align_documents
    from align.config import AlignConfig

    src = [f"Затем выступил {n}." for n in NAMES_RU]
    tgt = [f"Dann sprach {n}." for k, n in enumerate(NAMES_DE) if k != dropped]
    source, target = Document.from_sentences("ru", [src]), Document.from_sentences("de", [tgt])
    options = AlignConfig(src_lang="ru", tgt_lang="de")
    matcher = Matcher(load_glossary())
    name_keys = (sentence_name_keys(matcher, src), sentence_name_keys(matcher, tgt))
    assert name_keys[0][3] == frozenset({"zinoviev"}) and frozenset({"zinoviev"}) in name_keys[1]
    gold = [((k,), (k - (k > dropped),)) if k != dropped else ((k,), ()) for k in range(5)]
    plain = [(link.src, link.tgt) for link in align_documents(source, target, options).links]
    anchored = [(link.src, link.tgt) for link in align_documents(source, target, options, name_keys=name_keys).links]
    assert anchored == gold
    assert plain != gold


@pytest.mark.parametrize("ru,tr,expected", [
    ("Письмо Троцкого.", "Troçki'nin mektubu.", []),
    ("Письмо Троцкого.", "Trotski'nin mektubu.", [("trotsky", "Trotski", "variant")]),
    ("Ежов и НКВД.", "Yejov ve NKVD.", []),
    ("Ежов пришёл.", "Yerev geldi.", [("yezhov", "Yerev", "suspect")]),
])
def test_russian_turkish_pairs(matcher: Matcher, ru: str, tr: str, expected: list) -> None:
    bitext = Bitext(Document.from_sentences("ru", [[ru]]), Document.from_sentences("tr", [[tr]]), [Link((0,), (0,))])
    assert [(f.entry_id, f.target_has, f.kind) for f in check_bitext(matcher, bitext)] == expected


def _shared_gpu(tmp_path: Path) -> Matcher:
    """A glossary in which "GPU" renders two entries: ГПУ, and ОГПУ (as an admitted short form)."""
    path = tmp_path / "gpu.tsv"
    path.write_text("ОГПУ\tOGPU\tlang=en; id=ogpu; kind=org\nОГПУ\tGPU\tlang=en; status=admitted\n"
                    "ГПУ\tGPU\tlang=en; id=gpu; kind=org\n", encoding="utf-8")
    return Matcher(load_glossary(path))


def test_a_spelling_two_entries_share_is_either_of_them(tmp_path: Path) -> None:
    # Failed before: "The GPU arrested him" for "ГПУ арестовало его" was 'missing' (the target
    # has nothing like ГПУ), since GPU was taken as ОГПУ's alone; the name keys did not meet.
    matcher = _shared_gpu(tmp_path)
    assert check_bitext(matcher, pair("ГПУ арестовало его.", "The GPU arrested him.")) == []
    assert [(f.entry_id, f.target_has, f.kind) for f in check_bitext(matcher, pair("ОГПУ арестовало его.",
                                                                                     "The GPU arrested him."))] == [
        ("ogpu", "GPU", "variant")]
    ru, en = sentence_name_keys(matcher, ["ГПУ арестовало его.", "The GPU arrested him."])
    assert ru & en == {"gpu"}


def test_a_shared_spelling_preferred_by_one_entry_is_not_regularized(tmp_path: Path) -> None:
    # GPU is ГПУ's preferred spelling: apply must not turn it into OGPU (it may name ГПУ).
    spans = name_spans(_shared_gpu(tmp_path), "The GPU arrested him.", "en")
    assert [(s.orig, s.reg) for s in spans] == [("GPU", None)]


def test_spellings_two_entries_share_are_named_once_at_load(tmp_path: Path, caplog) -> None:
    with caplog.at_level("WARNING", logger="bitext"):
        _shared_gpu(tmp_path)
    assert [r.getMessage() for r in caplog.records] == [
        f"{tmp_path / 'gpu.tsv'}: GPU renders more than one entry (ogpu, gpu); a text's GPU counts as either"]


def _husband_and_wife(tmp_path: Path) -> Matcher:
    path = tmp_path / "wife.tsv"
    path.write_text("Ежов\tYezhov\tlang=en; id=yezhov; kind=person\n"
                    "Ежова\tYezhova\tlang=en; id=yezhova; kind=person; note=Evgenia Yezhova\n", encoding="utf-8")
    return Matcher(load_glossary(path))


def test_an_entry_s_own_name_wins_over_another_s_case_form(tmp_path: Path, caplog) -> None:
    # Failed before: "Yezhova" and "Ежова" (Evgenia's entry) were taken as case forms of Ежов,
    # listed first, and the load warned that Yezhova "renders more than one entry".
    with caplog.at_level("WARNING", logger="bitext"):
        matcher = _husband_and_wife(tmp_path)
    assert caplog.records == []
    for word, how in (("Yezhova", "alias"), ("Ежова", "exact:source")):
        m = matcher.lookup(word)
        assert (m.entry_id, m.how, m.also) == ("yezhova", how, ("yezhov",))
    assert matcher.lookup("Ежовым").entry_ids() == ("yezhov",)
    assert check_bitext(matcher, pair("Евгения Ежова была женой Ежова.", "Evgenia Yezhova was Yezhov's wife.")) == []


def test_a_russian_case_form_cited_in_a_translation_is_neither_a_variant_nor_regularized(matcher: Matcher) -> None:
    bitext = pair("Преступления Сталина. Сопротивление в ГУЛАГе.", "Prestupleniia Stalina. Soprotivlenie v GULAGe.")
    assert [(f.target_has, f.kind) for f in check_bitext(matcher, bitext)] == []
    spans = name_spans(matcher, "Stalin wrote Prestupleniia Stalina, not Stalyn.", "en")
    assert [(s.orig, s.reg) for s in spans] == [("Stalin", None), ("Stalina", None), ("Stalyn", "Stalin")]
    assert [(f.target_has, f.kind) for f in check_bitext(matcher, pair("Приказ Ежова.", "Jezhov's order."))] \
        == [("Jezhov", "variant")]
