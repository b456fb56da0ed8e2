"""The `bitext` command line: a thin click layer over corpora, glossary, align and tei."""
