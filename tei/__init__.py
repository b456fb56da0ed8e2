"""TEI writing and reading, and the formats derived from it (uses corpora and glossary only)."""
