"""Align two documents: the library entry point that the command line calls."""

from __future__ import annotations

from corpora.model import Bitext, Document

from align.config import AlignConfig, resolve
from align.registry import NameKeys, get_aligner


def align_documents(source: Document, target: Document, config: AlignConfig, name_keys: NameKeys | None = None,
                    ) -> Bitext:
    """Align two segmented documents and return the bitext with its links.

    `name_keys` (per side, the ids of the glossary entries each sentence names) go to the aligner.
    A config still to be resolved (`auto`, `--dictionary auto`) is resolved here (align.config).
    """
    config = resolve(config)
    links = get_aligner(config).align(source.texts, target.texts, config, source.paragraph_of(),
                                      target.paragraph_of(), name_keys=name_keys)
    return Bitext(source, target, links)
