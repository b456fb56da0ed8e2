"""Write a bitext as TEI P5: two texts in a `<group>`, links in a standoff `<linkGrp>`.

Output is deterministic (stable ids, fixed attribute order, a date fixed by SOURCE_DATE_EPOCH),
and files are written atomically.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from corpora.atomic import atomic_write
from corpora.model import Bitext, Document, Link

from tei.header import build_header
from tei.names import TEI_NS, sub


def text_ids(bitext: Bitext) -> tuple[str, str]:
    """The `xml:id`s of the two texts: their languages, made distinct when they are the same."""
    s, t = bitext.source.text_id, bitext.target.text_id
    return (s, t) if s != t else (f"{s}.src", f"{t}.tgt")


def omission_anchors(links: list[Link], side: str) -> dict[int, list[int]]:
    """For one side, link numbers of omission beads keyed by the segment position they precede.

    A 1-0 bead has no target segment; its link points at an anchor placed in the target text
    just before the next target segment (or at the end of the text).
    """
    anchors: dict[int, list[int]] = {}
    pos = 0
    for k, link in enumerate(links):
        mine, other = (link.src, link.tgt) if side == "source" else (link.tgt, link.src)
        if other and not mine:
            anchors.setdefault(pos, []).append(k)
        pos += len(mine)
    return anchors


def _write_text(
    group: etree._Element, doc: Document, tid: str, anchors: dict[int, list[int]], anchor_ids: dict[int, str]
) -> None:
    text = sub(group, "text", xml_lang=doc.lang, xml_id=tid)
    body = sub(text, "body")
    pos = 0
    n_anchor = 0
    paragraphs = doc.paragraphs or []
    for p_index, para in enumerate(paragraphs):
        p = sub(body, "head" if para.kind == "head" else "p")
        for seg in para.segments:
            for k in anchors.get(pos, []):
                n_anchor += 1
                anchor_ids[k] = f"{tid}.a{n_anchor}"
                sub(p, "anchor", type="omission", xml_id=anchor_ids[k])
            sub(p, "s", seg.text, xml_id=seg.id)
            pos += 1
        if p_index == len(paragraphs) - 1:
            for k in anchors.get(pos, []):
                n_anchor += 1
                anchor_ids[k] = f"{tid}.a{n_anchor}"
                sub(p, "anchor", type="omission", xml_id=anchor_ids[k])
    if not paragraphs:
        p = sub(body, "p")
        for k in anchors.get(0, []):
            n_anchor += 1
            anchor_ids[k] = f"{tid}.a{n_anchor}"
            sub(p, "anchor", type="omission", xml_id=anchor_ids[k])


def link_targets(bitext: Bitext, link: Link, src_anchor: str | None, tgt_anchor: str | None) -> str:
    """The `@target` of a link: source pointers then target pointers, anchors for empty sides."""
    src_segs, tgt_segs = bitext.source.segments, bitext.target.segments
    ptrs = [f"#{src_segs[i].id}" for i in link.src] or [f"#{src_anchor}"]
    ptrs += [f"#{tgt_segs[j].id}" for j in link.tgt] or [f"#{tgt_anchor}"]
    return " ".join(ptrs)


def build_tei(bitext: Bitext) -> etree._Element:
    """The TEI document of a bitext as an lxml element tree."""
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    root.append(build_header(bitext))
    outer = sub(root, "text")
    group = sub(outer, "group")
    sid, tid = text_ids(bitext)
    src_anchor_ids: dict[int, str] = {}
    tgt_anchor_ids: dict[int, str] = {}
    _write_text(group, bitext.source, sid, omission_anchors(bitext.links, "source"), src_anchor_ids)
    _write_text(group, bitext.target, tid, omission_anchors(bitext.links, "target"), tgt_anchor_ids)
    standoff = sub(root, "standOff")
    grp = sub(standoff, "linkGrp", type="alignment")
    for k, link in enumerate(bitext.links):
        sub(
            grp,
            "link",
            xml_id=link.id or f"l{k + 1}",
            type=link.type,
            target=link_targets(bitext, link, src_anchor_ids.get(k), tgt_anchor_ids.get(k)),
            cert=f"{link.score:.3f}",
            resp=link.resp,
        )
    return root


def tei_bytes(bitext: Bitext) -> bytes:
    """The serialized TEI file (UTF-8, XML declaration, pretty-printed, trailing newline)."""
    root = build_tei(bitext)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_tei(bitext: Bitext, path: str | Path) -> None:
    """Write the TEI file atomically ("-" writes to standard output)."""
    atomic_write(path, tei_bytes(bitext))
