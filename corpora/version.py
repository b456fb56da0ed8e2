"""The one place bitext's version is written (read by pyproject and the TEI header)."""

__version__ = "0.1.0"
