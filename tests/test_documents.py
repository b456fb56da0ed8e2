"""Readers of documents as users have them: each on a small file the test builds, hostile ones
included, and `bitext align` over mixed formats giving valid TEI with no markup in <s>
(translation memories, which hold both texts: tests/test_translation_memories.py)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bitext_cli import formats
from bitext_cli.main import cli
from corpora.errors import InputError
from corpora.source import InputText
from tei.names import TEI_NS
from tei.reader import read_tei
from tests.conftest import read_texts
from tests.documents import book_pages, build_docx, build_odt, build_pdf, pdf_without_text, zip_bomb

EN = [("h1", "The letter"), ("p", "I arrived in Baku on *3 May 1937*. The city was quiet."),
      ("note", "An archivist's note."), ("li", "First item."), ("li", "Second item."),
      ("caption", "Figure 1: the harbour."), ("p", "Write to me soon.\nYours, Ali.")]
TR = [("h1", "Mektup"), ("p", "3 Mayıs 1937'de *Bakü'ye* vardım. Şehir sessizdi."), ("note", "Arşivcinin notu."),
      ("li", "Birinci madde."), ("li", "İkinci madde."), ("caption", "Şekil 1: liman."),
      ("p", "Bana yakında yaz.\nSevgiler, Ali.")]
KINDS = ["head", "p", "item", "item", "caption", "p", "note"]  # notes come after the body


def blocks(path: Path) -> list[tuple[str, str]]:
    text, = read_texts(path)
    return [(b.kind, b.text) for b in text.blocks]


def one_line_error(exc: InputError, path: Path, words: str) -> None:
    message = str(exc)
    assert "\n" not in message and message.startswith(f"{path}: ") and words in message, message


# -- DOCX and ODT -------------------------------------------------------------------------------

@pytest.mark.parametrize("build, name", [(build_docx, "a.docx"), (build_odt, "a.odt")])
def test_office_documents_give_kinds_notes_and_spans(tmp_path: Path, build, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(build(EN, title="The letter"))
    text, = read_texts(path)
    assert [b.kind for b in text.blocks] == KINDS and text.title == "The letter"
    assert [b.text for b in text.blocks] == ["The letter", "I arrived in Baku on 3 May 1937. The city was quiet.",
                                             "First item.", "Second item.", "Figure 1: the harbour.",
                                             "Write to me soon.\nYours, Ali.", "An archivist's note."]
    emph, = text.blocks[1].spans
    assert (text.blocks[1].text[emph.start:emph.end], emph.name) == ("3 May 1937", "emph")


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_office_documents_are_told_by_their_bytes_not_their_name(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / "letter.bin"
    path.write_bytes((build_docx if suffix == ".docx" else build_odt)(EN))
    assert formats.read_file(str(path)).format == suffix[1:]


def test_docx_heading_styles_follow_based_on_and_outline_levels(tmp_path: Path) -> None:
    path = tmp_path / "h.docx"
    path.write_bytes(build_docx([("h2", "Localized heading style"), ("p", "Body.")]))
    assert blocks(path) == [("head", "Localized heading style"), ("p", "Body.")]


def test_docx_leaves_out_deleted_text_and_field_codes(tmp_path: Path) -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = (f'<w:document {w}><w:body><w:p><w:r><w:t>Kept</w:t></w:r><w:del><w:r><w:delText> gone</w:delText>'
                '</w:r></w:del><w:ins><w:r><w:t xml:space="preserve"> added</w:t></w:r></w:ins><w:r><w:instrText>'
                ' PAGE </w:instrText></w:r><w:r><w:tab/><w:t>text.</w:t></w:r></w:p></w:body></w:document>')
    path = tmp_path / "t.docx"
    path.write_bytes(build_docx([], document_xml=document))
    assert blocks(path) == [("p", "Kept added text.")]


def test_a_zip_bomb_is_refused_with_one_line(tmp_path: Path) -> None:
    for name, part, first in (("bomb.docx", "word/document.xml", "[Content_Types].xml"),
                              ("bomb.odt", "content.xml", "mimetype")):
        path = tmp_path / name
        path.write_bytes(zip_bomb(part, first))
        assert path.stat().st_size < 200_000
        with pytest.raises(InputError) as err:
            read_texts(path)
        one_line_error(err.value, path, "zip bomb")


def test_xxe_in_a_docx_is_refused_and_reads_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = (f'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
                f'<w:document {w}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>')
    path = tmp_path / "xxe.docx"
    path.write_bytes(build_docx([], document_xml=document))
    with pytest.raises(InputError) as err:
        read_texts(path)
    one_line_error(err.value, path, "DOCTYPE")
    result = CliRunner().invoke(cli, ["align", str(path), str(path), "-s", "en", "-t", "en"])
    assert result.exit_code == 1 and "TOP-SECRET" not in result.output
    assert result.output.strip().count("\n") == 0 and "word/document.xml declares a DOCTYPE" in result.output


@pytest.mark.parametrize("data, words", [(b"PK\x03\x04 not really a zip", "not a readable zip"),
                                         (b"plain bytes", "not a readable zip")])
def test_a_broken_docx_is_a_one_line_error(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_texts(path)
    one_line_error(err.value, path, words)


def test_an_odt_without_text_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.odt"
    path.write_bytes(build_odt([]))
    with pytest.raises(InputError) as err:
        read_texts(path)
    one_line_error(err.value, path, "has no text")


# -- HTML and Markdown --------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="windows-1251"><title>Письмо &amp; ответ</title>
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><nav><a href="/">Главная</a> | <a href="/about">О нас</a></nav>
<h1>Письмо  <em>из</em> Баку</h1>
<p>Я приехал &laquo;3 мая&raquo; 1937&nbsp;г. Город был <a href="https://example.org">тих</a>.<br>Пиши мне.</p>
<div>Текст в div <p>вложенный абзац</p> и хвост</div>
<ul><li>Первое</li><li><p>Второе</p></li></ul>
<figure><img src="x.png" alt="картинка"><figcaption>Рис. 1</figcaption></figure>
<section class="footnotes"><ol><li id="fn1">Примечание.</li></ol></section>
</body></html>"""


