"""align/jit.py: small work runs with the numpy twins (numba never loaded), then numba; the first-run notice."""

from __future__ import annotations

import logging
import subprocess
import sys
import time

import numpy as np
import pytest

from align import jit
from tests.conftest import SAMPLE

SAMPLE_RUN = """
import sys
from pathlib import Path
from click.testing import CliRunner
from bitext_cli.main import cli
s = Path(sys.argv[1])
out = CliRunner().invoke(cli, ["align", str(s / "en.txt"), str(s / "tr.txt"), "-s", "en", "-t", "tr",
                               "--scorer", "lexical", "--to", "beads", "--scores"])
assert out.exit_code == 0, out.output
# the first-run notice (numba compiling into an empty cache, as on a fresh machine) is not a link
print(" ".join(line for line in out.output.strip().splitlines() if "compiled kernels" not in line))
print("numba" in sys.modules)
"""


def _sample(env_extra: dict[str, str]) -> list[str]:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("BITEXT_NUMBA", "BITEXT_NO_NUMBA")}
    return subprocess.run([sys.executable, "-c", SAMPLE_RUN, str(SAMPLE)], capture_output=True, text=True,
                          check=True, env={**env, **env_extra}).stdout.splitlines()


def test_a_short_text_never_loads_numba_and_gets_the_same_links() -> None:
    small = _sample({})
    assert small[-1] == "False"  # the README's sample runs with numpy: no numba import, no compiling
    forced = _sample({"BITEXT_NUMBA": "1"})
    assert forced[-1] == "True"
    assert small[0] == forced[0] and small[0].count(":") >= 10  # the same beads and scores either way


def _counting_kernel(calls: list[str]):
    def add(x, out):
        for k in range(len(x)):
            out[k] = x[k] + 1.0

    def add_numpy(x, out):
        calls.append("numpy")
        out[:] = x + 1.0

    k = jit.kernel(add)
    k.numpy = add_numpy
    k._compile = lambda: (calls.append("compile"), add)[1]  # type: ignore[method-assign]
    return k


@pytest.fixture
def budget_1000(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh process's budget of 1,000 elements, the kernels not chosen by the environment."""
    for name in ("BITEXT_NUMBA", "BITEXT_NO_NUMBA", "BITEXT_KERNELS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(jit, "NUMPY_BUDGET", 1000)
    monkeypatch.setattr(jit._Process, "numpy_work", 0)
    monkeypatch.setattr(jit._Process, "numba", False)


def test_numpy_until_the_budget_is_spent_then_compiled(budget_1000: None) -> None:
    calls: list[str] = []
    k = _counting_kernel(calls)
    out = np.zeros(300)
    k(np.ones(600), np.zeros(600))  # 1,200 elements: within twice the budget (no plan), the numpy twin
    out = np.zeros(300)
    k(np.ones(300), out)
    assert calls == ["numpy", "numpy"] and (out == 2.0).all()
    k(np.ones(150), np.zeros(150))  # 2,100 in all: over it, so the kernel is compiled from now on
    assert calls == ["numpy", "numpy", "compile"]
    k(np.ones(3), np.zeros(3))
    assert calls == ["numpy", "numpy", "compile"]  # compiled once, kept
    assert jit._Process.numpy_work == 1800
    other: list[str] = []
    _counting_kernel(other)(np.ones(2), np.zeros(2))
    assert other == ["compile"]  # numba is loaded: every kernel uses it from now on


def test_the_environment_chooses_the_kernels(budget_1000: None, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    k = _counting_kernel(calls)
    monkeypatch.setenv("BITEXT_KERNELS", "numba")
    k(np.ones(2), np.zeros(2))
    assert calls == ["compile"]
    monkeypatch.setenv("BITEXT_KERNELS", "numpy")  # even after compiling: a test can compare the paths
    k(np.ones(2), np.zeros(2))
    monkeypatch.setenv("BITEXT_KERNELS", "python")
    out = np.zeros(2)
    k(np.ones(2), out)
    assert calls == ["compile", "numpy"] and (out == 2.0).all()
    monkeypatch.delenv("BITEXT_KERNELS")
    monkeypatch.setenv("BITEXT_NO_NUMBA", "1")
    assert jit.mode() == "numpy"


def test_preparing_notice_once_when_compiling_is_slow(monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("BITEXT_NUMBA", "1")
    monkeypatch.setattr(jit, "PREPARING_AFTER", 0.05)
    monkeypatch.setattr(jit._Process, "told", False)
    caplog.set_level(logging.INFO, logger="bitext")
    slow = []
    for _ in range(2):
        k = _counting_kernel([])
        compile_ = k._compile
        k._compile = lambda c=compile_: (time.sleep(0.3), c())[1]  # type: ignore[method-assign]
        slow.append(k)
    fast = _counting_kernel([])
    fast(np.ones(2), np.zeros(2))
    assert not caplog.records  # a quick first call says nothing
    for k in slow:
        k(np.ones(2), np.zeros(2))
    notes = [r.getMessage() for r in caplog.records if "first run only" in r.getMessage()]
    assert len(notes) == 1  # said once per process, however many kernels compile slowly


def test_planned_work_beyond_the_budget_compiles_from_the_first_call(budget_1000: None) -> None:
    calls: list[str] = []
    k = _counting_kernel(calls)
    jit.plan(500)  # fits: the small calls stay with numpy
    k(np.ones(10), np.zeros(10))
    assert calls == ["numpy"]
    jit.plan(2000)  # a long document ahead: numba at once, not after a budget of numpy
    k(np.ones(10), np.zeros(10))
    assert calls == ["numpy", "compile"]
