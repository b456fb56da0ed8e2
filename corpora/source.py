"""One input file read once: its bytes, its format, and its decoded text.

Every alignment input goes through `read_input` exactly once, so a pipe (`bitext align <(...)
<(...)`) or standard input works like a file, and a batch hashes the very bytes it aligns.
The steps: read the bytes (bounded, corpora.limits), tell the format (`detect`: the command
line's table of readers, by extension and first bytes; without one, plain text or TEI), then
decode as the format needs: plain text and Markdown by a byte order mark (UTF-8/16/32), else
the encoding given; XML by its own declaration; HTML by a byte order mark or its `<meta
charset>`; zip and PDF files not at all (their readers take the bytes). The readers
(corpora.formats, tei.source) turn the `InputText` this returns into `SourceText`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from corpora.readers import decode, read_bytes
from corpora.xmlinput import decode_xml, xml_encoding

XML_SUFFIXES = (".xml", ".tei")
# How an input's bytes become text, by what its format needs (see the module docstring).
TEXT, XML, HTML, BINARY = "text", "xml", "html", "binary"
DECODINGS = (TEXT, XML, HTML, BINARY)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z][A-Za-z0-9._:-]*)""", re.I)


@dataclass(frozen=True)
class InputText:
    """An input as read: `path` as given ("-": standard input), the raw `data`, the decoded
    `text` (BOM removed, newlines as "\\n", characters XML cannot carry removed; "" for a
    binary format), `xml`, whether it was decoded as XML, and `format`, the name of the reader
    that reads it ("text", "tei", "html", "docx", ...)."""

    path: str
    data: bytes
    text: str
    xml: bool
    format: str = "text"


# A format detector: (path, first bytes) -> (reader name, decoding); see bitext_cli.formats.
Detect = Callable[[str, bytes], tuple[str, str]]


def looks_like_xml(path: str, data: bytes) -> bool:
    """Whether an input is XML: an .xml/.tei name, or `<?xml`/`<TEI` at its start (after a byte
    order mark and white space, in whatever encoding the bytes name)."""
    if path != "-" and path.lower().endswith(XML_SUFFIXES):
        return True
    head = data[:2048]
    try:
        start = head.decode(xml_encoding(head) or "utf-8", errors="replace")
    except LookupError:  # an encoding declared that Python does not know: decoding will say so
        start = head.decode("utf-8", errors="replace")
    start = start.lstrip("\ufeff \t\r\n")
    return start.startswith(("<?xml", "<TEI"))


def text_or_tei(path: str, data: bytes) -> tuple[str, str]:
    """The detector without a table of readers: TEI when the input looks like XML, else text."""
    return ("tei", XML) if looks_like_xml(path, data) else ("text", TEXT)


def decode_input(data: bytes, label: str, decoding: str, encoding: str = "utf-8",
                 option: str | None = "--encoding") -> str:
    """The text of an input's bytes, decoded as `decoding` says (one of DECODINGS)."""
    if decoding == XML:
        return decode_xml(data, label, encoding, option)
    if decoding == HTML:  # a byte order mark or an XML declaration (XHTML) first, then <meta charset>
        meta = _META_CHARSET.search(data[:4096])
        named = meta.group(1).decode("ascii") if meta else None
        return decode_xml(data, label, named or encoding, None if named else option)
    if decoding == BINARY:
        return ""
    return decode(data, label, encoding, option)


def read_input(path: str | Path, encoding: str = "utf-8", option: str | None = "--encoding",
               detect: Detect = text_or_tei) -> InputText:
    """Read and decode one input once. `encoding` applies when the bytes name none (a byte
    order mark, an XML declaration, an HTML meta charset); `option` is the command's option
    that sets it, named in messages (None: the command has none); `detect` tells the format."""
    label = str(path)
    data = read_bytes(path)
    fmt, decoding = detect(label, data)
    return InputText(label, data, decode_input(data, label, decoding, encoding, option), decoding == XML, fmt)
