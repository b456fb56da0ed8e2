"""`bitext segment` reads what `bitext align` reads (the one table of formats), with the same
options and one-line errors, and prints the sentences align would use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from tests.documents import build_docx, build_odt, zip_bomb

DOC = [("h1", "The letter"), ("p", "I arrived in Baku on *3 May 1937*. The city was quiet."),
       ("p", "Write to me soon.\nYours, Ali.")]
# the sentences of DOC, a blank line between blocks (headings, paragraphs)
WANT = "The letter\n\nI arrived in Baku on 3 May 1937.\nThe city was quiet.\n\nWrite to me soon.\nYours, Ali.\n"

HTML = """<!DOCTYPE html><html><head><title>T</title><script>var x = "No. Script.";</script></head>
<body><h1>The letter</h1><p>I arrived in Baku on <em>3 May 1937</em>. The city was quiet.</p>
<p>Write to me soon.<br>Yours, Ali.</p></body></html>"""

MARKDOWN = "# The letter\n\nI arrived in Baku on *3 May 1937*. The city was quiet.\n\nWrite to me soon.\nYours, Ali.\n"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("name, data", [
    ("a.html", HTML.encode()), ("a.md", MARKDOWN.encode()), ("a.docx", build_docx(DOC)), ("a.odt", build_odt(DOC)),
    ("page.txt", HTML.encode()),  # told by its first bytes, as align tells it
])
def test_segment_reads_every_format_align_reads(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = run("segment", "--lang", "en", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == WANT


def test_segment_of_a_translation_memory_prints_the_side_in_lang(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_text("""<?xml version="1.0"?><tmx version="1.4"><header srclang="en" creationtool="x"
 creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en"><seg>One. Still one.</seg></tuv><tuv xml:lang="tr"><seg>Bir.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Two.</seg></tuv><tuv xml:lang="tr"><seg>İki.</seg></tuv></tu></body></tmx>""",
                    encoding="utf-8")
    assert run("segment", "--lang", "tr", str(path)).stdout == "Bir.\n\nİki.\n"
    assert run("segment", "--lang", "en", str(path)).stdout == "One. Still one.\n\nTwo.\n"  # the units' own segments
    both = run("segment", str(path))
    assert both.exit_code != 0 and "holds 2 texts (en, tr); pass --lang to choose one" in both.output


def test_segment_takes_the_encoding_options_and_byte_order_marks(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes("Он пришёл. Да.\n".encode("cp1251"))
    assert run("segment", "--lang", "ru", "--encoding", "cp1251", str(path)).stdout == "Он пришёл.\nДа.\n"
    wide = tmp_path / "wide.txt"
    wide.write_bytes("One. Two.\n".encode("utf-16"))
    assert run("segment", "--lang", "en", str(wide)).stdout == "One.\nTwo.\n"


@pytest.mark.parametrize("name, make, words", [
    ("bad.docx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\0" * 26 + b"word/document.xml broken"), "not a DOCX"),
    ("bomb.docx", lambda p: p.write_bytes(zip_bomb("word/document.xml", "[Content_Types].xml")), ""),
    ("blank.txt", lambda p: p.write_text("  \n", encoding="utf-8"), "empty"),
    ("latin1.txt", lambda p: p.write_bytes(b"caf\xe9 latte.\n"), "encoding"),
])
def test_segment_errors_are_the_one_line_errors_of_align(tmp_path: Path, name: str, make, words: str) -> None:
    path = tmp_path / name
    make(path)
    seg = run("segment", "--lang", "en", str(path))
    aligned = run("align", str(path), str(path), "-s", "en", "-t", "en", "-o", str(tmp_path / "out.xml"))
    assert seg.exit_code == 1 and aligned.exit_code == 1
    line = seg.output.strip()
    assert "\n" not in line and line.startswith(f"Error: {path}: ") and words in line, line
    assert line == aligned.output.strip().splitlines()[-1].replace("--src-encoding", "--encoding")


def test_segment_honours_the_input_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_text(HTML + " " * 2048, encoding="utf-8")
    refused = run("--max-input-size", "1K", "segment", "--lang", "en", str(path))
    assert refused.exit_code == 1 and "--max-input-size" in refused.output and str(path) in refused.output
    assert run("--max-input-size", "1M", "segment", "--lang", "en", str(path)).stdout == WANT


def test_segment_lang_help_names_every_language_with_rules_of_its_own() -> None:
    """--help said only en, tr and ru had their own rules, while zh, ja, ar, ... have tables too."""
    from align.segment_rules import languages

    text = " ".join(CliRunner().invoke(cli, ["segment", "--help"]).output.split())
    named = set(re.findall(r"\b[a-z]{2,3}\b", text.split("--lang TEXT", 1)[1].split("--encoding", 1)[0]))
    assert languages() <= named, sorted(languages() - named)
