"""One rule for glossary rows that name no language: they render the entry in the language of
the text being checked (an OmegaT glossary belongs to one project, one target language). Every
path that checks or applies a glossary follows it: `glossary check`, `glossary apply`,
`align --check/--apply`, `review --glossary`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from corpora.model import Bitext, Document, Link

from bitext_cli.main import cli
from tei.writer import tei_bytes

RU = ["Приказ подписал Ежов.", "Сталин ждал."]
TR = ["Emri Yejov imzaladı.", "Stalin bekledi."]


@pytest.fixture
def two_columns(tmp_path: Path) -> Path:
    path = tmp_path / "ru-tr.tsv"
    path.write_text("Ежов\tJejoff\nСталин\tStalin\n", encoding="utf-8")
    return path


def run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def aligned(tmp_path: Path) -> Path:
    path = tmp_path / "aligned.xml"
    src, tgt = Document.from_sentences("ru", [RU]), Document.from_sentences("tr", [TR])
    path.write_bytes(tei_bytes(Bitext(src, tgt, [Link((0,), (0,)), Link((1,), (1,))])))
    return path


def test_glossary_check(tmp_path: Path, two_columns: Path) -> None:
    out = run("glossary", "check", "--glossary", str(two_columns), str(aligned(tmp_path))).output
    assert ["\t".join(line.split("\t")[:5]) for line in out.splitlines()] == ["l1\tЕжов\tJejoff\tYejov\tvariant"]


def test_glossary_apply(tmp_path: Path, two_columns: Path) -> None:
    out = tmp_path / "applied.xml"
    run("glossary", "apply", "--glossary", str(two_columns), str(aligned(tmp_path)), "-o", str(out))
    assert b"<orig>Yejov</orig><reg>Jejoff</reg>" in out.read_bytes()


def test_align_check_and_apply(tmp_path: Path, two_columns: Path) -> None:
    src, tgt, out = tmp_path / "ru.txt", tmp_path / "tr.txt", tmp_path / "out.xml"
    src.write_text("\n\n".join(RU) + "\n", encoding="utf-8")
    tgt.write_text("\n\n".join(TR) + "\n", encoding="utf-8")
    run("align", str(src), str(tgt), "-t", "tr", "--scorer", "lexical", "--glossary", str(two_columns),
        "--check", "--apply", "-o", str(out))
    data = out.read_bytes().decode("utf-8")
    assert "preferred Jejoff; target has Yejov" in data and "<reg>Jejoff</reg>" in data


def test_review(tmp_path: Path, two_columns: Path) -> None:
    out = tmp_path / "review.html"
    run("review", str(aligned(tmp_path)), "--glossary", str(two_columns), "-o", str(out))
    assert "the glossary prefers “Jejoff”, the target has “Yejov”" in out.read_text(encoding="utf-8")


def test_convert_names_the_language_of_untagged_rows(tmp_path: Path, two_columns: Path) -> None:
    out = tmp_path / "g.tbx"
    run("glossary", "convert", str(two_columns), "--lang", "tr", "-o", str(out))
    data = out.read_text(encoding="utf-8")
    assert '<langSec xml:lang="tr">' in data and 'xml:lang="en"' not in data


def test_glossary_check_of_a_text_on_its_own(tmp_path: Path, two_columns: Path) -> None:
    text = tmp_path / "tr.txt"
    text.write_text("\n\n".join(TR) + "\n", encoding="utf-8")
    out = run("glossary", "check", "--glossary", str(two_columns), str(text), "--lang", "tr", "--lexicon", "none").output
    assert [line.split("\t")[2:6] for line in out.splitlines()] == [["Ежов", "Jejoff", "Yejov", "variant"]]


def test_every_aligned_check_goes_through_one_function() -> None:
    """The bug this guards against: three copies of the check, each reading untagged rows in
    another language. Only glossary.check.glossary_findings may call check_bitext in the library."""
    import re

    root = Path(__file__).resolve().parent.parent
    callers = sorted(str(path.relative_to(root)) for package in ("corpora", "glossary", "align", "tei", "bitext_cli")
                     for path in (root / package).rglob("*.py") if re.search(r"\bcheck_bitext\(", path.read_text("utf-8")))
    assert callers == ["glossary/check.py"]
