"""Time and peak memory of alignment as the input grows: writes BENCHMARKS.md "## Alignment speed".

Inputs are pre-split documents of 1k, 5k, 20k and 50k sentences per side, built by repeating
the dev documents of ../shared/eval (textberg-dev, bible-en-ru-perturbed, wmt21-ru-en-perturbed)
in turn. Measured: `lexical`, and `auto` (the default: the hybrid with the bundled use-m3,
an empty embedding cache per run). Each measurement runs `bitext align --presplit --to beads` in a fresh subprocess
pinned to one core (taskset, where available), so that peak memory (ru_maxrss of the child)
and JIT caches of one run do not pollute another. One function per measured thing: add rows
for another aligner by adding a function to MEASURES.

    .venv/bin/python bench/speed.py [--sizes 1000 5000 20000 50000] [--no-write] [--cold]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

from sections import machine, write_section  # bench/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
# this checkout's command line (not the installed `bitext` script, which may be another checkout's)
BITEXT = [sys.executable, "-c",
          f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bitext_cli.main import cli; cli()"]
SECTION = "## Alignment speed"
SOURCES = ["textberg-dev", "bible-en-ru-perturbed", "wmt21-ru-en-perturbed"]

# Runs the command, then prints the child's wall time and peak memory as JSON.
_RUNNER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
if done.returncode:
    sys.exit(done.stderr.decode()[-2000:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}))
"""


def build_input(size: int, folder: Path) -> tuple[Path, Path]:
    """src.txt and tgt.txt of `size` lines each, from dev documents repeated in turn."""
    docs = []
    for name in SOURCES:
        for gold in sorted((EVAL / name).rglob("gold.txt")):
            docs.append(((gold.parent / "src.txt").read_text("utf-8").splitlines(),
                         (gold.parent / "tgt.txt").read_text("utf-8").splitlines()))
    src: list[str] = []
    tgt: list[str] = []
    k = 0
    while len(src) < size or len(tgt) < size:
        s, t = docs[k % len(docs)]
        src += s
        tgt += t
        k += 1
    paths = folder / f"src{size}.txt", folder / f"tgt{size}.txt"
    paths[0].write_text("\n".join(src[:size]) + "\n", "utf-8")
    paths[1].write_text("\n".join(tgt[:size]) + "\n", "utf-8")
    return paths


def measure(cmd: list[str], cold: bool = False, pin: bool = True) -> dict[str, float]:
    """Wall time and peak resident memory of one command, run in its own process (on one core
    with `pin`).

    `cold`: numba gets an empty cache directory, so the run compiles every kernel, as the first
    run after installing (or in CI) does."""
    pin_cmd = ["taskset", "-c", "0"] if pin and shutil.which("taskset") else []
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache} if cold else None
        out = subprocess.run([*pin_cmd, sys.executable, "-c", _RUNNER, *cmd], capture_output=True, text=True,
                             check=True, env=env)
    return json.loads(out.stdout)


def lexical(src: Path, tgt: Path, cold: bool = False) -> dict[str, float]:
    """The model-free aligner, pre-split input, beads out."""
    return measure([*BITEXT, "-q", "align", str(src), str(tgt), "-s", "de", "-t", "fr",
                    "--presplit", "--to", "beads", "--scorer", "lexical"], cold)


def auto(src: Path, tgt: Path, cold: bool = False) -> dict[str, float]:
    """The default, `--scorer auto` (here the hybrid with use-m3: German and French are covered),
    with an empty embedding cache, so every sentence it encodes is encoded in the run."""
    with tempfile.TemporaryDirectory() as cache:
        return measure([*BITEXT, "-q", "align", str(src), str(tgt), "-s", "de", "-t", "fr",
                        "--presplit", "--to", "beads", "--cache-dir", cache], cold)


MEASURES: dict[str, Callable[..., dict[str, float]]] = {"lexical": lexical, "auto": auto}
COLD_SIZE = 20000  # also measured with an empty numba cache