def test_html_blocks_headings_and_no_scripts_styles_or_navigation(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(HTML.encode("cp1251"))  # the page's <meta charset> decides the encoding
    text, = read_texts(path)
    assert text.title == "Письмо & ответ"
    assert [(b.kind, b.text) for b in text.blocks] == [
        ("head", "Письмо из Баку"), ("p", "Я приехал «3 мая» 1937\u00a0г. Город был тих.\nПиши мне."),
        ("p", "Текст в div"), ("p", "вложенный абзац"), ("p", "и хвост"), ("item", "Первое"), ("item", "Второе"),
        ("caption", "Рис. 1"), ("note", "Примечание.")]
    link, = text.blocks[1].spans
    assert (text.blocks[1].text[link.start:link.end], link.name, link.value) == ("тих", "link", "https://example.org")


def test_an_html_page_named_txt_is_still_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(HTML, encoding="utf-8")
    assert formats.read_file(str(path)).format == "html"


MARKDOWN = """---
title: "Письмо"
---
# Письмо *из* Баку

Я приехал **3 мая** 1937 г. Город был [тих](https://example.org) и `спокоен`.
Вторая строка абзаца.

- Первое
- Второе

> Цитата.

| столбец | другой |
|---|---|
| ячейка | ещё |
"""


def test_markdown_leaves_its_marks_out_and_keeps_kinds(tmp_path: Path) -> None:
    path = tmp_path / "letter.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    text, = read_texts(path)
    assert text.title == "Письмо"
    assert [(b.kind, b.text) for b in text.blocks] == [
        ("head", "Письмо из Баку"),
        ("p", "Я приехал 3 мая 1937 г. Город был тих и спокоен. Вторая строка абзаца."),
        ("item", "Первое"), ("item", "Второе"), ("p", "Цитата."),
        ("p", "столбец"), ("p", "другой"), ("p", "ячейка"), ("p", "ещё")]
    spans = {(text.blocks[1].text[s.start:s.end], s.name) for s in text.blocks[1].spans}
    assert spans == {("3 мая", "strong"), ("тих", "link"), ("спокоен", "code")}


# -- PDF ----------------------------------------------------------------------------------------

def test_pdf_drops_page_furniture_and_joins_broken_words(tmp_path: Path) -> None:
    paragraphs = ["It was the best of times, it was the worst of times, it was the age of wisdom, it was the "
                  "age of foolishness, it was the epoch of belief, it was the epoch of incredulity.",
                  "Short one.",
                  "There were a king with a large jaw and a queen with a plain face, on the throne of England; "
                  "there were a king with a large jaw and a queen with a fair face, on the throne of France. "
                  "Notwithstanding the circumstances, the lords of the State preserves held that things in "
                  "general were settled for ever."] * 3
    pages = book_pages(paragraphs, "A Tale of Two Cities", "Chapter I", per_page=8, width=66)
    assert len(pages) > 2 and any(text.endswith("-") for page in pages for _, _, _, text in page)
    path = tmp_path / "book.pdf"
    path.write_bytes(build_pdf(pages))
    assert blocks(path) == [("p", p) for p in paragraphs]


def test_pdf_of_a_real_book_loses_its_page_furniture(shared: Path, tmp_path: Path) -> None:
    seed = shared / "seeds" / "001_734ae1eeb639bb90.txt"
    if not seed.exists():
        pytest.skip("seed 001 not in ../shared")
    text = seed.read_text(encoding="utf-8")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if len(p.split()) > 12]
    paragraphs = [p for p in paragraphs if p.encode("cp1252", errors="replace").decode("cp1252") == p][200:260]
    path = tmp_path / "rogovin.pdf"
    path.write_bytes(build_pdf(book_pages(paragraphs, "Stalin's Terror of 1937-1938", "Chapter 5")))
    got = [t for kind, t in blocks(path)]
    assert got == paragraphs


def test_pdf_with_no_text_layer_says_ocr_is_needed(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_without_text())
    with pytest.raises(InputError) as err:
        read_texts(path)
    one_line_error(err.value, path, "has no text layer")
    assert "OCR" in str(err.value)


