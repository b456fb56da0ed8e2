"""TMX 1.4b export, for translation-memory (CAT) tools (reading TMX: corpora.formats.tmx).

Each link with text on both sides becomes one `<tu>` (1-n links joined into one unit), with the
aligner's score and the link type as `<prop>`s and `xml:lang` from the texts. 1-0 and 0-1
links have no TMX form: they are left out and counted. The header carries every attribute the
TMX 1.4 DTD requires; lxml escapes `&`, `<` and quotes.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from lxml import etree

from corpora.model import Bitext
from corpora.writing import WriteRequest, Written
from corpora.version import __version__

from tei.dates import output_date
from tei.names import XML_LANG
from tei.pairs import text_pairs

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
SCORE_PROP = "x-bitext-score"
TYPE_PROP = "x-bitext-link-type"
RESP_PROP = "x-bitext-resp"
ONE_SIDED = "unpaired (1-0/0-1 links, which TMX cannot hold)"  # "left out 2 unpaired (...)", as "2 flagged"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    el.text = text
    return el


def build_tmx(bitext: Bitext, keep: Sequence[bool] | None = None) -> tuple[etree._Element, int]:
    """The `<tmx>` tree of a bitext (of the links `keep` marks) and the number of 1-0/0-1 links
    left out."""
    src_lang, tgt_lang = bitext.source.lang, bitext.target.lang
    root = etree.Element("tmx", version="1.4")
    header = _el(root, "header", creationtool="bitext", creationtoolversion=__version__, segtype="sentence",
                 o_tmf="bitext TEI", adminlang="en", srclang=src_lang, datatype="plaintext",
                 creationdate=(bitext.meta.get("change_date") or output_date()).replace("-", "") + "T000000Z")
    if bitext.meta.get("signature"):
        _el(header, "prop", bitext.meta["signature"], type="x-bitext-signature")
    body = _el(root, "body")
    skipped = 0
    for pair in text_pairs(bitext, keep):
        if not pair.source or not pair.target:
            skipped += 1
            continue
        tu = _el(body, "tu", tuid=pair.link_id)
        _el(tu, "prop", f"{pair.link.score:.3f}", type=SCORE_PROP)
        _el(tu, "prop", pair.link.type, type=TYPE_PROP)
        if pair.link.resp:
            _el(tu, "prop", pair.link.resp, type=RESP_PROP)
        for lang, text in ((src_lang, pair.source), (tgt_lang, pair.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            _el(tuv, "seg", text)
    return root, skipped


def tmx_bytes(bitext: Bitext, keep: Sequence[bool] | None = None) -> tuple[bytes, int]:
    """The serialized TMX file (UTF-8, with the TMX 1.4 doctype) and the count of 1-0/0-1 links
    left out."""
    root, skipped = build_tmx(bitext, keep)
    etree.indent(root, space="  ")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=DOCTYPE)
    return data, skipped


def write_tmx(bitext: Bitext, request: WriteRequest) -> Written:
    """The writer of the `tmx` format (bitext_cli.formats)."""
    data, skipped = tmx_bytes(bitext, request.keep)
    return Written(data, Counter({ONE_SIDED: skipped} if skipped else {}))
