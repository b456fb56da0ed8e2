"""One input file read once: its bytes, its decoded text, and whether it is XML (TEI).

Every alignment input goes through `read_input` exactly once, so a pipe (`bitext align <(...)
<(...)`) or standard input works like a file, and a batch hashes the very bytes it aligns.
The steps: read the bytes (bounded, corpora.limits), decode them (a byte order mark decides
UTF-8/16/32, else the encoding given; XML by its own declaration), then sniff the kind (an
`.xml`/`.tei` name, or text starting with `<?xml` or `<TEI`). Readers of other formats build on
the `InputText` this returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corpora.readers import decode, read_bytes
from corpora.xmlinput import decode_xml, xml_encoding

XML_SUFFIXES = (".xml", ".tei")


@dataclass(frozen=True)
class InputText:
    """An input as read: `path` as given ("-": standard input), the raw `data`, the decoded
    `text` (BOM removed, newlines as "\\n", characters XML cannot carry removed) and `xml`,
    whether it is read as XML (TEI)."""

    path: str
    data: bytes
    text: str
    xml: bool


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


def read_input(path: str | Path, encoding: str = "utf-8", option: str | None = "--encoding") -> InputText:
    """Read and decode one input once. `encoding` applies when the bytes name none (a byte
    order mark, an XML declaration); `option` is the command's option that sets it, named in
    messages (None: the command has none)."""
    label = str(path)
    data = read_bytes(path)
    xml = looks_like_xml(label, data)
    text = decode_xml(data, label, encoding, option) if xml else decode(data, label, encoding, option)
    return InputText(label, data, text, xml)
