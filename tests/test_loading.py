"""corpora.loading under threads (a Dask worker runs rows in threads; a row may load in one): a
loading that ends while another thread reads the time loaded, or while another thread's loading
goes on, neither raises nor loses time. Deterministic: a fake clock, threads stepped by events."""

from __future__ import annotations

import threading
from types import SimpleNamespace
from typing import Callable

import pytest

from corpora import loading as module
from corpora.loading import loading, loading_seconds


class Clock:
    """A clock the test sets; `on_main_read` runs once, on the main thread's next reading."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = 1000.0
        self.on_main_read: Callable[[], None] | None = None
        monkeypatch.setattr(module, "time", SimpleNamespace(monotonic=self.monotonic))

    def monotonic(self) -> float:
        if self.on_main_read is not None and threading.current_thread() is threading.main_thread():
            hook, self.on_main_read = self.on_main_read, None
            hook()
        return self.now


class Loader(threading.Thread):
    """A thread inside a loading from `start_inside` until `leave`."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.inside, self.left = threading.Event(), threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with loading():
                self.inside.set()
                self.left.wait()
        except Exception as exc:  # noqa: BLE001 - a thread's error, any, fails the test in leave()
            self.error = exc

    def start_inside(self) -> "Loader":
        self.start()
        self.inside.wait()
        return self

    def leave(self) -> None:
        self.left.set()
        self.join()
        assert self.error is None, repr(self.error)


def test_reading_the_time_loaded_while_a_loading_in_another_thread_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch timer reads it in a signal handler: a loading ending between its test of the
    loading under way and its use of it raised TypeError (float - None)."""
    clock = Clock(monkeypatch)
    before = loading_seconds()
    loader = Loader().start_inside()
    clock.now += 5
    clock.on_main_read = loader.leave  # the other thread's loading ends while the main thread reads
    assert loading_seconds() - before == 5
    assert loading_seconds() - before == 5


def test_loadings_in_two_threads_count_as_the_wall_time_either_is_under_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """A loading entered while another thread's is under way counted nothing once the first ended
    (it took the path of a loading nested in another): 10 s of 25 were given back."""
    clock = Clock(monkeypatch)
    before = loading_seconds()
    first, second = Loader().start_inside(), Loader().start_inside()
    clock.now += 10
    first.leave()
    clock.now += 15
    assert loading_seconds() - before == 25
    second.leave()
    clock.now += 7
    assert loading_seconds() - before == 25
    with loading():  # nested in one thread: counted once
        with loading():
            clock.now += 3
    assert loading_seconds() - before == 28
