"""extract-abstracts: the title, abstract and keywords pairs of a bilingual article."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from corpora.abstracts import extract_abstracts, guess_language
from corpora.errors import InputError
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def seed000(shared: Path) -> Path:
    return next((shared / "seeds").glob("000_*.txt"))


def test_seed_000_gives_the_sample_pairs(seed000: Path) -> None:
    found = extract_abstracts(seed000.read_text(encoding="utf-8"), "en", "tr", str(seed000))
    assert found.parts == ["title", "abstract", "keywords"]
    # The shipped sample was made by hand from the same article (footnote mark and ** removed).
    assert found.text("en") == (SAMPLE / "en.txt").read_text(encoding="utf-8")
    assert found.text("tr") == (SAMPLE / "tr.txt").read_text(encoding="utf-8")


def test_cli_writes_two_files_ready_to_align(seed000: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "article"
    result = CliRunner().invoke(cli, ["extract-abstracts", str(seed000), "-o", str(prefix)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "article.en.txt").read_bytes() == (SAMPLE / "en.txt").read_bytes()
    assert (tmp_path / "article.tr.txt").read_bytes() == (SAMPLE / "tr.txt").read_bytes()
    again = CliRunner().invoke(cli, ["extract-abstracts", str(seed000), "-o", str(prefix)])
    assert again.exit_code != 0 and "--force" in again.output


@pytest.mark.parametrize("prefix", ["out/", "out/.", "."])
def test_a_prefix_naming_a_folder_is_refused(seed000: Path, tmp_path: Path, monkeypatch, prefix: str) -> None:
    """`-o out/` wrote the hidden files out/.en.txt and out/.tr.txt; a prefix needs a file name."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    result = CliRunner().invoke(cli, ["extract-abstracts", str(seed000), "-o", prefix])
    assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
    assert result.output.startswith(f"Error: {prefix}: ") and f"-o {Path(prefix) / 'article'}" in result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["out"]


PLAIN = """A Study of Things

Bir Şeyler Çalışması

ABSTRACT
This is the first sentence. This is the second one.

Key words: things, study

ÖZ
Bu ilk cümledir. Bu da ikincisidir.

Anahtar Sözcükler: şeyler, çalışma

1. Introduction
Body text here.
"""


def test_plain_text_with_uppercase_headings_and_other_labels() -> None:
    found = extract_abstracts(PLAIN, "en", "tr")
    assert found.sides["en"] == ["A Study of Things", "This is the first sentence. This is the second one.",
                                 "Key words: things, study"]
    assert found.sides["tr"] == ["Bir Şeyler Çalışması", "Bu ilk cümledir. Bu da ikincisidir.",
                                 "Anahtar Sözcükler: şeyler, çalışma"]


def test_other_languages_by_the_table_and_inline_labels() -> None:
    text = ("Аннотация: Статья о репрессиях в Азербайджане.\n\nКлючевые слова: террор, репрессии\n\n"
            "Abstract: The article is about repression in Azerbaijan.\n\nKeywords: terror, repression\n")
    found = extract_abstracts(text, "ru", "en")
    assert found.parts == ["abstract", "keywords"]
    assert found.sides["ru"] == ["Статья о репрессиях в Азербайджане.", "Ключевые слова: террор, репрессии"]
    assert found.sides["en"][0] == "The article is about repression in Azerbaijan."


def test_missing_abstract_is_a_clear_error() -> None:
    with pytest.raises(InputError, match=r"article.txt: no tr abstract found \(looked for headings: öz, özet\)"):
        extract_abstracts("Abstract\n\nOnly English here.\n", "en", "tr", "article.txt")
    with pytest.raises(InputError, match="no heading words known for language 'ka'"):
        extract_abstracts("Abstract\n\nText.\n", "en", "ka")


def test_guess_language_tells_titles_apart() -> None:
    assert guess_language("Azerbaycan'da Kızıl Terör: Tarihi", ("en", "tr")) == "tr"
    assert guess_language("Red Terror in Azerbaijan: The Case of the Center", ("en", "tr")) == "en"


MARKDOWN = """# A Study of Things

# Bir Şeyler Çalışması

## Abstract

This is the first sentence. This is the second one.

**Keywords:** things, study

## Öz

Bu ilk cümledir. Bu da ikincisidir.

**Anahtar Kelimeler:** şeyler, çalışma

## 1. Introduction

Body text here.
"""


def test_markdown_titles_given_as_headings_are_the_titles() -> None:
    """A Markdown article names itself in `# Title` lines: they are its titles as a plain line
    would be (the `#` left out), not headings to pass over."""
    found = extract_abstracts(MARKDOWN, "en", "tr")
    assert found.parts == ["title", "abstract", "keywords"]
    assert [side[0] for side in found.sides.values()] == ["A Study of Things", "Bir Şeyler Çalışması"]
