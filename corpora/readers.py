"""Reading plain-text input: decoding with clear errors, paragraphs, pre-split lines.

Every failure is an `InputError` whose message names the file and the problem, so the command
line can print it as one line.
"""

from __future__ import annotations

import codecs
import logging
import re
import sys
from pathlib import Path

from corpora.errors import InputError

log = logging.getLogger("bitext")

# Characters XML 1.0 cannot carry (NUL is treated as a sign of a binary file instead).
_XML_ILLEGAL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")


def read_bytes(path: str | Path) -> bytes:
    """The raw bytes of a file, or of standard input when `path` is "-"."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", p)
    if p.is_dir():
        raise InputError("is a directory, not a text file", p)
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", p) from exc


def _suggest_encoding(data: bytes) -> str:
    """Name a likely legacy encoding for bytes that are not UTF-8, for the error message."""
    for enc, letters in (("cp1251", "аеиоянтсрвАЕИОНТ"), ("cp1254", "ğışçöüĞİŞÇÖÜ")):
        text = data.decode(enc, errors="replace")
        if sum(text.count(c) for c in letters) > max(3, len(text) // 50):
            return enc
    return "latin-1"


def decode(data: bytes, path: str | Path, encoding: str = "utf-8") -> str:
    """Decode input bytes, refusing binary data and naming the encoding to try on failure."""
    if b"\x00" in data[:65536]:
        raise InputError("looks like a binary file (it contains NUL bytes), not plain text", path)
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        raise InputError(f"unknown encoding {encoding!r}", path) from exc
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = _suggest_encoding(data)
        raise InputError(
            f"is not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            f"pass --encoding with its real encoding, e.g. --encoding {hint}",
            path,
        ) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _strip_control(text, path)


def _strip_control(text: str, path: str | Path) -> str:
    """Remove characters XML 1.0 cannot carry, warning with the file and line of each."""
    if not _XML_ILLEGAL.search(text):
        return text
    for m in _XML_ILLEGAL.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        log.warning("%s:%d: removed control character U+%04X", path, line, ord(m.group()))
    return _XML_ILLEGAL.sub("", text)


def read_text(path: str | Path, encoding: str = "utf-8") -> str:
    """The decoded text of a file; an empty or blank file is an error."""
    text = decode(read_bytes(path), path, encoding)
    if not text.strip():
        raise InputError("is empty (no text to align)", path)
    return text


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines; lines inside a paragraph are joined by spaces."""
    paras = []
    for block in _BLANK_LINE.split("\n" + text + "\n"):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if lines:
            paras.append(" ".join(lines))
    return paras


def split_presplit(text: str) -> list[list[str]]:
    """Pre-split text: each non-blank line is one segment, blank lines end paragraphs."""
    paras: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            paras.append(current)
            current = []
    if current:
        paras.append(current)
    return paras
