"""Every alignment setting in one typed, frozen value (`AlignConfig`), resolved once.

The command line (a job's options, a manifest row) and the library build an `AlignConfig`;
`resolve` decides what it leaves to be decided, once, before aligning: `auto` becomes the
aligner it stands for (align.embedding.auto), `--dictionary auto` the installed dictionary of the
pair. Aligners receive the resolved config; the registry builds each aligner instance from it
(weights, embedding cache), and the TEI signature is written from it.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy-backed modules: imported on use, so the command line starts light
    from align.embedding.fused import FusedWeights
    from align.scorers.combine import Weights

log = logging.getLogger("bitext")

DEFAULT_MAX_ALIGN = 5  # Bertalign's default: beads up to 4-1, 3-2, 2-3, 1-4
# aligners whose default differs: the hybrid reaches 3-3, 2-4, 4-2 (measured in BENCHMARKS.md,
# "Largest bead of the hybrid"; at 5 a freely translated 3-3 is out of its reach)
MAX_ALIGN = {"hybrid": 6}
AUTO = "auto"
MAX_ALIGN_DEFAULTS = f"{DEFAULT_MAX_ALIGN}; " + ", ".join(f"{name}: {n}" for name, n in MAX_ALIGN.items()) \
    + f" (and auto where it picks {' or '.join(MAX_ALIGN)})"  # for --help


def default_max_align(aligner: str) -> int:
    """The largest bead (sentences on both sides together) `aligner` uses unless told."""
    return MAX_ALIGN.get(aligner, DEFAULT_MAX_ALIGN)


@dataclass(frozen=True)
class AlignConfig:
    """What to align with: the aligner (lexical, embedding, hybrid, or auto until resolved),
    the largest bead, the languages, a dictionary, the sentence encoder and its cache folder,
    and weights other than the fitted ones (None: those; bench/fit_weights.py and perturb.py
    try others): the lexical bead costs (align.scorers.combine.Weights) and the hybrid's
    embedding term (align.embedding.fused.FusedWeights)."""

    aligner: str = "lexical"
    max_align: int | None = None  # None: the aligner's default (default_max_align; `resolve` fills it in)
    src_lang: str = "und"
    tgt_lang: str = "und"
    dictionary: str | None = None  # two-column TSV or dictd .index of word translations (--dictionary)
    model: str | None = None  # sentence encoder of the embedding/hybrid aligners (--model; None: use-m3)
    cache_dir: str | None = None  # embedding cache folder (--cache-dir; None: the user cache directory)
    weights: Weights | None = None
    fused: FusedWeights | None = None

    def instance_key(self) -> tuple[str, str | None, str, str]:
        """What an aligner instance is built from (the registry keeps one per key, so a batch
        worker loads a model once): the other fields are read per document."""
        return self.aligner, self.cache_dir, repr(self.weights), repr(self.fused)

    def bead_limit(self, aligner: str | None = None) -> int:
        """The largest bead, sentences on both sides together: --max-align, else the default of
        `aligner` (an aligner called directly names itself) or of the config's aligner."""
        return self.max_align if self.max_align is not None else default_max_align(aligner or self.aligner)

    def signature(self, version: str, segmentation: str = "", glossary: str | None = None) -> str:
        """One line that identifies the method, e.g. `scorer:lexical|max:5|seg:en-3,tr-3|v:0.1.0`
        (the model as `model_label` names it; the cache folder changes no output; `glossary`:
        the file whose names the aligner was given as evidence, named like the dictionary)."""
        from align.embedding.encoders import model_label

        parts = [f"scorer:{self.aligner}", f"max:{self.bead_limit()}"]
        if self.dictionary:
            parts.append(f"dict:{Path(self.dictionary).name}")
        if glossary:
            parts.append(f"gloss:{Path(glossary).name}")
        if self.model:
            parts.append(f"model:{model_label(self.model)}")
        if self.weights is not None or self.fused is not None:  # not the fitted ones: which, in short
            digest = hashlib.sha256(f"{self.weights!r}|{self.fused!r}".encode()).hexdigest()[:12]
            parts.append(f"weights:{digest}")
        if segmentation:
            parts.append(f"seg:{segmentation}")
        parts.append(f"v:{version}")
        return "|".join(parts)


def resolve(config: AlignConfig) -> AlignConfig:
    """The config with nothing left to decide: `auto` as the aligner it picks for these
    languages (lexical where the encoder does not load), `--dictionary auto` as a file or none
    (each decision said on stderr), the largest bead as the chosen aligner's default unless set.
    A resolved config comes back as it is, and nothing is said."""
    if config.aligner == AUTO:
        from align.embedding.auto import choose, loadable

        name, reason = choose(config)
        chosen = replace(config, aligner=name, model=(config.model or _default_model()) if name != "lexical" else None)
        chosen, failure = loadable(chosen)
        if failure:
            log.warning("--scorer auto: using lexical (%s)", failure)
        else:
            log.info("--scorer auto: using %s (%s)", chosen.aligner, reason)
        config = chosen
    if config.max_align is None:
        config = replace(config, max_align=config.bead_limit())
    if config.dictionary is not None:
        from align.scorers.dictionary import resolve_dictionary

        config, found = resolve_dictionary(config)
        if found:
            log.info("%s", found)
    return config


def _default_model() -> str:
    from align.embedding.encoders import DEFAULT_MODEL

    return DEFAULT_MODEL
