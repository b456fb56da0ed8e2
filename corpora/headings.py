"""Headings in plain-text input: the Markdown-like convention `# Title` ... `###### Title`.

A line that starts with one to six `#` and a space is a heading: it becomes a paragraph of its
own (even without blank lines around it), of kind "head", one segment, without the `#` marks.
The TEI writer puts headings in `<head>` (and the text in `<div>`s, see `tei.writer.body_blocks`).
"""

from __future__ import annotations

import re

MD_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_HEADING_LINE = re.compile(r"^[ \t]*(#{1,6}[ \t]+\S.*)$", re.M)


def isolate_headings(text: str) -> str:
    """The text with a blank line before and after every heading line, so it is a paragraph."""
    return _HEADING_LINE.sub(lambda m: f"\n{m.group(1)}\n", text)


def heading_text(paragraph: str) -> str | None:
    """The title of a heading paragraph (its `#` marks removed), or None for body text."""
    m = MD_HEADING.match(paragraph)
    return m.group(1).strip() if m else None
