"""The language a document declares (HTML `lang`, DOCX/ODT `dc:language`, Markdown front
matter `lang:`, a PDF catalog's `/Lang`, a TEI input's `xml:lang`, TMX/XLIFF codes), read by
one helper: used where the command line leaves the language out (or says `und`), and a
one-line warning naming the file where the language given disagrees with it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli import formats
from bitext_cli.main import cli
from corpora.errors import InputError
from corpora.languages import declared
from tei.reader import read_tei
from tests.documents import build_docx, build_odt, build_pdf

TR_TEXT = [("p", "Bakü'ye 3 Mayıs 1937'de vardım. Şehir sessizdi.")]
EN_TEXT = "I arrived in Baku on 3 May 1937. The city was quiet.\n"


def html(lang_attr: str) -> str:
    return (f"<!DOCTYPE html><html {lang_attr}><head><title>Mektup</title></head><body>"
            f"<p>{TR_TEXT[0][1]}</p></body></html>")


def lang_of(tmp_path: Path, name: str, data: str | bytes) -> str | None:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    text, = formats.read_texts(formats.read_file(str(path)))
    return text.lang


@pytest.mark.parametrize("name, data, want", [
    ("a.html", html('lang="tr"'), "tr"),
    ("a.html", html('lang="TR-tr"'), "tr-TR"),
    ("a.xhtml", '<?xml version="1.0"?>' + html('xmlns="http://www.w3.org/1999/xhtml" xml:lang="tr"'), "tr"),
    ("a.html", html('lang="en_US"'), "en-US"),  # a POSIX locale's underscore
    ("a.html", html('lang=""'), None),
    ("a.html", html(""), None),
    ("a.docx", build_docx(TR_TEXT, language="tr-TR"), "tr-TR"),
    ("a.odt", build_odt(TR_TEXT, language="tr"), "tr"),
    ("a.md", "---\ntitle: Mektup\nlang: tr\n---\n\n" + TR_TEXT[0][1] + "\n", "tr"),
    ("a.pdf", build_pdf([[(72.0, 760.0, 11.0, "Sehir sessizdi.")]], language="tr-TR"), "tr-TR"),
    ("a.docx", build_docx(TR_TEXT), None),
    ("a.pdf", build_pdf([[(72.0, 760.0, 11.0, "Sehir sessizdi.")]]), None),
])
def test_formats_give_the_language_their_documents_declare(tmp_path: Path, name: str, data, want) -> None:
    assert lang_of(tmp_path, name, data) == want


def test_word_proofing_marks_declare_nothing(tmp_path: Path) -> None:
    """w:lang is the proofing language Word takes from the keyboard, not the author's statement:
    a Turkish text typed under an en-US keyboard is marked en-US. So a DOCX without dc:language
    declares nothing and bitext asks for the language rather than mislabel the text."""
    runs = build_docx(TR_TEXT)
    marked = build_docx([], document_xml=(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        '<w:p><w:r><w:rPr><w:lang w:val="en-US"/></w:rPr><w:t>Sehir sessizdi. Herkes evdeydi.</w:t></w:r></w:p>'
        '<w:sectPr/></w:body></w:document>'))
    assert lang_of(tmp_path, "a.docx", runs) is None
    assert lang_of(tmp_path, "b.docx", marked) is None


def meta_page(lang_attr: str, content: str) -> str:
    return html(lang_attr).replace("<head>", f'<head><meta http-equiv="Content-Language" content="{content}">')


@pytest.mark.parametrize("page, want", [
    (meta_page("", "tr"), "tr"),  # no <html lang>: the pragma's language
    (meta_page("", "TR_tr"), "tr-TR"),
    (meta_page('lang="tr"', "en"), "tr"),  # <html lang> wins (HTML's order)
    (meta_page("", "tr, en"), None),  # a list names no one language (HTML ignores it)
    (meta_page("", ""), None),
    (meta_page("", "tr").replace('http-equiv="Content-Language"', 'HTTP-EQUIV="content-language"'), "tr"),
], ids=["meta", "locale", "html-lang-first", "list", "blank", "case"])
def test_an_html_page_without_lang_takes_its_content_language(tmp_path: Path, page: str, want: str | None) -> None:
    """<meta http-equiv="Content-Language"> is HTML's pragma-set default language: older pages
    and many generators declare it there rather than in <html lang>."""
    assert lang_of(tmp_path, "a.html", page) == want


def test_a_declaration_bitext_cannot_read_is_left_aside_with_a_warning(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    assert lang_of(tmp_path, "t.html", html('lang="{{ page.lang }}"')) is None
    warning, = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.startswith(f"{tmp_path / 't.html'}: ") and "{{ page.lang }}" in warning and "\n" not in warning


def test_one_helper_reads_every_declaration(tmp_path: Path) -> None:
    assert declared(" en_gb ", "f", "here") == "en-GB"
    assert declared("", "f", "here") is None and declared(None, "f", "here") is None
    with pytest.raises(InputError) as err:
        declared("english!", "f.tmx", "unit 3")
    assert str(err.value) == "f.tmx: unit 3: 'english!' is not a language code bitext takes"
    # a TMX written with locale codes reads through the same helper
    tmx = ('<?xml version="1.0"?><tmx version="1.4"><header srclang="en_US" creationtool="x" creationtoolversion="1"'
           ' segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body><tu><tuv xml:lang="tr_TR">'
           '<seg>Bir.</seg></tuv><tuv xml:lang="en_US"><seg>One.</seg></tuv></tu></body></tmx>')
    path = tmp_path / "m.tmx"
    path.write_text(tmx, encoding="utf-8")
    assert [t.lang for t in formats.read_texts(formats.read_file(str(path)))] == ["en-US", "tr-TR"]


def align(tmp_path: Path, page: str, *options: str) -> tuple[object, Path]:
    src, tgt, out = tmp_path / "mektup.html", tmp_path / "letter.txt", tmp_path / "out.tei.xml"
    src.write_text(page, encoding="utf-8")
    tgt.write_text(EN_TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["align", str(src), str(tgt), "-t", "en", "--scorer", "lexical", "-o", str(out),
                                      "--force", *options])
    return result, out


@pytest.mark.parametrize("options", [[], ["-s", "und"]])
def test_align_takes_the_language_the_page_declares_when_none_is_given(tmp_path: Path, options) -> None:
    result, out = align(tmp_path, html('lang="tr"'), *options)
    assert result.exit_code == 0, result.output
    assert read_tei(out).source.lang == "tr"


def test_a_language_given_against_the_declared_one_is_used_with_a_warning(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    result, out = align(tmp_path, html('lang="de"'), "-s", "tr")
    assert result.exit_code == 0, result.output
    assert read_tei(out).source.lang == "tr"
    warning, = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.startswith(f"{tmp_path / 'mektup.html'}: ") and "'de'" in warning and "--src-lang" in warning
    assert "'tr'" in warning and "\n" not in warning


@pytest.mark.parametrize("lang_attr, given", [('lang="tr-TR"', "tr"), ('lang="tr"', "tr-TR"), ("", "tr"),
                                              ('lang="und"', "tr")])
def test_agreeing_or_absent_declarations_say_nothing(tmp_path: Path, caplog, lang_attr: str, given: str) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    result, _ = align(tmp_path, html(lang_attr), "-s", given)
    assert result.exit_code == 0, result.output
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_segment_takes_the_declared_language_and_warns_the_same_way(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    path = tmp_path / "mektup.html"
    path.write_text(html('lang="tr"'), encoding="utf-8")
    for options in ([], ["--lang", "und"], ["--lang", "tr"]):
        result = CliRunner().invoke(cli, ["segment", *options, str(path)])
        assert result.exit_code == 0, result.output
        assert result.stdout == "Bakü'ye 3 Mayıs 1937'de vardım.\nŞehir sessizdi.\n"
    assert not caplog.records
    assert CliRunner().invoke(cli, ["segment", "--lang", "en", str(path)]).exit_code == 0
    warning, = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.startswith(f"{path}: ") and "--lang" in warning


def align_page(tmp_path: Path, lang_attr: str, text: str) -> tuple[Path, str]:
    """A page of `text` with `lang_attr` on its <html>, and the language `align` gives it."""
    page = tmp_path / "page.html"
    page.write_text(f"<html {lang_attr}><body><p>{text}</p></body></html>", encoding="utf-8")
    out = tmp_path / "out.tei.xml"
    (tmp_path / "en.txt").write_text("He came in 1937. What did he do? The town was quiet.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["align", str(page), str(tmp_path / "en.txt"), "-t", "en", "--scorer", "lexical",
                                      "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    return page, read_tei(out).source.lang


@pytest.mark.parametrize("lang_attr, want, warned", [('lang="en"', "ru", True), ('lang="uk"', "uk", False),
                                                     ('lang="sr-Cyrl"', "sr-Cyrl", False), ("", "ru", False),
                                                     ('lang="uz"', "uz", False)])
def test_a_declaration_the_script_contradicts_gives_way_to_the_script(tmp_path: Path, caplog, lang_attr: str,
                                                                        want: str, warned: bool) -> None:
    """A site template's `lang="en"` on a Russian page: the script settles it, and says so."""
    caplog.set_level(logging.INFO, logger="bitext")
    page, lang = align_page(tmp_path, lang_attr, "Он пришёл в 1937 году. Город был тих.")
    assert lang == want
    result = CliRunner().invoke(cli, ["segment", str(page)])
    assert result.exit_code == 0, result.output
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == (2 if warned else 0), warnings
    assert all(w.startswith(f"{page}: ") and "'en'" in w and "Cyrillic" in w for w in warnings)


