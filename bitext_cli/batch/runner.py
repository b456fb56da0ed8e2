"""Run planned tasks with a bounded number in flight, on local processes or a Dask cluster.

Both runners take the planner's stream (tasks, and report entries of rows that failed before
any work) and yield report entries as rows finish. At most `2 x workers` tasks are submitted
and not yet finished, so memory stays flat however long the manifest is.
"""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Iterable, Iterator

from corpora.errors import BackendUnavailable

from bitext_cli.batch.tasks import Task, entry
from bitext_cli.batch.worker import init_process, run_task


def run_local(items: Iterable[Task | dict], jobs: int) -> Iterator[dict]:
    """Run tasks on `jobs` worker processes; entries come back as rows finish."""
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=init_process)
    pending: dict = {}
    try:
        for item in items:
            if isinstance(item, dict):
                yield item
                continue
            pending[pool.submit(run_task, item)] = item
            while len(pending) >= 2 * jobs:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                yield from (_result(f, pending.pop(f)) for f in done)
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            yield from (_result(f, pending.pop(f)) for f in done)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()


def run_dask(items: Iterable[Task | dict], address: str) -> Iterator[dict]:
    """Run tasks on the Dask cluster whose scheduler is at `address` (bitext must be installed
    on its workers, and the files reachable under the same paths)."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise BackendUnavailable("--dask needs Dask distributed: pip install 'bitext[dask]'") from None
    client = Client(address)
    try:
        limit = 2 * max(1, sum(client.nthreads().values()))
        pending: dict = {}
        finished = as_completed()
        for item in items:
            if isinstance(item, dict):
                yield item
                continue
            future = client.submit(run_task, item, pure=False)
            pending[future.key] = item
            finished.add(future)
            while finished.count() >= limit:
                future = next(finished)
                yield _result(future, pending.pop(future.key))
        for future in finished:
            yield _result(future, pending.pop(future.key))
    finally:
        client.close()


def _result(future, task: Task) -> dict:
    """The entry a finished future holds; a worker that died fails only its own row."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - e.g. a worker process killed by the system
        return entry(task.row, task.job.src, task.job.tgt, task.name, "failed",
                     f"worker failed: {type(exc).__name__}: {exc}")


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop at once on an interruption: cancel what waits and terminate the workers (they
    remove their temporary files on SIGTERM)."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)
