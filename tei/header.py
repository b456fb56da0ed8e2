"""The `teiHeader` of a bitext, written from `Bitext.meta` and read back into it.

`build_header` and `read_header` sit side by side so that reading a header and writing it again
gives the same bytes. The metadata keys are defined in `corpora.metadata`; the internal keys
(`signature`, `segmentation`, `source_file`/`target_file` and their `_sha256` checksums, and the
revision: `change`, `change_date`, `change_by`, `history`) are filled by the pipeline or the
reader.
"""

from __future__ import annotations

import json

from lxml import etree

from corpora.languages import display_name
from corpora.metadata import joined, names, people, side_value, titles
from corpora.model import Bitext
from corpora.version import __version__

from tei.clashes import rename_tree, renaming
from tei.dates import output_date
from tei.declarations import ALIGNMENT, BY_HAND, CHECKED, CHECKING, CORRECTED, TRANSLATION
from tei.declarations import META_KEY as DECLARATIONS
from tei.declarations import add_parts, declared_ids, foreign_parts, is_ours, kept_declarations, parse_header
from tei.relocate import KEPT
from tei.names import TEI_NS, XML_ID, XML_LANG, sub, tei
from tei.reviewers import REVIEWER_ID, id_order, read_reviewers, reviewer_name
from tei.root_attributes import add_attributes, kept_value, root_attributes

ALIGNER_ID = "bitext"
_NS = {"t": TEI_NS}
_SIDES = ("source", "target")
NO_LICENCE = "No licence was given; ask the rights holders of the source texts before reusing them."
NOT_PUBLISHED = "Produced with bitext; not formally published."
CHECKSUM_TYPE = "sha256"  # sourceDesc: <idno type="sha256"> of each input file

DEFAULT_CHANGE = "Aligned automatically by bitext."


History = list  # an earlier revision: [when, who, text] bitext wrote, or a `<change>` kept as XML


def _history(meta: dict[str, str]) -> list[History | str]:
    """The earlier revisions, newest first: bitext's as [when, who, text], those kept from an
    input's own header (tei.declarations) as the XML of their `<change>`."""
    return json.loads(meta.get("history") or "[]")


def human_resps(bitext: Bitext) -> list[str]:
    """The ids of every responsibility other than the aligner's that links or revisions name, in
    id order (tei.reviewers.id_order: `human` before `human2`, whoever's links come first)."""
    seen = dict.fromkeys(link.resp.lstrip("#") for link in bitext.links if link.resp)
    whos = [bitext.meta.get("change_by") or ""] + [e[1] for e in _history(bitext.meta) if isinstance(e, list)]
    seen.update(dict.fromkeys(part.lstrip("#") for who in whos for part in who.split() if part))
    seen.pop(ALIGNER_ID, None)
    declared = declared_ids(bitext.meta.get(DECLARATIONS))  # an input's own header names its people
    return sorted((rid for rid in seen if rid not in declared), key=id_order)


def _translator(parent: etree._Element, value: str) -> None:
    """One respStmt of translation naming each translator (corpora.metadata.PEOPLE)."""
    resp = sub(parent, "respStmt")
    sub(resp, "resp", TRANSLATION)
    for name in names(value):
        sub(resp, "persName", name)


def _texts(parent: etree._Element | None, path: str) -> str | None:
    """The people of the elements at `path` as metadata keeps them (corpora.metadata.joined)."""
    found = [] if parent is None else [el.text for el in parent.iterfind(path, _NS) if el.text]
    return joined(found) if found else None


def _default_title(bitext: Bitext) -> str:
    return f"{display_name(bitext.source.lang)}-{display_name(bitext.target.lang)} sentence alignment"


def edition_title(bitext: Bitext) -> str:
    """The title of the aligned edition: the metadata's main titles (parallel ones joined by
    ' / '), else '<Language>-<Language> sentence alignment' (the review page's, so a page made
    before the TEI is read back says what one made from the TEI does)."""
    return " / ".join(title for _, title in titles(bitext.meta, "title")) or _default_title(bitext)


