"""`bitext batch`: align every pair of a manifest (or a folder) into OUTDIR, in parallel."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any, Iterator

import click

from corpora.errors import OutputError, UsageError
from corpora.outputs import same_file
from corpora.manifest import ManifestRow, count_rows, pair_folder, read_manifest
from corpora.metadata import load_metadata

from bitext_cli import formats
from bitext_cli.batch.claims import Claims, read_claims
from bitext_cli.batch.lock import OutdirLock
from bitext_cli.batch.progress import Progress
from bitext_cli.batch.report import ReportLost, ReportWriter, previous_results
from bitext_cli.batch.runner import Stop, connect_dask, run_dask, run_local
from bitext_cli.batch.tasks import REPORT_NAME, Planner
from bitext_cli.inputs import language_code
from bitext_cli.options import given_format, job_options
from bitext_cli.inputs import path_type


@click.command()
@click.argument("manifest", required=False, type=path_type())
@click.option("-o", "--outdir", required=True, type=path_type(), metavar="DIRECTORY",
              help="Folder for the outputs and report.jsonl (created if missing).")
@click.option("--pairs", "pairs_dir", type=path_type(), metavar="DIRECTORY",
              help="Instead of a manifest: pair NAME.SRC.EXT with NAME.TGT.EXT in this folder (any format "
                   "bitext reads: .txt, .docx, .odt, .html, .md, .pdf, .xml, ...).")
@click.option("--src-lang", "-s", callback=language_code, help="With --pairs: the source language (and file suffix).")
@click.option("--tgt-lang", "-t", callback=language_code, help="With --pairs: the target language (and file suffix).")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("--resume", is_flag=True,
              help="Keep rows whose output exists and whose inputs and settings are unchanged; redo the rest.")
@click.option("--force", is_flag=True, help="Redo every row, overwriting outputs and the report.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Run the rows on a Dask distributed cluster (e.g. tcp://host:8786); needs bitext[dask].")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Stop a row that takes longer and report it failed; the others go on [default: no limit].")
@click.option("--review", is_flag=True,
              help="Also write each TEI output's review page beside it (NAME.review.html, as `bitext review` "
                   "writes it); a row whose output is not TEI gets none.")
@job_options
@click.pass_context
def batch(ctx: click.Context, manifest: str | None, outdir: str, pairs_dir: str | None, src_lang: str | None,
          tgt_lang: str | None, jobs: int | None, resume: bool, force: bool, dask_address: str | None,
          timeout: float | None, review: bool, **settings: Any) -> None:
    """Align every pair listed in MANIFEST (.csv, .tsv or .jsonl) into OUTDIR.

    The manifest needs the columns source, target, source_lang and target_lang; it may give an
    output name (inside OUTDIR), TEI metadata keys and per-row values of the options below.
    Every row's result goes to OUTDIR/report.jsonl; the exit status is 0 only if every row
    succeeded.
    """
    rows, total = _rows(manifest, pairs_dir, src_lang, tgt_lang)
    out = Path(outdir)
    report_path = out / REPORT_NAME
    settings["fmt"] = given_format(settings)  # None: each row's `to`, else its output name says (book.tmx); see Planner
    shared_inputs = tuple(p for p in (manifest, settings["meta_file"]) if p)
    if any(same_file(report_path, path) for path in shared_inputs):
        raise UsageError(f"{report_path}: the batch report would overwrite an input file; choose another OUTDIR")
    if report_path.exists() and not (resume or force):
        raise UsageError(f"{report_path}: a batch ran here; pass --resume to finish it or --force to redo it")
    meta = load_metadata(settings["meta_file"]) if settings["meta_file"] else {}
    client = connect_dask(dask_address) if dask_address else None
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError("is a file, not a folder; OUTDIR is the folder for the outputs and report.jsonl", out) from None
    except OSError as exc:
        raise OutputError(f"cannot be made ({exc.strerror})", out) from None
    with OutdirLock(out):
        base = Path(pairs_dir or Path(manifest or ".").parent).resolve()
        owned = read_claims(out) if resume else set()
        # what earlier runs wrote, though --force keeps none of it: a page they wrote beside an output since made
        # another format than TEI is removed (Planner.earlier); a report that is no file (/dev/full) lists nothing
        earlier = set(previous_results(report_path)) | read_claims(out) if force and report_path.is_file() else set()
        claims = Claims(out, append=resume)
        try:
            planner = Planner(out, settings, base, meta, overwrite=force,
                              previous=previous_results(report_path) if resume else {},
                              date_epoch=os.environ.get("SOURCE_DATE_EPOCH"), timeout=timeout, inputs=shared_inputs,
                              pairs=pairs_dir is not None, claims=claims, owned=owned, review=review,
                              earlier=earlier)
            progress, stopped = _run(planner.plan(rows), ReportWriter(report_path, append=resume), total, client,
                                     jobs)
        except BaseException:
            claims.close(done=False)
            raise
        claims.close(done=not stopped)  # a stopped run's workers may have written what it did not report
    if stopped:
        click.echo(f"bitext: stopped after {progress.done} rows; rerun with --resume to finish", err=True)
        sys.exit(130)
    if progress.enabled or progress.counts["failed"]:  # with -q (only errors), only when a row failed
        click.echo(progress.summary(str(report_path)), err=True)
    ctx.exit(0 if progress.counts["failed"] == 0 else 1)


def _run(items: Iterator, report: ReportWriter, total: int, client, jobs: int | None) -> tuple[Progress, bool]:
    """Run the planned rows, writing the report and showing progress; the progress at the end,
    and whether a stop was requested."""
    progress = Progress(total, enabled=logging.getLogger("bitext").isEnabledFor(logging.INFO))
    with Stop() as stop:
        if client is not None:
            results = run_dask(items, client, stop)
        else:
            results = run_local(items, jobs or os.cpu_count() or 1, stop)
        try:
            for result in results:
                report.add(result)
                progress.update(result)
        finally:
            results.close()
            progress.finish()
            try:
                report.close()
            except ReportLost as lost:
                click.echo("".join(lost.lines), nl=False)  # on standard output: no row is lost
                raise
    return progress, stop.requested


def _rows(manifest: str | None, pairs_dir: str | None, src_lang: str | None,
          tgt_lang: str | None) -> tuple[Iterator[ManifestRow], int]:
    """The rows to run and how many there are, from a manifest or a folder of pairs."""
    if (manifest is None) == (pairs_dir is None):
        raise UsageError("give either a MANIFEST or --pairs DIR (not both)")
    if pairs_dir is not None:
        if not (src_lang and tgt_lang):
            raise UsageError("--pairs needs --src-lang and --tgt-lang (the file suffixes, e.g. en and tr)")
        kinds = formats.extensions()
        return (pair_folder(pairs_dir, src_lang, tgt_lang, kinds),
                sum(1 for _ in pair_folder(pairs_dir, src_lang, tgt_lang, kinds)))
    if src_lang or tgt_lang:
        raise UsageError("--src-lang/--tgt-lang go with --pairs; a manifest gives source_lang and target_lang")
    assert manifest is not None  # one of the two is given (checked above)
    return read_manifest(manifest), count_rows(manifest)
