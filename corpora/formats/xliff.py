"""XLIFF 1.2 and 2.x (bilingual files of CAT tools): each side of the units as a text.

XLIFF 1.2: `<file source-language target-language>` of `<trans-unit id>` (in `<group>`s or not),
each one segment per side, or the segments its `<seg-source>` marks (`<mrk mtype="seg" mid>`,
matched in `<target>` by mid). XLIFF 2.0/2.1: `<xliff srcLang trgLang>`, `<unit id>` of
`<segment id>` (`<ignorable>` left out). Inline codes that stand for the original document's
formatting (1.2: `<bpt>`, `<ept>`, `<ph>`, `<it>`, `<x>`, `<bx>`, `<ex>`; 2.x: `<ph>`, `<sc>`,
`<ec>`, markers) are left out, but one standing for a line break reads as a space (units.breaks_line); `<g>`, `<pc>` and `<mrk>` keep their text; 2.x `<cp hex>` is its
character. A unit without a target has a source side only (corpora.formats.units). Where the
source and target languages are one (an en -> en review), the sides are `<lang>.src` and
`<lang>.tgt` (units.side_keys).
"""

from __future__ import annotations

from lxml import etree

from corpora.errors import InputError
from corpora.formats.units import UnitTexts, breaks_line, language, side_keys
from corpora.source import InputText
from corpora.sourcetext import SourceText
from corpora.xmlinput import parse_xml_text

_CODES = {"bpt", "ept", "ph", "it", "x", "bx", "ex", "sc", "ec", "sm", "em", "sub"}


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def inline_text(el: etree._Element) -> str:
    """The text of a `<source>`/`<target>` (or a marker in it), inline codes left out (a line
    break's read as a space: units.breaks_line)."""
    parts = [el.text or ""]
    for child in el:
        name = _local(child)
        if name == "cp":
            try:
                parts.append(chr(int(child.get("hex", ""), 16)))
            except ValueError:
                pass
        elif name and name not in _CODES:
            parts.append(inline_text(child))
        elif name and breaks_line(child):
            parts.append(" ")
        parts.append(child.tail or "")
    return "".join(parts)


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in el if _local(child) == name]


def _segments_12(unit: etree._Element, side: str) -> list[tuple[str | None, str]]:
    """The segments of a 1.2 trans-unit's side: by `<seg-source>` marks where it has them."""
    element = next(iter(_children(unit, side)), None)
    if element is None:
        return []
    seg_source = next(iter(_children(unit, "seg-source")), None)
    if seg_source is not None:
        marked_in = seg_source if side == "source" else element
        marks = [m for m in marked_in.iter() if _local(m) == "mrk" and m.get("mtype") == "seg"]
        if marks:
            return [(m.get("mid"), inline_text(m)) for m in marks]
    return [(None, inline_text(element))]


def _key(langs: dict[str, str | None], side: str, path: str, where: str) -> str:
    """The name of a side (units.side_keys): its language, or `<lang>.src`/`.tgt` where the
    source and target languages are one."""
    codes = [language(langs[s] or "", path, where) if langs[s] else "" for s in ("source", "target")]
    return side_keys(*codes)[0 if side == "source" else 1]


def _read_12(root: etree._Element, sides: UnitTexts, path: str) -> list[str]:
    order: list[str] = []
    n = 0
    for file_el in (f for f in root.iter() if _local(f) == "file"):
        langs = {"source": file_el.get("source-language"), "target": file_el.get("target-language")}
        for unit in (u for u in file_el.iter() if _local(u) == "trans-unit"):
            n += 1
            for side in ("source", "target"):
                segments = _segments_12(unit, side)
                if not any(text.strip() for _, text in segments):
                    continue
                if not langs[side]:
                    raise InputError(f"line {file_el.sourceline}: <file> names no {side}-language", path)
                lang = language(langs[side] or "", path, f"line {file_el.sourceline}")
                key = _key(langs, side, path, f"line {file_el.sourceline}")
                order.append(key)
                sides.add(lang, unit.get("id"), n, segments, key=key)
    return order


def _read_2(root: etree._Element, sides: UnitTexts, path: str) -> list[str]:
    codes = {"source": root.get("srcLang"), "target": root.get("trgLang")}
    if not codes["source"]:
        raise InputError("<xliff> names no srcLang", path)
    n = 0
    for unit in (u for u in root.iter() if _local(u) == "unit"):
        n += 1
        for side in ("source", "target"):
            segments = [(seg.get("id"), inline_text(found[0])) for seg in _children(unit, "segment")
                        if (found := _children(seg, side))]
            if not any(text.strip() for _, text in segments):
                continue
            if not codes[side]:
                raise InputError("<xliff> names no trgLang, but its units have targets", path)
            single = len(_children(unit, "segment")) == 1
            lang = language(codes[side] or "", path, "<xliff>")
            sides.add(lang, unit.get("id"), n, [(None if single else sid, text) for sid, text in segments],
                      key=_key(codes, side, path, "<xliff>"))
    return [_key(codes, side, path, "<xliff>") for side, code in codes.items() if code]


def read_xliff(given: InputText) -> list[SourceText]:
    """The reader of the XLIFF format: the source side, then the target side (module docstring)."""
    root = parse_xml_text(given.text, given.path)
    if _local(root) != "xliff":
        raise InputError(f"is not XLIFF (root element <{_local(root)}>)", given.path)
    version = root.get("version", "")
    sides = UnitTexts(given.path, "xliff")
    if version.startswith("1"):
        order = _read_12(root, sides, given.path)
    elif version.startswith("2"):
        order = _read_2(root, sides, given.path)
    else:
        raise InputError(f"is XLIFF version {version!r}; bitext reads 1.2 and 2.x", given.path)
    return sides.texts(order)
