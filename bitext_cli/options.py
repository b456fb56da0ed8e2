"""The options of one alignment job, defined once and shared by `align`, `batch` and manifests.

Add a job option here (one entry in `_SPECS`, and its use in `build_job`) and it appears in
`bitext align`, in `bitext batch` (for every row) and as a per-row manifest column named like
the option without its dashes (`--max-align` -> `max_align`), converted exactly as the command
line converts it.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

import click

from corpora.errors import UsageError

from align.options import AlignOptions
from align.registry import ALIGNERS

from bitext_cli.pipeline import Job

# (declarations, attributes) of each click option; the order is the order in --help.
_SPECS: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (("--to", "fmt"), dict(type=click.Choice(["tei", "beads"]), default="tei", show_default=True,
                           help="Output format: TEI P5 XML, or one `[i, j]:[k]` bead per line.")),
    (("--scores/--no-scores",), dict(default=False, help="With --to beads: append `:score` to each bead.")),
    (("--presplit",), dict(is_flag=True, help="Inputs hold one segment per line (blank lines end paragraphs).")),
    (("--scorer",), dict(default="lexical", show_default=True, type=click.Choice(sorted(ALIGNERS)),
                         help="Aligner to use.")),
    (("--max-align",), dict(default=4, show_default=True, type=click.IntRange(2, 10),
                            help="Most sentences a bead may hold on both sides together.")),
    (("--encoding",), dict(default="utf-8", show_default=True, help="Encoding of both inputs.")),
    (("--meta", "meta_file"), dict(type=click.Path(dir_okay=False), default=None,
                                   help="Metadata for the TEI header: a YAML or JSON file of the keys "
                                        "listed in the README.")),
]


def job_options(func: Callable) -> Callable:
    """Decorate a click command with every job option (the same ones for `align` and `batch`)."""
    for decls, attrs in reversed(_SPECS):
        func = click.option(*decls, **attrs)(func)
    return func


# Options that make no sense per row (a manifest row sets metadata in its own columns).
_NOT_PER_ROW = {"meta"}


def _column_options() -> dict[str, click.Option]:
    """Each per-row option by its manifest column name (long name without dashes, `-` as `_`)."""
    columns = {}
    for decls, attrs in _SPECS:
        option = click.Option(list(decls), **attrs)
        column = next(d for d in option.opts if d.startswith("--"))[2:].replace("-", "_")
        if column not in _NOT_PER_ROW:
            columns[column] = option
    return columns


COLUMNS: dict[str, click.Option] = _column_options()


def row_overrides(settings: Mapping[str, Any], columns: Mapping[str, str]) -> dict[str, Any]:
    """The settings with the option columns of one manifest row applied (UsageError if invalid)."""
    merged = dict(settings)
    for column, value in columns.items():
        option = COLUMNS[column]
        try:
            merged[option.name] = option.type_cast_value(click.Context(click.Command("batch")), value)
        except click.BadParameter as exc:
            raise UsageError(f"column {column}: {exc.message}") from None
    return merged


def build_job(
    src: str, tgt: str, src_lang: str | None, tgt_lang: str | None,
    settings: Mapping[str, Any], meta: Mapping[str, str] = {},
) -> Job:
    """The alignment job for one pair from the job options' values (as click passes them)."""
    options = AlignOptions(aligner=settings["scorer"], max_align=settings["max_align"])
    return Job(src, tgt, src_lang, tgt_lang, settings["presplit"], settings["encoding"], options,
               meta=tuple(meta.items()))
