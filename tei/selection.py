"""Which links leave in an export: only trusted ones (`bitext export --min-score X
--exclude-flagged --reviewed-only`), and why each of the others stays behind.

A link checked by hand (any @resp but the aligner's) is trusted as it is: the score and flag
filters apply to the aligner's links. Each link left out is counted under the first reason that
applies: not checked by hand, flagged, scored too low.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from corpora.model import Link


@dataclass(frozen=True)
class Selection:
    """The export filters; the default keeps every link."""

    min_score: float | None = None
    exclude_flagged: bool = False
    reviewed_only: bool = False

    def reason(self, link: Link) -> str | None:
        """Why the link is left out, or None when it leaves."""
        if link.resp:
            return None
        if self.reviewed_only:
            return "not checked by hand"
        if self.exclude_flagged and link.flags:
            return "flagged"
        if self.min_score is not None and link.score < self.min_score:
            return f"scored below {self.min_score:g}"
        return None


def select(links: Sequence[Link], selection: Selection) -> tuple[list[bool], Counter[str]]:
    """Which links to keep, and how many were left out for each reason."""
    reasons = [selection.reason(link) for link in links]
    return [r is None for r in reasons], Counter(r for r in reasons if r is not None)
