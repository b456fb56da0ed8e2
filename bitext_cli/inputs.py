"""Shared option handling: the types of path arguments, guarding outputs (never an input, never
another output), checking language options."""

from __future__ import annotations

import os
from typing import Sequence

import click

from corpora import languages
from corpora.errors import InputError
from corpora.outputs import Target, check_outputs


def path_type(allow_dash: bool = False) -> click.Path:
    """The click type of a file or folder argument. click checks nothing, not even that the file
    may be read: its check printed the usage message and exit status 2, as for a malformed
    command line; reading the file reports a file it may not read like a missing one, in one
    line naming it (exit status 1)."""
    return click.Path(readable=False, allow_dash=allow_dash)


class FolderPath(click.Path):
    """The click type of a folder option (--cache-dir): a file there is one line naming it (an
    InputError), not click's usage message; a missing folder is made when first used."""

    def __init__(self) -> None:
        super().__init__(readable=False)

    def convert(self, value, param, ctx):
        path = super().convert(value, param, ctx)
        if os.path.exists(path) and not os.path.isdir(path):
            option = f" ({param.opts[0]} takes a folder)" if param is not None else ""
            raise InputError(f"is a file, not a folder{option}", os.fsdecode(path))
        return path


def guard_output(output: str | Sequence[str | None] | None, force: bool, inputs: Sequence[str | None]) -> list[Target]:
    """The checked targets of a command's output(s): never one of its inputs (whatever --force
    says) nor another output, an existing file only with --force (see corpora.outputs)."""
    outputs = [output] if output is None or isinstance(output, str) else list(output)
    return check_outputs(outputs, force, inputs)


def output_option(func):
    """`-o/--output FILE` and `--force`, shared by the commands that write a file."""
    func = click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")(func)
    return click.option(
        "-o", "--output", default=None, metavar="FILE", help="Write here ('-' or absent: standard output)."
    )(func)


def language_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Callback of a language option (--src-lang, --lang ...): a code that is no language tag
    of a registered ISO 639 language stops the command at once, in one line naming the option
    and the code (corpora.languages.normalize); a valid one is passed on as given."""
    if value is not None:
        languages.normalize(value, max(param.opts, key=len))
    return value
