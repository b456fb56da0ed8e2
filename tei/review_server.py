"""`bitext review --serve`: the correction editor on a local web server, so Save writes the
corrected TEI without a download and an `apply-review` round trip.

Standard library only (http.server). The server listens on 127.0.0.1, serves one page and takes
one kind of request, and only from that page: the page address carries a per-session token, a
Save must send it back in a header (which a page of another site cannot do without a CORS
preflight, which is never answered), and Host and Origin must name this server (no DNS
rebinding). Save goes through `tei.reviewed.reviewed_tei`, the path of `bitext apply-review`:

- `NAME.reviewed.tei.xml` beside the input, written atomically; a later Save replaces it and
  keeps the previous one as `NAME.reviewed.tei.xml.bak`; the input itself is never written;
- `NAME.reviewed.decisions.json` beside it: the decisions saved (version 2), from which the
  editor starts when the browser has none (another port is another browser storage).
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Lock
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from corpora.atomic import atomic_write
from corpora.errors import BitextError, InputError
from corpora.outputs import beside_tei
from corpora.wording import counted

from tei.decisions import decisions_document
from tei.reader import read_tei
from tei.reviewed import reviewed_tei

log = logging.getLogger("bitext")

MAX_BODY = 64 * 1024 * 1024
TOKEN_HEADER = "X-Bitext-Token"
_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

# (serve settings for the page, operations of the last save or None) -> the page's HTML
PageMaker = Callable[[dict, "list | None"], str]


def reviewed_path(aligned: str | Path) -> Path:
    """`NAME.reviewed.tei.xml` beside the input (NAME without .tei.xml, .xml or .tei)."""
    path = Path(aligned)
    return path.with_name(beside_tei(path.name, ".reviewed.tei.xml"))


def replace_keeping_backup(path: Path, data: bytes) -> Path | None:
    """Write `data` to `path` atomically; an existing file is first copied to `path.bak` (also
    atomically). Returns the backup's path, or None when there was nothing to keep."""
    backup = None
    if path.exists():
        backup = path.with_name(path.name + ".bak")
        fd, tmp = tempfile.mkstemp(prefix=f".{backup.name}.", suffix=".part", dir=path.parent)
        os.close(fd)
        try:
            shutil.copy2(path, tmp)
            os.replace(tmp, backup)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    atomic_write(path, data)
    return backup


@dataclass
class EditorSession:
    """One editing session of one aligned file: what Save reads and writes."""

    aligned: Path
    make_page: PageMaker
    reviewer: str | None = None
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    def __post_init__(self) -> None:
        self.source = self.aligned.read_bytes()
        self.bitext = read_tei(self.source)
        self.output = reviewed_path(self.aligned)
        self.decisions = self.output.with_name(self.output.name.replace(".tei.xml", ".decisions.json"))
        if self.output.resolve() == self.aligned.resolve():
            raise InputError("the reviewed file would overwrite the input", self.aligned)
        self.saved = self._last_saved()
        self.lock = Lock()

    def _last_saved(self) -> list | None:
        """The operations of the last Save, if its decisions file belongs to this document."""
        if not self.decisions.exists():
            return None
        try:
            return decisions_document(self.decisions.read_bytes(), str(self.decisions), self.bitext).get("operations")
        except BitextError as exc:
            log.warning("not starting from %s: %s", self.decisions.name, exc)
            return None

    def page(self) -> str:
        serve = {"token": self.token, "save": "/save", "output": self.output.name}
        return self.make_page(serve, self.saved)

    def save(self, body: bytes) -> dict:
        """Fold the page's decisions into the input and write the reviewed file (see module doc)."""
        with self.lock:
            if self.aligned.read_bytes() != self.source:
                raise InputError("changed on disk since the editor started; start the editor again", self.aligned)
            reviewed, data = reviewed_tei(read_tei(self.source), body, "the editor's decisions", self.reviewer)
            backup = replace_keeping_backup(self.output, data)
            doc = json.loads(body)
            atomic_write(self.decisions, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
            self.saved = doc["operations"]
        fixed = len(reviewed.corrections)
        log.info("saved %s: %d links, %s corrected", self.output, len(reviewed.bitext.links),
                 counted(fixed, "sentence"))
        return {"ok": True, "output": self.output.name, "links": len(reviewed.bitext.links),
                "backup": backup.name if backup else None}


class _Handler(BaseHTTPRequestHandler):
    server: "EditorServer"
    server_version = "bitext-editor"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        log.debug("editor: " + format, *args)

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        for name, value in (("Content-Type", ctype), ("Content-Length", str(len(body))), ("Cache-Control", "no-store"),
                            ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
                            ("Content-Security-Policy", _CSP)):
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value: dict) -> None:
        self._send(status, json.dumps(value).encode("utf-8"), "application/json")

    def _refuse(self, status: int, why: str) -> None:
        self._json(status, {"ok": False, "error": why})

    def _own_host(self) -> bool:
        return self.headers.get("Host", "") in self.server.hosts

    def _token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.server.session.token.encode())

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if not self._own_host():
            return self._refuse(400, "unknown Host")
        url = urlsplit(self.path)
        if url.path == "/favicon.ico":
            return self._send(204, b"", "text/plain")
        if url.path != "/":
            return self._refuse(404, "not found")
        if not self._token_ok(parse_qs(url.query).get("token", [None])[0]):
            return self._refuse(403, "open the address that `bitext review --serve` printed (it holds the session's token)")
        self._send(200, self.server.session.page().encode("utf-8"), "text/html; charset=utf-8")

    def do_POST(self) -> None:  # noqa: N802
        if not self._own_host():
            return self._refuse(400, "unknown Host")
        if urlsplit(self.path).path != "/save":
            return self._refuse(404, "not found")
        origin = self.headers.get("Origin")
        if origin is not None and origin not in self.server.origins:
            return self._refuse(403, "request from another site")
        if self.headers.get("Sec-Fetch-Site") not in (None, "same-origin"):
            return self._refuse(403, "request from another site")
        if not self._token_ok(self.headers.get(TOKEN_HEADER)):
            return self._refuse(403, "missing or wrong session token")
        if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
            return self._refuse(415, "send the decisions as application/json")
        try:
            length = int(self.headers.get("Content-Length") or -1)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            return self._refuse(413, "missing or too large Content-Length")
        body = self.rfile.read(length)
        try:
            self._json(200, self.server.session.save(body))
        except BitextError as exc:
            log.error("not saved: %s", exc)
            self._refuse(400, str(exc))
        except OSError as exc:
            log.error("not saved: %s", exc)
            self._refuse(500, f"cannot write: {exc.strerror or exc}")


class EditorServer(ThreadingHTTPServer):
    """The HTTP server of one session on 127.0.0.1 (port 0: any free port)."""

    daemon_threads = True

    def __init__(self, session: EditorSession, port: int = 0, host: str = "127.0.0.1") -> None:
        super().__init__((host, port), _Handler)
        self.session = session
        self.port = self.server_address[1]
        self.hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        self.origins = {f"http://{h}" for h in self.hosts}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.session.token}"
