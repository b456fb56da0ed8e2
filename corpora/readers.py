"""Reading plain-text input: decoding with clear errors, paragraphs, pre-split lines.

Every failure is an `InputError` whose message names the file and the problem, so the command
line can print it as one line.
"""

from __future__ import annotations

import codecs
import logging
import re
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from corpora.errors import InputError
from corpora.limits import format_size, max_input_bytes, too_large

log = logging.getLogger("bitext")

# Characters XML 1.0 cannot carry (NUL is a sign of a binary file instead: an error).
_XML_ILLEGAL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")
# What XML text cannot hold at all (lxml refuses it): those, NUL, and lone surrogates (a JSON "\ud800").
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


_CHUNK = 1 << 20
# Byte order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_bytes(path: str | Path) -> bytes:
    """The raw bytes of a file, or of standard input when `path` is "-", read in bounded chunks:
    past the input size limit (corpora.limits) it stops with an InputError, so /dev/zero or an
    endless pipe cannot exhaust memory."""
    limit = max_input_bytes()
    if str(path) == "-":
        return _read_bounded(sys.stdin.buffer, "-", limit)
    p = Path(path)
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory, not a text file", p)
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise InputError(too_large(f"is {format_size(info.st_size)}, larger than"), p)
        with p.open("rb") as fh:
            return _read_bounded(fh, p, limit)
    except FileNotFoundError:
        raise InputError("no such file", p) from None
    except ValueError:  # a NUL character in the path
        raise InputError("is not a file name (it contains a NUL character)", repr(str(path))) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", p) from None


def xml_text(text: str, what: str, origin: str | Path | None = None) -> str:
    """`text` if XML can carry it, else an InputError naming `what` (a metadata key, an option)
    and the character: text a user typed outside a file read here (JSON escapes, an option)
    would otherwise fail in lxml while the output is written, a traceback."""
    if bad := _NOT_XML.search(text):
        raise InputError(f"{what} holds U+{ord(bad.group()):04X}, a character XML cannot carry", origin)
    return text


def _read_bounded(fh: BinaryIO, label: str | Path, limit: int) -> bytes:
    chunks, total = [], 0
    while chunk := fh.read(min(_CHUNK, limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise InputError(too_large(), label)
    return b"".join(chunks)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark at the start of `data` names (UTF-8, -16 or -32), or None."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def _utf16_order(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when bytes look like UTF-16 text without a byte order mark (the
    high byte of spaces, digits, punctuation and Latin letters is zero), else None."""
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 32:
        return None
    even, odd = sample[0::2], sample[1::2]
    order = ("utf-16-le" if odd.count(0) >= 0.1 * len(odd) and even.count(0) <= 0.01 * len(even)
             else "utf-16-be" if even.count(0) >= 0.1 * len(even) and odd.count(0) <= 0.01 * len(odd) else None)
    if order is None:
        return None
    text = sample.decode(order, errors="replace")
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
    return order if "\x00" not in text and printable >= 0.95 * len(text) else None


def _suggest_encoding(data: bytes) -> str:
    """Name a likely encoding for bytes that are not valid in the one tried, for the error message."""
    for enc, letters in (("cp1251", "аеиоянтсрвАЕИОНТ"), ("cp1254", "ğışçöüĞİŞÇÖÜ")):
        text = data.decode(enc, errors="replace")
        if sum(text.count(c) for c in letters) > max(3, len(text) // 50):
            return enc
    return "latin-1"


def _redo(option: str | None, encoding: str) -> str:
    """How to read the file in `encoding`: the command's option (or where else it was set, such
    as a batch's column), or converting the file."""
    if option and not option.startswith("-"):
        return f"set {option} to its real encoding, e.g. {encoding}"
    if option:
        return f"pass {option} with its real encoding, e.g. {option} {encoding}"
    return f"save it as UTF-8 (e.g. iconv -f {encoding} -t utf-8)"


def _refuse_binary(data: bytes, path: str | Path, option: str | None, line: int = 0) -> None:
    """Refuse bytes with NULs: UTF-16 without a byte order mark (naming how to read it), or binary."""
    utf16 = _utf16_order(data)
    if utf16:
        raise InputError(f"looks like UTF-16 without a byte order mark; {_redo(option, utf16)}", path)
    where = f"NUL character on line {line}" if line else "it contains NUL bytes"
    raise InputError(f"looks like a binary file ({where}), not plain text", path)


def text_encoding(name: str) -> bool:
    """Whether `name` is an encoding of text bytes can be decoded with: Python also knows codecs
    of bytes to bytes or text to text (hex, base64, zlib, rot13), which bytes.decode refuses."""
    try:
        return bool(getattr(codecs.lookup(name), "_is_text_encoding", True))
    except LookupError:
        return False


def decode(data: bytes, path: str | Path, encoding: str = "utf-8", option: str | None = "--encoding") -> str:
    """Decode input bytes: a byte order mark (UTF-8, UTF-16, UTF-32) decides the encoding,
    else `encoding`; binary data is refused; errors name `option` (the command's encoding
    option, or what else set it, as "src_encoding in manifest row 3"; None when there is
    none) and the encoding to try."""
    bom = bom_encoding(data)
    if not text_encoding(encoding):
        raise InputError(f"unknown encoding {encoding!r}", path)
    used = bom or encoding
    try:
        text = data.decode(used)
    except UnicodeDecodeError as exc:
        if not bom and b"\x00" in data[:65536]:
            _refuse_binary(data, path, option)
        raise InputError(f"is not valid {used} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         f"{_redo(option, _suggest_encoding(data))}", path) from None
    except UnicodeError as exc:  # a codec failing otherwise (punycode)
        raise InputError(f"is not valid {used} ({exc}); {_redo(option, _suggest_encoding(data))}", path) from None
    if "\x00" in text:
        _refuse_binary(data if not bom else b"", path, option, text.count("\n", 0, text.index("\x00")) + 1)
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


def read_text(path: str | Path, encoding: str = "utf-8", option: str | None = "--encoding") -> str:
    """The decoded text of a file; an empty or blank file is an error."""
    text = decode(read_bytes(path), path, encoding, option)
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
