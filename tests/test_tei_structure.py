"""Structure kept: Markdown-like headings in plain text become <head> in <div>s; ids stable."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bitext_cli.main import cli
from corpora.headings import heading_text, isolate_headings
from corpora.model import Document
from tei.reader import read_tei
from tei.writer import body_blocks

EN = "Preface text.\n\n# A letter\nI arrived in Baku. It was quiet.\n\n## Second part\n## Subtitle\n\nWrite soon.\n"
TR = "Önsöz metni.\n\n# Bir mektup\nBakü'ye vardım. Sessizdi.\n\n## İkinci bölüm\n## Alt başlık\n\nYakında yaz.\n"


def test_heading_lines_become_their_own_paragraphs() -> None:
    assert isolate_headings("# Title\nBody.") == "\n# Title\n\nBody."
    assert heading_text("## Second part") == "Second part"
    assert heading_text("#hashtag is not a heading") is None


def test_divs_start_at_headings_that_follow_text() -> None:
    doc = Document.from_sentences("en", [["a"], ["H1"], ["b"], ["H2"], ["H3"], ["c"]],
                                  kinds=["p", "head", "p", "head", "head", "p"])
    assert [[p.kind for p in block] for block in body_blocks(doc)] == [["p"], ["head", "p"], ["head", "head", "p"]]
    assert [[p.kind for p in block] for block in body_blocks(Document.from_sentences("en", [["a"], ["b"]]))] == [["p", "p"]]


def _files(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "tr.txt").write_text(TR, encoding="utf-8")
    return str(tmp_path / "en.txt"), str(tmp_path / "tr.txt")


def test_plain_text_headings_in_tei(tmp_path: Path, assert_valid_tei) -> None:
    en, tr = _files(tmp_path)
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(cli, ["align", en, tr, "-s", "en", "-t", "tr", "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = assert_valid_tei(out.read_bytes())
    heads = [h.findtext("{*}s") for h in root.iter("{http://www.tei-c.org/ns/1.0}head")]
    assert heads == ["A letter", "Second part", "Subtitle", "Bir mektup", "İkinci bölüm", "Alt başlık"]
    assert len(root.findall(".//{*}text[@{http://www.w3.org/XML/1998/namespace}id='en']/{*}body/{*}div")) == 3
    bitext = read_tei(out)
    assert [p.kind for p in bitext.source.paragraphs] == ["p", "head", "p", "head", "head", "p"]
    assert bitext.source.texts[1:4] == ["A letter", "I arrived in Baku.", "It was quiet."]


def test_presplit_headings_keep_line_numbering(tmp_path: Path) -> None:
    en, tr = _files(tmp_path)
    result = CliRunner().invoke(cli, ["align", en, tr, "-s", "en", "-t", "tr", "--presplit", "--to", "beads"])
    assert result.exit_code == 0, result.output
    beads = result.stdout.split()
    assert beads == [f"[{i}]:[{i}]" for i in range(6)]  # 6 non-blank lines a side, headings included