def verdict(rows: list) -> list[str]:
    """Issue 3's speed target (20k x 20k in <= 10 s wall, <= 1 GB) and how cost grows."""
    got = {size: r for name, size, r, note in rows if name == "lexical" and not note}
    out = []
    if 20000 in got:
        r = got[20000]
        ok = r["wall"] <= 10 and r["peak_mb"] <= 1024
        out.append(f"Target 20,000 x 20,000 in <= 10 s wall and <= 1 GB: {r['wall']:.1f} s wall "
                   f"({r['cpu']:.1f} s CPU, of which about {got.get(1000, r)['cpu']:.1f} s is the start-up and "
                   f"a 1,000-sentence alignment), {r['peak_mb']:.0f} MB: {'met' if ok else 'not met'}.")
    cold = [r for name, size, r, note in rows if name == "lexical" and size == COLD_SIZE and note.startswith("cold")]
    if cold and COLD_SIZE in got:
        out.append(f"Cold (empty numba cache: a first run after installing, or CI): {cold[0]['wall']:.1f} s wall, "
                   f"{cold[0]['cpu']:.1f} s CPU at {COLD_SIZE:,}, so compiling the kernels costs about "
                   f"{cold[0]['cpu'] - got[COLD_SIZE]['cpu']:.1f} s CPU once.")
    if 5000 in got and 50000 in got:
        ratio = got[50000]["cpu"] / got[5000]["cpu"]
        out.append(f"Growth 5k -> 50k (10x the sentences): {ratio:.1f}x the CPU time.")
    auto = {size: r for name, size, r, note in rows if name == "auto" and not note}
    if 20000 in auto:
        r = auto[20000]
        ok = r["wall"] <= 10 and r["peak_mb"] <= 1024
        out.append(f"Target (issue 18) `--scorer auto` 20,000 x 20,000 in <= 10 s wall and <= 1 GB: {r['wall']:.1f} s "
                   f"wall ({r['cpu']:.1f} s CPU), {r['peak_mb']:.0f} MB: {'met' if ok else 'not met'}.")
    if 1000 in auto and 1000 in got:
        ratio = auto[1000]["wall"] / got[1000]["wall"]
        out.append(f"Target (issue 18) a 1,000-sentence document with auto in <= 3x lexical's time: "
                   f"{auto[1000]['wall']:.1f} s against {got[1000]['wall']:.1f} s, {ratio:.1f}x "
                   f"(CPU {auto[1000]['cpu'] / got[1000]['cpu']:.1f}x): {'met' if ratio <= 3 else 'not met'}.")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000, 50000])
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--cold", action="store_true", help="every run compiles numba's kernels (empty cache)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, func in MEASURES.items():
            first = build_input(200, Path(tmp))
            cold = func(*first)  # the first call may compile (numba); later runs use the cache
            rows.append((name, 200, cold, "first run (numba cache warm-up)"))
            for size in args.sizes:
                result = func(*build_input(size, Path(tmp)), cold=args.cold)
                rows.append((name, size, result, "cold: empty numba cache" if args.cold else ""))
                print(name, size, result, flush=True)
            if COLD_SIZE in args.sizes and not args.cold:
                result = func(*build_input(COLD_SIZE, Path(tmp)), cold=True)
                rows.append((name, COLD_SIZE, result, "cold: empty numba cache, every kernel compiled"))
                print(name, COLD_SIZE, "cold", result, flush=True)
    lines = [SECTION, "",
             f"Measured by `.venv/bin/python bench/speed.py` on {machine()}. Input: pre-split, built by repeating the dev documents; "
             "`bitext align --presplit --to beads` in a fresh process pinned to one core; wall time and peak RSS "
             "include starting Python (about 1-2 s with numba's import) and reading/writing files; CPU = user + system "
             "time of the process, less disturbed by other jobs than wall time.", "",
             "| aligner | sentences per side | wall (s) | CPU (s) | CPU s per 1k sentences | peak memory (MB) | note |",
             "|---|---|---|---|---|---|---|"]
    for name, size, r, note in rows:
        lines.append(f"| {name} | {size:,} | {r['wall']:.2f} | {r['cpu']:.2f} | {1000 * r['cpu'] / size:.3f} "
                     f"| {r['peak_mb']:.0f} | {note} |")
    lines += ["", *verdict(rows)]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        write_section(SECTION, text)


if __name__ == "__main__":
    main()
