"""A translation checked on its own (`glossary check FILE --lang L`): variants, suspects from
the document's own evidence, known words kept out; seed 004's "Yerev" and "Yernov"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpora.locate import sentence_lines
from corpora.model import Bitext, Document, Link

from bitext_cli.main import cli
from glossary.io import load_glossary
from glossary.lexicon import NoLexicon, load_lexicon, wordfreq_installed
from glossary.match import Matcher
from glossary.textcheck import check_text
from tei.reader import read_tei
from tei.writer import tei_bytes

needs_wordfreq = pytest.mark.skipif(not wordfreq_installed(), reason="needs the names extra: pip install 'bitext[names]'")
LEXICONS = ["none", pytest.param("wordfreq", marks=needs_wordfreq)]


@pytest.fixture(scope="module")
def starter() -> Matcher:
    return Matcher(load_glossary())


class Knows:
    """A lexicon that knows the words it is given (in any language, also romanized)."""

    name = "test"

    def __init__(self, *words: str) -> None:
        self.words = set(words)

    def known(self, word: str, lang: str) -> bool:
        return word in self.words

    def known_romanized(self, word: str, lang: str) -> bool:
        return False


def found(matcher: Matcher, text: str, lang: str = "en", lexicon=None) -> list[tuple[str, str, str, str]]:
    sentences = [(f"s{k}", s) for k, s in enumerate(text.split("\n"))]
    return [(f.text_has, f.entry_id, f.kind, f.strength)
            for f in check_text(matcher, sentences, lang, lexicon or NoLexicon())]


def test_a_near_miss_of_a_name_the_text_spells_is_a_strong_suspect(starter: Matcher) -> None:
    text = "Yezhov signed the order.\nLater Yerev became People's Commissar for Internal Affairs."
    assert found(starter, text) == [("Yerev", "yezhov", "suspect", "strong")]


def test_without_the_evidence_only_a_closer_miss_is_a_weak_suspect(starter: Matcher) -> None:
    assert found(starter, "Later Yerev became People's Commissar for Internal Affairs.") == []
    assert found(starter, "Then Kagonavich spoke.") == [("Kagonavich", "kaganovich", "suspect", "weak")]


def test_variants_say_how_the_name_is_spelled(starter: Matcher) -> None:
    sentences = [("s1", "Ezhov, Jezhov and Ježov were one man, Yezhov; so were Tukachevsky and Tukhachevsky.")]
    got = [(f.text_has, f.preferred, f.kind, f.how) for f in check_text(starter, sentences, "en")]
    assert got == [("Ezhov", "Yezhov", "variant", "alias:admitted"), ("Jezhov", "Yezhov", "variant", "alias:deprecated"),
                   ("Ježov", "Yezhov", "variant", "key:Ežov"), ("Tukachevsky", "Tukhachevsky", "variant", "fuzzy:92")]


def test_words_of_their_own_are_not_suspects(starter: Matcher) -> None:
    kirov = "Kirov was killed in Leningrad.\n"
    assert found(starter, kirov + "Kiev was far away.") == [("Kiev", "kirov", "suspect", "strong")]
    assert found(starter, kirov + "Kiev was far away.", lexicon=Knows("Kiev")) == []  # a known place
    assert found(starter, kirov + "Kiev was far.\nKiev was cold.\nKiev was big.") == []  # used as a name of its own
    stalin = "Stalin waited.\nStalling, the delegates sat down."
    assert found(starter, stalin) == [("Stalling", "stalin", "suspect", "strong")]
    assert found(starter, stalin + "\nThey kept stalling.") == []  # a common word: the text writes it in lower case
    assert found(starter, "Zinoviev and the Zinovievites; Stalin and Stalinists; Bukharin and the Bukharinites.") == []
    assert found(starter, "Yezhov was born in a village near Yerevan.") == []  # too far from Yezhov to be a slip


@needs_wordfreq
def test_the_wordfreq_lexicon_knows_places_names_and_romanized_russian(starter: Matcher) -> None:
    lexicon = load_lexicon("wordfreq")
    kirov = "Kirov was killed in Leningrad.\n"
    assert found(starter, kirov + "Kiev was far away.", lexicon=lexicon) == []
    assert found(starter, kirov + "The writer Kaverin was there.", lexicon=lexicon) == []  # Каверин
    assert found(starter, "Yezhov signed.\nLater Yerev became People's Commissar.", lexicon=lexicon) == [
        ("Yerev", "yezhov", "suspect", "strong")]


def test_turkish_translation(starter: Matcher) -> None:
    text = "Yejov emri imzaladı.\nDaha sonra Yerev'in İçişleri Halk Komiseri olduğu yıl Troçki sürgündeydi."
    assert found(starter, text, "tr") == [("Yerev", "yezhov", "suspect", "strong")]


def test_russian_text_on_its_own(starter: Matcher) -> None:
    text = "Приказ подписал Ежов.\nПозже Ежев стал наркомом внутренних дел, а Ягода был арестован."
    assert found(starter, text, "ru") == [("Ежев", "yezhov", "suspect", "strong")]
    assert found(starter, "Стали говорить о Сталине.", "ru", Knows("Стали")) == []


def test_sentence_lines() -> None:
    raw = "Title\n\nFirst sentence here. Second\nsentence spans lines.\n\nThird.\n"
    assert sentence_lines(raw, ["Title", "First sentence here.", "Second sentence spans lines.", "Gone.", "Third."]) == [
        1, 3, 3, None, 6]


SEED_004 = "004_9615cc87bee6a590.txt"
CORRECT_004 = {"Yezhov", "Yagoda", "Molchanov", "Radek", "Serebryakov", "Sokolnikov", "Zinoviev", "Kamenev", "Stalin",
               "Lenin", "Trotsky"}


@pytest.mark.parametrize("lexicon", LEXICONS)
def test_seed_004_yerev_and_yernov_are_suspects_of_yezhov_and_nothing_else(shared: Path, lexicon: str) -> None:
    seed = shared / "seeds" / SEED_004
    if not seed.exists():
        pytest.skip(f"{seed} not found")
    result = CliRunner().invoke(cli, ["glossary", "check", str(seed), "--lang", "en", "--lexicon", lexicon, "--json"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)
    assert [(f["line"], f["text_has"], f["source_term"], f["preferred"], f["kind"], f["strength"]) for f in findings] == [
        (11, "Yerev", "Ежов", "Yezhov", "suspect", "strong"), (21, "Yernov", "Ежов", "Yezhov", "suspect", "strong")]
    assert "when Yerev became People’s Commissar" in findings[0]["sentence"]
    assert "if they had not seen Yernov sitting" in findings[1]["sentence"]
    assert all(f["seen"] == "Yezhov (line 9)" for f in findings)
    assert not CORRECT_004 & {f["text_has"] for f in findings}
    lines = CliRunner().invoke(cli, ["glossary", "check", str(seed), "--lang", "en", "--lexicon", lexicon]).stdout
    assert [line.split("\t")[:7] for line in lines.splitlines()] == [
        ["11", "en.p6.s2", "Ежов", "Yezhov", "Yerev", "suspect", "strong, similarity:50, the text has Yezhov (line 9)"],
        ["21", "en.p11.s5", "Ежов", "Yezhov", "Yernov", "suspect", "strong, similarity:67, the text has Yezhov (line 9)"]]


def test_cli_on_a_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "mt.txt"
    path.write_text("# Report\n\nYezhov signed the order.\nEzhov was there.\n\nLater Yerev became narkom.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "check", str(path), "--lang", "en", "--lexicon", "none"])
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[:6] for line in result.stdout.splitlines()] == [
        ["4", "en.p2.s2", "Ежов", "Yezhov", "Ezhov", "variant"],
        ["6", "en.p3.s1", "Ежов", "Yezhov", "Yerev", "suspect"],
        ["6", "en.p3.s1", "нарком", "People's Commissar", "narkom", "variant"]]


@pytest.mark.parametrize("ids, expected", [
    ([], ["en.p2.s2", "en.p3.s1", "en.p3.s1"]),
    (["--ids", "paragraph"], ["en.p2.s2", "en.p3.s1", "en.p3.s1"]),
    (["--ids", "running"], ["en.s3", "en.s4", "en.s4"]),  # as `bitext align --ids running` numbers them
])
def test_cli_sentence_ids_are_those_align_gives(tmp_path: Path, ids: list[str], expected: list[str]) -> None:
    """`--ids` names the sentences as `align --ids` does, so a finding points at the sentence of
    an alignment made with the same option."""
    path = tmp_path / "mt.txt"
    path.write_text("# Report\n\nYezhov signed the order.\nEzhov was there.\n\nLater Yerev became narkom.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "check", str(path), "--lang", "en", "--lexicon", "none", *ids])
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[1] for line in result.stdout.splitlines()] == expected
    aligned = tmp_path / "aligned.xml"
    (tmp_path / "ru.txt").write_text("Отчёт\n\nЕжов подписал приказ. Ежов был там.\n\nПозже Ежов стал наркомом.\n",
                                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["-q", "align", str(tmp_path / "ru.txt"), str(path), "-s", "ru", "-t", "en",
                                      "--scorer", "lexical", "-o", str(aligned), *ids])
    assert result.exit_code == 0, result.output
    assert set(expected) <= {seg.id for seg in read_tei(aligned).target.segments}


def test_cli_ids_is_the_option_align_has() -> None:
    """One definition: the same choices, default and help in `align` and `glossary check`."""
    def ids_option(*names: str) -> dict:
        command = cli
        for name in names:
            command = command.commands[name]
        option, = [p for p in command.params if p.name == "ids"]
        return {"choices": list(option.type.choices), "default": option.default, "help": option.help}

    assert ids_option("glossary", "check") == ids_option("align")


def test_cli_checks_one_side_of_an_aligned_tei_on_its_own(tmp_path: Path) -> None:
    src = Document.from_sentences("ru", [["Приказ подписал Ежов.", "Позже Ежев стал наркомом."]])
    tgt = Document.from_sentences("en", [["Yezhov signed the order.", "Later Yerev became narkom."]])
    path = tmp_path / "aligned.xml"
    path.write_bytes(tei_bytes(Bitext(src, tgt, [Link((0,), (0,)), Link((1,), (1,))])))
    runner = CliRunner()
    ru = runner.invoke(cli, ["glossary", "check", str(path), "--lang", "ru", "--lexicon", "none"]).stdout
    assert [line.split("\t")[1:6] for line in ru.splitlines()] == [["ru.s2", "Ежов", "Ежов", "Ежев", "suspect"]]
    en = runner.invoke(cli, ["glossary", "check", str(path), "--lang", "en"]).stdout  # the target: link by link
    assert ["\t".join(line.split("\t")[:5]) for line in en.splitlines()] == ["l2\tнарком\tPeople's Commissar\tnarkom\tvariant"]


def test_cli_errors(tmp_path: Path) -> None:
    path = tmp_path / "mt.txt"
    path.write_text("Yezhov signed.\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["glossary", "check", "-", "--lang", "en"], input="Yerov and Yezhov signed.\n")
    assert result.exit_code == 0 and "\tYerov\tsuspect\t" in result.stdout  # standard input is read once
    result = runner.invoke(cli, ["glossary", "check", str(path), "--lang", "en", "-o", str(tmp_path / "x.xml")])
    assert result.exit_code != 0 and "-o writes an aligned TEI" in result.output
    result = runner.invoke(cli, ["glossary", "check", str(path)])
    assert result.exit_code != 0 and "pass --lang" in result.output


def test_a_language_without_renderings_gets_one_line(tmp_path: Path, caplog) -> None:
    path = tmp_path / "de.txt"
    path.write_text("Jeschow unterschrieb.\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="bitext"):
        result = CliRunner().invoke(cli, ["glossary", "check", str(path), "--lang", "de"])
    assert result.exit_code == 0 and result.stdout == ""
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "the glossary has no renderings in de (it has: en, tr); names were checked against each other only"]


def test_cli_on_a_tei_text_gives_lines_in_the_xml(tmp_path: Path) -> None:
    path = tmp_path / "one.xml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
                    '<teiHeader><fileDesc><titleStmt><title>x</title></titleStmt><publicationStmt><p>x</p>'
                    '</publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>\n'
                    '<text xml:lang="en"><body>\n<p xml:id="p1">Yezhov signed the order. Later <hi>Yerev</hi> became\n'
                    "People's Commissar.</p>\n<p xml:id=\"p2\">Ezhov &amp; Yagoda.</p>\n</body></text>\n</TEI>\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "check", str(path), "--lang", "en", "--lexicon", "none"])
    assert [line.split("\t")[:6] for line in result.stdout.splitlines()] == [
        ["5", "p1.s2", "Ежов", "Yezhov", "Yerev", "suspect"], ["7", "p2.s1", "Ежов", "Yezhov", "Ezhov", "variant"]]


def test_cli_on_a_tei_text_with_its_own_alignment_checks_the_text(tmp_path: Path) -> None:
    """A single text whose file aligns it with another (another tool's `linkGrp type="alignment"`,
    pointing into de.xml) is one text, not a bitext: checked on its own."""
    path = tmp_path / "one.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>x</title>'
                    '</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>'
                    '</fileDesc></teiHeader><text xml:lang="en"><body><p xml:id="p1">Ezhov signed the order.</p>'
                    '</body></text><standOff><linkGrp type="alignment"><link target="#p1 de.xml#p1"/></linkGrp>'
                    '</standOff></TEI>', encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "check", str(path), "--lang", "en", "--lexicon", "none"])
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[:6] for line in result.stdout.splitlines()] == [
        ["1", "p1.s1", "Ежов", "Yezhov", "Ezhov", "variant"]]


def test_the_counts_on_stderr_are_in_the_singular_for_one(tmp_path: Path, caplog) -> None:
    # Failed before: "1 suspects, 1 variants" (the text check) and "4 variant" (align --check).
    path = tmp_path / "mt.txt"
    path.write_text("Yezhov signed the order.\n\nEzhov was there.\n\nLater Yerev became narkom.\n", encoding="utf-8")
    with caplog.at_level("INFO", logger="bitext"):
        result = CliRunner().invoke(cli, ["glossary", "check", str(path), "--lang", "en", "--lexicon", "none"])
    assert result.exit_code == 0, result.output
    assert f"{path}: 1 suspect, 2 variants (lexicon: none)" in [r.getMessage() for r in caplog.records]


def test_a_variant_s_evidence_names_the_spelling_it_shares_a_key_with_and_another_language(starter: Matcher) -> None:
    # Failed before: "Ezhow" (not in the glossary; its Latin key is Yezhov's) came out as
    # "alias:preferred", as if the glossary preferred it, and "Yejov" (the Turkish rendering)
    # in an English text as "alias:preferred" too.
    sentences = [("s1", "Yezhov, Ezhow and Yejov were one man.")]
    got = [(f.text_has, f.preferred, f.kind, f.how) for f in check_text(starter, sentences, "en")]
    assert got == [("Ezhow", "Yezhov", "variant", "key:Yezhov"),
                   ("Yejov", "Yezhov", "variant", "alias:preferred (tr)")]


def test_lookup_says_a_key_match_is_one() -> None:
    result = CliRunner().invoke(cli, ["glossary", "lookup", "Ezhow", "Yezhov", "Schtscherbakov"])
    assert result.stdout.splitlines()[:2] == ["Ezhow\tЕжов\tkey:Yezhov", "Yezhov\tЕжов\talias"]


def test_a_text_that_spells_a_name_two_ways_where_the_glossary_has_no_rendering(starter: Matcher) -> None:
    # Failed before: a German text (the starter renders nothing in German) was not checked at all.
    sentences = [("s1", "Jeschow kam."), ("s2", "Jeshow ging."), ("s3", "Man verhaftete Jeschow.")]
    got = [(f.sentence_id, f.preferred, f.text_has, f.kind, f.how) for f in check_text(starter, sentences, "de")]
    assert got == [("s2", "Jeschow", "Jeshow", "inconsistent", "usual:Jeschow (s1, s3)")]


def test_cli_checks_a_text_in_a_language_without_renderings_for_consistency(tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    path.write_text("Jeschow kam.\n\nJeshow ging.\n\nMan verhaftete Jeschow.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "check", str(path), "--lang", "de", "--lexicon", "none"])
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[:7] for line in result.stdout.splitlines()] == [
        ["3", "de.p2.s1", "Ежов", "Jeschow", "Jeshow", "inconsistent", "usual:Jeschow (line 1, line 5)"]]


def test_a_russian_case_form_in_a_cited_title_is_the_name_not_a_variant(starter: Matcher) -> None:
    # Seed 001's notes cite Russian titles in transliteration: their case forms are Stalin and
    # the Gulag correctly cited (Staline: Сталине after "O", though also French for Stalin).
    notes = ["Prestupleniia Stalina, p. 254.", "Soprotivlenie v GULAGe, p. 118.",
             "Chuev F. Sto sorok besed s Molotovym, p. 415.", "Medvedev R. A. O Staline i stalinizme, M., 1990."]
    assert check_text(starter, [(f"n{k}", s) for k, s in enumerate(notes)], "en", NoLexicon()) == []
    # real variants still are
    got = found(starter, "Jezhov signed it in Stalin's presence.\nStalina and Yezhov agreed; Yerev did not.")
    assert got == [("Jezhov", "yezhov", "variant", ""), ("Yerev", "yezhov", "suspect", "strong")]
