"""Input texts and the document/bitext data model; depends on no other bitext package."""

from corpora.errors import BitextError, InputError
from corpora.model import Bitext, Document, Link, Paragraph, Segment
from corpora.version import __version__

__all__ = [
    "Bitext",
    "BitextError",
    "Document",
    "InputError",
    "Link",
    "Paragraph",
    "Segment",
    "__version__",
]
