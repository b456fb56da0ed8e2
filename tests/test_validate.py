"""`bitext validate`: our schema and the structural checks, `FILE:LINE: message`, exit status."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from bitext_cli.main import cli
from tei.checks import SCHEMA_PATH, file_problems, load_schema
from tests.conftest import DATA, ROOT

GOLDEN = DATA / "tei" / "every_link_type.tei.xml"
LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<message>.+)$")


def run(*args: str):
    return CliRunner().invoke(cli, ["validate", *args])


def test_valid_file_exits_zero_and_says_so_on_stderr(caplog) -> None:
    """Standard output stays empty for scripts; a person who runs it (on tei_all that takes half a
    minute) is told on stderr what passed, not left with no output at all."""
    caplog.set_level(logging.INFO, logger="bitext")
    result = run(str(GOLDEN), str(GOLDEN))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert [r.getMessage() for r in caplog.records] == [
        "2 of 2 file(s) valid (schema bitext-tei.rng and the structural checks)"]


def test_loading_tei_all_is_announced_unless_quiet(tmp_path: Path, caplog) -> None:
    """TEI All takes about half a minute to load: a line on stderr says so first (here a copy of
    our schema under its name stands in for it), and not with -q."""
    schema = tmp_path / "tei_all.rng"
    schema.write_bytes(SCHEMA_PATH.read_bytes())
    caplog.set_level(logging.INFO, logger="bitext")
    assert run("--schema", str(schema), str(GOLDEN)).exit_code == 0
    assert [r.getMessage() for r in caplog.records] == [
        "loading the TEI All schema (about 30 s)...",
        "1 of 1 file(s) valid (schema tei_all.rng and the structural checks)"]
    quiet = subprocess.run([sys.executable, "-c", "from bitext_cli.main import cli; cli()", "-q", "validate",
                            "--schema", str(schema), str(GOLDEN)], capture_output=True, text=True, cwd=ROOT)
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""


def _broken(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    text = GOLDEN.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_each_problem_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    bad = _broken(
        tmp_path, "bad.xml",
        ('cert="0.900"', 'cert="1.500"'),
        ('target="#en.a2 #tr.s10"', 'target="#en.a2 #tr.s11"'),
        ('type="2-1" target="#en.s4', 'type="1-1" target="#en.s4'),
        ('resp="#human"', 'resp="#nobody"'),
    )
    result = run(str(GOLDEN), str(bad))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(LINE.match(line) and line.startswith(f"{bad}:") for line in lines), lines
    text = result.stdout
    assert "Invalid attribute cert" in text
    assert "link 'l9' points at '#tr.s11', which is not in this file" in text
    assert "sentence 'tr.s10' is linked 0 times, not once" in text
    assert "has @type '1-1' but joins 2-1 sentences" in text
    assert "@resp '#nobody' does not resolve" in text
    line_of_l9 = next(n for n, ln in enumerate(bad.read_text().splitlines(), 1) if 'xml:id="l9"' in ln)
    assert f"{bad}:{line_of_l9}: link 'l9'" in text


def test_malformed_and_missing_files(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xml"
    bad.write_text("<TEI>\n<text>\n</TEI>\n", encoding="utf-8")
    result = run(str(bad), str(tmp_path / "missing.xml"))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{bad}:3: not well-formed XML")
    assert lines[1] == f"{tmp_path / 'missing.xml'}:0: no such file"


def test_user_schema_replaces_ours(tmp_path: Path, tei_all, shared: Path) -> None:
    # Without @cert the file is still TEI (tei_all) but not what bitext writes (our schema).
    no_cert = _broken(tmp_path, "nocert.xml", (' cert="0.900"', ""))
    assert run(str(no_cert)).exit_code == 1
    result = run("--schema", str(shared / "schemas" / "tei_all.rng"), str(no_cert))
    assert result.exit_code == 0, result.output


def test_our_schema_loads_once_and_rejects_foreign_structure(tmp_path: Path) -> None:
    assert load_schema() is load_schema()
    three_texts = _broken(tmp_path, "three.xml", ("</group>", '<text xml:lang="de" xml:id="de"><body><p/></body></text></group>'))
    problems = file_problems(three_texts)
    line = next(n for n, text in enumerate(three_texts.read_text().splitlines(), 1) if "</group>" in text)
    assert problems == [(line, "Did not expect element text there")]


def test_a_bad_schema_is_a_clear_error(tmp_path: Path) -> None:
    schema = tmp_path / "bad.rng"
    schema.write_text("<grammar/>", encoding="utf-8")
    result = run("--schema", str(schema), str(GOLDEN))
    assert result.exit_code == 1 and "Error:" in result.output and "RELAX NG" in result.output


def test_a_missing_alignment_is_said_as_such_not_as_lxml_s_expecting_nothing(tmp_path: Path) -> None:
    """Without <standOff> the schema said "Expecting an element , got nothing" (line 2); now the
    line says the alignment's standOff is absent. Without its linkGrp, that is said beside the
    schema's own message. Other schema messages stay as the schema gives them."""
    text = GOLDEN.read_text(encoding="utf-8")
    start, end = text.index("  <standOff>"), text.index("</standOff>") + len("</standOff>\n")
    no_standoff = tmp_path / "nostandoff.xml"
    no_standoff.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run(str(no_standoff))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{no_standoff}:2: no <standOff> after the <text>: the alignment (its standOff and "
        "<linkGrp type=\"alignment\">) is absent"]
    start, end = text.index("    <linkGrp"), text.index("</linkGrp>") + len("</linkGrp>\n")
    no_links = tmp_path / "nolinkgrp.xml"
    no_links.write_text(text[:start] + text[end:], encoding="utf-8")
    line = next(n for n, ln in enumerate(no_links.read_text().splitlines(), 1) if "<standOff>" in ln)
    problems = file_problems(no_links)
    assert (line, "the first <standOff> holds no <linkGrp type=\"alignment\">: the alignment's links are absent") in (
        problems)
    assert any("Did not expect element interpGrp there" in message for _, message in problems), problems
