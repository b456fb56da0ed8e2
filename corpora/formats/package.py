"""Office documents as zip packages (DOCX, ODT): their parts read safely.

A package is opened from the bytes read once (corpora.source); each part is inflated in
chunks and refused past the input size limit (all parts together too), or when it inflates
more than `MAX_RATIO` times beyond a megabyte: a zip bomb stops with a one-line error, not
with memory exhausted. XML parts are parsed without entities, DTDs or network
(corpora.xmlinput), and a part that declares a DOCTYPE is refused: neither Word nor
LibreOffice ever writes one, so it can only be an attempt to expand entities (XXE).
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from corpora.errors import InputError
from corpora.limits import max_input_bytes, too_large
from corpora.xmlinput import parse_xml_text

MAX_RATIO = 200  # inflated / compressed size of one part, beyond its first MiB
MAX_PARTS = 10000
_CHUNK = 1 << 16
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_DC = "{http://purl.org/dc/elements/1.1/}"


class Package:
    """The parts of one zip package, read on demand with the limits above."""

    def __init__(self, data: bytes, path: str, kind: str) -> None:
        self.path, self.kind = path, kind
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            names = self._zip.namelist()
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise InputError(f"is not a {kind} file (not a readable zip archive: {exc})", path) from None
        if len(names) > MAX_PARTS:
            raise InputError(f"is not a {kind} file we read: its zip holds {len(names)} parts", path)
        self.names = set(names)
        self._inflated = 0

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """The bytes of one part, inflated within the limits (a zip bomb is an InputError)."""
        limit = max_input_bytes()
        info = self._zip.getinfo(name)
        out: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    size += len(chunk)
                    self._inflated += len(chunk)
                    if size > (1 << 20) and size > MAX_RATIO * max(info.compress_size, 1):
                        raise InputError(f"looks like a zip bomb: its part {name} inflates more than "
                                         f"{MAX_RATIO} times; refused", self.path)
                    if self._inflated > limit:
                        raise InputError(too_large(f"inflates ({name}) to more than"), self.path)
                    out.append(chunk)
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
            raise InputError(f"is not a readable {self.kind} file: its part {name} cannot be read ({exc})",
                             self.path) from None
        return b"".join(out)

    def xml(self, name: str) -> etree._Element:
        """One XML part parsed safely (a DOCTYPE is refused, see the module docstring)."""
        data = self.read(name)
        if _DOCTYPE.search(data):  # markup in a document's text is escaped: this is a declaration
            raise InputError(f"its part {name} declares a DOCTYPE, which a {self.kind} file never has "
                             f"(entities could read other files); refused", self.path)
        try:
            text = data.decode("utf-8-sig") if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"its part {name} is not valid UTF-8 ({exc.reason} at byte {exc.start})", self.path) from None
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
        return parse_xml_text(text, f"{self.path}: {name}")

    def dublin_core(self, part: str) -> dict[str, str]:
        """The Dublin Core properties a metadata part gives (DOCX docProps/core.xml, ODT
        meta.xml): `dc:title`, `dc:language`, ... by name, white space collapsed, blank ones
        left out; none where the package has no such part."""
        if not self.has(part):
            return {}
        found: dict[str, str] = {}
        for el in self.xml(part).iter(f"{_DC}*"):
            text = " ".join((el.text or "").split())
            if text:
                found.setdefault(etree.QName(el).localname, text)
        return found