def _titles(stmt: etree._Element, bitext: Bitext) -> None:
    """The edition's `<title>`s: its main titles (one, or parallel ones with @xml:lang), then its
    subtitles; with subtitles the main titles are `type="main"`, the subtitles `type="sub"`."""
    mains = titles(bitext.meta, "title") or [(None, _default_title(bitext))]
    subtitles = titles(bitext.meta, "subtitle")
    for kind, found in (("main" if subtitles else None, mains), ("sub", subtitles)):
        for lang, title in found:
            sub(stmt, "title", title, type=kind, xml_lang=lang)


def _read_titles(header: etree._Element) -> dict[str, str]:
    """The title keys of the `<title>`s `_titles` wrote (as corpora.metadata.validate keeps them)."""
    found: dict[str, list[tuple[str | None, str]]] = {"title": [], "subtitle": []}
    for el in header.iterfind("t:fileDesc/t:titleStmt/t:title", _NS):
        if el.text:
            found["subtitle" if el.get("type") == "sub" else "title"].append((el.get(XML_LANG), el.text))
    return {key: json.dumps(dict(pairs), ensure_ascii=False) if any(lang for lang, _ in pairs)
            else joined([title for _, title in pairs]) for key, pairs in found.items() if pairs}


def _title_stmt(parent: etree._Element, bitext: Bitext) -> None:
    meta = bitext.meta
    stmt = sub(parent, "titleStmt")
    _titles(stmt, bitext)
    for author in people(meta, "author"):
        sub(stmt, "author", author)
    for editor in people(meta, "editor"):
        sub(stmt, "editor", editor, role=meta.get("editor_role"))
    if meta.get("translator"):
        _translator(stmt, meta["translator"])
    resp = sub(stmt, "respStmt")
    sub(resp, "resp", ALIGNMENT)
    sub(resp, "name", f"bitext {__version__}", xml_id=ALIGNER_ID)
    linked = {link.resp.lstrip("#") for link in bitext.links if link.resp}
    # who links name checked links; who revisions alone name corrected text (a review without
    # link steps); a reviewer named before any review (--meta, or read back from a file whose
    # corrections alone declared them) is declared too, so the name is kept and @resp resolves;
    # beside the later reviewers too, unless one of them is that person (tei.reviewers)
    named = human_resps(bitext)
    kinds = {rid: CHECKED if rid in linked else CORRECTED for rid in named}
    if (meta.get("reviewer") and REVIEWER_ID not in kinds and REVIEWER_ID not in declared_ids(meta.get(DECLARATIONS))
            and all(reviewer_name(meta, rid) != meta["reviewer"] for rid in named)):
        kinds[REVIEWER_ID] = CHECKING
    for rid, kind in sorted(kinds.items(), key=lambda item: id_order(item[0])):
        resp = sub(stmt, "respStmt")
        sub(resp, "resp", kind)
        sub(resp, "name", reviewer_name(meta, rid), xml_id=rid)


def _edition_stmt(parent: etree._Element, meta: dict[str, str]) -> None:
    if meta.get("edition"):
        sub(sub(parent, "editionStmt"), "edition", meta["edition"])


def _publication_stmt(parent: etree._Element, meta: dict[str, str]) -> None:
    """Who publishes the edition (`<publisher>`; `<authority>` saying nobody when not given),
    where, when, its identifier and on what terms."""
    pub = sub(parent, "publicationStmt")
    if meta.get("publisher"):
        sub(pub, "publisher", meta["publisher"])
    else:
        sub(pub, "authority", NOT_PUBLISHED)
    if meta.get("pubplace"):
        sub(pub, "pubPlace", meta["pubplace"])
    if meta.get("date"):
        sub(pub, "date", meta["date"], when=meta["date"])
    if meta.get("idno"):
        sub(pub, "idno", meta["idno"], type=meta.get("idno_type"))
    availability = sub(pub, "availability")
    if meta.get("availability"):
        sub(availability, "p", meta["availability"])
    if meta.get("licence") or meta.get("licence_url"):
        sub(availability, "licence", meta.get("licence") or meta["licence_url"], target=meta.get("licence_url"))
    elif not meta.get("availability"):
        sub(availability, "p", NO_LICENCE)


