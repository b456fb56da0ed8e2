"""Glossary names as evidence for the aligner: per sentence, the ids of the entries it names.

A sentence naming Ежов and a translation naming Yezhov share the name key "yezhov"; the
aligner's scorer counts shared name keys as evidence for a bead (align/registry.py `NameKeys`).
"""

from __future__ import annotations

from typing import Sequence

from glossary.match import Matcher


def sentence_name_keys(matcher: Matcher, sentences: Sequence[str]) -> list[frozenset[str]]:
    """For each sentence, the frozenset of entry ids matched in it (empty when none); a
    spelling two entries share ("GPU": ГПУ, ОГПУ) gives both."""
    return [frozenset(i for f in matcher.find(s) for i in f.match.entry_ids()) for s in sentences]
