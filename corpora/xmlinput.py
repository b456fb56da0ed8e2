"""Parsing XML input (TEI, TMX, TBX) safely: no entities resolved, no network, no huge trees.

Input goes through `corpora.readers.decode` first, like plain text, so characters XML 1.0
cannot carry are removed with a warning naming the file and line instead of failing the parse.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from corpora.errors import InputError
from corpora.readers import decode, read_bytes

_DECLARED = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']")


def safe_parser(huge: bool = False) -> etree.XMLParser:
    """An lxml parser that never expands external entities, loads DTDs or touches the network.

    `huge` lifts libxml2's limits on one text node (10,000,000 characters) and on depth, for
    XML bitext wrote itself; other input keeps them.
    """
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=huge, load_dtd=False, dtd_validation=False
    )


def parse_xml(source: str | Path | bytes, name: str | None = None) -> etree._Element:
    """The root element of an XML file (a path, "-" or bytes); malformed XML is an InputError.

    `name` labels bytes input in messages (default "<bytes>").
    """
    if isinstance(source, bytes):
        data, label = source, name or "<bytes>"
    else:
        data, label = read_bytes(source), str(source)
    declared = _DECLARED.match(data)
    if declared is None or declared.group(1).lower().replace(b"_", b"-") in (b"utf-8", b"utf8"):
        data = decode(data, label).encode("utf-8")
    if not data.strip():
        raise InputError("is empty (no XML)", label)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else 0)
        message = re.sub(r",? line \d+(, column \d+)?$", "", str(exc.msg or exc))
        raise InputError(f"is not well-formed XML (line {line}: {message})", label) from None
    return root
