"""The one table of file formats: readers by extension and first bytes, writers by name.

Every command that reads a text (`align`, `batch`, `realign`, `glossary check`) or writes links
(`align --to`, `export --to`, `batch`) chooses here, and `glossary convert` its glossary format. A reader is a function `(InputText) ->
list[SourceText]` (corpora.sourcetext: the texts a file holds, unsegmented), a writer a function
`(Bitext, WriteRequest) -> Written` (corpora.writing); both are named "module:function" and
imported on first use, so `bitext --help` loads none of them. Adding a format is one module
and one line here (tests/test_formats.py walks the table).

How an input's format is found (`detect`): first bytes that only one format has (a PDF, an ODT
or DOCX zip), then the root element of XML or HTML (`<TEI>`, `<tmx>`, `<xliff>`, `<html>`,
`<!DOCTYPE html>`), then the file's extension (but `.txt`), then any other XML as TEI; else
plain text.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from corpora.errors import UsageError
from corpora.source import BINARY, HTML, TEXT, XML, InputText, read_input
from corpora.sourcetext import SourceText
from corpora.writing import Writer
from corpora.xmlinput import xml_encoding

# Glossary files (`glossary convert --to`): the glossary package's own table, by which it also
# loads and saves a glossary by extension.
from glossary.io import FORMATS as GLOSSARIES  # noqa: F401 - part of this table


@dataclass(frozen=True)
class ReaderFormat:
    """A format bitext reads: its reader, its file extensions, how its bytes are decoded
    (corpora.source), the root elements that mark it (XML, HTML) and a pattern of its first
    bytes that marks it (binary formats)."""

    reader: str
    extensions: tuple[str, ...]
    decoding: str
    roots: tuple[str, ...] = ()
    magic: bytes | None = None
    label: str = ""


@dataclass(frozen=True)
class WriterFormat:
    """A format bitext writes: its writer, the extension of its files (batch outputs), whether
    it shows review flags (so they are computed) and whether it can hold a selection of links
    (`export`)."""

    writer: str
    extension: str
    label: str
    flags: bool = False
    selection: bool = True


READERS: dict[str, ReaderFormat] = {
    "text": ReaderFormat("corpora.formats.text:read_text_source", (".txt",), TEXT, label="plain text"),
    "tei": ReaderFormat("tei.reader:read_tei_sources", (".xml", ".tei"), XML, ("TEI", "teiCorpus"), label="TEI"),
    "html": ReaderFormat("corpora.formats.html:read_html", (".html", ".htm", ".xhtml"), HTML, ("html",),
                         label="HTML"),
    "markdown": ReaderFormat("corpora.formats.markdown:read_markdown", (".md", ".markdown"), TEXT,
                             label="Markdown"),
    "docx": ReaderFormat("corpora.formats.docx:read_docx", (".docx",), BINARY,
                         magic=rb"PK\x03\x04.{26}(?:\[Content_Types\]\.xml|word/|_rels/)", label="DOCX (Word)"),
    "odt": ReaderFormat("corpora.formats.odt:read_odt", (".odt",), BINARY,
                        magic=rb"PK\x03\x04.{26}mimetype.{0,64}?application/vnd\.oasis\.opendocument\.text",
                        label="ODT (OpenDocument)"),
    "pdf": ReaderFormat("corpora.formats.pdf:read_pdf", (".pdf",), BINARY, magic=rb"[\s\S]{0,1024}?%PDF-",
                        label="PDF (its text layer)"),
    "tmx": ReaderFormat("corpora.formats.tmx:read_tmx_sources", (".tmx",), XML, ("tmx",), label="TMX"),
    "xliff": ReaderFormat("corpora.formats.xliff:read_xliff", (".xlf", ".xliff", ".sdlxliff"), XML, ("xliff",),
                          label="XLIFF 1.2 or 2.x"),
}

WRITERS: dict[str, WriterFormat] = {
    "tei": WriterFormat("tei.writer:write_tei_file", ".tei.xml", "TEI P5 XML", flags=True, selection=False),
    "beads": WriterFormat("corpora.beadfile:write_beads", ".beads", "one `[i, j]:[k]` bead per line"),
    "tmx": WriterFormat("tei.tmx:write_tmx", ".tmx", "TMX 1.4b (one unit per link; 1-0/0-1 left out)"),
    "tsv": WriterFormat("tei.tsv:write_tsv", ".tsv", "TSV (link id, source, target, type, score)"),
    "csv": WriterFormat("tei.spreadsheet:write_csv", ".csv",
                        "CSV for spreadsheets (link id, sentence ids, source, target, score, flags)", flags=True),
    "xliff": WriterFormat("tei.xliff:write_xliff", ".xlf", "XLIFF 2.1 (one unit per link, score and flags)",
                          flags=True),
}

FALLBACK = "text"  # the reader of anything not recognized (its .txt does not outweigh an XML start)
_ROOT = re.compile(r"""\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE\s+(?P<doctype>[\w:.-]+)[^>\[]*(?:\[.*?\])?\s*>)*
                       (?:<(?:[\w.-]+:)?(?P<root>[\w.-]+))?""", re.S | re.X | re.I)


def load(target: str) -> Callable[..., Any]:
    """The function a "module:function" entry names, imported now."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _start(head: bytes) -> str:
    """The first bytes as text (in the encoding they name, else UTF-8), leading space removed."""
    try:
        text = head.decode(xml_encoding(head) or "utf-8", errors="replace")
    except LookupError:  # an encoding Python does not know: decoding will say so
        text = head.decode("utf-8", errors="replace")
    return text.lstrip("\ufeff \t\r\n")


