"""Align two documents: the library entry point that the command line calls."""

from __future__ import annotations

from corpora.model import Bitext, Document

from align.options import AlignOptions
from align.registry import Anchors, get_aligner


def align_documents(
    source: Document, target: Document, options: AlignOptions, anchors: Anchors | None = None,
    **settings: object,
) -> Bitext:
    """Align two segmented documents and return the bitext with its links.

    `anchors` (per-sentence key sets for each side, e.g. glossary entry ids) go to the aligner;
    `settings` configure the aligner instance (e.g. `cache_dir` of the embedding aligners).
    """
    aligner = get_aligner(options.aligner, **settings)
    links = aligner.align(
        source.texts,
        target.texts,
        options,
        source.paragraph_of(),
        target.paragraph_of(),
        anchors=anchors,
    )
    return Bitext(source, target, links)
