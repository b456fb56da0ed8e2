"""Review flags in TEI: written by a writer extension, read back by the reader.

Encoding (validates against tei_all.rng):

- the header declares one `<category xml:id="flag.KIND">` per flag kind used, in
  `encodingDesc/classDecl/<taxonomy xml:id="bitext.flags">`, with a `<catDesc>` saying what it
  means;
- each flagged `<link>` gets `@ana` pointing at its categories (`ana="#flag.number"`), so an
  XPath such as `//link[contains(@ana, '#flag.number')]` finds them;
- the reasons stand in `<standOff><interpGrp type="flags">`: one
  `<interp xml:id="LINK.fN" ana="#flag.KIND" inst="#LINK">1937 in the source, 1938 in the
  target</interp>` per flag, `@inst` pointing back at the link.

Glossary findings are one more kind (`glossary`); other tools that add `@ana` to links keep
theirs: flag pointers are appended to an existing `@ana`, and only `#flag.*` pointers are read.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from lxml import etree

from corpora.model import Bitext, Flag, Link

from tei.names import TEI_NS, XML_ID, alignment_links, alignment_standoff, sub

_NS = {"t": TEI_NS}
TAXONOMY_ID = "bitext.flags"
CATEGORY_PREFIX = "flag."

# kind -> (badge label, what it means); kinds not listed show their own name.
FLAG_KINDS: dict[str, tuple[str, str]] = {
    "low-score": ("low score", "The link's score is far below this document's typical score."),
    "omission": ("omission", "A sentence with no counterpart on the other side (1-0 or 0-1)."),
    "unusual-bead": ("unusual bead", "More sentences joined than in a 1-2 or 2-1 link."),
    "number": ("number", "A number, date or year on one side is missing on the other."),
    "length-ratio": ("length", "The length ratio of the two sides is far from this document's typical ratio."),
    "glossary": ("glossary", "A name or term is not rendered as the glossary prefers."),
}


def flag_label(kind: str) -> str:
    """The short badge text of a flag kind."""
    return FLAG_KINDS.get(kind, (kind, ""))[0]


def _check_kinds(kinds: Sequence[str]) -> None:
    for kind in kinds:
        if not kind.replace("-", "").replace("_", "").isalnum():
            raise ValueError(f"flag kind {kind!r} cannot be part of an xml:id")


def _declare(root: etree._Element, kinds: Sequence[str]) -> None:
    """Add the taxonomy of the flag kinds used to the header's encodingDesc."""
    encoding = root.find("t:teiHeader/t:encodingDesc", _NS)
    if encoding is None:
        encoding = sub(root.find("t:teiHeader", _NS), "encodingDesc")
    class_decl = encoding.find("t:classDecl", _NS)
    if class_decl is None:
        class_decl = sub(encoding, "classDecl")
    taxonomy = sub(class_decl, "taxonomy", xml_id=TAXONOMY_ID)
    sub(taxonomy, "bibl", "Review flags: reasons to doubt a link, computed by bitext")
    for kind in kinds:
        category = sub(taxonomy, "category", xml_id=CATEGORY_PREFIX + kind)
        label, meaning = FLAG_KINDS.get(kind, (kind, ""))
        sub(category, "catDesc", f"{label}: {meaning}" if meaning else label)


def write_flags(root: etree._Element, bitext: Bitext) -> None:
    """Writer extension: `@ana` on flagged links, their reasons in standOff, kinds in the header."""
    kinds = list(dict.fromkeys(f.kind for link in bitext.links for f in link.flags))
    if not kinds:
        return
    _check_kinds(kinds)
    _declare(root, kinds)
    standoff = root.find("t:standOff", _NS)  # the one written so far: ours
    link_els = alignment_links(root)
    group = sub(standoff, "interpGrp", type="flags")
    for el, link in zip(link_els, bitext.links):
        if not link.flags:
            continue
        lid = el.get(XML_ID)
        pointers = list(dict.fromkeys(f"#{CATEGORY_PREFIX}{f.kind}" for f in link.flags))
        el.set("ana", " ".join(filter(None, [el.get("ana"), *pointers])))
        for n, flag in enumerate(link.flags, 1):
            sub(group, "interp", flag.reason or flag_label(flag.kind), xml_id=f"{lid}.f{n}",
                ana=f"#{CATEGORY_PREFIX}{flag.kind}", inst=f"#{lid}")


def read_flags(root: etree._Element, links: list[Link]) -> list[Link]:
    """The links with the flags recorded in the file's `interpGrp type="flags"` attached."""
    found: dict[str, list[Flag]] = {}
    standoff = alignment_standoff(root)  # (an input's own standOff is not ours to read)
    for interp in [] if standoff is None else standoff.iterfind("t:interpGrp[@type='flags']/t:interp", _NS):
        kinds = [p[1 + len(CATEGORY_PREFIX):] for p in (interp.get("ana") or "").split()
                 if p.startswith("#" + CATEGORY_PREFIX)]
        for inst in (interp.get("inst") or "").split():
            for kind in kinds:
                found.setdefault(inst.lstrip("#"), []).append(Flag(kind, interp.text or ""))
    if not found:
        return links
    return [replace(link, flags=tuple(found.get(link.id or "", ()))) for link in links]


def flagged_count(links: Sequence[Link]) -> int:
    """How many links carry at least one flag."""
    return sum(1 for link in links if link.flags)

