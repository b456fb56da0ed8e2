"""Segmentation, scoring and search: the alignment engine (uses corpora and glossary only)."""
