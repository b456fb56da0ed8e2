"""TBX-Basic (ISO 30042:2019, TBX v3, DCA style): read and write glossaries without loss.

One `conceptEntry` per entry (`@id` = entry id); the source language's `langSec` holds the
canonical source form first, then any other source-language forms; each target `langSec` holds
its terms with
`termNote[@type='administrativeStatus']` = preferredTerm-admn-sts / admittedTerm-admn-sts /
deprecatedTerm-admn-sts. The entry kind is `descrip[@type='subjectField']` (person, org, place,
term) and the note a concept-level `note`. Files are parsed without resolving entities or
touching the network.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from corpora.errors import InputError
from corpora.languages import same_language
from corpora.xmlinput import parse_xml

from glossary.model import KINDS, Entry, Glossary, make_id

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
           "deprecated": "deprecatedTerm-admn-sts"}
_STATUS_BACK = {v: k for k, v in _STATUS.items()} | {"supersededTerm-admn-sts": "deprecated"}
_MODEL = ('href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
          'TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
          'schematypens="http://relaxng.org/ns/structure/1.0"')


def _t(tag: str) -> str:
    return f"{{{TBX_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _t(tag), {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def tbx_bytes(glossary: Glossary) -> bytes:
    """The glossary as a TBX-Basic v3 document (UTF-8, pretty-printed, deterministic)."""
    root = etree.Element(_t("tbx"), nsmap={None: TBX_NS}, type="TBX-Basic", style="dca")
    root.set(XML_LANG, glossary.src_lang)
    header = _sub(root, "tbxHeader")
    file_desc = _sub(header, "fileDesc")
    source_desc = _sub(file_desc, "sourceDesc")
    _sub(source_desc, "p", "Glossary written by bitext.")
    body = _sub(_sub(root, "text"), "body")
    for e in glossary.entries:
        concept = _sub(body, "conceptEntry", id=e.id)
        _sub(concept, "descrip", e.kind, type="subjectField")
        if e.note:
            _sub(concept, "note", e.note)
        pos = "noun" if e.kind == "term" else "properNoun"
        source_sec = _sub(concept, "langSec", **{XML_LANG: glossary.src_lang})
        term_sec = _sub(source_sec, "termSec")
        _sub(term_sec, "term", e.source)
        _sub(term_sec, "termNote", pos, type="partOfSpeech")
        for lang, r in e.renderings.items():
            # Other source-language forms follow the canonical one in its langSec.
            lang_sec = source_sec if same_language(lang, glossary.src_lang) else _sub(concept, "langSec", **{XML_LANG: lang})
            for term, status in r.terms():
                term_sec = _sub(lang_sec, "termSec")
                _sub(term_sec, "term", term)
                _sub(term_sec, "termNote", pos, type="partOfSpeech")
                _sub(term_sec, "termNote", _STATUS[status], type="administrativeStatus")
    etree.indent(root, space="  ")
    body_bytes = etree.tostring(root, encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model ' + _MODEL.encode() + b"?>\n" + body_bytes


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c) == name]


def _term_notes(term_sec: etree._Element) -> dict[str, str]:
    return {n.get("type", ""): (n.text or "").strip() for n in _children(term_sec, "termNote")}


def read_tbx(path: str | Path) -> Glossary:
    """Read a TBX file (v3 `conceptEntry` or v2 `termEntry`) into a glossary."""
    root = parse_xml(path)
    if _local(root) not in ("tbx", "martif"):
        raise InputError(f"is not TBX (root element <{_local(root)}>)", path)
    src_lang = (root.get(XML_LANG) or "ru").lower()
    glossary = Glossary(src_lang=src_lang, origin=str(path))
    taken: set[str] = set()
    for concept in root.iter(_t("conceptEntry"), "conceptEntry", _t("termEntry"), "termEntry"):
        lang_secs = [ls for ls in concept if _local(ls) in ("langSec", "langSet")]
        for ls in lang_secs:
            if not (ls.get(XML_LANG) or "").strip():
                raise InputError(f"line {ls.sourceline}: <{_local(ls)}> without xml:lang", path)
        source_terms = [
            ts for ls in lang_secs if same_language(ls.get(XML_LANG) or "", src_lang)
            for ts in ls if _local(ts) in ("termSec", "tig", "ntig")
        ]
        if not source_terms:
            continue
        source = _term_text(source_terms[0])
        if not source:
            raise InputError(f"line {source_terms[0].sourceline}: empty <term> (the entry's {src_lang} form)", path)
        eid = concept.get("id") or make_id(source, taken)
        if eid in taken and concept.get("id"):
            raise InputError(f"duplicate conceptEntry id {eid!r}", path)
        taken.add(eid)
        kind = next((d.text.strip() for d in _children(concept, "descrip")
                     if d.get("type") == "subjectField" and d.text and d.text.strip() in KINDS), "")
        if not kind:
            kind = "person" if _term_notes(source_terms[0]).get("partOfSpeech") == "properNoun" else "term"
        note = " ".join((n.text or "").strip() for n in _children(concept, "note")).strip()
        entry = glossary.add(Entry(eid, source, kind, note=note))
        # Target languages first, then other source-language forms (as TSV files list them).
        lang_secs.sort(key=lambda ls: same_language(ls.get(XML_LANG) or "", src_lang))
        for ls in lang_secs:
            lang = (ls.get(XML_LANG) or "").lower()
            for ts in ls:
                if _local(ts) not in ("termSec", "tig", "ntig") or ts is source_terms[0]:
                    continue
                term = _term_text(ts)
                if not term:  # no rendering, as a TSV row with an empty target
                    continue
                status = _STATUS_BACK.get(_term_notes(ts).get("administrativeStatus", ""), "")
                r = entry.rendering(lang)
                r.add(term, status or ("preferred" if r.preferred is None else "admitted"))
    return glossary


def _term_text(term_sec: etree._Element) -> str:
    for el in term_sec.iter():
        if _local(el) == "term":
            return "".join(el.itertext()).strip()
    return ""
