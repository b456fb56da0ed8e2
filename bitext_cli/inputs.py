"""Shared option handling: guarding outputs (never an input, never another output), checking
language options."""

from __future__ import annotations

from typing import Sequence

import click

from corpora import languages
from corpora.outputs import Target, check_outputs


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
