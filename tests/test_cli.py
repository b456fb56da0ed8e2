"""The command line: help everywhere, align end to end, segment, and one-line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from tests.conftest import SAMPLE
from tests.signals import ctrl_c_as_at_a_terminal


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # loads lazy commands too
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _all_commands(cmd, prefix + (name,))


def test_every_command_has_help() -> None:
    runner = CliRunner()
    commands = list(_all_commands(cli))
    assert {"align", "segment"} <= {path[0] for path, _ in commands}
    for path, cmd in commands:
        assert cmd.help and cmd.help.strip(), f"{' '.join(path)} has no help text"
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.output


def run(*args: str, input: str | None = None):  # noqa: A002 - CliRunner's name
    return CliRunner().invoke(cli, list(args), input=input)


def test_align_sample_writes_valid_tei(tmp_path: Path, assert_valid_tei) -> None:
    out = tmp_path / "sample.xml"
    result = run("align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr", "-o", str(out))
    assert result.exit_code == 0, result.output
    root = assert_valid_tei(out.read_bytes())
    assert root.find(".//{*}langUsage/{*}language[@ident='tr']") is not None
    assert list(tmp_path.iterdir()) == [out], "temporary files left behind"


def test_align_is_deterministic(tmp_path: Path) -> None:
    outs = []
    for name in ("a.xml", "b.xml"):
        out = tmp_path / name
        assert run("align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr",
                   "-o", str(out)).exit_code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_align_beads_to_stdout_cover_every_sentence(tmp_path: Path) -> None:
    src = tmp_path / "s.txt"
    tgt = tmp_path / "t.txt"
    src.write_text("One 1.\nTwo 2.\nThree 3.\n", encoding="utf-8")
    tgt.write_text("Bir 1.\nİki 2.\nÜç 3.\n", encoding="utf-8")
    result = run("align", str(src), str(tgt), "-s", "en", "-t", "tr", "--presplit", "--to", "beads")
    assert result.exit_code == 0, result.output
    assert result.stdout == "[0]:[0]\n[1]:[1]\n[2]:[2]\n"


def test_cyrillic_infers_russian_but_latin_needs_the_option(tmp_path: Path) -> None:
    ru = tmp_path / "ru.txt"
    ru.write_text("Ежов был наркомом. Его арестовали в 1939 году.\n", encoding="utf-8")
    en = tmp_path / "en.txt"
    en.write_text("Yezhov was a commissar. He was arrested in 1939.\n", encoding="utf-8")
    ok = run("align", str(ru), str(en), "-t", "en", "--to", "beads")
    assert ok.exit_code == 0, ok.output
    missing = run("align", str(ru), str(en), "--to", "beads")
    assert missing.exit_code != 0
    assert "--tgt-lang" in missing.output and str(en) in missing.output


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        (b"", "is empty"),
        (b"GIF89a\x00\x01\x02\x03", "binary"),
        ("Это текст в кодировке Windows.".encode("cp1251"), "--tgt-encoding cp1251"),
    ],
)
def test_bad_input_gives_one_line_error_and_no_output(tmp_path: Path, content, message) -> None:
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    out = tmp_path / "out.xml"
    result = run("align", str(SAMPLE / "en.txt"), str(bad), "-s", "en", "-t", "tr", "-o", str(out))
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and str(bad) in lines[0] and message in lines[0]
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == (["bad.txt"] if content is not None else [])


def test_invalid_language_code_is_an_error(tmp_path: Path) -> None:
    result = run("align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "english!", "-t", "tr")
    assert result.exit_code != 0 and "--src-lang: 'english!' is not a language tag; did you mean 'en' (English)?" in (
        result.output)
    seg = run("segment", "--lang", "english!", str(SAMPLE / "en.txt"))
    assert seg.exit_code != 0 and "--lang: 'english!' is not a language tag" in seg.output


def test_existing_output_and_inputs_are_never_overwritten(tmp_path: Path) -> None:
    src = tmp_path / "en.txt"
    shutil.copy(SAMPLE / "en.txt", src)
    out = tmp_path / "out.xml"
    out.write_text("keep me", encoding="utf-8")
    refused = run("align", str(src), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr", "-o", str(out))
    assert refused.exit_code != 0 and "--force" in refused.output
    assert out.read_text(encoding="utf-8") == "keep me"
    onto_input = run("align", str(src), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr", "-o", str(src), "--force")
    assert onto_input.exit_code != 0 and "overwrite an input" in onto_input.output
    assert src.read_bytes() == (SAMPLE / "en.txt").read_bytes()
    forced = run("align", str(src), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr", "-o", str(out), "--force")
    assert forced.exit_code == 0 and out.read_bytes().startswith(b"<?xml")


def test_segment_keeps_every_character_and_reads_stdin() -> None:
    text = "Dr. Smith came. He left!\n\nNew paragraph here."
    result = run("segment", "--lang", "en", "-", input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Dr. Smith came.\nHe left!\n\nNew paragraph here.\n"
    assert "".join(result.stdout.split()) == "".join(text.split())


def test_ctrl_c_stops_bitext_as_the_signal_does(tmp_path: Path) -> None:
    """Ctrl-C printed click's "Aborted!" and exited with status 1, so a shell loop over files
    (`for f in *.en.txt; do bitext align ...; done`) went on to the next file: bitext now says it
    was interrupted, in one line, and dies of SIGINT, which stops the loop; nothing is written."""
    import os
    import signal
    import subprocess
    import sys

    if not hasattr(os, "mkfifo"):
        pytest.skip("needs a named pipe (POSIX)")
    gate = tmp_path / "src.en.txt"
    os.mkfifo(gate)
    out = tmp_path / "out.xml"
    proc = subprocess.Popen([sys.executable, "-c", "from bitext_cli.main import cli; cli()", "align", str(gate),
                             str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr", "-o", str(out)],
                            stdin=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=ctrl_c_as_at_a_terminal)
    try:
        with open(gate, "wb"):  # opens once bitext opens the pipe to read it, which then waits for text
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()  # no process left behind when the test fails
    assert proc.returncode == -signal.SIGINT, err
    assert err.decode() == "bitext: interrupted\n"
    assert not out.exists() and not list(tmp_path.glob(".*.part"))
