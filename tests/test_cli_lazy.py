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
