"""The `bitext` command group; the one place that turns domain errors into one-line messages."""

from __future__ import annotations

import logging

import click

from corpora.errors import BitextError
from corpora.version import __version__


class BitextGroup(click.Group):
    """A click group that reports any BitextError as `Error: <message>` with exit status 1."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except BitextError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=BitextGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bitext")
@click.option("-q", "--quiet", is_flag=True, help="Only print errors.")
def cli(quiet: bool) -> None:
    """Align a text with its translation sentence by sentence and publish the result as TEI."""
    logging.basicConfig(format="bitext: %(message)s", level=logging.ERROR if quiet else logging.INFO)


def _register() -> None:
    from bitext_cli import align_cmd, segment_cmd

    cli.add_command(segment_cmd.segment)
    cli.add_command(align_cmd.align)
    from bitext_cli import validate_cmd

    cli.add_command(validate_cmd.validate)
    from bitext_cli import export_cmd

    cli.add_command(export_cmd.export)
    from bitext_cli import extract_cmd

    cli.add_command(extract_cmd.extract_abstracts_cmd)
    from bitext_cli import review_cmd

    cli.add_command(review_cmd.review)
    cli.add_command(review_cmd.apply_review)
    from bitext_cli import realign_cmd

    cli.add_command(realign_cmd.realign)
    from bitext_cli import glossary_cmd

    cli.add_command(glossary_cmd.glossary)
    from bitext_cli import batch_cmd

    cli.add_command(batch_cmd.batch)
    from bitext_cli import eval_cmd

    cli.add_command(eval_cmd.eval_)


_register()
