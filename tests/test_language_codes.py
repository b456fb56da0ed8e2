"""Language codes are BCP 47 tags whose language is a registered ISO 639 code (corpora/iso639.txt):
a mistyped one (`--src-lang xx`, before: accepted, a TEI with xml:lang="xx") is a one-line error
naming the option or manifest column and the code, with the code meant where that is plain; no
code that names a real language, in this repository or its evaluation sets, is refused."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpora import iso639, languages

from align.embedding.use import LANGUAGES
from corpora.errors import UsageError

from bitext_cli.main import cli
from tests.conftest import ROOT, SAMPLE


@pytest.mark.parametrize("code, canonical", [
    ("en", "en"), ("EN", "en"), ("sr-latn", "sr-Latn"), ("pt-br", "pt-BR"), ("zh-Hant", "zh-Hant"),
    ("zh-Hant-TW", "zh-Hant-TW"), ("es-419", "es-419"), ("kaa", "kaa"), ("sah", "sah"), ("deu", "deu"),
    ("ger", "ger"), ("fre", "fre"), ("cnr", "cnr"), ("und", "und"), ("mul", "mul"), ("sla", "sla"), ("qaa", "qaa"),
    ("iw", "iw"), ("mo", "mo"), ("sh", "sh"), ("de-CH-1996", "de-CH-1996"),
])
def test_tags_of_registered_languages_are_taken(code: str, canonical: str) -> None:
    assert languages.normalize(code) == canonical


def test_every_code_the_repository_uses_is_taken() -> None:
    """The languages of the tables (scripts), the segmentation rules, the encoder's and the
    evaluation sets' pairs."""
    used = set(languages.CYRILLIC) | set(LANGUAGES)
    used |= {code for script in languages.SCRIPTS.values() for code in script.languages}
    used |= {p.stem for p in (ROOT / "align" / "segrules").glob("*.toml") if p.stem not in ("generic", "_scholarly")}
    used |= {"de", "fr", "en", "tr", "ru", "el", "he", "ja", "zh", "ko", "uz-Latn", "az-Latn", "sr-Cyrl"}
    refused = []
    for code in sorted(used):
        try:
            languages.normalize(code)
        except UsageError as exc:
            refused.append(str(exc))
    assert len(used) > 150 and refused == []


@pytest.mark.parametrize("code, message", [
    ("xx", "--src-lang: 'xx' is not an ISO 639 language code: use an ISO 639 code such as en, tr or ru"),
    ("zz-Latn", "--src-lang: 'zz-Latn' is not an ISO 639 language code: use an ISO 639 code such as en, tr or ru"),
    ("jp", "--src-lang: 'jp' is not an ISO 639 language code; did you mean 'ja' (Japanese; 'jp' is a country's code)?"),
    ("gr-GR", "--src-lang: 'gr-GR' is not an ISO 639 language code; did you mean 'el-GR' (Modern Greek; 'gr' is a "
              "country's code)?"),
    ("English", "--src-lang: 'English' is not a language tag; did you mean 'en' (English)?"),
    ("germ", "--src-lang: 'germ' is not a language tag; did you mean 'de' (German)?"),
    ("pt_BR", "--src-lang: 'pt_BR' is not a language tag; did you mean 'pt-BR'?"),
    ("e n", "--src-lang: 'e n' is not a language tag: use an ISO 639 code such as en, tr or ru"),
])
def test_a_mistyped_code_says_the_option_the_code_and_the_code_meant(code: str, message: str) -> None:
    with pytest.raises(UsageError) as err:
        languages.normalize(code, "--src-lang")
    assert str(err.value) == message


def test_a_name_several_languages_share_suggests_none() -> None:
    assert iso639.suggestion("ndebele") is None and iso639.suggestion("norwegian") == "'no' (Norwegian)"


def test_align_refuses_a_mistyped_code_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "x.tei.xml"
    result = CliRunner().invoke(cli, ["align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "--src-lang", "xx",
                                      "--tgt-lang", "en", "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert result.output.splitlines() == [
        "Error: --src-lang: 'xx' is not an ISO 639 language code: use an ISO 639 code such as en, tr or ru"]


@pytest.mark.parametrize("command, option", [(["segment", "--lang"], "--lang"),
                                             (["extract-abstracts", "-o", "x", "-t"], "--tgt-lang"),
                                             (["glossary", "check", "--lang"], "--lang")])
def test_every_language_option_checks_its_code(command: list[str], option: str) -> None:
    result = CliRunner().invoke(cli, [*command, "jp", str(SAMPLE / "en.txt")])
    assert result.exit_code != 0 and f"{option}: 'jp' is not an ISO 639 language code; did you mean 'ja'" in (
        result.output), result.output


def test_a_manifest_row_with_a_mistyped_code_fails_naming_its_column(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("source,target,source_lang,target_lang\n"
                                    f"{SAMPLE / 'en.txt'},{SAMPLE / 'tr.txt'},en,tur\n"
                                    f"{SAMPLE / 'en.txt'},{SAMPLE / 'tr.txt'},en,turkish\n")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "m.csv"), "-o", str(tmp_path / "out"), "--scorer",
                                      "lexical"])
    assert result.exit_code == 1
    assert "row 2: target_lang in manifest row 2: 'turkish' is not a language tag; did you mean 'tr' (Turkish)?" in (
        result.output), result.output


