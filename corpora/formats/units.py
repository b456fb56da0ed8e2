"""Translation units (TMX, XLIFF) as the texts of their languages: one segment per unit side.

A file of units holds a text and its translation already segmented: each language becomes one
`SourceText` whose blocks are the units (one block per unit, so the file's pairing shows in
the paragraph structure the aligner uses), each holding the unit's segment(s) with ids made
from the file's own: `<side>.<unit id>` (characters an XML id cannot hold become "_"; a number
of units without an id, `<side>.u<N>`), where a side is named by its language, or by a key of
its own where both sides are in one language (`en.src`, `en.tgt`: corpora.formats.tmx).
"""

from __future__ import annotations

import re
from typing import Iterable

from lxml import etree

from corpora import languages
from corpora.errors import InputError
from corpora.model import Segment
from corpora.sourcetext import Block, SourceText

_NOT_ID = re.compile(r"[^\w.-]", re.UNICODE)
# an inline code standing for a line break: by its kind (TMX `<ph type="lb">`, XLIFF 1.2
# `ctype="lb"`, XLIFF 2 `subType="xlf:lb"`), or by the native code it holds or its `equiv`
# (`<br>`, `<br/>`, OmegaT's `<br0/>`, a line break, or its escape `\n`)
_BREAK_KINDS = {"lb", "xlf:lb"}
_BREAK_CODE = re.compile(r"\s*(<br\d*\s*/?>|\\n|\n|\r\n?)\s*", re.IGNORECASE)


def breaks_line(code: etree._Element) -> bool:
    """Whether an inline code stands for a line break: it separates the words around it (read
    as a space, as HTML's `<br>` and TEI's `<lb/>` are), where other codes are left out."""
    if {code.get("type"), code.get("ctype"), code.get("subType")} & _BREAK_KINDS:
        return True
    native = code.get("equiv") if code.get("equiv") is not None else code.text
    return native is not None and len(code) == 0 and _BREAK_CODE.fullmatch(native) is not None


def language(code: str, path: str, where: str) -> str:
    """A language code of the file, which must name one (languages.declared: canonical form,
    one bitext cannot use an error)."""
    found = languages.declared(code, path, where)
    if found is None:
        raise InputError(f"{where}: names no language", path)
    return found


def side_keys(source: str, target: str) -> tuple[str, str]:
    """The names of a file's source and target sides in these languages: the languages, or
    `<lang>.src` and `<lang>.tgt` where they are one."""
    return (f"{source}.src", f"{target}.tgt") if source == target else (source, target)


class UnitTexts:
    """The sides of a file of units, built unit by unit."""

    def __init__(self, path: str, fmt: str) -> None:
        self.path, self.format = path, fmt
        self._blocks: dict[str, list[Block]] = {}
        self._langs: dict[str, str] = {}
        self._ids: set[str] = set()

    def add(self, lang: str, unit_id: str | None, n: int, texts: Iterable[tuple[str | None, str]],
            key: str | None = None) -> None:
        """One unit's side in `lang` (named `key`, by default its language): its segments as
        (segment id or None, text); blank ones left out."""
        key = key or lang
        self._langs.setdefault(key, lang)
        segments = []
        for k, (seg_id, text) in enumerate(texts, 1):
            text = " ".join(text.split())
            if not text:
                continue
            base = f"{key}.{_NOT_ID.sub('_', unit_id)}" if unit_id else f"{key}.u{n}"
            if seg_id is not None:
                base += f".{_NOT_ID.sub('_', seg_id)}"
            sid, dup = base, 1
            while sid in self._ids:
                dup += 1
                sid = f"{base}-{dup}"
            self._ids.add(sid)
            segments.append(Segment(sid, text))
        self._blocks.setdefault(key, [])
        if segments:
            self._blocks[key].append(Block(" ".join(s.text for s in segments), segments=tuple(segments)))

    def texts(self, order: Iterable[str]) -> list[SourceText]:
        """One text per side, those in `order` first (the source), then as met; a side's text
        id is its name."""
        keys = list(dict.fromkeys([*[key for key in order if key in self._blocks], *self._blocks]))
        texts = [SourceText(self.path, self.format, tuple(self._blocks[key]), self._langs[key], key,
                            segmentation=self.format) for key in keys if self._blocks[key]]
        if not texts:
            raise InputError("has no translation units with text", self.path)
        return texts