def test_a_damaged_pdf_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    with pytest.raises(InputError) as err:
        read_texts(path)
    one_line_error(err.value, path, "")


def test_a_damaged_pdf_prints_no_lines_of_pypdf(tmp_path: Path, caplog) -> None:
    """pypdf's warnings ("EOF marker not found") came out as `bitext: ...` lines naming no file,
    before the one-line error that names it and says what is wrong."""
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "truncated.pdf"
    path.write_bytes(b"%PDF-1.4\ngarbage")
    with pytest.raises(InputError):
        read_texts(path)
    assert [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")] == []


# -- plain text, the table ----------------------------------------------------------------------

def test_plain_text_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("# Title\nFirst line\nsecond line.\n\n\nNext.\n", encoding="utf-8")
    assert blocks(path) == [("head", "Title"), ("p", "First line\nsecond line."), ("p", "Next.")]


def test_an_empty_document_says_so(tmp_path: Path) -> None:
    for name in ("e.html", "e.md", "e.txt"):
        path = tmp_path / name
        path.write_text("  \n", encoding="utf-8")
        with pytest.raises(InputError) as err:
            read_texts(path)
        one_line_error(err.value, path, "empty")


# -- mixed formats end to end -------------------------------------------------------------------

def _no_markup_in_sentences(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    sentences = list(root.iter(f"{{{TEI_NS}}}s"))
    assert sentences and all(len(s) == 0 for s in sentences)  # no child elements
    texts = [s.text or "" for s in sentences]
    assert not any(re.search(r"<[a-z/!]|\*\*|\]\(|&[a-z]+;", t) for t in texts), texts
    return texts


@pytest.mark.parametrize("pair", ["docx-odt", "html-md", "pdf-txt"])
def test_align_mixed_formats_gives_valid_tei_without_markup(tmp_path: Path, assert_valid_tei, caplog,
                                                             pair: str) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    if pair == "docx-odt":
        (tmp_path / "a.docx").write_bytes(build_docx(EN))
        (tmp_path / "b.odt").write_bytes(build_odt(TR))
        args, langs = ["a.docx", "b.odt"], ["-s", "en", "-t", "tr"]
    elif pair == "html-md":
        (tmp_path / "a.html").write_text(HTML.replace("windows-1251", "utf-8"), encoding="utf-8")
        (tmp_path / "b.md").write_text(MARKDOWN, encoding="utf-8")
        args, langs = ["a.html", "b.md"], ["-s", "ru", "-t", "ru"]
    else:
        lines = [(72.0, 760.0 - 16 * k, 11.0, text) for k, text in enumerate(
            ["I arrived in Baku on 3 May 1937. The city", "was quiet.", "", "Write to me soon."]) if text]
        (tmp_path / "a.pdf").write_bytes(build_pdf([lines]))
        (tmp_path / "b.txt").write_text("3 Mayıs 1937'de Bakü'ye vardım. Şehir sessizdi.\n\nBana yakında yaz.\n",
                                        encoding="utf-8")
        args, langs = ["a.pdf", "b.txt"], ["-s", "en", "-t", "tr"]
    out = tmp_path / "out.tei.xml"
    result = CliRunner().invoke(cli, ["align", *(str(tmp_path / a) for a in args), *langs, "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert_valid_tei(data)
    texts = _no_markup_in_sentences(data)
    if pair == "docx-odt":
        assert "I arrived in Baku on 3 May 1937." in texts and "An archivist's note." in texts
        assert b"<note>" in data and b"<list>" in data and b'<ab type="caption">' in data
    elif pair == "html-md":
        assert "Письмо из Баку" in texts and "Пиши мне." in texts and not any("Главная" in t for t in texts)
    else:
        assert texts[:3] == ["I arrived in Baku on 3 May 1937.", "The city was quiet.", "Write to me soon."]
    bitext = read_tei(out)
    assert re.search(rf"seg:{args[0].split('.')[1]}\+", bitext.meta["signature"])


def test_tei_with_every_block_kind_reads_back_and_writes_the_same_bytes(tmp_path: Path) -> None:
    from tei.writer import tei_bytes

    (tmp_path / "a.docx").write_bytes(build_docx(EN))
    (tmp_path / "b.odt").write_bytes(build_odt(TR))
    out = tmp_path / "out.tei.xml"
    result = CliRunner().invoke(cli, ["align", str(tmp_path / "a.docx"), str(tmp_path / "b.odt"), "-s", "en", "-t",
                                      "tr", "-o", str(out)])
    assert result.exit_code == 0, result.output
    bitext = read_tei(out)
    assert [p.kind for p in bitext.source.paragraphs] == KINDS
    assert tei_bytes(bitext) == out.read_bytes()


def test_readers_return_the_input_path_for_messages(tmp_path: Path) -> None:
    given = InputText("x.md", b"# T\n\nBody.", "# T\n\nBody.", False, "markdown")
    text, = formats.read_texts(given)
    assert text.path == "x.md" and text.format == "markdown"
