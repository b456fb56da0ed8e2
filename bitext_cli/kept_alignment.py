"""What an aligned TEI file given as both inputs (`bitext align X.xml X.xml`, `realign`) keeps
in its new alignment: the links a person checked (@resp), the rest aligned between them, and
what its header says of its texts and the people who worked on them.

Reading that file is the pipeline's (bitext_cli.pipeline.aligned_input); the links kept are
aligned around by align.fixed, the header written by tei.header.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from corpora.model import Bitext, Document, Link

log = logging.getLogger("bitext")


def kept_header(aligned: Bitext | None, envelope: str | None, source: Document) -> dict[str, str]:
    """What the header of an aligned file bitext wrote, given as both inputs, says of its texts
    and the people who worked on them (tei.header.carried): kept in the new alignment's, so
    aligning a file with itself loses no metadata (a --meta given again applies over it)."""
    if aligned is None or envelope is None:
        return {}
    from tei.declarations import is_ours, parse_header
    from tei.header import carried
    from tei.names import TEI_NS

    header = parse_header(envelope).find(f"{{{TEI_NS}}}teiHeader")
    if header is None or not is_ours(header):
        return {}
    return carried(aligned.meta, swapped=aligned.source.lang != source.lang and aligned.target.lang == source.lang)


def hand_checked(aligned: Bitext | None, source: Document, target: Document, label: str) -> list[Link] | None:
    """The alignment of an aligned TEI file given as both inputs (bitext_cli.pipeline.aligned_input; `label` its
    path), when a person checked some of its links (a @resp other than the aligner's): those
    are kept, the rest re-aligned (moved to where their sentences are when text typed into the
    file made new ones: align.fixed.carried). None when the inputs are anything else."""
    if aligned is None:
        return None
    if not any(map(by_hand, aligned.links)):
        return None
    if (aligned.source.texts, aligned.target.texts) == (source.texts, target.texts):
        return aligned.links
    swapped = [replace(link, src=link.tgt, tgt=link.src) for link in aligned.links]  # the file's texts the other way round
    if (aligned.target.texts, aligned.source.texts) == (source.texts, target.texts):
        return swapped
    from align.fixed import carried
    from tei.layout import anchor_places

    anchors = (anchor_places(source), anchor_places(target))
    moved = (carried(aligned.links, by_hand, (aligned.source, aligned.target), (source, target), anchors)
             or carried(swapped, by_hand, (aligned.target, aligned.source), (source, target), anchors))
    if moved is None:
        log.warning("%s: its links checked by hand do not fit the texts read; aligning from scratch", label)
        return None
    links, dropped = moved
    if dropped:
        log.warning("%s: %s %s checked by hand %s aligned again: text was typed between its sentences", label,
                    "links" if len(dropped) > 1 else "link", ", ".join(dropped), "are" if len(dropped) > 1 else "is")
    return links


def by_hand(link: Link) -> bool:
    """Whether a person checked the link (a @resp other than the aligner's)."""
    return bool(link.resp)
