"""Sentences corrected by hand in TEI: the original kept beside the correction.

A corrected `<s>` holds `<choice><sic>ORIGINAL</sic><corr resp="#human">CORRECTED</corr></choice>`:
readers that take the correction (tei.reader does) see the new text, and the text as published
is never lost. Markup already inside the `<s>` (a `<persName>`, a glossary `<choice>`) moves into
`<sic>` unchanged. The header declares who corrected (`#human`, or a later reviewer's own id:
tei.reviewers) and, in one note for the whole file, how many sentences each reviewer corrected.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from corpora.markup import Markup
from corpora.model import Bitext
from corpora.wording import counted

from tei.declarations import CORRECTED
from tei.inline_writer import markup_element
from tei.names import TEI_NS, XML_ID, sub, tei
from tei.reviewers import REVIEWER_ID, id_order, reviewer_ids, reviewer_name
from tei.writer import Extension

_NS = {"t": TEI_NS}
NOTE = "corrections"  # the @n of the editorialDecl that says how many sentences were corrected, by whom


def _wrap(s: etree._Element, original: str, corrected: str, markup: Markup | None, resp: str) -> None:
    """Replace the content of `s` by the choice of its original and the correction. The
    sentence's markup as read (names, a glossary `<choice>`: `markup`, or what is already
    inside `s`) moves into `<sic>` unchanged, so the text as published keeps it."""
    choice = etree.Element(tei("choice"))
    sic = sub(choice, "sic")
    kept = markup_element(original, markup)
    held = kept if kept is not None else s
    if len(held):
        sic.text = held.text
        for child in list(held):
            sic.append(child)
    else:
        sic.text = original
    sub(choice, "corr", corrected, resp=f"#{resp}")
    s.text = None
    s.append(choice)


def _declare(root: etree._Element, meta: dict[str, str], resp: str) -> None:
    """Declare the reviewer `resp` (if the header does not yet) and write the one note of the
    file's corrections: every `<corr>` of every review, by whom (an earlier review's note, kept
    from the file, is replaced: it named that review's alone)."""
    title_stmt = root.find("t:teiHeader/t:fileDesc/t:titleStmt", _NS)
    declared = {name.get(XML_ID) for name in root.iterfind("t:teiHeader/t:fileDesc/t:titleStmt/t:respStmt/t:name", _NS)}
    if title_stmt is not None and resp not in declared:
        stmt = sub(title_stmt, "respStmt")
        sub(stmt, "resp", CORRECTED)
        sub(stmt, "name", reviewer_name(meta, resp), xml_id=resp)
    encoding = root.find("t:teiHeader/t:encodingDesc", _NS)
    if encoding is None:
        return
    for old in encoding.findall(f"t:editorialDecl[@n='{NOTE}']", _NS):
        encoding.remove(old)
    ours = {f"#{rid}" for rid in (*reviewer_ids(meta), resp)}  # not an input's own <corr>s (its edition's)
    by = Counter(who for who in root.xpath("//t:corr/@resp", namespaces=_NS) if who in ours)
    count = sum(by.values())
    whose = (f'<corr resp="{next(iter(by))}"> the correction.' if len(by) == 1 else
             "<corr> the correction, its @resp who made it: "
             + ", ".join(f"{who} ({counted(n, 'sentence')})" for who, n in sorted(by.items(), key=_by_id)) + ".")
    sub(sub(sub(encoding, "editorialDecl", n=NOTE), "correction"), "p",
        f"{counted(count, 'sentence')} corrected by hand: <sic> holds the text as published, {whose}")


def _by_id(item: tuple[str, int]) -> tuple[str, int]:
    return id_order(item[0].lstrip("#"))


def corrections_extension(corrections: dict[tuple[str, int], tuple[str, str]], resp: str = REVIEWER_ID) -> Extension:
    """An extension writing the corrections ((side, position) -> (original, corrected)) made
    by the reviewer `resp` (tei.reviewers)."""

    def extend(root: etree._Element, bitext: Bitext) -> None:
        if not corrections:
            return
        segs = {("source", k): seg for k, seg in enumerate(bitext.source.segments)}
        segs.update({("target", k): seg for k, seg in enumerate(bitext.target.segments)})
        wanted = {segs[key].id: (*value, segs[key].markup) for key, value in corrections.items()}
        for s in root.iter(tei("s")):
            if s.get(XML_ID) in wanted:
                _wrap(s, *wanted[s.get(XML_ID)], resp)
        _declare(root, bitext.meta, resp)

    return extend
