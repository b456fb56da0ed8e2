"""Alignment options, shared by every aligner, with a reproducibility signature."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_ALIGN = 5  # Bertalign's default: beads up to 4-1, 3-2, 2-3, 1-4


@dataclass(frozen=True)
class AlignOptions:
    """What the user chose; every aligner reads the fields it understands."""

    aligner: str = "lexical"
    max_align: int = DEFAULT_MAX_ALIGN
    src_lang: str = "und"
    tgt_lang: str = "und"
    dictionary: str | None = None  # two-column TSV of word translations (--dictionary)
    model: str | None = None  # sentence encoder of the embedding/hybrid aligners (--model; None: use-m3)
    extra: tuple[tuple[str, str], ...] = field(default=())

    def signature(self, version: str, segmentation: str = "") -> str:
        """One line that identifies the method, e.g. `scorer:lexical|max:5|seg:en-1,tr-1|v:0.1.0`."""
        parts = [f"scorer:{self.aligner}", f"max:{self.max_align}"]
        if self.dictionary:
            parts.append(f"dict:{Path(self.dictionary).name}")
        if self.model:
            parts.append(f"model:{self.model}")
        parts += [f"{k}:{v}" for k, v in self.extra]
        if segmentation:
            parts.append(f"seg:{segmentation}")
        parts.append(f"v:{version}")
        return "|".join(parts)
