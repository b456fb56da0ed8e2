"""Alignment options, shared by every aligner, with a reproducibility signature."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AlignOptions:
    """What the user chose; every aligner reads the fields it understands."""

    aligner: str = "lexical"
    max_align: int = 4
    src_lang: str = "und"
    tgt_lang: str = "und"
    extra: tuple[tuple[str, str], ...] = field(default=())

    def signature(self, version: str, segmentation: str = "") -> str:
        """One line that identifies the method, e.g. `scorer:lexical|max:4|seg:en-1,tr-1|v:0.1.0`."""
        parts = [f"scorer:{self.aligner}", f"max:{self.max_align}"]
        parts += [f"{k}:{v}" for k, v in self.extra]
        if segmentation:
            parts.append(f"seg:{segmentation}")
        parts.append(f"v:{version}")
        return "|".join(parts)
