"""The README's Python snippet and quoted outputs, run as written there."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
ENCODE_BODY = ("        vecs = np.array([[len(t), t.count(' ') + 1, 1.0] for t in texts], dtype=np.float32)\n"
               "        return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)\n")


def readme_python_block(after: str) -> str:
    """The first ```python block of the README after the text `after`."""
    text = (ROOT / "README.md").read_text("utf-8")
    return re.search(re.escape(after) + r".*?```python\n(.*?)```", text, re.S).group(1)


def test_readmes_own_encoder_snippet_runs(tmp_path: Path, monkeypatch) -> None:
    code = readme_python_block("From Python, any object with an `identity` string")
    code = re.sub(r"^ +\.\.\. +# -> .*\n", ENCODE_BODY, code, flags=re.M)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"np": np, "src_sentences": ["Der Brief kam im Mai.", "Er war kurz.", "Er schrieb wieder."],
                       "tgt_sentences": ["La lettre arriva en mai.", "Elle était courte.", "Il écrivit encore."]}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102  # the README's own snippet
    links = namespace["links"]
    assert [i for link in links for i in link.src] == [0, 1, 2]
    assert [j for link in links for j in link.tgt] == [0, 1, 2]
    assert list((tmp_path / "embedding-cache").glob("*.sqlite")), "the encoder's vectors did not go through the cache"
