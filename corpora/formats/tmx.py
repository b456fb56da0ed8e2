"""TMX (translation memory): its units, and each side of them as a text.

`read_tmx` gives the units as they are (`bitext export --to tmx` writes them, tests read them
back); `read_tmx_sources` is the reader of the TMX format: one text per side, each unit's
`<seg>` one segment (corpora.formats.units). Inline codes (`<bpt>`, `<ept>`, `<ph>`, `<it>`,
`<ut>`: the original document's formatting codes) are left out of the text, but one standing for
a line break reads as a space (units.breaks_line); `<hi>` and `<sub>` keep theirs. Parsed safely (corpora.xmlinput).

Sides: where every unit's `<tuv>`s are in distinct languages, one text per language (the
header's `srclang` first). Where a unit has one language twice (a memory of an en-GB -> en-US
review, or one `xml:lang` on both sides), the memory has two sides by position: each unit
exactly two `<tuv>`s, the first the source (bitext's own TMX writes it first) but where their
languages differ and tell the sides apart (the `srclang`'s, else the languages of the first
unit); such a unit with one `<tuv>` or three is an error.
A side is in the language of its units: where they are in locales of one language (en-GB and
en-US units into German), that language (`en`: one side, not one per locale, where no unit
holds two of them), where their languages differ, its first unit's, with a warning. Two sides
in one language are told apart by their text ids, `<lang>.src` and `<lang>.tgt`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from corpora import languages
from corpora.errors import InputError
from corpora.formats.units import UnitTexts, breaks_line, language, side_keys
from corpora.source import InputText
from corpora.sourcetext import SourceText
from corpora.xmlinput import parse_xml, parse_xml_text

log = logging.getLogger("bitext")

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODES = {"bpt", "ept", "ph", "it", "ut"}


@dataclass
class TranslationUnit:
    """One `<tu>` read from a TMX file: its id, its `<tuv>`s as (language, text) in file order,
    its props, and the line it starts on."""

    tuid: str | None
    variants: list[tuple[str, str]]
    props: dict[str, str] = field(default_factory=dict)
    line: int | None = None

    @property
    def texts(self) -> dict[str, str]:
        """Text per language (of a language met twice, the last)."""
        return dict(self.variants)


def seg_text(seg: etree._Element) -> str:
    """The text of a `<seg>`, inline codes left out (a line break's read as a space)."""
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str) and child.tag not in _CODES:
            parts.append(seg_text(child))
        elif isinstance(child.tag, str) and breaks_line(child):
            parts.append(" ")
        parts.append(child.tail or "")
    return "".join(parts)


def _units(root: etree._Element, label: str) -> list[TranslationUnit]:
    if root.tag != "tmx":
        raise InputError(f"is not TMX (root element <{root.tag}>)", label)
    units = []
    for tu in root.iterfind("body/tu"):
        variants = []
        for tuv in tu.iterfind("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            if lang is None or seg is None:
                raise InputError(f"line {tuv.sourceline}: <tuv> without xml:lang or <seg>", label)
            variants.append((lang, seg_text(seg)))
        props = {p.get("type", ""): p.text or "" for p in tu.iterfind("prop")}
        units.append(TranslationUnit(tu.get("tuid"), variants, props, tu.sourceline))
    return units


def read_tmx(source: str | Path | bytes) -> list[TranslationUnit]:
    """The translation units of a TMX file (a path, "-" or bytes), parsed safely."""
    label = "<bytes>" if isinstance(source, bytes) else str(source)
    return _units(parse_xml(source, label), label)


def _where(n: int, unit: TranslationUnit) -> str:
    return f"unit {n} (line {unit.line})" if unit.line else f"unit {n}"


def _coded(units: list[TranslationUnit], path: str) -> list[list[tuple[str, str]]]:
    """Each unit's (language, text), its codes in canonical form."""
    return [[(language(code, path, _where(n, unit)), text) for code, text in unit.variants]
            for n, unit in enumerate(units, 1)]


def _by_position(units: list[TranslationUnit], coded: list[list[tuple[str, str]]], srclang: str | None,
                 path: str) -> list[tuple[tuple[str, str], tuple[str, str]] | None]:
    """Each unit as (source, target) of a memory whose sides are told by position (module
    docstring); None for a unit without `<tuv>`s."""
    pairs: list[tuple[tuple[str, str], tuple[str, str]] | None] = []
    sides: tuple[str | None, str | None] = (srclang, None)  # the source's and target's languages, as found
    for n, (unit, variants) in enumerate(zip(units, coded), 1):
        if not variants:
            pairs.append(None)
            continue
        if len(variants) != 2:
            langs = ", ".join(lang for lang, _ in variants)
            raise InputError(f"{_where(n, unit)}: {len(variants)} <tuv>{'s' * (len(variants) > 1)} ({langs}) in a "
                             "memory whose units have one language on both sides; each unit needs exactly two, "
                             "its source and its target", path)
        (first, _), (second, _) = variants
        swap = first != second and (second == sides[0] or (first == sides[1] and sides[0] not in (first, second)))
        pair = (variants[1], variants[0]) if swap else (variants[0], variants[1])
        pairs.append(pair)
        if sides[1] is None:
            sides = (sides[0] or pair[0][0], pair[1][0])
    return pairs


def _sides_of_locales(coded: list[list[tuple[str, str]]]) -> dict[str, str]:
    """Each language of a memory whose units hold each language once, as the side it is on: the
    locales of one language that no unit holds two of are one side, named by the language."""
    together: set[str] = set()
    locales: dict[str, list[str]] = {}
    for variants in coded:
        found = [languages.individual(lang) for lang, _ in variants]
        together.update(p for p in found if found.count(p) > 1)
        for lang, _ in variants:
            locales.setdefault(languages.individual(lang), []).append(lang)
    return {lang: lang if p in together else languages.common(codes) or lang
            for p, codes in locales.items() for lang in codes}


def _side_language(langs: list[str], side: str, path: str) -> str:
    """The language of a side told by position, from its units' (module docstring)."""
    found = languages.common(langs)
    if found is None:
        log.warning("%s: the %s side holds units in %s; labelled %s, its first unit's", path, side,
                    ", ".join(dict.fromkeys(langs)), langs[0])
    return found or langs[0]


def read_tmx_sources(given: InputText) -> list[SourceText]:
    """The reader of the TMX format: one text per side (see the module docstring)."""
    root = parse_xml_text(given.text, given.path)
    units = _units(root, given.path)
    header = root.find("header")
    code = header.get("srclang", "") if header is not None else ""
    srclang = language(code, given.path, "header srclang") if code and code != "*all*" else None
    coded = _coded(units, given.path)
    sides = UnitTexts(given.path, "tmx")
    if all(len({lang for lang, _ in variants}) == len(variants) for variants in coded):
        side = _sides_of_locales(coded)
        for n, (unit, variants) in enumerate(zip(units, coded), 1):
            for lang, text in variants:
                sides.add(side[lang], unit.tuid, n, [(None, text)])
        return sides.texts([side.get(srclang, srclang)] if srclang else [])
    pairs = _by_position(units, coded, srclang, given.path)
    found = [pair for pair in pairs if pair]
    langs = [_side_language([pair[k][0] for pair in found], name, given.path) if found else ""
             for k, name in enumerate(("source", "target"))]
    keys = side_keys(langs[0], langs[1])
    for n, pair in enumerate(pairs, 1):
        for key, lang, (_, text) in zip(keys, langs, pair or ()):
            sides.add(lang, units[n - 1].tuid, n, [(None, text)], key=key)
    return sides.texts(keys)
