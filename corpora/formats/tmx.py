"""TMX (translation memory): its units, and each language's side of them as a text.

`read_tmx` gives the units as they are (`bitext export --to tmx` writes them, tests read them
back); `read_tmx_sources` is the reader of the TMX format: one text per language (the header's
`srclang` first), each unit's `<seg>` one segment (corpora.formats.units). Inline codes
(`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`: the original document's formatting codes) are left
out of the text; `<hi>` and `<sub>` keep theirs. Parsed safely (corpora.xmlinput).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from corpora.errors import InputError
from corpora.formats.units import UnitTexts, language
from corpora.source import InputText
from corpora.sourcetext import SourceText
from corpora.xmlinput import parse_xml, parse_xml_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODES = {"bpt", "ept", "ph", "it", "ut"}


@dataclass
class TranslationUnit:
    """One `<tu>` read from a TMX file: its id, text per language, and its props."""

    tuid: str | None
    texts: dict[str, str]
    props: dict[str, str] = field(default_factory=dict)


def seg_text(seg: etree._Element) -> str:
    """The text of a `<seg>`, inline codes left out."""
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str) and child.tag not in _CODES:
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _units(root: etree._Element, label: str) -> list[TranslationUnit]:
    if root.tag != "tmx":
        raise InputError(f"is not TMX (root element <{root.tag}>)", label)
    units = []
    for tu in root.iterfind("body/tu"):
        texts = {}
        for tuv in tu.iterfind("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            if lang is None or seg is None:
                raise InputError(f"line {tuv.sourceline}: <tuv> without xml:lang or <seg>", label)
            texts[lang] = seg_text(seg)
        props = {p.get("type", ""): p.text or "" for p in tu.iterfind("prop")}
        units.append(TranslationUnit(tu.get("tuid"), texts, props))
    return units


def read_tmx(source: str | Path | bytes) -> list[TranslationUnit]:
    """The translation units of a TMX file (a path, "-" or bytes), parsed safely."""
    label = "<bytes>" if isinstance(source, bytes) else str(source)
    return _units(parse_xml(source, label), label)


def read_tmx_sources(given: InputText) -> list[SourceText]:
    """The reader of the TMX format: one text per language (see the module docstring)."""
    root = parse_xml_text(given.text, given.path)
    units = _units(root, given.path)
    header = root.find("header")
    srclang = header.get("srclang", "") if header is not None else ""
    sides = UnitTexts(given.path, "tmx")
    for n, unit in enumerate(units, 1):
        for code, text in unit.texts.items():
            sides.add(language(code, given.path, f"unit {n}"), unit.tuid, n, [(None, text)])
    first = [language(srclang, given.path, "header srclang")] if srclang and srclang != "*all*" else []
    return sides.texts(first)
