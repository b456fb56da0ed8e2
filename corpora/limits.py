"""Resource limits on input, so that no input (a huge file, /dev/zero, an endless pipe) can
exhaust memory: each is read in bounded chunks and refused past the limit with a clear error.

The limit is generous (MAX_INPUT_DEFAULT) and raised with the environment variable
`BITEXT_MAX_INPUT_SIZE` (or `bitext --max-input-size`, which sets it for the command and the
processes it starts): a number of bytes with an optional K, M or G suffix (powers of 1024).
"""

from __future__ import annotations

import os
import re
import zlib

from corpora.errors import InputError, UsageError

ENV_VAR = "BITEXT_MAX_INPUT_SIZE"
MAX_INPUT_DEFAULT = 256 * 1024**2  # bytes of one input file (and of an inflated dictionary)
MAX_NESTING = 256  # elements inside elements (XML) or containers inside containers (JSON, YAML)
_SIZE = re.compile(r"^\s*(\d+)\s*([KMG]?)i?B?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def parse_size(value: str) -> int:
    """Bytes from "300M", "2G", "1048576" (K, M, G are powers of 1024); UsageError if malformed."""
    found = _SIZE.match(value)
    if not found or int(found.group(1)) <= 0:
        raise UsageError(f"{value!r} is not a size (a positive number of bytes, or with K, M or G: 512M)")
    return int(found.group(1)) * _UNITS[found.group(2).upper()]


def format_size(size: int) -> str:
    """A size as the largest whole unit: 268435456 -> "256 MiB"."""
    for unit in ("G", "M", "K"):
        if size % _UNITS[unit] == 0:
            return f"{size // _UNITS[unit]} {unit}iB"
    return f"{size} bytes"


def max_input_bytes() -> int:
    """The size limit of one input, from BITEXT_MAX_INPUT_SIZE or the default."""
    value = os.environ.get(ENV_VAR)
    return parse_size(value) if value else MAX_INPUT_DEFAULT


def too_large(what: str = "is larger than") -> str:
    """The message for an input over the limit, saying how to raise it."""
    return (f"{what} {format_size(max_input_bytes())}, bitext's input size limit; raise it with "
            f"--max-input-size or {ENV_VAR} (e.g. {ENV_VAR}=2G)")


def gunzip(data: bytes, label: str) -> bytes:
    """Decompress gzip data (every member, as `gzip.decompress` does), refusing output beyond
    the input size limit: a small file must not inflate to gigabytes."""
    limit = max_input_bytes()
    out: list[bytes] = []
    total = 0
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pending = data
        while pending and not inflater.eof:
            chunk = inflater.decompress(pending, 1 << 20)
            pending = inflater.unconsumed_tail
            total += len(chunk)
            if total > limit:
                raise InputError(too_large("inflates to more than"), label)
            out.append(chunk)
        if not inflater.eof:
            raise InputError("is a truncated gzip file", label)
        data = inflater.unused_data.lstrip(b"\x00")  # members may be padded with zeros
    return b"".join(out)
