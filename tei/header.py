"""The `teiHeader` of a bitext: titles, sources, languages, method and revision date."""

from __future__ import annotations

from lxml import etree

from corpora.languages import display_name
from corpora.model import Bitext
from corpora.version import __version__

from tei.dates import output_date
from tei.names import tei, sub


def build_header(bitext: Bitext) -> etree._Element:
    """A header an archive accepts, filled from `bitext.meta` with defaults for what is missing."""
    meta = bitext.meta
    src, tgt = bitext.source, bitext.target
    header = etree.Element(tei("teiHeader"))
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    default_title = f"{display_name(src.lang)}-{display_name(tgt.lang)} sentence alignment"
    sub(title_stmt, "title", meta.get("title") or default_title)
    resp = sub(title_stmt, "respStmt")
    sub(resp, "resp", "automatic sentence alignment")
    sub(resp, "name", f"bitext {__version__}", xml_id="bitext")
    pub = sub(file_desc, "publicationStmt")
    sub(pub, "p", meta.get("publication") or "Produced with bitext; not formally published.")
    source_desc = sub(file_desc, "sourceDesc")
    for side, doc in (("source", src), ("target", tgt)):
        bibl = sub(source_desc, "bibl", xml_lang=doc.lang)
        sub(bibl, "title", meta.get(f"{side}_title") or doc.title or f"{display_name(doc.lang)} text ({side})")
        if meta.get(f"{side}_file"):
            sub(bibl, "idno", meta[f"{side}_file"], type="file")
    encoding = sub(header, "encodingDesc")
    app_info = sub(encoding, "appInfo")
    app = sub(app_info, "application", ident="bitext", version=__version__)
    sub(app, "label", "bitext")
    if meta.get("signature"):
        sub(app, "desc", meta["signature"])
    editorial = sub(encoding, "editorialDecl")
    seg = sub(editorial, "segmentation")
    sub(seg, "p", meta.get("segmentation") or "Texts were segmented into sentences (<s>) by bitext.")
    profile = sub(header, "profileDesc")
    lang_usage = sub(profile, "langUsage")
    for code in dict.fromkeys([src.lang, tgt.lang]):
        sub(lang_usage, "language", display_name(code), ident=code)
    revision = sub(header, "revisionDesc")
    sub(revision, "change", meta.get("change") or "Aligned automatically by bitext.", when=output_date(), who="#bitext")
    return header