def _root_name(start: str) -> str | None:
    """The name of the document type, or of the first element, that a text starts with."""
    if not start.startswith("<"):
        return None
    m = _ROOT.match(start)
    return (m.group("doctype") or m.group("root")) if m else None


def detect(path: str, data: bytes) -> tuple[str, str]:
    """(reader name, decoding) of an input, from its first bytes and its name (module docstring)."""
    head = data[:4096]
    for name, fmt in READERS.items():
        if fmt.magic is not None and re.match(fmt.magic, head, re.S):
            return name, fmt.decoding
    start = _start(head)
    root = _root_name(start)
    if root:
        for name, fmt in READERS.items():
            if root.lower() in (r.lower() for r in fmt.roots):
                return name, fmt.decoding
    suffix = Path(path).suffix.lower() if path != "-" else ""
    for name, fmt in READERS.items():
        if suffix in fmt.extensions and name != FALLBACK:
            return name, fmt.decoding
    if start.startswith("<?xml"):
        return "tei", XML
    return FALLBACK, TEXT


def read_file(path: str, encoding: str = "utf-8", option: str | None = "--encoding") -> InputText:
    """One input read once (corpora.source.read_input), its format told by this table."""
    return read_input(path, encoding, option, detect)


def read_texts(given: InputText) -> list[SourceText]:
    """The texts an input holds, read by its format's reader."""
    return load(READERS[given.format].reader)(given)


def writer(name: str) -> Writer:
    """The writer of an output format by name."""
    try:
        return load(WRITERS[name].writer)
    except KeyError:
        raise UsageError(f"unknown output format {name!r}; choose from {', '.join(WRITERS)}") from None


def output_format(path: str | None, names: Iterable[str] = WRITERS) -> str | None:
    """The writer among `names` that an output's file name asks for (`book.tmx`: tmx), by its
    writer's extension or a reader's of the same format (`.xliff`); None for standard output or a
    name that asks for none. Commands use it when --to is not given."""
    if path in (None, "-"):
        return None
    suffix = Path(path).suffix.lower()
    for name in names:
        own = "." + WRITERS[name].extension.rsplit(".", 1)[-1]
        if suffix == own or (name in READERS and suffix in READERS[name].extensions):
            return name
    return None


def extensions() -> tuple[str, ...]:
    """Every file extension a reader takes (for pairing a folder's files)."""
    return tuple(dict.fromkeys(ext for fmt in READERS.values() for ext in fmt.extensions))