def test_the_table_is_what_the_tool_makes_of_its_sources(tmp_path: Path) -> None:
    """tools/iso639_table.py on a few rows of each source: SIL's ISO 639-3 table (639-1/2B/2T
    forms, names) and the IANA registry (collections, deprecated codes; ranges left to code)."""
    spec = importlib.util.spec_from_file_location("iso639_table", ROOT / "tools" / "iso639_table.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    (tmp_path / "iso-639-3.tab").write_text(
        "Id\tPart2b\tPart2t\tPart1\tScope\tLanguage_Type\tRef_Name\tComment\n"
        "deu\tger\tdeu\tde\tI\tL\tGerman\t\nkaa\t\t\t\tI\tL\tKara-Kalpak\t\n", encoding="utf-8")
    (tmp_path / "registry.txt").write_text(
        "File-Date: 2021-08-06\n%%\nType: language\nSubtag: de\nDescription: German\n%%\n"
        "Type: language\nSubtag: iw\nDescription: Hebrew\nDeprecated: 1989-01-01\nPreferred-Value: he\n%%\n"
        "Type: language\nSubtag: sla\nDescription: Slavic languages\nScope: collection\n%%\n"
        "Type: language\nSubtag: qaa..qtz\nDescription: Private use\n%%\nType: region\nSubtag: DE\n"
        "Description: Germany\n%%\nType: language\nSubtag: cmn\nDescription: Mandarin Chinese\nMacrolanguage: zh\n"
        "%%\nType: language\nSubtag: nb\nDescription: Norwegian Bokmål\nMacrolanguage: no\n",
        encoding="utf-8")
    made = tool.table(tmp_path / "iso-639-3.tab", tmp_path / "registry.txt").splitlines()
    assert [line for line in made if not line.startswith("#")] == [
        "[two] 3 codes: code, name", "de\tGerman", "iw\tHebrew", "nb\tNorwegian Bokmål", "[three] 5 codes",
        "cmn deu ger kaa sla", "[same] 2 languages: ISO 639-1 code, the other codes naming its language",
        "de deu ger", "he iw", "[macro] 2 macrolanguages: ISO 639-1 code, its individual languages", "no nb", "zh cmn"]
    assert iso639.TABLE.read_text(encoding="utf-8").startswith(made[0])


@pytest.mark.parametrize("code, behaves_as", [
    ("cmn", "zh"), ("yue-Hant", "zh"), ("arb", "ar"), ("ARZ", "ar"), ("pes", "fa"), ("zsm", "ms"), ("swh", "sw"),
    ("ekk", "et"), ("lvs", "lv"), ("uzn-Latn", "uz"), ("nob", "nb"), ("nno", "nn"), ("id", "id"), ("hr", "hr"),
    ("sr-Cyrl", "sr"), ("deu", "de"), ("kaa", "kaa"),
])
def test_an_individual_language_behaves_as_its_macrolanguage_unless_it_has_a_code_of_its_own(
        code: str, behaves_as: str) -> None:
    """Mandarin (cmn) gets what Chinese (zh) gets; Bokmål (nob: nb), Croatian (hr) keep theirs."""
    assert languages.language(code) == behaves_as


@pytest.mark.parametrize("code, other, same", [
    ("cmn", "zh", True), ("zh-CN", "cmn-Hans", True), ("arb", "ara", True), ("nob", "no", True), ("nb", "nob", True),
    ("nob", "nno", False), ("cmn", "yue", False), ("hr", "sr", False), ("id", "ms", True), ("pes", "prs", False),
])
def test_a_macrolanguage_names_each_of_its_languages_but_two_of_them_are_not_one(code: str, other: str,
                                                                               same: bool) -> None:
    assert languages.same_language(code, other) is same and languages.same_language(other, code) is same


def test_mandarin_and_standard_arabic_get_the_encoder_the_rules_and_the_script_of_zh_and_ar() -> None:
    """Before: auto chose lexical ("does not cover cmn, arb"), cmn was cut by the generic rules."""
    from align.config import AlignConfig
    from align.embedding.auto import choose
    from align.segment import segment

    assert choose(AlignConfig(src_lang="cmn", tgt_lang="arb"))[0] == choose(AlignConfig(src_lang="zh",
                                                                                       tgt_lang="ar"))[0]
    text = "他来了!我们走吧?好的。"  # ASCII "!?" end a sentence with no space after them in zh's rules only
    assert segment(text, "cmn") == segment(text, "zh") == ["他来了!", "我们走吧?", "好的。"]
    assert languages.script_contradicts("arb", "هذا نص عربي قصير جدا") is None
    assert languages.display_name("cmn") == "cmn" and languages.normalize("CMN-hans") == "cmn-Hans"
