"""Relative addresses kept of a file, said from the folder its output is written to.

A relative reference (`<graphic url="page1.jpg">`, `target="notes.xml#n3"`) resolves against
the file that holds it, or the `xml:base` in effect there. What bitext keeps of a file it reads
(an input's text, header parts, resources and revisions, tei.adoption; a bitext read back and
written again, tei.reader) goes into an output that may be in another folder: there the
addresses must still name the files beside the file read. So each kept part, revision and
`<text>` gets the base it had, seen from the output's folder (`../letters/`, joined with a
relative base it said itself; an absolute one is left as it is), and nothing where the output
is beside the file read, so that reading a file and writing it again in place gives its bytes.
"""

from __future__ import annotations

import json
import os
import posixpath
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from lxml import etree

from corpora.model import Bitext, Document

from tei.declarations import META_KEY as DECLARATIONS
from tei.declarations import parse_header
from tei.names import XML_BASE

KEPT = (DECLARATIONS, "history")  # the metadata keys holding what is kept of a file (tei.header)


def folder_from(label: str, output: str | None) -> str:
    """The folder of the input file `label` as a relative address from the output's folder
    ("" when it is the same one, or the input is not a file)."""
    if not os.path.isfile(label):
        return ""
    into = os.path.dirname(os.path.abspath(output)) if output and output != "-" else os.getcwd()
    try:
        rel = os.path.relpath(os.path.dirname(os.path.abspath(label)), into)
    except ValueError:  # (another drive)
        return Path(label).resolve().parent.as_uri() + "/"
    return "" if rel == "." else rel.replace(os.sep, "/") + "/"


def rebase(el: etree._Element, folder: str) -> None:
    """Give a part kept of an input the base its relative addresses had there: its xml:base
    (in effect there, tei.declarations), or the input's file, seen from the output (`folder`)."""
    base = el.get(XML_BASE) or ""
    if urlsplit(base).scheme or base.startswith("/"):
        return
    joined = posixpath.normpath(posixpath.join(folder, base)) if base else folder
    el.set(XML_BASE, joined + "/" if base.endswith("/") and not joined.endswith("/") else joined)


def _edited(xml: str | None, edit: Callable[[etree._Element], None]) -> str | None:
    """XML kept of an input (a part, a revision, a text's layout) with `edit` made to its element."""
    if xml is None:
        return None
    el = parse_header(xml)
    edit(el)
    return etree.tostring(el, encoding="unicode", with_tail=False)


def edit_kept(meta: dict[str, str], where: list[tuple[int, int]], edit: Callable[[etree._Element], None]) -> None:
    """Make `edit` to what was kept of one input: its parts and its revisions (`where`: their
    slices of the bitext's, in the order of `KEPT`)."""
    for key, (start, end) in zip(KEPT, where):
        kept = json.loads(meta.get(key) or "[]")
        changed = False
        for n in range(start, end):
            xml = kept[n][1] if key == DECLARATIONS else kept[n]
            if not isinstance(xml, str):  # (a revision as bitext writes one: [when, who, text], no address)
                continue
            new = _edited(xml, edit)
            changed |= new != xml
            if key == DECLARATIONS:
                kept[n][1] = new
            else:
                kept[n] = new
        if changed:
            meta[key] = json.dumps(kept, ensure_ascii=False)


def rebased_text(doc: Document, folder: str) -> Document:
    """A text read from a file in `folder` (seen from the output's) with its `<text>`'s base said."""
    return replace(doc, layout=_edited(doc.layout, partial(rebase, folder=folder)))


def relocated(bitext: Bitext, label: str, output: str | None) -> Bitext:
    """A bitext read back from the file `label` (tei.reader.read_tei), to be written to `output`
    (None or "-": standard output, seen from the current folder): what it keeps of that file with
    its relative addresses still naming the files beside it."""
    folder = folder_from(label, output)
    if not folder:
        return bitext
    meta = dict(bitext.meta)
    edit_kept(meta, [(0, len(json.loads(meta.get(key) or "[]"))) for key in KEPT], partial(rebase, folder=folder))
    return replace(bitext, source=rebased_text(bitext.source, folder), target=rebased_text(bitext.target, folder),
                   meta=meta)