def tei(lang_attr: str, text: str = "He came in 1937. The town was quiet.") -> str:
    return ("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader><fileDesc><titleStmt><title>x</title></titleStmt>"
            "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>"
            f"<text {lang_attr}><body><p>{text}</p></body></text></TEI>")


@pytest.mark.parametrize("lang_attr, want", [("xml:lang='en_US'", "en-US"), ("xml:lang='EN-gb'", "en-GB"),
                                             ("xml:lang=' '", None), ("", None)])
def test_a_tei_xml_lang_is_read_through_the_same_helper(tmp_path: Path, lang_attr: str, want: str | None) -> None:
    assert lang_of(tmp_path, "a.tei.xml", tei(lang_attr)) == want
    # as segmenting's language, where none is given: a locale's underscore is no error
    path = tmp_path / "a.tei.xml"
    result = CliRunner().invoke(cli, ["segment", "--lang", "en", str(path)] if want is None else ["segment", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "He came in 1937.\nThe town was quiet.\n"


def test_a_tei_xml_lang_bitext_cannot_read_is_left_aside_with_a_warning(tmp_path: Path, caplog) -> None:
    """Like a page's `lang`: the option given (or the script) decides, one warning names the
    file and the element that declares it (here inherited from the root <TEI>)."""
    caplog.set_level(logging.INFO, logger="bitext")
    path = tmp_path / "a.tei.xml"
    path.write_text(tei("").replace("<TEI ", "<TEI xml:lang='english!' "), encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment", "--lang", "en", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "He came in 1937.\nThe town was quiet.\n"
    warning, = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.startswith(f"{path}: line 1: <TEI xml:lang>: ") and "'english!'" in warning and "\n" not in warning


def test_a_tei_xml_lang_the_script_contradicts_gives_way_to_the_script(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    path = tmp_path / "a.tei.xml"
    path.write_text(tei("xml:lang='en_US'", "Он пришёл в 1937 году. Город был тих."), encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment", str(path)])
    assert result.exit_code == 0, result.output
    warning, = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.startswith(f"{path}: ") and "'en-US'" in warning and "Cyrillic" in warning


GREEK = "Ήρθε το 1937. Τι έκανε; Η πόλη ήταν ήσυχη."
HEBREW = "הוא הגיע בשנת 1937. העיר הייתה שקטה."
ARABIC = "وصل في عام 1937. كانت المدينة هادئة."
KANA = "かれはきました。まちはしずかでした。"
HAN = "他一九三七年来了。城市很安静。"


@pytest.mark.parametrize("lang_attr, text, want, script", [
    ('lang="en"', GREEK, "el", "Greek"),  # the script settles the language: it wins
    ('lang="en"', HEBREW, "he", "Hebrew"),
    ('lang="zh"', KANA, "ja", "Kana"),
    ('lang="en"', ARABIC, "en", "Arabic"),  # several languages share it: said, the declaration kept
    ('lang="az-Latn"', ARABIC, "az", "Arabic"),  # Azerbaijani is written in Arabic too: the subtag dropped
    ('lang="el"', GREEK, "el", None),  # agreeing declarations say nothing
    ('lang="fa"', ARABIC, "fa", None),
    ('lang="uz-Arab"', ARABIC, "uz-Arab", None),
    ('lang="ja"', HAN, "ja", None),
    ('lang="zh-Hant"', HAN, "zh-Hant", None),
    ('lang="en"', "He came in 1937. The town was quiet.", "en", None),
], ids=["el-en", "he-en", "ja-zh", "ar-en", "ar-az-Latn", "el", "fa", "uz-Arab", "ja-han", "zh-Hant", "en"])
def test_every_script_bitext_knows_can_contradict_a_declaration(tmp_path: Path, caplog, lang_attr: str, text: str,
                                                                 want: str, script: str | None) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    page, lang = align_page(tmp_path, lang_attr, text)
    assert lang == want
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    if script is None:
        assert warnings == []
    else:
        warning, = warnings
        assert warning.startswith(f"{page}: ") and f"in {script} script" in warning and f"as {want!r}" in warning


def test_a_greek_text_declared_english_is_segmented_as_greek(tmp_path: Path) -> None:
    """Greek's ";" is its question mark: the English rules the declaration named would not end a sentence there."""
    page = tmp_path / "page.html"
    page.write_text(f'<html lang="en"><body><p>{GREEK}</p></body></html>', encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment", str(page)])
    assert result.stdout == "Ήρθε το 1937.\nΤι έκανε;\nΗ πόλη ήταν ήσυχη.\n"


@pytest.mark.parametrize("lang_attr, text", [('lang="en"', ARABIC), ('lang="ru"', ARABIC), ('lang="en"', HEBREW)],
                         ids=["ar-en", "ar-ru", "he-en"])
def test_an_uncased_text_declared_in_a_language_of_capitals_is_split_by_its_script(
        tmp_path: Path, lang_attr: str, text: str) -> None:
    """lang="en" on an Arabic page stands (Arabic settles no language), but English's rules start
    a sentence only at a capital: the text is split by the rules that know its script, and keeps
    the declared language (the signature's "en-9")."""
    page = tmp_path / "page.html"
    page.write_text(f"<html {lang_attr}><body><p>{text}</p></body></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment", str(page)])
    assert result.exit_code == 0, result.output
    first, second = text.split(". ")
    assert result.stdout == f"{first}.\n{second}\n"


GEORGIAN = "ის მოვიდა 1937 წელს. ქალაქი მშვიდი იყო."


@pytest.mark.parametrize("lang_attr, options, text, generic", [
    ('lang="en"', [], ARABIC, True),  # the declaration stands (Arabic settles no language), its rules do not
    ('lang="ru"', [], ARABIC, True),
    ('lang="ar"', ["--lang", "en"], ARABIC, True),  # the option wins over the page, its rules do not
    ('lang="ka"', ["--lang", "ru"], GEORGIAN, True),
    ('lang="de"', ["--lang", "tr"], "Er kam 1937. Die Stadt war ruhig.", False),  # a cased text: the option's rules
    ('lang="en"', [], GREEK, False),  # the script settles the language: its own rules
], ids=["ar-en", "ar-ru", "ar-lang-en", "ka-lang-ru", "de-lang-tr", "el-en"])
def test_the_warning_says_where_the_generic_rules_split_the_text(
        tmp_path: Path, caplog, lang_attr: str, options: list[str], text: str, generic: bool) -> None:
    """Segmenting an Arabic text "as 'en'" would be false: English's rules start a sentence only
    at a capital, so the generic rules split it (the language stays 'en'); the warning says so."""
    caplog.set_level(logging.INFO, logger="bitext")
    page = tmp_path / "page.html"
    page.write_text(f"<html {lang_attr}><body><p>{text}</p></body></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment", *options, str(page)])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) >= 2
    warning, = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.startswith(f"{page}: ") and "\n" not in warning
    assert ("by the generic rules" in warning) == generic, warning


@pytest.mark.parametrize("options", [[], ["-s", "ru"]], ids=["declared", "option"])
def test_under_presplit_the_warning_speaks_of_no_rules(tmp_path: Path, caplog, options: list[str]) -> None:
    """With --presplit no rules split a text (its sentences are as given), so the warning about
    an Arabic text taken as English says that, not that the generic rules split it."""
    caplog.set_level(logging.INFO, logger="bitext")
    page = tmp_path / "page.html"
    page.write_text(f'<html lang="en"><body><p>{ARABIC}</p></body></html>', encoding="utf-8")
    tgt = tmp_path / "tgt.txt"
    tgt.write_text("He came in 1937. The town was quiet.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["align", str(page), str(tgt), *options, "-t", "en", "--presplit",
                                      "--scorer", "lexical", "--to", "beads"])
    assert result.exit_code == 0, result.output
    warning, = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "rules" not in warning and "segmenting" not in warning, warning
    assert "its sentences as --presplit gives them" in warning, warning


@pytest.mark.parametrize("text, want", [(GREEK, "el"), (HEBREW, "he"), (KANA, "ja"), ("Он пришёл.", "ru"),
                                        (ARABIC, None), (HAN, None), ("He came.", None), ("1937.", None)],
                         ids=["el", "he", "ja", "ru", "ar", "han", "latin", "no-letters"])
def test_the_script_settles_the_language_where_one_language_writes_it(text: str, want: str | None) -> None:
    from corpora.languages import infer_from_script

    assert infer_from_script(text) == want


@pytest.mark.parametrize("code", ["uz", "tk", "az", "kaa", "crh", "ug", "xal", "kum", "nog", "bs", "sh", "kk", "tt"])
def test_languages_written_in_cyrillic_too_are_accepted_on_a_cyrillic_text(code: str) -> None:
    """Uzbek, Turkmen, Azerbaijani ... are also (or were long) written in Cyrillic: declared on a
    Cyrillic text they stand, as Kazakh and Tatar do."""
    from corpora.languages import script_contradicts

    assert script_contradicts(code, "Ўзбекистон пойтахти Тошкент шаҳри. Бу катта шаҳар.") is None
    assert script_contradicts("en", "Ўзбекистон пойтахти Тошкент шаҳри.") is not None


@pytest.mark.parametrize("lang_attr, text, want", [
    ('lang="sr-Latn"', "Он је дошао 1937. године. Град је био тих.", "sr"),
    ('lang="uz-Latn"', "Ўзбекистон пойтахти Тошкент шаҳри. Бу катта шаҳар.", "uz"),
    ('lang="az-Latn-AZ"', "Азәрбајҹан бөјүк өлкәдир. Бакы онун пајтахтыдыр.", "az-AZ"),
    ('lang="en-Latn"', "Он пришёл в 1937 году. Город был тих.", "ru"),  # English is not written in Cyrillic
], ids=["sr", "uz", "az", "en-Latn"])
def test_a_script_subtag_the_text_contradicts_keeps_a_language_written_in_its_script(
        tmp_path: Path, caplog, lang_attr: str, text: str, want: str) -> None:
    """sr-Latn on a Cyrillic text is Serbian in its other script: the language stands, the
    script subtag that names the wrong script is dropped, and one warning says so."""
    caplog.set_level(logging.INFO, logger="bitext")
    page, lang = align_page(tmp_path, lang_attr, text)
    assert lang == want
    warning, = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warning.startswith(f"{page}: ") and "Cyrillic" in warning and f"as {want!r}" in warning
    if want != "ru":
        assert "script subtag" in warning and "\n" not in warning
