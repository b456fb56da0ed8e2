"""Align two documents: the library entry point that the command line calls."""

from __future__ import annotations

from corpora.model import Bitext, Document

from align.options import AlignOptions
from align.registry import get_aligner


def align_documents(source: Document, target: Document, options: AlignOptions) -> Bitext:
    """Align two segmented documents and return the bitext with its links."""
    aligner = get_aligner(options.aligner)
    links = aligner.align(
        source.texts,
        target.texts,
        options,
        source.paragraph_of(),
        target.paragraph_of(),
    )
    return Bitext(source, target, links)
