"""`bitext --help` loads no subcommand (so no numpy); the lazy listing matches the real commands."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from bitext_cli.main import COMMANDS, BitextGroup, cli

CODE = """
import sys
from bitext_cli.main import cli
for args in (["--help"], ["--version"]):
    try:
        cli(args, prog_name="bitext")
    except SystemExit as exc:
        assert exc.code == 0, exc.code
print("LOADED", ",".join(sorted(m for m in sys.modules if m.split(".")[0] in {"numpy", "align", "tei", "glossary", "lxml", "regex"}
                                or m.startswith("bitext_cli.") and m != "bitext_cli.main")))
"""


def test_help_imports_no_numpy_nor_any_subcommand() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout
    loaded = out.rsplit("LOADED", 1)[1].strip()
    assert loaded == "", f"`bitext --help` imported: {loaded}"
    assert "align " in out and "validate " in out  # the listing is there all the same


def test_summaries_are_the_commands_own_help() -> None:
    group = BitextGroup(lazy=COMMANDS)
    ctx = click.Context(group)
    for name, (_, summary) in COMMANDS.items():
        command = group.get_command(ctx, name)
        assert command is not None and command.name == name
        first = " ".join((command.help or "").partition("\n\n")[0].split())
        assert first == summary, f"COMMANDS[{name!r}] says {summary!r}, the command {first!r}"


def test_listing_is_the_same_lazy_or_loaded() -> None:
    lazy = CliRunner().invoke(BitextGroup(lazy=COMMANDS, help=cli.help), ["--help"]).output
    loaded_group = BitextGroup(lazy=COMMANDS, help=cli.help)
    for name in COMMANDS:
        loaded_group.get_command(click.Context(loaded_group), name)
    loaded = CliRunner().invoke(loaded_group, ["--help"]).output
    assert lazy == loaded
    assert all(f"  {name} " in lazy for name in COMMANDS)


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["alignn"])
    assert result.exit_code == 2 and "No such command 'alignn'" in result.output


ALIGN_CODE = """
import sys
from bitext_cli.main import cli
try:
    cli(sys.argv[1:], prog_name="bitext")
except SystemExit as exc:
    assert exc.code == 0, exc.code
print("LOADED", ",".join(sorted(m for m in sys.modules if m in UNNEEDED)))
"""


def test_plain_text_lexical_alignment_loads_only_what_it_uses(tmp_path) -> None:
    """Imports are a third of a short document's run (issue 23: 2,000 sentences in 1 s): a
    pre-split plain-text alignment to beads loads no XML parser, no segmentation rules, no
    numba (a short document runs the numpy kernels), no numpy.ma (np.unique and np.median
    import it on first use) and no secrets."""
    src, tgt = tmp_path / "en.txt", tmp_path / "de.txt"
    src.write_text("The house is red.\nIt has 3 doors.\nBukharin lived there in 1938.\n", "utf-8")
    tgt.write_text("Das Haus ist rot.\nEs hat 3 Türen.\nBucharin wohnte dort 1938.\n", "utf-8")
    unneeded = {"lxml", "lxml.etree", "align.segment", "align.segment_rules", "numba", "numpy.ma", "secrets"}
    code = f"UNNEEDED = {unneeded!r}\n" + ALIGN_CODE
    out = subprocess.run([sys.executable, "-c", code, "-q", "align", str(src), str(tgt), "-s", "en", "-t", "de",
                          "--presplit", "--to", "beads", "--scorer", "lexical", "-o", str(tmp_path / "out.beads")],
                         capture_output=True, text=True, check=True).stdout
    assert out.rsplit("LOADED", 1)[1].strip() == ""
    assert (tmp_path / "out.beads").read_text("utf-8").count("\n") == 3