def _source_desc(parent: etree._Element, bitext: Bitext) -> None:
    meta = bitext.meta
    source_desc = sub(parent, "sourceDesc")
    for side, doc in zip(_SIDES, (bitext.source, bitext.target)):
        bibl = sub(source_desc, "bibl", xml_lang=doc.lang, type=side)
        sub(bibl, "title", meta.get(f"{side}_title") or doc.title or f"{display_name(doc.lang)} text ({side})")
        for author in names(side_value(meta, side, "author")):
            sub(bibl, "author", author)
        if side == "target" and meta.get("translator"):
            _translator(bibl, meta["translator"])
        description = side_value(meta, side, "bibl")
        if description:
            sub(bibl, "note", description, type="bibl")
        for key, idno_type in (("doi", "DOI"), ("url", "URI")):
            value = side_value(meta, side, key)
            if value:
                sub(bibl, "idno", value, type=idno_type)
        if meta.get(f"{side}_file"):
            sub(bibl, "idno", meta[f"{side}_file"], type="file")
        if meta.get(f"{side}_sha256"):
            sub(bibl, "idno", meta[f"{side}_sha256"], type=CHECKSUM_TYPE)


def _encoding_desc(parent: etree._Element, meta: dict[str, str]) -> None:
    encoding = sub(parent, "encodingDesc")
    app_info = sub(encoding, "appInfo")
    app = sub(app_info, "application", ident="bitext", version=__version__)
    sub(app, "label", "bitext")
    if meta.get("signature"):
        sub(app, "desc", meta["signature"], type="signature")
    editorial = sub(encoding, "editorialDecl")
    seg = sub(editorial, "segmentation")
    sub(seg, "p", meta.get("segmentation") or "Texts were segmented into sentences (<s>) by bitext.")
    interp = sub(editorial, "interpretation")
    sub(interp, "p", "Links in the standOff linkGrp join the sentences of the two texts. @type gives the "
                     "number of sentences on each side (1-0 and 0-1 point at an omission anchor), @cert the "
                     "aligner's score between 0 and 1, @resp who made the link.")


# Keys that describe a run, not the texts: a new alignment of a file's texts writes its own (the
# parts and revisions it keeps of the file come from the file itself: tei.adoption).
RUN_KEYS = ("signature", "segmentation", "change", "change_date", "change_by", *KEPT)


def carried(meta: dict[str, str], swapped: bool = False) -> dict[str, str]:
    """The metadata of a file bitext wrote that a new alignment of its texts keeps (`realign`,
    `align X.xml X.xml`): who made and reviewed it, its titles, licence, sources, the input
    files first aligned with their checksums, all but the run's (RUN_KEYS); a file named
    without its checksum (earlier versions) is left to the new run to name. `swapped`: the
    file's target text is the new source, so each side's keys change sides."""
    kept = {key: value for key, value in meta.items() if key not in RUN_KEYS}
    for side in _SIDES:
        if f"{side}_sha256" not in kept:
            kept.pop(f"{side}_file", None)
    if swapped:
        kept = {_other_side(key): value for key, value in kept.items()}
    return kept


def _other_side(key: str) -> str:
    side, _, rest = key.partition("_")
    return f"{_SIDES[1 - _SIDES.index(side)]}_{rest}" if side in _SIDES and rest else key


def _revision_desc(parent: etree._Element, meta: dict[str, str]) -> None:
    revision = sub(parent, "revisionDesc")
    sub(revision, "change", meta.get("change") or DEFAULT_CHANGE, when=meta.get("change_date") or output_date(),
        who=meta.get("change_by") or f"#{ALIGNER_ID}")
    for entry in _history(meta):
        if isinstance(entry, str):
            revision.append(parse_header(entry))
        else:
            when, who, text = entry
            sub(revision, "change", text, when=when, who=who)


