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
import sys
import time
from dataclasses import asdict
from pathlib import Path

from corpora.atomic import atomic_write
from corpora.errors import BitextError, UsageError
from corpora.readers import read_bytes
from corpora.version import __version__

from bitext_cli.batch.report import KEPT
from bitext_cli.batch.tasks import Task, entry
from bitext_cli.pipeline import produce


def run_task(task: Task) -> dict:
    """Do one row and return its report entry; a failure is recorded, never raised."""
    start = time.perf_counter()
    prepare_worker()
    job = task.job
    found: dict = {}
    try:
        if task.date_epoch is not None:
            os.environ["SOURCE_DATE_EPOCH"] = task.date_epoch
        found["hash"] = task_hash(task)
        output = Path(task.output)
        if output.exists() and task.previous and task.previous[0] == found["hash"]:
            status = "skipped"
            found.update(zip(KEPT[1:], task.previous[1:]))
        else:
            if output.exists() and not task.overwrite:
                raise UsageError(f"{task.name}: already exists; pass --resume to keep finished rows "
                                 "or --force to redo them")
            found.update(_align_and_write(task, output))
            status = "ok"
        error = None
    except BitextError as exc:
        status, error = "failed", str(exc)
    except Exception as exc:  # noqa: BLE001 - one bad row must never stop the batch
        status, error = "failed", f"internal error: {type(exc).__name__}: {exc}"
    found["seconds"] = round(time.perf_counter() - start, 3)
    return entry(task.row, job.src, job.tgt, task.name, status, error, **found)


def _align_and_write(task: Task, output: Path) -> dict:
    """Align the pair, write its output atomically and return the figures for the report."""
    bitext, data = produce(task.job, task.fmt, task.scores)
    output.parent.mkdir(parents=True, exist_ok=True)
    for stale in output.parent.glob(f".{output.name}.*.part"):  # left by a killed run
        stale.unlink(missing_ok=True)
    atomic_write(output, data)
    scores = [link.score for link in bitext.links]
    return {
        "src_sentences": len(bitext.source),
        "tgt_sentences": len(bitext.target),
        "mean_score": round(sum(scores) / len(scores), 4) if scores else None,
    }


def task_hash(task: Task) -> str:
    """A digest of everything that decides the output's bytes: the files a job reads (inputs,
    dictionary, glossary) by name and content, and every setting.

    The date in the header is left out, so a batch resumed on another day keeps its rows; so
    is the embedding cache folder, which changes no output.
    """
    job = task.job
    files = [p for p in (job.src, job.tgt, job.options.dictionary, job.glossary) if p]
    settings = asdict(job)
    settings.pop("cache_dir", None)
    settings.update(files=[Path(p).name for p in files], src=None, tgt=None, glossary=None,
                    fmt=task.fmt, scores=task.scores, version=__version__)
    settings["options"]["dictionary"] = None
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode("utf-8"))
    for path in files:
        digest.update(hashlib.sha256(read_bytes(path)).digest())
    return digest.hexdigest()


@functools.cache
def prepare_worker() -> None:
    """Once per worker: quiet per-row logging. (One aligner, and so one model, per worker
    comes from the registry, which keeps an instance per name and settings.)"""
    logging.getLogger("bitext").setLevel(logging.WARNING)


def init_process() -> None:
    """Initializer of local worker processes: SIGTERM unwinds (removing temporary files), and
    SIGINT is left to the parent, which stops the pool."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    prepare_worker()
