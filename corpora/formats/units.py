"""Translation units (TMX, XLIFF) as the texts of their languages: one segment per unit side.

A file of units holds a text and its translation already segmented: each language becomes one
`SourceText` whose blocks are the units (one block per unit, so the file's pairing shows in
the paragraph structure the aligner uses), each holding the unit's segment(s) with ids made
from the file's own: `<lang>.<unit id>` (characters an XML id cannot hold become "_"; a number
of units without an id, `<lang>.u<N>`).
"""

from __future__ import annotations

import re
from typing import Iterable

from corpora import languages
from corpora.errors import InputError
from corpora.model import Segment
from corpora.sourcetext import Block, SourceText

_NOT_ID = re.compile(r"[^\w.-]", re.UNICODE)


def language(code: str, path: str, where: str) -> str:
    """A language code of the file in canonical form; one bitext cannot use is an error."""
    try:
        return languages.normalize(code.strip())
    except Exception:  # noqa: BLE001 - UsageError names the code; here it is the file's fault
        raise InputError(f"{where}: {code!r} is not a language code bitext takes", path) from None


class UnitTexts:
    """The sides of a file of units, built unit by unit."""

    def __init__(self, path: str, fmt: str) -> None:
        self.path, self.format = path, fmt
        self._blocks: dict[str, list[Block]] = {}
        self._ids: set[str] = set()

    def add(self, lang: str, unit_id: str | None, n: int, texts: Iterable[tuple[str | None, str]]) -> None:
        """One unit's side in `lang`: its segments as (segment id or None, text); blank ones left out."""
        segments = []
        for k, (seg_id, text) in enumerate(texts, 1):
            text = " ".join(text.split())
            if not text:
                continue
            base = f"{lang}.{_NOT_ID.sub('_', unit_id)}" if unit_id else f"{lang}.u{n}"
            if seg_id is not None:
                base += f".{_NOT_ID.sub('_', seg_id)}"
            sid, dup = base, 1
            while sid in self._ids:
                dup += 1
                sid = f"{base}-{dup}"
            self._ids.add(sid)
            segments.append(Segment(sid, text))
        self._blocks.setdefault(lang, [])
        if segments:
            self._blocks[lang].append(Block(" ".join(s.text for s in segments), segments=tuple(segments)))

    def texts(self, order: Iterable[str]) -> list[SourceText]:
        """One text per language, in `order` first (the source language), then as met."""
        langs = list(dict.fromkeys([*[lang for lang in order if lang in self._blocks], *self._blocks]))
        texts = [SourceText(self.path, self.format, tuple(self._blocks[lang]), lang, lang, segmentation=self.format)
                 for lang in langs if self._blocks[lang]]
        if not texts:
            raise InputError("has no translation units with text", self.path)
        return texts