def build_header(bitext: Bitext) -> etree._Element:
    """A header an archive accepts, filled from `bitext.meta` with defaults for what is missing."""
    header = etree.Element(tei("teiHeader"))
    file_desc = sub(header, "fileDesc")
    _title_stmt(file_desc, bitext)
    _edition_stmt(file_desc, bitext.meta)
    _publication_stmt(file_desc, bitext.meta)
    _source_desc(file_desc, bitext)
    _encoding_desc(header, bitext.meta)
    profile = sub(header, "profileDesc")
    lang_usage = sub(profile, "langUsage")
    for code in dict.fromkeys([bitext.source.lang, bitext.target.lang]):
        sub(lang_usage, "language", display_name(code), ident=code)
    _revision_desc(header, bitext.meta)
    return header


def new_revision(meta: dict[str, str], text: str, who: str = ALIGNER_ID) -> None:
    """Start a new revision entry made by `who` (an id declared in the header; dated on
    writing), keeping the current one in the history."""
    if meta.get("change_date"):
        history = _history(meta)
        history.insert(0, [meta["change_date"], meta.get("change_by") or f"#{ALIGNER_ID}",
                           meta.get("change") or DEFAULT_CHANGE])
        meta["history"] = json.dumps(history, ensure_ascii=False)
    meta.pop("change_date", None)
    meta["change"] = text
    if who == ALIGNER_ID:
        meta.pop("change_by", None)
    else:
        meta["change_by"] = f"#{who}"


def _written(change: etree._Element) -> bool:
    """Whether a `<change>` is as bitext writes one: @when and @who, text and nothing else."""
    return list(change.attrib) == ["when", "who"] and not len(change) and bool(change.text)


def adopt_header(meta: dict[str, str], envelope: str, text_id: str, taken: set[str], own: list[str],
                 label: str, moved: dict[str, str] | None = None) -> dict[str, str]:
    """Keep what an input's own `<TEI>` (`envelope`: its root, header and resources, see
    tei.declarations) holds beside its text in the output: of a file bitext wrote, the parts it
    keeps, its revisions and its root's attributes; of any other, its description of the text,
    its declarations, resources, revisions and root's attributes (tei.root_attributes), its ids
    that the output already has (`taken`, and the parts kept so far) renamed; then the ids its
    text keeps (`own`) that are taken renamed too (tei.clashes), its pointers following both and
    its sentences' ids renamed elsewhere (`moved`, old -> new; its revisions' and resources'
    pointers too). Returns the renaming, old -> new, for its text to follow; `taken` then holds
    every id."""
    root = parse_header(envelope)
    header = root.find("t:teiHeader", _NS)
    ours = header is not None and is_ours(header)
    taken.update(declared_ids(meta.get(DECLARATIONS)), (ALIGNER_ID, REVIEWER_ID))
    mapping = {} if ours else renaming(root.xpath("//@xml:id"), taken, text_id)
    taken.update(root.xpath("//@xml:id"))
    mapping.update(renaming(own, taken, text_id))
    rename_tree(root, {**(moved or {}), **mapping})
    if ours:
        parts = json.loads(kept_declarations(root) or "[]")
        old = read_header(header)
        changes: list[History | str] = _history(old)
        if old.get("change_date"):
            changes.insert(0, [old["change_date"], old.get("change_by") or f"#{ALIGNER_ID}",
                               old.get("change") or DEFAULT_CHANGE])
    else:
        _identify_file(root, meta)
        parts, foreign = foreign_parts(root, text_id)
        changes = list(foreign)
    add_parts(meta, parts)
    add_attributes(meta, root_attributes(root, ours), label)
    if changes:
        meta["history"] = json.dumps(_history(meta) + changes, ensure_ascii=False)
    return mapping


def _identify_file(root: etree._Element, meta: dict[str, str]) -> None:
    """An input's root xml:id where the output's root keeps another (the source's): on its
    fileDesc, which is kept as the `<biblFull>` that describes its file, the place in the output
    that still stands for that file (a pointer to it finds its description); left on the root,
    to be said in a warning, where the input has no fileDesc or that has an id of its own."""
    rid, kept = root.get(XML_ID), kept_value(meta, XML_ID)
    file_desc = root.find("t:teiHeader/t:fileDesc", _NS)
    if rid and kept and kept != rid and file_desc is not None and file_desc.get(XML_ID) is None:
        file_desc.set(XML_ID, rid)
        del root.attrib[XML_ID]


