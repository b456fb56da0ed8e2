"""The README's first command, as written there, aligns the shipped sample right.

The Turkish öz has two sentences the English abstract lacks (segments 8 and 9: "Bagirov başta
olmak üzere…", "Bu süreçte özellikle İsgandar Aliyev'in…"); lengths and shared words cannot
place them in ten sentences, the bundled encoder can. The command runs with the default
`--scorer auto`, which picks the hybrid with use-m3 for English-Turkish.
"""

from __future__ import annotations

import logging
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from align import registry
from bitext_cli.main import cli
from tei.reader import read_tei

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = [([k], [k]) for k in range(8)] + [([], [8]), ([], [9]), ([8], [10]), ([9], [11])]


def readme_align_command() -> list[str]:
    """The arguments of the `bitext align` in the README's first shell block."""
    text = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"## Set up on a fresh machine.*?```sh\n(.*?)```", text, re.S).group(1)
    command = next(part for part in block.split("&&") if "bitext align" in part)
    words = shlex.split(command)
    return words[words.index("align"):]


def test_readme_first_command_gives_the_samples_twelve_right_links(tmp_path: Path, monkeypatch, caplog) -> None:
    args = readme_align_command()
    assert "--scorer" not in args  # the default is what a new user gets
    args[args.index("-o") + 1] = str(tmp_path / "sample.tei.xml")
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # where the default embedding cache is
    monkeypatch.setattr(registry, "_INSTANCES", {})  # a fresh process: no aligner loaded yet
    caplog.set_level(logging.INFO, logger="bitext")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "--scorer auto: using hybrid (use-m3 covers en and tr)" in caplog.text
    bitext = read_tei(tmp_path / "sample.tei.xml")
    assert [(list(link.src), list(link.tgt)) for link in bitext.links] == EXPECTED
    assert "scorer:hybrid|" in bitext.meta["signature"] and "model:use-m3@" in bitext.meta["signature"]
    quoted = re.search(r"actually used and the model with its version \(`(scorer:[^`]*)\|\.\.\.`\)",
                       " ".join((ROOT / "README.md").read_text("utf-8").split())).group(1)
    assert bitext.meta["signature"].startswith(quoted + "|")  # the signature the README quotes for auto
    assert list((tmp_path / "cache").rglob("*.sqlite")), "the default cache folder was not used"


@pytest.mark.parametrize("scorer", ["hybrid"])
def test_two_runs_give_identical_tei(tmp_path: Path, monkeypatch, scorer: str) -> None:
    """Byte-identical output across runs: the first run encodes, the second reads the cache."""
    args = readme_align_command()
    monkeypatch.chdir(ROOT)
    outputs = []
    for k in range(2):
        args[args.index("-o") + 1] = str(tmp_path / f"run{k}.xml")
        result = CliRunner().invoke(cli, [*args, "--scorer", scorer, "--cache-dir", str(tmp_path / "c")])
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / f"run{k}.xml").read_bytes())
    assert outputs[0] == outputs[1]
