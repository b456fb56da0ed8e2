"""Glossary markup in TEI, added to the writer's tree as extensions (`tei.writer.Extension`).

- `names_extension`: names found in `<s>` become `<persName ref="#gl.ID">` (`<orgName>`,
  `<placeName>`, `<term>` by entry kind; `#gl.ID.2` ... with `@n="ID"` on the declaration when
  the file already has an element `gl.ID` of its own); a non-preferred spelling becomes
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

from typing import Collection, Iterable, Sequence

from lxml import etree

from corpora.model import Bitext, unique_id

from glossary.apply import NameSpan, name_spans
from glossary.check import KINDS, Finding
from glossary.match import Matcher
from glossary.model import Entry

from tei.declarations import FINDINGS_TAXONOMY
from tei.names import TEI_NS, XML_ID, XML_LANG, alignment_links, alignment_standoff, sub, tei
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
    "inconsistent": "The target spells a glossary entry otherwise than it usually does (the glossary has no "
                    "rendering in its language).",
}


_NAME_TAGS = frozenset(tei(tag) for tag in (*_ELEMENT.values(), "name"))
_SKIP_TAGS = _NAME_TAGS | {tei("choice"), tei("note"), tei("foreign")}  # no name is marked inside these


def _is_glossary_name(el: etree._Element, declared: Collection[str]) -> bool:
    """An element glossary markup wrote: a name pointing at a glossary entry the file declares
    (`declared`: their ids; an archive's own name pointing at its own `gl.` element is not one)."""
    return el.tag in _NAME_TAGS and (el.get("ref") or "").startswith(f"#{PREFIX}") and el.get("ref")[1:] in declared


def _glue(el: etree._Element, text: str) -> None:
    """Remove `el` from its parent, its place taken by `text` (and its tail)."""
    parent, prev = el.getparent(), el.getprevious()
    joined = text + (el.tail or "")
    if prev is not None:
        prev.tail = (prev.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    parent.remove(el)


def unmark_names(s: etree._Element, declared: Collection[str]) -> None:
    """Take the glossary markup an earlier run wrote out of an `<s>`, each name back to the
    spelling of the text itself (its `<orig>`), every other element left as it is: applying a
    glossary again starts from the text as published."""
    for el in [el for el in s.iter(*_NAME_TAGS) if _is_glossary_name(el, declared)]:
        orig = el.find("t:choice/t:orig", _NS)
        _glue(el, "".join((orig if orig is not None else el).itertext()))


def _slots(el: etree._Element, out: list[tuple[etree._Element, bool]]) -> list[tuple[etree._Element, bool]]:
    """The text nodes under `el` where a name may be marked, as (element, is its tail), in
    document order: not inside a name, a `<choice>`, a `<note>` or a `<foreign>` phrase."""
    out.append((el, False))
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _SKIP_TAGS:
            _slots(child, out)
        out.append((child, True))
    return out


def _name_element(span: NameSpan, tail: str) -> etree._Element:
    name = etree.Element(tei(_ELEMENT[span.kind]), ref=f"#{PREFIX}{span.entry_id}")
    if span.reg:
        choice = sub(name, "choice")
        sub(choice, "orig", span.orig)
        sub(choice, "reg", span.reg)
    else:
        name.text = span.orig
    name.tail = tail
    return name


def _mark_slot(el: etree._Element, tail: bool, spans: list[NameSpan]) -> None:
    """Put names into one text node of an `<s>` (the element's text, or its tail)."""
    text = (el.tail if tail else el.text) or ""
    names = [_name_element(sp, text[sp.end:spans[k + 1].start if k + 1 < len(spans) else len(text)])
             for k, sp in enumerate(spans)]
    if tail:
        el.tail = text[: spans[0].start]
        parent, at = el.getparent(), el.getparent().index(el) + 1
    else:
        el.text = text[: spans[0].start]
        parent, at = el, 0
    for k, name in enumerate(names):
        parent.insert(at + k, name)


def mark_names(s: etree._Element, matcher: Matcher, lang: str, regularize: bool = True,
               declared: Collection[str] = ()) -> list[NameSpan]:
    """Mark the glossary names of an `<s>` in place, in every text node outside other names,
    choices, notes and foreign phrases (markup an archive wrote stays where it is), once the
    names an earlier run marked (pointing at `declared` entries) are taken out; return the
    names found."""
    unmark_names(s, declared)
    found: list[NameSpan] = []
    for el, tail in _slots(s, []):
        text = (el.tail if tail else el.text) or ""
        spans = name_spans(matcher, text, lang, regularize) if text.strip() else []
        if spans:
            _mark_slot(el, tail, spans)
            found += spans
    return found


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


def _declared_entries(header: etree._Element) -> dict[str, str]:
    """Entry id -> xml:id of the entries an earlier `apply` declared (`_list_entries`)."""
    items = header.xpath("t:profileDesc//*[@type='glossary']/*[@xml:id]", namespaces=_NS)
    return {item.get("n") or item.get(XML_ID)[len(PREFIX):]: item.get(XML_ID) for item in items
            if item.get(XML_ID).startswith(PREFIX)}


def _list_entries(header: etree._Element, entries: list[Entry], src_lang: str, ids: dict[str, str]) -> None:
    """Declare the named entries in `profileDesc`: people and bodies in `particDesc`, places in
    `settingDesc`, terms as a keyword list in `textClass`, each with all its renderings, under
    its id of `ids` (`gl.<entry id>`, or a free one where the file used that: then `@n` names
    the entry)."""
    profile = header.find("t:profileDesc", _NS)
    for kind, (list_tag, item_tag, name_tag) in _LIST.items():
        mine = [e for e in entries if e.kind == kind]
        if not mine:
            continue
        parent = _child(profile, "settingDesc" if kind == "place" else "particDesc")
        lst = _child(parent, list_tag, type="glossary")
        for e in mine:
            item = sub(lst, item_tag, xml_id=ids[e.id], n=_entry_n(e.id, ids))
            _renderings(item, name_tag, e, src_lang)
            if e.note:
                sub(item, "note", e.note)
    terms = [e for e in entries if e.kind == "term"]
    if terms:
        lst = _child(_child(_child(profile, "textClass"), "keywords"), "list", type="glossary")
        for e in terms:
            _renderings(sub(lst, "item", xml_id=ids[e.id], n=_entry_n(e.id, ids)), "term", e, src_lang, "gloss")


def _entry_n(entry_id: str, ids: dict[str, str]) -> str | None:
    return None if ids[entry_id] == PREFIX + entry_id else entry_id


def glossary_ids(findings: Sequence[Finding], entry_ids: Iterable[str]) -> set[str]:
    """The ids the extensions may write: `findings_extension`'s for these findings, and
    `names_extension`'s for the entries (`entry_ids`) it may declare."""
    ids = {PREFIX + eid for eid in entry_ids}
    if findings:
        ids.update([FINDINGS_TAXONOMY, *(PREFIX + kind for kind in KINDS)])
        ids.update(f"{PREFIX}f{n}" for n in range(1, len(findings) + 1))
    return ids


def names_extension(matcher: Matcher, regularize: bool = True) -> Extension:
    """An extension marking glossary names in every `<s>` (and regularizing spellings)."""

    def extend(root: etree._Element, bitext: Bitext) -> None:
        header = root.find("t:teiHeader", _NS)
        declared = _declared_entries(header)
        foreign = [el for el in root.iterfind(".//t:group/t:text//t:s//*[@ref]", _NS)
                   if el.tag in _NAME_TAGS and not _is_glossary_name(el, declared.values())]
        used: dict[str, None] = {}
        for text_el in root.iterfind(".//t:group/t:text", _NS):
            lang = text_el.get(XML_LANG) or ""
            for s in text_el.iter(tei("s")):
                marked = mark_names(s, matcher, lang, regularize, declared.values())
                used.update(dict.fromkeys(sp.entry_id for sp in marked))
        if not used:
            return
        taken = set(root.xpath("//@xml:id"))
        ids = {i: declared.get(i) or unique_id(PREFIX + i, taken) for i in used}
        _list_entries(header, [matcher.entries[i] for i in used if i not in declared], matcher.glossary.src_lang, ids)
        moved = {f"#{PREFIX}{i}": f"#{xml_id}" for i, xml_id in ids.items() if xml_id != PREFIX + i}
        for name in root.iterfind(".//t:group/t:text//t:s//*[@ref]", _NS) if moved else ():
            if name.tag in _NAME_TAGS and name not in foreign:  # (the names just marked)
                name.set("ref", moved.get(name.get("ref"), name.get("ref")))
        # From each <choice> up (libxml2 took quadratic time over `group/text//s//choice`: 6.7 s
        # of 19 for a 4,000-sentence pair, 13 minutes for 20,000).
        changed = len(root.xpath(".//t:choice[t:reg][ancestor::t:s[ancestor::t:text/parent::t:group]]"
                                 "[ancestor::*[starts-with(@ref, '#gl.')]]", namespaces=_NS))
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
        standoff = alignment_standoff(root)  # (build_tei always writes it)
        if not findings or standoff is None:
            return
        encoding = root.find("t:teiHeader/t:encodingDesc", _NS)
        class_decl = sub(encoding, "classDecl")
        taxonomy = sub(class_decl, "taxonomy", xml_id=FINDINGS_TAXONOMY)
        sub(taxonomy, "desc", "Glossary check findings (bitext glossary check)")
        for kind in KINDS:
            category = sub(taxonomy, "category", xml_id=PREFIX + kind)
            sub(category, "catDesc", _CATEGORY[kind])
        links = {el.get(XML_ID): el for el in alignment_links(root)}
        group = sub(standoff, "interpGrp", type="glossary-findings")
        for n, f in enumerate(findings, 1):
            link = links.get(f.link_id)
            if link is None:
                continue
            tokens = (link.get("ana") or "").split()
            if f"#{PREFIX}{f.kind}" not in tokens:
                link.set("ana", " ".join(tokens + [f"#{PREFIX}{f.kind}"]))
            has = f.target_has or "nothing"
            wanted = "usually" if f.kind == "inconsistent" else "preferred"
            sub(group, "interp", f"{f.source_form} ({f.source_term}): {wanted} {f.preferred or '-'}; target has {has}",
                xml_id=f"{PREFIX}f{n}", inst=f"#{f.link_id}", ana=f"#{PREFIX}{f.kind}")
        if not len(group):
            standoff.remove(group)

    return extend
