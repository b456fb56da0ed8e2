"""Parsing XML input (TEI, TMX, TBX) safely: no entities resolved, no network, bounded nesting.

Input is decoded like plain text (`corpora.readers.decode`), in the encoding its byte order mark
or XML declaration names (`encoding = 'ISO-8859-9'`, spaces allowed), else UTF-8 or the one the
caller was given; so characters XML 1.0 cannot carry are removed with a warning naming the file
and line instead of failing the parse, and UTF-16 files read like UTF-8 ones. Text nodes may be
as long as the input size limit allows (bitext must read back the sentences it writes, however
long); nesting is limited to `MAX_NESTING` levels.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from corpora.errors import InputError
from corpora.limits import MAX_NESTING
from corpora.readers import bom_encoding, decode, read_bytes, text_encoding

if TYPE_CHECKING:  # lxml is imported where XML is parsed: reading plain text never loads it (7 ms)
    from lxml import etree

# The XML declaration (XML 1.0 section 2.8: spaces allowed around "="), in ASCII-compatible bytes.
_DECLARED = re.compile(rb"^\s*<\?xml\s[^>]*?\bencoding\s*=\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']")
_DECLARATION = re.compile(r"^\s*<\?xml\s[^>]*\?>")
# The first characters "<?" in UTF-16 or UTF-32 without a byte order mark (XML 1.0 appendix F).
_NO_BOM = ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"), (b"\x00<\x00?", "utf-16-be"),
           (b"<\x00?\x00", "utf-16-le"))


def safe_parser(huge: bool = False) -> etree.XMLParser:
    """An lxml parser that never expands external entities, loads DTDs or touches the network.

    `huge` lifts libxml2's limit on one text node (10,000,000 characters), for input whose size
    bitext has bounded itself; entity amplification stays refused.
    """
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=huge, load_dtd=False, dtd_validation=False
    )


def xml_encoding(data: bytes) -> str | None:
    """The encoding an XML document names for itself: its byte order mark, the layout of its
    first characters (UTF-16/32 without a mark), or its declaration; None when it names none."""
    found = bom_encoding(data)
    if found:
        return found
    for start, encoding in _NO_BOM:
        if data.startswith(start):
            return encoding
    declared = _DECLARED.match(data)
    return declared.group(1).decode("ascii") if declared else None


def decode_xml(data: bytes, label: str | Path, encoding: str = "utf-8", option: str | None = None) -> str:
    """The text of an XML document, decoded in the encoding it names (else `encoding`), its
    XML declaration removed (the text is no longer in the encoding it declares); lines keep
    their numbers."""
    named = xml_encoding(data)
    if named and not text_encoding(named):
        raise InputError(f"declares the encoding {named!r}, which bitext does not know", label)
    text = decode(data, label, named or encoding, None if named else option)
    declaration = _DECLARATION.match(text)
    if declaration:
        text = "\n" * declaration.group().count("\n") + text[declaration.end():]
    return text


def parse_xml_text(text: str, label: str | Path) -> etree._Element:
    """The root element of decoded XML (see `decode_xml`); malformed XML is an InputError."""
    if not text.strip():
        raise InputError("is empty (no XML)", label)
    from lxml import etree

    try:
        root = etree.fromstring(text.encode("utf-8"), safe_parser(huge=True))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else 0)
        message = re.sub(r",? line \d+(, column \d+)?$", "", str(exc.msg or exc))
        raise InputError(f"is not well-formed XML (line {line}: {message})", label) from None
    _check_nesting(root, label)
    return root


def _check_nesting(root: etree._Element, label: str | Path) -> None:
    from lxml import etree

    depth = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > MAX_NESTING:
            raise InputError(f"line {el.sourceline}: elements nest deeper than {MAX_NESTING} levels", label)


def parse_xml(source: str | Path | bytes, name: str | None = None, encoding: str = "utf-8",
              option: str | None = None) -> etree._Element:
    """The root element of an XML file (a path, "-" or bytes); malformed XML is an InputError.

    `name` labels bytes input in messages (default "<bytes>"); `encoding` is used when the
    document names none, `option` is the command's option that sets it (for messages).
    """
    if isinstance(source, bytes):
        data, label = source, name or "<bytes>"
    else:
        data, label = read_bytes(source), str(source)
    return parse_xml_text(decode_xml(data, label, encoding, option), label)
