"""Checking a TEI file: our RELAX NG schema (or one the user gives) and the structural checks
RELAX NG cannot express (link targets, resolving pointers, every sentence linked once)."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

from lxml import etree

from corpora.errors import InputError
from corpora.readers import read_bytes

from tei.names import TEI_NS, XML_ID, XML_NS, alignment_links
from corpora.xmlinput import safe_parser

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "bitext-tei.rng"

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
    owners = _owners(root)
    linked: Counter[str] = Counter()
    links = alignment_links(root)
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
        problems += _type_problems(link, targets, owners)
    if links:
        for s in dict.fromkeys(root.iterfind(".//t:text//t:s", _NS)):
            sid = s.get(XML_ID)
            if sid is None:
                problems.append((s.sourceline or 0, "<s> without xml:id"))
            elif linked[sid] != 1:
                problems.append((s.sourceline or 0, f"sentence {sid!r} is linked {linked[sid]} times, not once"))
    for el in root.iter():
        for attr in ("resp", "who"):
            for ptr in (el.get(attr) or "").split():
                if ptr.startswith("#") and ptr[1:] not in ids:
                    problems.append((el.sourceline or 0, f"@{attr} {ptr!r} does not resolve to an xml:id in this file"))
    return problems


def _owners(root: etree._Element) -> dict[str, tuple[str, bool]]:
    """For every `<s>` and `<anchor>` id: the id of the `<text>` holding it, and whether it is a sentence."""
    owners: dict[str, tuple[str, bool]] = {}
    for text in root.iterfind(".//t:text[@xml:id]", {**_NS, "xml": XML_NS}):
        for el in text.iter(f"{{{TEI_NS}}}s", f"{{{TEI_NS}}}anchor"):
            if el.get(XML_ID):
                owners[el.get(XML_ID)] = (text.get(XML_ID), etree.QName(el).localname == "s")
    return owners


def _type_problems(link: etree._Element, targets: list[str], owners: dict[str, tuple[str, bool]]) -> list[tuple[int, str]]:
    """A link whose @type does not count its sentences per text ("2-1": two, then one)."""
    counts: dict[str, int] = {}
    for ptr in targets:
        owner = owners.get(ptr[1:])
        if owner is None:
            return []
        counts[owner[0]] = counts.get(owner[0], 0) + owner[1]
    actual = "-".join(str(n) for n in counts.values())
    if link.get("type") and len(counts) == 2 and link.get("type") != actual:
        return [(link.sourceline or 0, f"link {link.get(XML_ID)!r} has @type {link.get('type')!r} but joins {actual} sentences")]
    return []


@lru_cache(maxsize=4)
def load_schema(path: str | Path = SCHEMA_PATH) -> etree.RelaxNG:
    """A RELAX NG schema (XML syntax), by default bitext's own; loaded once per path."""
    try:
        return etree.RelaxNG(etree.parse(str(path), safe_parser()))
    except OSError as exc:
        raise InputError(f"cannot be read as a schema ({exc})", path) from None
    except (etree.XMLSyntaxError, etree.RelaxNGParseError) as exc:
        raise InputError(f"is not a RELAX NG schema in XML syntax ({exc})", path) from None


def schema_problems(root: etree._Element, schema: etree.RelaxNG) -> list[tuple[int, str]]:
    """(line, message) for every schema error in a parsed document."""
    if schema.validate(root.getroottree()):
        return []
    found = list(dict.fromkeys((e.line, e.message) for e in schema.error_log))
    located = [p for p in found if p[0] > 0]
    missing = _missing_alignment(root)
    if missing:  # said instead of libxml2's word for an absent element, which names none
        return [missing, *(p for p in located if p[1] != _NOTHING)]
    return located or found


_NOTHING = "Expecting an element , got nothing"


def _missing_alignment(root: etree._Element) -> tuple[int, str] | None:
    """What a bitext TEI lacks of its alignment, said so (where the schema's message says an element
    is absent but not which): no <standOff>, or a first one without <linkGrp type="alignment">."""
    if root.tag != f"{{{TEI_NS}}}TEI":
        return None
    standoff = root.find("t:standOff", _NS)
    if standoff is None:
        return (root.sourceline or 0, "no <standOff> after the <text>: the alignment (its standOff and "
                                      "<linkGrp type=\"alignment\">) is absent")
    if standoff.find("t:linkGrp[@type='alignment']", _NS) is None:
        return (standoff.sourceline or 0, "the first <standOff> holds no <linkGrp type=\"alignment\">: the "
                                          "alignment's links are absent")
    return None


def file_problems(path: str | Path, schema: etree.RelaxNG | None = None) -> list[tuple[int, str]]:
    """Every problem in a TEI file: well-formedness, then the schema, then the structural checks.

    Line 0 means the problem concerns the whole file (missing, unreadable).
    """
    try:
        data = read_bytes(path)
    except InputError as exc:
        return [(0, str(exc).removeprefix(f"{path}: "))]
    try:
        root = etree.fromstring(data, safe_parser(huge=True))  # read what bitext writes, however long
    except etree.XMLSyntaxError as exc:
        return [(exc.lineno or 0, f"not well-formed XML: {exc.msg}")]
    return schema_problems(root, schema or load_schema()) + structural_problems(root)
