"""One batch task, run in a worker process (or on a Dask worker): hash, skip or align, write.

Everything a task needs travels with it, so the same function serves the local process pool
and a Dask cluster, and both write byte-identical files.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import signal
import time
from dataclasses import asdict
from pathlib import Path

from corpora import limits
from corpora.atomic import remove_stale_parts, write_outputs
from corpora.errors import BitextError, OutputError, UsageError
from corpora.loading import loading_seconds
from corpora.readers import read_bytes
from corpora.source import InputText
from corpora.version import __version__
from tei.flags_markup import flagged_count

from bitext_cli.batch.lifeline import die, die_with_parent
from bitext_cli.batch.report import KEPT
from bitext_cli.batch.tasks import Task, task_entry
from bitext_cli.batch.timeout import time_limit
from bitext_cli.pipeline import produce, read_inputs


def run_task(task: Task) -> dict:
    """Do one row and return its report entry; a failure is recorded, never raised. Its
    `seconds` are the row's own, as --timeout counts them: what the worker spent loading what
    it keeps for later rows (its model, numba: corpora.loading) is `loading_seconds`, apart
    (on a Dask worker, whose rows share a process in threads, a loading for one row is
    counted apart for the rows beside it too)."""
    start, loaded = time.perf_counter(), loading_seconds()
    prepare_worker()
    found: dict = {}
    try:
        for name, value in (("SOURCE_DATE_EPOCH", task.date_epoch), (limits.ENV_VAR, task.max_input)):
            if value is not None:
                os.environ[name] = value
        with time_limit(task.timeout):
            status = _run(task, found)
        error = None
    except BitextError as exc:
        status, error = "failed", str(exc)
    except Exception as exc:  # noqa: BLE001 - one bad row must never stop the batch
        status, error = "failed", f"internal error: {type(exc).__name__}: {exc}"
    loading = loading_seconds() - loaded
    found["seconds"] = round(max(time.perf_counter() - start - loading, 0.0), 3)
    found["loading_seconds"] = round(loading, 3)
    return task_entry(task, status, error, **found)


def _run(task: Task, found: dict) -> str:
    """Refuse an output (or review page) the batch may not replace; hash the row (its inputs read
    once), then skip it or align it; its status."""
    output = Path(task.output)
    _refuse_foreign(output, task.name, task.overwrite)
    if task.review:
        _refuse_foreign(Path(task.review), task.review_name, task.review_overwrite)
    inputs = read_inputs(task.job)
    found["hash"] = task_hash(task, inputs)
    if output.exists() and task.previous and task.previous[0] == found["hash"]:
        found.update(zip(KEPT[1:], task.previous[1:]))
        if task.review and not os.path.exists(task.review):  # asked for since, or lost: made from the kept output
            from bitext_cli.review_cmd import tei_page  # the editor's modules only when asked for

            _write([(Path(task.review), tei_page(str(output), output.name))])
        status = "skipped"  # (a run killed after writing the output, before removing a stale page, left it)
    else:
        found.update(_align_and_write(task, output, inputs))
        status = "ok"
    if task.stale_review:
        _remove(Path(task.stale_review))
    return status


def _remove(path: Path) -> None:
    """Remove a file the batch wrote that no longer belongs with its output (its review page)."""
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot be removed ({exc.strerror}); it is a review page of the TEI this row's output "
                          "replaced", path) from None


def _refuse_foreign(path: Path, name: str | None, overwrite: bool) -> None:
    if (path.exists() or path.is_symlink()) and not overwrite:
        raise UsageError(f"{name}: already exists, and no run of this batch wrote it (its report does not "
                         "list it); move it away, or pass --force to replace it")


def _write(files: list[tuple[Path, bytes]]) -> None:
    """Write the files all or nothing, each atomically, making their folders."""
    for path, _ in files:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"folder cannot be made ({exc.strerror})", path.parent) from None
        remove_stale_parts(path)  # left by a killed run
    write_outputs(files)


def _align_and_write(task: Task, output: Path, inputs: tuple[InputText, InputText]) -> dict:
    """Align the pair, write its output (and review page) atomically and return the figures
    for the report."""
    bitext, data = produce(task.job, task.fmt, task.scores, inputs=inputs, output=str(output), flagged=True)
    files = [(output, data)]
    if task.review:  # as `align --review` makes it beside a TEI output
        from bitext_cli.review_cmd import tei_page

        files.append((Path(task.review), tei_page(data, output.name)))
    _write(files)
    scores = [link.score for link in bitext.links]
    return {
        "src_sentences": len(bitext.source),
        "tgt_sentences": len(bitext.target),
        "mean_score": round(sum(scores) / len(scores), 4) if scores else None,
        "flagged": flagged_count(bitext.links),  # computed for formats that show none too (produce's `flagged`)
    }


def task_hash(task: Task, inputs: tuple[InputText, InputText]) -> str:
    """A digest of everything that decides the output's bytes: the files a job reads (the two
    inputs as read, dictionary, glossary) by name and content, and every setting.

    The date in the header is left out, so a batch resumed on another day keeps its rows; so
    is the embedding cache folder, which changes no output.
    """
    job = task.job
    files = [p for p in (job.src, job.tgt, job.config.dictionary, job.glossary) if p]
    settings = asdict(job)
    del settings["lang_given"], settings["encoding_given"]  # name the row in messages only: a moved row keeps its hash
    settings["config"].update(cache_dir=None, dictionary=None)
    settings.update(files=[Path(p).name for p in files], src=None, tgt=None, glossary=None,
                    fmt=task.fmt, scores=task.scores, version=__version__)
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode("utf-8"))
    others = [p for p in (job.config.dictionary, job.glossary) if p]
    for data in [given.data for given in inputs] + [read_bytes(p) for p in others]:
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


@functools.cache
def prepare_worker() -> None:
    """Once per worker: quiet per-row logging. (One aligner, and so one model, per worker
    comes from the registry, which keeps an instance per name and settings.)"""
    logging.getLogger("bitext").setLevel(logging.WARNING)


def init_process(batch: int | None = None) -> None:
    """Initializer of local worker processes: SIGTERM ends the worker at once (removing its
    temporary files; no pool machinery may catch it and take another row), SIGINT is left to
    the parent, which stops the pool, and the worker dies with `batch`, the batch's process."""
    signal.signal(signal.SIGTERM, lambda *_: die())
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if batch is not None:
        die_with_parent(batch)
    prepare_worker()
