"""Structural checks RELAX NG cannot express: link targets, resolving pointers, coverage."""

from __future__ import annotations

from collections import Counter

from lxml import etree

from tei.names import TEI_NS, XML_ID

_NS = {"t": TEI_NS}


def structural_problems(root: etree._Element) -> list[tuple[int, str]]:
    """(line, message) for every problem: a link with fewer than two targets, a pointer to a
    missing id, a sentence linked zero or several times, a nested `<s>`, a duplicate id."""
    problems: list[tuple[int, str]] = []
    ids: dict[str, etree._Element] = {}
    for el in root.iter():
        xid = el.get(XML_ID)
        if xid is None:
            continue
        if xid in ids:
            problems.append((el.sourceline or 0, f"duplicate xml:id {xid!r}"))
        ids[xid] = el
    for s in root.iterfind(".//t:s//t:s", _NS):
        problems.append((s.sourceline or 0, f"nested <s> {s.get(XML_ID)!r}"))
    linked: Counter[str] = Counter()
    links = root.findall(".//t:linkGrp[@type='alignment']/t:link", _NS)
    for link in links:
        line = link.sourceline or 0
        targets = (link.get("target") or "").split()
        if len(targets) < 2:
            problems.append((line, f"link {link.get(XML_ID)!r} has {len(targets)} target(s); a link needs at least 2"))
        for ptr in targets:
            if not ptr.startswith("#") or ptr[1:] not in ids:
                problems.append((line, f"link {link.get(XML_ID)!r} points at {ptr!r}, which is not in this file"))
            else:
                linked[ptr[1:]] += 1
    if links:
        for s in root.iterfind(".//t:text//t:s", _NS):
            sid = s.get(XML_ID)
            if sid is None:
                problems.append((s.sourceline or 0, "<s> without xml:id"))
            elif linked[sid] != 1:
                problems.append((s.sourceline or 0, f"sentence {sid!r} is linked {linked[sid]} times, not once"))
    return problems
