"""Run planned tasks with a bounded number in flight, on local processes or a Dask cluster.

Both runners take the planner's stream (tasks, and report entries of rows that failed before
any work) and yield report entries as rows finish. At most `2 x workers` tasks are submitted
and not yet finished, so memory stays flat however long the manifest is. When a `Stop` is
requested (SIGINT, SIGTERM) they submit nothing more, stop the workers, hand back the rows
that had finished, and end.
"""

from __future__ import annotations

import os
import signal
import threading
from dataclasses import replace
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Generator, Iterable, Iterator

from corpora.errors import BackendUnavailable, UsageError

from bitext_cli.batch.tasks import Task, task_entry
from bitext_cli.batch.worker import init_process, run_task

POLL = 0.25  # seconds between looks at the stop flag while waiting for workers


class Stop:
    """A stop request set by SIGINT or SIGTERM; a second signal interrupts at once."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: dict[int, object] = {}

    def __enter__(self) -> "Stop":
        if threading.current_thread() is not threading.main_thread():
            return self  # signals reach only the main thread; a caller elsewhere stops us itself
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]

    def _handle(self, signum: int, frame: object) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True


def run_local(items: Iterable[Task | dict], jobs: int, stop: Stop) -> Generator[dict, None, None]:
    """Run tasks on `jobs` worker processes; entries come back as rows finish. A worker that
    dies (the OOM killer, a crash) breaks the pool: the rows it held are retried one at a time
    in a fresh process, so only the row that kills its worker again fails, and the batch goes on."""
    pool = _Pool(jobs)
    pending: dict = {}

    def collect() -> Iterator[dict]:
        done, _ = wait(pending, timeout=POLL, return_when=FIRST_COMPLETED)
        broken = []
        for future in sorted(done, key=lambda f: pending[f].row):
            task = pending.pop(future)
            if not future.cancelled() and isinstance(future.exception(), BrokenProcessPool):
                broken.append(task)
            else:
                pool.fresh.discard(task.row)
                yield _result(future, task)
        if broken:
            pool.settle()
        for task in broken:
            yield _isolated(pool.rewritable(task))
            pool.fresh.discard(task.row)

    try:
        yield from _feed(items, pool.submit, collect, 2 * jobs, pending, stop)
    except BaseException:
        _terminate(pool.executor)
        raise
    if stop.requested:
        finished = [f for f in pending if f.done() and not f.cancelled() and f.exception() is None]
        _terminate(pool.executor)
        yield from (f.result() for f in finished)
    pool.executor.shutdown()


class _Pool:
    """A process pool that is replaced by a fresh one when a worker death has broken it."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.executor = self._new()
        self.fresh: set[int] = set()  # rows whose output did not exist when they were submitted

    def rewritable(self, task: Task) -> Task:
        """The task for a retry: an output this batch wrote before its worker died may be
        replaced; one that was there before the batch may not (unless the user said so)."""
        if task.row in self.fresh and _exists(task.output):
            return replace(task, overwrite=True)
        return task

    def _new(self) -> ProcessPoolExecutor:
        return _executor(self.jobs)

    def submit(self, task: Task):
        if not _exists(task.output):
            self.fresh.add(task.row)
        try:
            return self.executor.submit(run_task, task)
        except BrokenProcessPool:
            self.settle()
            return self.executor.submit(run_task, task)

    def settle(self) -> None:
        """Replace a broken pool by a fresh one once the old workers are gone. The executor fails
        a dead worker's sibling rows before it stops their processes, so a sibling may still be
        finishing its row: its output must be on disk, or not, before a retry decides whether it
        may be rewritten (else the retry finds it "already exists")."""
        if getattr(self.executor, "_broken", False):  # not a pool an earlier settle replaced
            _terminate(self.executor)
            self.executor = self._new()


def _executor(jobs: int) -> ProcessPoolExecutor:
    """A pool of `jobs` workers that die with this process (see lifeline.py)."""
    return ProcessPoolExecutor(max_workers=jobs, initializer=init_process, initargs=(os.getpid(),))


def _exists(path: str) -> bool:
    """Whether something is at `path`; False for a path the system refuses (the row's own
    checks report it)."""
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):
        return False


def _isolated(task: Task) -> dict:
    """Run one task alone in a fresh process: the entry, or a failure if its worker dies again."""
    with _executor(1) as alone:
        future = alone.submit(run_task, task)
        wait([future])
    if isinstance(future.exception(), BrokenProcessPool):
        why = "perhaps out of memory, or stuck past --timeout" if task.timeout else "perhaps out of memory"
        return task_entry(task, "failed",
                     f"the worker process died while aligning this row (killed by a signal, {why}); "
                     "other rows went on")
    return _result(future, task)


def _feed(items: Iterable[Task | dict], submit: Callable, collect: Callable[[], Iterator[dict]], limit: int,
          pending: dict, stop: Stop) -> Iterator[dict]:
    """Submit tasks with at most `limit` in flight (`pending`: future -> task), yielding
    entries as they come back, until all are back or a stop is requested."""
    for item in items:
        if stop.requested:
            return
        if isinstance(item, dict):
            yield item
            continue
        try:
            pending[submit(item)] = item
        except Exception as exc:  # noqa: BLE001 - a row that cannot even be submitted fails alone
            yield task_entry(item, "failed",
                        f"could not be started: {type(exc).__name__}: {exc}")
            continue
        while len(pending) >= limit and not stop.requested:
            yield from collect()
    while pending and not stop.requested:
        yield from collect()


def connect_dask(address: str):
    """A client of the Dask scheduler at `address`; bitext must be installed on its workers and
    the files reachable there under the same paths."""
    try:
        from distributed import Client
    except ImportError:
        raise BackendUnavailable("--dask needs Dask distributed: pip install 'bitext[dask]'") from None
    try:
        return Client(address)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address} ({exc})") from None


def run_dask(items: Iterable[Task | dict], client, stop: Stop) -> Generator[dict, None, None]:
    """Run tasks on a Dask cluster through `client` (closed at the end). A stop cancels what
    has not started; a task already running finishes on its worker but is not reported, so
    --resume redoes it."""
    from distributed import wait as dask_wait

    def collect() -> Iterator[dict]:
        try:
            done = dask_wait(list(pending), timeout=POLL, return_when="FIRST_COMPLETED").done
        except TimeoutError:
            return
        for future in done:
            yield _result(future, pending.pop(future))

    pending: dict = {}
    try:
        limit = 2 * max(1, sum(client.nthreads().values()))
        submit = lambda task: client.submit(run_task, task, pure=False)  # noqa: E731
        yield from _feed(items, submit, collect, limit, pending, stop)
        finished = [f for f in pending if f.status == "finished"]
        client.cancel([f for f in pending if f.status != "finished"])
        yield from (f.result() for f in finished)
    finally:
        client.close()


def _result(future, task: Task) -> dict:
    """The entry a finished future holds; a worker that died fails only its own row."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - e.g. a worker process killed by the system
        return task_entry(task, "failed",
                     f"worker failed: {type(exc).__name__}: {exc}")


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Cancel what waits and terminate the workers (they remove their temporary files on
    SIGTERM)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)
