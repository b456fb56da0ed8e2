"""`bitext validate FILE...`: schema and structural checks, one `FILE:LINE: message` per problem."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from tei.checks import SCHEMA_PATH, file_problems, load_schema

from bitext_cli.inputs import path_type

log = logging.getLogger("bitext")


@click.command()
@click.argument("files", nargs=-1, required=True, type=path_type())
@click.option("--schema", "schema_path", type=path_type(), default=None, metavar="FILE",
              help="RELAX NG schema (XML syntax) to validate against instead of bitext's own, e.g. tei_all.rng.")
@click.pass_context
def validate(ctx: click.Context, files: tuple[str, ...], schema_path: str | None) -> None:
    """Check TEI FILES against a schema and bitext's structural checks.

    Prints one `FILE:LINE: message` per problem (line 0: the whole file) and exits with 0 when
    every file is valid (saying so on stderr), 1 otherwise.
    """
    if schema_path and "tei_all" in Path(schema_path).name.lower():  # ours loads at once; TEI All does not
        log.info("loading the TEI All schema (about 30 s)...")
    schema = load_schema(schema_path or SCHEMA_PATH)
    invalid = 0
    for path in files:
        problems = file_problems(path, schema)
        for line, message in problems:
            click.echo(f"{path}:{line}: {message}")
        invalid += bool(problems)
    if invalid:
        click.echo(f"{invalid} of {len(files)} file(s) invalid", err=True)
        ctx.exit(1)
    log.info("%d of %d file(s) valid (schema %s and the structural checks)", len(files), len(files),
             Path(schema_path or SCHEMA_PATH).name)
