"""`bitext review --serve` without a browser: the server answers only its own page (token, Host,
Origin), Save writes NAME.reviewed.tei.xml atomically and keeps the previous one as .bak, never
touches the input, and refuses decisions for another document or a changed input."""

from __future__ import annotations

import http.client
import json
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitext_cli.main import cli
from tei.decisions import FORMAT, document_hash
from tei.reader import read_tei
from tei.review_html import review_html
from tei.review_server import EditorServer, EditorSession, reviewed_path

DATA = Path(__file__).resolve().parent / "data" / "review"


@pytest.fixture
def server(tmp_path: Path):
    aligned = tmp_path / "juhis.tei.xml"
    shutil.copyfile(DATA / "juhis-lexical.tei.xml", aligned)
    session = EditorSession(aligned, lambda serve, saved: review_html(read_tei(aligned), aligned.name, serve, saved))
    srv = EditorServer(session)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def request(srv: EditorServer, method: str, path: str, body: bytes | None = None, **headers: str):
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    headers = {"Host": f"127.0.0.1:{srv.port}", **{k.replace("_", "-"): v for k, v in headers.items()}}
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


def decisions(srv: EditorServer, operations: list[dict]) -> bytes:
    doc = {"format": FORMAT, "version": 2, "document": document_hash(srv.session.bitext), "operations": operations}
    return json.dumps(doc).encode()


MERGE = {"op": "merge", "links": ["l7", "l8"], "into": [{"id": "l7", "source": [], "target": [6, 7]}]}
ACCEPT = {"op": "accept", "links": ["l1"], "into": [{"id": "l1", "source": [0], "target": [0]}]}


def save(srv: EditorServer, body: bytes, **headers: str):
    base = {"Content_Type": "application/json", "X_Bitext_Token": srv.session.token,
            "Origin": f"http://127.0.0.1:{srv.port}"}
    return request(srv, "POST", "/save", body, **{**base, **headers})


def test_reviewed_file_name() -> None:
    assert reviewed_path("a/b/article.tei.xml") == Path("a/b/article.reviewed.tei.xml")
    assert reviewed_path("x.XML") == Path("x.reviewed.tei.xml")
    assert reviewed_path("notes") == Path("notes.reviewed.tei.xml")


def test_the_page_needs_the_token_and_the_host(server: EditorServer) -> None:
    token = server.session.token
    assert request(server, "GET", "/")[0] == 403
    assert request(server, "GET", "/?token=wrong")[0] == 403
    status, page = request(server, "GET", f"/?token={token}")
    assert status == 200 and token.encode() in page and b'"output":"juhis.reviewed.tei.xml"' in page
    assert request(server, "GET", f"/?token={token}", Host="evil.example:80")[0] == 400   # DNS rebinding
    assert request(server, "GET", f"/?token={token}", Host=f"localhost:{server.port}")[0] == 200
    assert request(server, "GET", "/etc/passwd")[0] == 404
    assert server.url == f"http://127.0.0.1:{server.port}/?token={token}"


def test_save_is_refused_without_the_page_credentials(server: EditorServer, tmp_path: Path) -> None:
    body = decisions(server, [MERGE])
    assert save(server, body, X_Bitext_Token="wrong")[0] == 403
    assert save(server, body, Origin="http://evil.example")[0] == 403
    assert save(server, body, Sec_Fetch_Site="cross-site")[0] == 403
    assert save(server, body, Content_Type="text/plain")[0] == 415
    assert save(server, body, Host="evil.example")[0] == 400
    assert request(server, "POST", "/other", body)[0] == 404
    assert not (tmp_path / "juhis.reviewed.tei.xml").exists()


def test_save_writes_beside_the_input_and_keeps_the_previous_as_bak(server: EditorServer, tmp_path: Path,
                                                                     assert_valid_tei) -> None:
    aligned = tmp_path / "juhis.tei.xml"
    before = aligned.read_bytes()
    status, answer = save(server, decisions(server, [MERGE]))
    assert status == 200, answer
    assert json.loads(answer) == {"ok": True, "output": "juhis.reviewed.tei.xml", "links": 11, "backup": None}
    out = tmp_path / "juhis.reviewed.tei.xml"
    first = out.read_bytes()
    assert_valid_tei(first)
    assert read_tei(first).links[6].tgt == (6, 7)
    saved = json.loads((tmp_path / "juhis.reviewed.decisions.json").read_text(encoding="utf-8"))
    assert saved["operations"] == [MERGE]
    status, answer = save(server, decisions(server, [MERGE, ACCEPT]))
    assert status == 200 and json.loads(answer)["backup"] == "juhis.reviewed.tei.xml.bak"
    assert (tmp_path / "juhis.reviewed.tei.xml.bak").read_bytes() == first
    assert read_tei(out).links[0].resp == "human"
    assert aligned.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "juhis.reviewed.decisions.json", "juhis.reviewed.tei.xml", "juhis.reviewed.tei.xml.bak", "juhis.tei.xml"]
    # The page now starts from the saved decisions.
    page = request(server, "GET", f"/?token={server.session.token}")[1].decode()
    assert '"saved":[{"op":"merge"' in page


def test_save_refuses_other_documents_and_a_changed_input(server: EditorServer, tmp_path: Path) -> None:
    wrong = json.dumps({"format": FORMAT, "version": 2, "document": "sha256:00", "operations": []}).encode()
    status, answer = save(server, wrong)
    assert status == 400 and "was made for another document" in json.loads(answer)["error"]
    status, answer = save(server, b"{not json")
    assert status == 400 and "JSON error" in json.loads(answer)["error"]
    aligned = tmp_path / "juhis.tei.xml"
    aligned.write_bytes(aligned.read_bytes().replace(b"Keywords", b"Key words"))
    status, answer = save(server, decisions(server, [MERGE]))
    assert status == 400 and "changed on disk since the editor started" in json.loads(answer)["error"]
    assert not (tmp_path / "juhis.reviewed.tei.xml").exists()


def test_serve_options_on_the_command_line(tmp_path: Path) -> None:
    aligned = tmp_path / "a.xml"
    shutil.copyfile(DATA / "juhis-lexical.tei.xml", aligned)
    result = CliRunner().invoke(cli, ["review", str(aligned), "--serve", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1 and "--serve saves NAME.reviewed.tei.xml beside ALIGNED" in result.output
    busy = EditorServer(EditorSession(aligned, lambda serve, saved: ""))
    try:
        result = CliRunner().invoke(cli, ["review", str(aligned), "--serve", "--no-browser", "--port", str(busy.port)])
        assert result.exit_code == 1 and f"cannot listen on 127.0.0.1:{busy.port}" in result.output
    finally:
        busy.server_close()
