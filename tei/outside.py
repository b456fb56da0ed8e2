"""Text outside any sentence of a bitext read back: what a person typed into bitext's own file
between the `<s>` of a block (`Paragraph.between`, see tei.reader) or into a block without `<s>`
(kept in the layout, tei.layout). A rewrite of the file keeps it; a command that shows or writes
sentences only (an export, the review page) says what it leaves out, block by block (`warn_outside`).
"""

from __future__ import annotations

import logging

from lxml import etree

from corpora.model import Bitext, Document, Paragraph
from corpora.xmlinput import safe_parser

from tei.layout import MARK, blocks
from tei.names import TEI_NS

log = logging.getLogger("bitext")


def _words(text: str) -> str:
    return " ".join(text.split())


def _loose(para: Paragraph) -> str:
    """The text a block holds between its sentences (markup kept there that holds no text of
    its own beside it, as a note between two sentences, does not count)."""
    found = []
    for _, xml in para.between:
        wrapper = etree.fromstring(f'<w xmlns="{TEI_NS}">{xml}</w>', safe_parser(huge=True))
        if (wrapper.text or "").strip() or any((el.tail or "").strip() for el in wrapper):
            found.append(_words("".join(wrapper.itertext())))
    return " ".join(found)


def outside(doc: Document) -> list[tuple[str, int]]:
    """(where, characters) for each block of a text holding text outside its sentences: where is
    `<text id>.p<n>`, n the block's place among the text's blocks; characters are counted with
    white space runs as one space."""
    paragraphs = iter(doc.paragraphs)
    if doc.layout:
        layout = etree.fromstring(doc.layout, safe_parser(huge=True))
        read = [next(paragraphs, None) if any(pi.target == MARK for pi in block.iter(etree.ProcessingInstruction))
                else _words("".join(block.itertext())) for block in blocks(layout)]
    else:
        read = list(paragraphs)
    found = []
    for n, block in enumerate(read, 1):
        text = _loose(block) if isinstance(block, Paragraph) else block or ""
        if text:
            found.append((f"{doc.text_id}.p{n}", len(text)))
    return found


def warn_outside(bitext: Bitext, label: str, what: str) -> None:
    """Warn, one line per block, of the text outside sentences a command leaves out (`what`:
    'not exported', ...)."""
    for doc in (bitext.source, bitext.target):
        for where, count in outside(doc):
            log.warning("%s: %s: %d characters outside any sentence are %s", label, where, count, what)
