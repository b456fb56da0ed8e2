"""Glossary markup in TEI, added to the writer's tree as extensions (`tei.writer.Extension`).

- `names_extension`: names found in `<s>` become `<persName ref="#gl.ID">` (`<orgName>`,
  `<placeName>`, `<term>` by entry kind); a non-preferred spelling becomes
  `<choice><orig>Ezhov</orig><reg>Yezhov</reg></choice>`, so readers see the preferred form and
  the original stays recoverable. The entries named are listed in `profileDesc`
  (`particDesc/listPerson`, `particDesc/listOrg`, `settingDesc/listPlace`,
  `textClass/keywords/list` for terms) with every rendering, and a second `editorialDecl`
  (`@n="glossary"`) says what was regularized.
- `findings_extension`: glossary check findings as `@ana` on links, pointing at categories of
  a `taxonomy` in `classDecl`, with the details in a standOff `interpGrp` (`interp/@inst` points
  back at the link).
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import replace
from typing import Sequence

from lxml import etree

from corpora.model import Bitext, Document

from glossary.apply import NameSpan, name_spans
from glossary.check import KINDS, Finding
from glossary.match import Matcher
from glossary.model import Entry

from tei.declarations import FINDINGS_TAXONOMY
from tei.names import TEI_NS, XML_ID, XML_LANG, sub, tei
from tei.inline import element_text
from tei.writer import Extension

_NS = {"t": TEI_NS}
PREFIX = "gl."
_ELEMENT = {"person": "persName", "org": "orgName", "place": "placeName", "term": "term"}
_LIST = {"person": ("listPerson", "person", "persName"), "org": ("listOrg", "org", "orgName"),
         "place": ("listPlace", "place", "placeName")}
_CATEGORY = {
    "variant": "The target spells a glossary entry with a non-preferred variant.",
    "missing": "A glossary entry named in the source is not rendered in the target.",
    "suspect": "The target renders a glossary entry with a word that only resembles it.",
}


def _is_glossary_choice(choice: etree._Element) -> bool:
    """A `<choice>` that glossary markup wrote: inside a name pointing at a glossary entry."""
    parent = choice.getparent()
    return (parent is not None and (parent.get("ref") or "").startswith(f"#{PREFIX}")
            and choice.find("t:orig", _NS) is not None)


def original_texts(root: etree._Element) -> dict[str, str]:
    """Sentence id -> the text of an `<s>` whose names glossary markup regularized, with the
    original spellings (`<orig>`) put back: what `glossary apply` applies to, so applying
    again keeps the earlier `<orig>`."""
    out = {}
    for s in root.iter(tei("s")):
        choices = [c for c in s.iter(tei("choice")) if _is_glossary_choice(c)]
        if not choices or not s.get(XML_ID):
            continue
        copy = deepcopy(s)
        for choice in [c for c in copy.iter(tei("choice")) if _is_glossary_choice(c)]:
            orig = choice.find("t:orig", _NS)
            replacement = sub(choice.getparent(), "seg", "".join(orig.itertext()))
            choice.getparent().replace(choice, replacement)
            replacement.tail = choice.tail
        out[s.get(XML_ID)] = element_text(copy)
    return out


def with_original_spellings(bitext: Bitext, root: etree._Element) -> Bitext:
    """The bitext read from `root` with the spellings earlier glossary markup regularized
    restored (see `original_texts`)."""
    originals = original_texts(root)
    if not originals:
        return bitext

    def restore(doc: Document) -> Document:
        paragraphs = [replace(p, segments=tuple(replace(s, text=originals[s.id], markup=None) if s.id in originals else s
                                                for s in p.segments))
                      for p in doc.paragraphs]
        return replace(doc, paragraphs=paragraphs)

    return Bitext(restore(bitext.source), restore(bitext.target), bitext.links, bitext.meta)


def _mark_sentence(s: etree._Element, text: str, spans: list[NameSpan]) -> None:
    """Replace the text of an `<s>` by the same text with names marked."""
    s.text = text[: spans[0].start]
    for k, span in enumerate(spans):
        name = etree.SubElement(s, tei(_ELEMENT[span.kind]), ref=f"#{PREFIX}{span.entry_id}")
        if span.reg:
            choice = sub(name, "choice")
            sub(choice, "orig", span.orig)
            sub(choice, "reg", span.reg)
        else:
            name.text = span.orig
        nxt = spans[k + 1].start if k + 1 < len(spans) else len(text)
        name.tail = text[span.end:nxt]


def _renderings(parent: etree._Element, tag: str, e: Entry, src_lang: str, other_tag: str | None = None) -> None:
    """The canonical source form and every rendering of an entry, `@type` giving the status."""
    sub(parent, tag, e.source, xml_lang=src_lang, type="canonical")
    for lang, r in e.renderings.items():
        for term, status in r.terms():
            sub(parent, other_tag or tag, term, xml_lang=lang, type=status)


def _child(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """The first child `tag` of `parent` with these attributes, made if there is none (a file
    read back keeps the declarations an earlier `apply` made; new entries join them)."""
    test = "".join(f"[@{k}='{v}']" for k, v in attrs.items())
    found = parent.find(f"t:{tag}{test}", _NS)
    return found if found is not None else sub(parent, tag, **attrs)


def _list_entries(header: etree._Element, entries: list[Entry], src_lang: str) -> None:
    """Declare the named entries in `profileDesc`: people and bodies in `particDesc`, places in
    `settingDesc`, terms as a keyword list in `textClass`, each with all its renderings."""
    profile = header.find("t:profileDesc", _NS)
    for kind, (list_tag, item_tag, name_tag) in _LIST.items():
        mine = [e for e in entries if e.kind == kind]
        if not mine:
            continue
        parent = _child(profile, "settingDesc" if kind == "place" else "particDesc")
        lst = _child(parent, list_tag, type="glossary")
        for e in mine:
            item = sub(lst, item_tag, xml_id=PREFIX + e.id)
            _renderings(item, name_tag, e, src_lang)
            if e.note:
                sub(item, "note", e.note)
    terms = [e for e in entries if e.kind == "term"]
    if terms:
        lst = _child(_child(_child(profile, "textClass"), "keywords"), "list", type="glossary")
        for e in terms:
            _renderings(sub(lst, "item", xml_id=PREFIX + e.id), "term", e, src_lang, "gloss")


def names_extension(matcher: Matcher, regularize: bool = True) -> Extension:
    """An extension marking glossary names in every `<s>` (and regularizing spellings)."""

    def extend(root: etree._Element, bitext: Bitext) -> None:
        used: dict[str, None] = {}
        for text_el in root.iterfind(".//t:group/t:text", _NS):
            lang = text_el.get(XML_LANG) or ""
            for s in text_el.iter(tei("s")):
                if len(s) or not s.text:
                    continue
                spans = name_spans(matcher, s.text, lang, regularize)
                if spans:
                    _mark_sentence(s, s.text, spans)
                    used.update(dict.fromkeys(sp.entry_id for sp in spans))
        if not used:
            return
        header = root.find("t:teiHeader", _NS)
        declared = set(root.xpath("//@xml:id"))
        _list_entries(header, [matcher.entries[i] for i in used if PREFIX + i not in declared],
                      matcher.glossary.src_lang)
        changed = len(root.xpath(".//t:group/t:text//t:s//t:choice[t:reg][ancestor::*[starts-with(@ref, "
                                 "'#gl.')]]", namespaces=_NS))
        if changed:
            encoding = header.find("t:encodingDesc", _NS)
            for old in encoding.iterfind("t:editorialDecl[@n='glossary']", _NS):
                encoding.remove(old)  # the count below covers the spellings an earlier run regularized
            norm = sub(sub(encoding, "editorialDecl", n="glossary"), "normalization")
            sub(norm, "p", f"{changed} spellings of names and terms were regularized to the glossary's preferred "
                           "rendering (<reg>); the original spelling is kept in <orig>.")

    return extend


def findings_extension(findings: Sequence[Finding]) -> Extension:
    """An extension recording glossary findings on the links they concern."""

    def extend(root: etree._Element, bitext: Bitext) -> None:
        if not findings:
            return
        encoding = root.find("t:teiHeader/t:encodingDesc", _NS)
        class_decl = sub(encoding, "classDecl")
        taxonomy = sub(class_decl, "taxonomy", xml_id=FINDINGS_TAXONOMY)
        sub(taxonomy, "desc", "Glossary check findings (bitext glossary check)")
        for kind in KINDS:
            category = sub(taxonomy, "category", xml_id=PREFIX + kind)
            sub(category, "catDesc", _CATEGORY[kind])
        links = {el.get(XML_ID): el for el in root.iterfind(".//t:linkGrp[@type='alignment']/t:link", _NS)}
        standoff = root.find("t:standOff", _NS)
        group = sub(standoff, "interpGrp", type="glossary-findings")
        for n, f in enumerate(findings, 1):
            link = links.get(f.link_id)
            if link is None:
                continue
            tokens = (link.get("ana") or "").split()
            if f"#{PREFIX}{f.kind}" not in tokens:
                link.set("ana", " ".join(tokens + [f"#{PREFIX}{f.kind}"]))
            has = f.target_has or "nothing"
            sub(group, "interp", f"{f.source_form} ({f.source_term}): preferred {f.preferred or '-'}; target has {has}",
                xml_id=f"{PREFIX}f{n}", inst=f"#{f.link_id}", ana=f"#{PREFIX}{f.kind}")
        if not len(group):
            standoff.remove(group)

    return extend
