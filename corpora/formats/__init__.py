"""Readers of document formats: each turns one input (corpora.source.InputText) into the
texts it holds (corpora.sourcetext.SourceText), unsegmented. The command line's table of
formats (bitext_cli/formats.py) says which reader reads which file; TEI's reader is in tei."""