def _text(header: etree._Element | None, path: str) -> str | None:
    el = None if header is None else header.find(path, _NS)
    return None if el is None or el.text is None else el.text


def read_header(header: etree._Element) -> dict[str, str]:
    """The metadata a header written by `build_header` was made from (defaults included)."""
    meta: dict[str, str] = {}

    def put(key: str, value: str | None) -> None:
        if value:
            meta[key] = value

    meta.update(_read_titles(header))
    put("author", _texts(header, "t:fileDesc/t:titleStmt/t:author"))
    put("translator", _texts(header, f"t:fileDesc/t:titleStmt/t:respStmt[t:resp='{TRANSLATION}']/t:persName"))
    editor = header.find("t:fileDesc/t:titleStmt/t:editor", _NS)
    if editor is not None:
        put("editor", _texts(header, "t:fileDesc/t:titleStmt/t:editor"))
        put("editor_role", editor.get("role"))
    put("edition", _text(header, "t:fileDesc/t:editionStmt/t:edition"))
    reviewers = {}
    for stmt in header.iterfind("t:fileDesc/t:titleStmt/t:respStmt", _NS):  # not the people an archive declares
        name = stmt.find("t:name", _NS)
        if stmt.findtext("t:resp", namespaces=_NS) in BY_HAND and name is not None and name.get(XML_ID) != ALIGNER_ID and name.text:
            reviewers[name.get(XML_ID) or ""] = name.text
    meta.update(read_reviewers(reviewers))
    pub = header.find("t:fileDesc/t:publicationStmt", _NS)
    put("publisher", _text(pub, "t:publisher"))
    if _text(pub, "t:authority") != NOT_PUBLISHED:  # files of earlier versions wrote the publisher here
        put("publisher", _text(pub, "t:authority"))
    put("pubplace", _text(pub, "t:pubPlace"))
    put("date", _text(pub, "t:date"))
    idno = None if pub is None else pub.find("t:idno", _NS)
    if idno is not None:
        put("idno", idno.text)
        put("idno_type", idno.get("type"))
    if _text(pub, "t:availability/t:p") != NO_LICENCE:
        put("availability", _text(pub, "t:availability/t:p"))
    licence = header.find("t:fileDesc/t:publicationStmt/t:availability/t:licence", _NS)
    if licence is not None:
        put("licence_url", licence.get("target"))
        if licence.text != licence.get("target"):
            put("licence", licence.text)
    for side in _SIDES:
        bibl = header.find(f"t:fileDesc/t:sourceDesc/t:bibl[@type='{side}']", _NS)
        if bibl is None:
            continue
        put(f"{side}_title", _text(bibl, "t:title"))
        if _texts(bibl, "t:author") != meta.get("author"):
            put(f"{side}_author", _texts(bibl, "t:author"))
        put(f"{side}_bibl", _text(bibl, "t:note[@type='bibl']"))
        put(f"{side}_doi", _text(bibl, "t:idno[@type='DOI']"))
        put(f"{side}_url", _text(bibl, "t:idno[@type='URI']"))
        put(f"{side}_file", _text(bibl, "t:idno[@type='file']"))
        put(f"{side}_sha256", _text(bibl, f"t:idno[@type='{CHECKSUM_TYPE}']"))
    put("signature", _text(header, "t:encodingDesc/t:appInfo/t:application/t:desc[@type='signature']"))
    put("segmentation", _text(header, "t:encodingDesc/t:editorialDecl/t:segmentation/t:p"))
    changes = header.findall("t:revisionDesc/t:change", _NS)
    if changes:
        put("change_date", changes[0].get("when"))
        put("change", changes[0].text)
        if changes[0].get("who") != f"#{ALIGNER_ID}":
            put("change_by", changes[0].get("who"))
        rest: list[History | str] = [[c.get("when"), c.get("who"), c.text] if _written(c) else etree.tostring(c, encoding="unicode", with_tail=False)
                for c in changes[1:]]
        if rest:
            meta["history"] = json.dumps(rest, ensure_ascii=False)
    return meta
