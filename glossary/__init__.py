"""Transliteration schemes, glossary files and name matching (may use corpora)."""
