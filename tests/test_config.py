"""AlignConfig: every setting in one frozen value, resolved once; aligners built from it."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from align.config import AlignConfig, resolve
from align.registry import ALIGNERS, NAMES, get_aligner
from corpora.errors import UsageError


def test_the_config_is_frozen_and_has_every_setting() -> None:
    config = AlignConfig()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.aligner = "hybrid"  # type: ignore[misc]
    assert {f.name for f in dataclasses.fields(AlignConfig)} == {
        "aligner", "max_align", "src_lang", "tgt_lang", "dictionary", "model", "cache_dir", "weights", "fused"}


def test_auto_is_resolved_once_and_a_resolved_config_passes_unchanged(caplog) -> None:
    caplog.set_level(logging.INFO, logger="bitext")
    config = AlignConfig(aligner="auto", src_lang="en", tgt_lang="xx")  # use-m3 does not cover xx
    chosen = resolve(config)
    assert chosen.aligner == "lexical" and chosen.model is None
    assert caplog.text.count("--scorer auto: using lexical") == 1
    caplog.clear()
    assert resolve(chosen) is chosen and caplog.text == ""


def test_every_aligner_is_built_from_the_config_and_kept_per_instance_key(tmp_path) -> None:
    for name in ALIGNERS:
        first = get_aligner(AlignConfig(aligner=name, cache_dir=str(tmp_path)))
        assert type(first).__name__ == ALIGNERS[name].rpartition(":")[2]
        assert get_aligner(AlignConfig(aligner=name, cache_dir=str(tmp_path), src_lang="de", max_align=7)) is first
    assert sorted(NAMES) == sorted([*ALIGNERS, "auto"])
    with pytest.raises(UsageError, match="resolve it first"):
        get_aligner(AlignConfig(aligner="auto"))


def test_the_signature_names_the_method_and_not_the_cache() -> None:
    plain = AlignConfig(aligner="hybrid", model="use-m3", dictionary="/x/words.tsv", cache_dir="/tmp/c")
    sig = plain.signature("0.1.0", "en-3,tr-3")
    assert sig.startswith("scorer:hybrid|max:6|dict:words.tsv|model:use-m3@") and sig.endswith("|seg:en-3,tr-3|v:0.1.0")
    assert "/tmp/c" not in sig and dataclasses.replace(plain, cache_dir=None).signature("0.1.0", "en-3,tr-3") == sig
