"""Reading batch manifests (corpora/manifest.py): formats, relative paths, malformed rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpora.errors import InputError, UsageError
from corpora.manifest import count_rows, pair_folder, read_manifest


def test_csv_rows_resolve_paths_against_the_manifest(tmp_path: Path) -> None:
    sub = tmp_path / "lists"
    sub.mkdir()
    (sub / "m.csv").write_text(
        "source,target,source_lang,target_lang,output,title,max_align\n"
        "a.en.txt,../b.tr.txt,en,tr,x.xml,\"A, title\",3\n"
        "\n"
        "c.txt,d.txt,en,tr,,,\n",
        encoding="utf-8",
    )
    rows = list(read_manifest(sub / "m.csv"))
    assert [r.row for r in rows] == [1, 2]
    assert rows[0].source == str(sub / "a.en.txt")
    assert Path(rows[0].target).resolve() == tmp_path / "b.tr.txt"
    assert rows[0].output == "x.xml" and rows[0].extra == (("max_align", "3"), ("title", "A, title"))
    assert rows[1].output is None and rows[1].extra == () and rows[1].error is None
    assert count_rows(sub / "m.csv") == 2


def test_tsv_and_jsonl_read_the_same_rows(tmp_path: Path) -> None:
    (tmp_path / "m.tsv").write_text("source\ttarget\tsource_lang\ttarget_lang\nsrc.txt\ttgt.txt\tru\ten\n")
    (tmp_path / "m.jsonl").write_text(
        json.dumps({"source": "src.txt", "target": "tgt.txt", "source_lang": "ru", "target_lang": "en"}) + "\n"
    )
    assert list(read_manifest(tmp_path / "m.tsv")) == list(read_manifest(tmp_path / "m.jsonl"))


def test_malformed_rows_come_back_with_errors_and_reading_goes_on(tmp_path: Path) -> None:
    (tmp_path / "m.jsonl").write_text(
        '{"source": "a", "target": "b", "source_lang": "en", "target_lang": "tr"}\n'
        '{"source": "a", "target": \n'
        '["a", "b"]\n'
        '{"source": "a", "target": "b", "source_lang": "en"}\n'
        '{"source": "a", "target": "b", "source_lang": "en", "target_lang": "tr", "max_align": 3}\n'
    )
    rows = list(read_manifest(tmp_path / "m.jsonl"))
    assert [r.error is None for r in rows] == [True, False, False, False, True]
    assert "not valid JSON" in rows[1].error
    assert "not a JSON object" in rows[2].error
    assert rows[3].error == "malformed row: no target_lang"
    assert rows[4].extra == (("max_align", "3"),)


def test_header_problems_stop_reading(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("source,target,lang\n")
    with pytest.raises(InputError, match="lacks column.*source_lang, target_lang"):
        list(read_manifest(tmp_path / "m.csv"))
    (tmp_path / "m.txt").write_text("x")
    with pytest.raises(UsageError, match="unknown manifest format"):
        list(read_manifest(tmp_path / "m.txt"))
    with pytest.raises(InputError, match="no such file"):
        list(read_manifest(tmp_path / "none.csv"))


@pytest.mark.parametrize("name, header, said", [
    ("m.csv", "source;target;source_lang;target_lang", "separated by ';', and a .csv manifest's by ','"),
    ("m.tsv", "source,target,source_lang,target_lang", "separated by ',', and a .tsv manifest's by a tab"),
    ("m.csv", "source\ttarget\tsource_lang\ttarget_lang", "separated by a tab, and a .csv manifest's by ','"),
])
def test_a_header_in_another_separator_says_so(tmp_path: Path, name: str, header: str, said: str) -> None:
    """Excel in many locales saves "CSV" with semicolons; the error said only that every column was
    missing, though the file names them all."""
    (tmp_path / name).write_text(header + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        list(read_manifest(tmp_path / name))
    assert said in str(err.value) and str(err.value).count("\n") == 0


def test_pair_folder_pairs_by_name_and_flags_orphans(tmp_path: Path) -> None:
    for name in ("b.en.txt", "b.tr.txt", "a.en.txt", "a.tr.txt", "c.en.txt", "notes.txt"):
        (tmp_path / name).write_text("x")
    rows = list(pair_folder(tmp_path, "en", "tr"))
    assert [Path(r.source).name for r in rows] == ["a.en.txt", "b.en.txt", "c.en.txt"]
    assert [r.error is None for r in rows] == [True, True, False]
    assert "c.tr.txt: no such file" in rows[2].error
    assert rows[0].source_lang == "en" and rows[0].target_lang == "tr" and rows[0].output is None


def test_pair_folder_pairs_any_extensions_it_is_given(tmp_path: Path) -> None:
    for name in ("a.en.docx", "a.tr.odt", "b.en.html", "b.tr.md", "c.en.pdf", "c.tr.txt", "d.en.txt", "d.en.md",
                 "d.tr.txt", "e.en.zip", "e.tr.txt"):
        (tmp_path / name).write_text("x")
    rows = list(pair_folder(tmp_path, "en", "tr", (".txt", ".docx", ".odt", ".html", ".md", ".pdf")))
    assert [(Path(r.source).name, Path(r.target).name, r.error is None) for r in rows] == [
        ("a.en.docx", "a.tr.odt", True), ("b.en.html", "b.tr.md", True), ("c.en.pdf", "c.tr.txt", True),
        ("d.en.md", "d.tr.txt", False), ("e.en.txt", "e.tr.txt", False)]
    assert "one text in two files" in rows[3].error and "e.en.txt: no such file" in rows[4].error


def test_pair_folder_pairs_by_language_not_by_the_tag_spelt(tmp_path: Path) -> None:
    """name.deu.txt is German for -s de (before: not paired, "holds no NAME.de.EXT" or an orphan
    row); a 639-3, 639-2/B, regional or upper-case tag, or a macrolanguage's member, is its
    language; a name with one language in two spellings is one text in two files."""
    for name in ("a.deu.txt", "a.fr.txt", "b.ger.txt", "b.fra-CA.txt", "c.DE.txt", "c.fre.txt", "d.de.txt",
                 "d.deu.txt", "d.fr.txt", "e.de.txt", "e.v2.txt", "e.fr.txt", "notes.txt"):
        (tmp_path / name).write_text("x")
    rows = list(pair_folder(tmp_path, "de", "fr"))
    assert [(Path(r.source).name, Path(r.target).name, r.error is None) for r in rows] == [
        ("a.deu.txt", "a.fr.txt", True), ("b.ger.txt", "b.fra-CA.txt", True), ("c.DE.txt", "c.fre.txt", True),
        ("d.de.txt", "d.fr.txt", False), ("e.de.txt", "e.fr.txt", True)]
    assert "one text in two files" in rows[3].error
    assert all(r.source_lang == "de" and r.target_lang == "fr" for r in rows)
    (tmp_path / "z.cmn.txt").write_text("x")
    (tmp_path / "z.en.txt").write_text("x")
    assert [(Path(r.source).name, r.error) for r in pair_folder(tmp_path, "zh", "en")] == [("z.cmn.txt", None)]


def test_a_malformed_row_names_its_line_in_the_manifest(tmp_path: Path) -> None:
    """Row numbers count data rows (no header, no blank lines), so "row 3" is not line 3 of the
    file: a malformed row, which names no file to look for, must say where it is."""
    (tmp_path / "m.csv").write_text(
        "\ufeffsource,target,source_lang,target_lang\r\n"
        "a.txt,b.txt,en,tr\r\n"
        "\r\n"
        "a.txt\r\n"
        "a.txt,b.txt,en\r\n", encoding="utf-8")
    rows = list(read_manifest(tmp_path / "m.csv"))
    assert [r.error for r in rows] == [None, "malformed row (line 4 of the manifest): 1 field where the header has 4",
                                       "malformed row (line 5 of the manifest): 3 fields where the header has 4"]
    (tmp_path / "m.jsonl").write_text('\n{"source": "a", "target": \n')
    assert [r.error for r in read_manifest(tmp_path / "m.jsonl")] == [
        "malformed row (line 2 of the manifest): not valid JSON (Expecting value at column 27)"]


@pytest.mark.parametrize("fmt, sep", [("csv", ","), ("tsv", "\t")])
def test_comment_lines_and_blank_lines_are_no_rows(tmp_path: Path, fmt: str, sep: str) -> None:
    """Users annotate manifests: a line starting with `#` (spaces before it allowed), before the
    header too, is a comment, as is a blank line; row numbers skip them, and an error still
    names the file's real line. A `#` inside a quoted field that spans lines is data."""
    (tmp_path / f"m.{fmt}").write_text(sep.join(["# letters of 1921", "checked by hand"]) + "\n"
                                       "\n"
                                       + sep.join(["source", "target", "source_lang", "target_lang", "title"]) + "\n"
                                       "  # first batch\n"
                                       + sep.join(["a.txt", "b.txt", "en", "tr", '"Two\n# lines"']) + "\n"
                                       "#" + sep.join(["c.txt", "d.txt", "en", "tr", "x"]) + "\n"
                                       "\n"
                                       + sep.join(["e.txt", "f.txt", "en"]) + "\n"
                                       + sep.join(['"#g.txt"', "h.txt", "en", "tr", "y"]) + "\n",
                                       encoding="utf-8")
    rows = list(read_manifest(tmp_path / f"m.{fmt}"))
    assert [r.row for r in rows] == [1, 2, 3]
    assert rows[0].error is None and rows[0].extra == (("title", "Two\n# lines"),)
    assert rows[1].error == "malformed row (line 9 of the manifest): 3 fields where the header has 5"
    assert rows[2].error is None and rows[2].source == str(tmp_path / "#g.txt")
    assert count_rows(tmp_path / f"m.{fmt}") == 3


@pytest.mark.parametrize("name, text, problem", [
    ("m.csv", "source,target,source_lang,target_lang\n", "manifest has a header row but no rows"),
    ("m.tsv", "# pairs\nsource\ttarget\tsource_lang\ttarget_lang\n# to do\n\n", "manifest has a header row but no rows"),
    ("m.jsonl", "\n\n", "manifest has no rows"),
])
def test_a_manifest_without_rows_is_an_error_naming_it_and_writes_nothing(tmp_path: Path, name: str, text: str,
                                                                            problem: str) -> None:
    """Before: "0 ok, 0 failed", exit 0, an output folder with an empty report (a list saved
    before its rows were pasted, or a folder of the wrong manifest)."""
    from click.testing import CliRunner

    from bitext_cli.main import cli

    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        count_rows(tmp_path / name)
    assert str(err.value) == f"{tmp_path / name}: {problem}"
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / name), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert result.output.splitlines() == [f"Error: {tmp_path / name}: {problem}"], result.output
