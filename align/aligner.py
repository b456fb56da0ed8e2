"""Align two documents: the library entry point that the command line calls."""

from __future__ import annotations

from corpora.model import Bitext, Document

from align.config import AlignConfig, resolve
from align.registry import Anchors, get_aligner


def align_documents(source: Document, target: Document, config: AlignConfig, anchors: Anchors | None = None,
                    ) -> Bitext:
    """Align two segmented documents and return the bitext with its links.

    `anchors` (per-sentence key sets for each side, e.g. glossary entry ids) go to the aligner.
    A config still to be resolved (`auto`, `--dictionary auto`) is resolved here (align.config).
    """
    config = resolve(config)
    links = get_aligner(config).align(source.texts, target.texts, config, source.paragraph_of(),
                                      target.paragraph_of(), anchors=anchors)
    return Bitext(source, target, links)
