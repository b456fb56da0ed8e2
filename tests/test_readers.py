"""Reading input: decoding, paragraphs, pre-split lines, and one-line errors naming the file."""

from __future__ import annotations

import pytest

from corpora.errors import InputError
from corpora.readers import read_text, split_paragraphs, split_presplit


def test_paragraphs_join_wrapped_lines_and_split_on_blank_lines() -> None:
    text = "First line\nwrapped here.\n\n  \nSecond para.\n"
    assert split_paragraphs(text) == ["First line wrapped here.", "Second para."]


def test_presplit_lines_are_segments_and_blank_lines_end_paragraphs() -> None:
    assert split_presplit("a\nb\n\nc\n\n\nd") == [["a", "b"], ["c"], ["d"]]
    assert sum(split_presplit("x\ny\nz"), []) == ["x", "y", "z"]


def test_bom_and_crlf_are_normalised(tmp_path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("\ufeffOne.\r\nTwo.\r\n".encode())
    assert read_text(f) == "One.\nTwo.\n"


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        (b"", "is empty"),
        (b"  \n\n \t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Привет, мир. Это текст.".encode("cp1251"), "--encoding cp1251"),
        ("Türkçe metin: ağaç, ışık, çiçek, öğrenci.".encode("cp1254"), "--encoding"),
    ],
)
def test_bad_input_errors_name_the_file(tmp_path, content, message) -> None:
    f = tmp_path / "bad.txt"
    if content is not None:
        f.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_text(f)
    assert str(err.value).startswith(str(f))
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_directory_is_refused(tmp_path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_text(tmp_path)


def test_control_characters_are_removed_with_a_warning(tmp_path, caplog) -> None:
    f = tmp_path / "c.txt"
    f.write_text("ok\nbad\x07bell\n", encoding="utf-8")
    assert read_text(f) == "ok\nbadbell\n"
    assert f"{f}:2: removed control character U+0007" in caplog.text
