"""The review report without a browser: self-contained, safely embedded data, deterministic,
summary and plots right; `bitext review` and `bitext align --review` on the command line."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from click.testing import CliRunner

from corpora.model import Bitext, Document, Link

from align.flags import flag_bitext
from bitext_cli.main import cli
from glossary.io import starter_path
from tei.decisions import document_hash
from tei.reader import read_tei
from tei.review_html import page_data, review_html, script_json
from tei.writer import tei_bytes

from test_flags import EN, RU, planted_bitext

HOSTILE = 'He wrote </script><script>alert("x")</script> and <!-- a comment & \u2028 line.'


def hostile_bitext() -> Bitext:
    src = Document.from_sentences("en", [[HOSTILE, "Second one."]], text_id="en")
    tgt = Document.from_sentences("de", [["Er schrieb </SCRIPT> etwas.", "Zweiter.", "Dritter 1937."]], text_id="de")
    links = [Link((0,), (0,), 0.9), Link((1,), (1, 2), 0.4)]
    return flag_bitext(Bitext(src, tgt, links, {"title": "A <b>bold</b> & risky title"}))


def data_script(page: str) -> str:
    match = re.search(r'<script type="application/json" id="bitext-data">(.*?)</script>', page, re.S)
    assert match
    return match.group(1)


def test_embedded_data_cannot_break_the_page() -> None:
    bitext = hostile_bitext()
    page = review_html(bitext, "x.xml")
    raw = data_script(page)
    assert "<" not in raw and ">" not in raw and "\u2028" not in raw
    assert json.loads(raw) == page_data(bitext, "x.xml")
    assert json.loads(raw)["src"][0] == HOSTILE
    assert page.lower().count("</script>") == 2  # the data and the page script, nothing from the texts
    assert "A &lt;b&gt;bold&lt;/b&gt; &amp; risky title" in page and "<b>bold" not in page
    assert script_json("</script>") == '"\\u003c/script\\u003e"'


def test_page_is_self_contained() -> None:
    page = review_html(hostile_bitext(), "x.xml")
    without_ns = page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for needle in ("http://", "https://", "<link", " src=", "@import", "url("):
        assert needle not in without_ns, needle
    assert "<style>" in page and "window.bitextReview" in page


def test_page_is_deterministic_and_names_the_document() -> None:
    bitext = planted_bitext()
    flagged = flag_bitext(bitext)
    assert review_html(flagged, "a.xml") == review_html(flag_bitext(planted_bitext()), "a.xml")
    data = json.loads(data_script(review_html(flagged, "a.xml")))
    assert data["document"] == document_hash(flagged)
    assert data["links"][1] == ["l2", [1], [1], 0.81, [["number", "number", "1934 in the source, 1935 in the target"]],
                                None]
    assert data["links"][7][4] == [["omission", "omission", "1-0: this source sentence has no counterpart in the target"]]


def test_summary_and_plots() -> None:
    page = review_html(flag_bitext(planted_bitext()), "a.xml")
    assert '<th scope="row">Links</th><td class="n" data-key="links">12</td>' in page
    assert '<th scope="row">Flagged links</th><td class="n" data-key="flagged">2 (16.7%)</td>' in page
    assert '<th scope="row">1-0</th><td class="n">1</td>' in page
    assert '<th scope="row">number</th><td class="n">1</td>' in page
    path = re.search(r'<polyline class="path" points="([^"]+)"', page).group(1).split()
    assert len(path) == 13 and path[0] == "34,34" and path[-1] == "334.0,334.0"
    assert page.count('<circle class="flagged"') == 2
    assert page.count('<rect class="bar"') == 20
    assert "Histogram of 11 link scores" in page


def test_review_command_recomputes_flags_and_adds_glossary(tmp_path: Path) -> None:
    tei = tmp_path / "planted.xml"
    tei.write_bytes(tei_bytes(planted_bitext()))  # written without flags
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["-q", "review", str(tei), "-o", str(out), "--glossary", str(starter_path())])
    assert result.exit_code == 0, result.output
    data = json.loads(data_script(out.read_text(encoding="utf-8")))
    kinds = {link[0]: [f[0] for f in link[4]] for link in data["links"] if link[4]}
    assert kinds == {"l2": ["number"], "l8": ["omission"], "l9": ["glossary"]}
    assert data["document"] == document_hash(read_tei(tei))
    again = CliRunner().invoke(cli, ["-q", "review", str(tei), "-o", str(out)])
    assert again.exit_code == 1 and "already exists" in again.output


def test_review_of_a_file_that_is_not_tei(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<html><body/></html>")
    result = CliRunner().invoke(cli, ["-q", "review", str(bad), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1 and "bad.xml" in result.output
    assert not (tmp_path / "r.html").exists()


def test_align_with_review_and_glossary_check(tmp_path: Path) -> None:
    ru, en = tmp_path / "ru.txt", tmp_path / "en.txt"
    planted = planted_bitext()
    ru.write_text("\n".join(RU) + "\n", encoding="utf-8")
    en.write_text("\n".join(planted.target.texts) + "\n", encoding="utf-8")
    out, html = tmp_path / "out.xml", tmp_path / "out.html"
    result = CliRunner().invoke(cli, ["-q", "align", str(ru), str(en), "-s", "ru", "-t", "en", "--presplit",
                                      "-o", str(out), "--review", str(html),
                                      "--glossary", str(starter_path()), "--check"])
    assert result.exit_code == 0, result.output
    bitext = read_tei(out)
    reasons = [f.reason for link in bitext.links for f in link.flags]
    assert "1934 in the source, 1935 in the target" in reasons
    assert any("Yerev" in r for r in reasons)
    # The dropped sentence: the aligner leaves "Суд заседал одиннадцать дней." without its own
    # counterpart, and whatever link holds it is flagged.
    holder = next(link for link in bitext.links if 7 in link.src)
    assert holder.flags, holder
    data = json.loads(data_script(html.read_text(encoding="utf-8")))
    assert data["document"] == document_hash(bitext)
    assert len(EN) == len(RU)


def test_review_without_output_on_a_terminal_asks_for_a_file(tmp_path: Path) -> None:
    """`bitext review x.xml` typed at a terminal printed 60 KB of HTML on it; it now says how to get
    the page (a pipe or `-o -` still gets it on standard output)."""
    import os
    import pty
    import subprocess
    import sys
    import threading

    BITEXT = [sys.executable, "-c", "from bitext_cli.main import cli; cli()"]
    tei = tmp_path / "planted.xml"
    tei.write_bytes(tei_bytes(planted_bitext()))
    main, terminal = pty.openpty()
    shown = bytearray()

    def drain() -> None:  # a terminal's buffer is small: read it while bitext writes
        while True:
            try:
                chunk = os.read(main, 1 << 16)
            except OSError:
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        done = subprocess.run([*BITEXT, "review", str(tei)], stdout=terminal, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=120)
    finally:
        os.close(terminal)
        reader.join(5)
        os.close(main)
    assert done.returncode == 1 and b"<html" not in shown
    error = done.stderr.decode().strip()
    assert error.count("\n") == 0 and error.startswith(f"Error: {tei}:") and "-o" in error and "--serve" in error
    piped = subprocess.run([*BITEXT, "-q", "review", str(tei)], capture_output=True,
                           timeout=120)
    assert piped.returncode == 0 and piped.stdout.startswith(b"<!DOCTYPE html>")


def test_a_review_page_beside_an_output_that_is_not_tei_says_its_decisions_need_one(tmp_path: Path, caplog) -> None:
    """`align -o x.tmx --review x.html`: the page's decisions fold only into a TEI file
    (apply-review refuses the TMX), so align says so on stderr before the translator corrects
    links in vain; beside a TEI output it says nothing."""
    from tests.conftest import SAMPLE

    caplog.set_level(logging.WARNING, logger="bitext")
    for name in ("x.tmx", "x.tei.xml"):
        caplog.clear()
        result = CliRunner().invoke(cli, ["align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t",
                                          "tr", "--scorer", "lexical", "-o", str(tmp_path / name),
                                          "--review", str(tmp_path / f"{name}.html")])
        assert result.exit_code == 0, result.output
        warned = [r.getMessage() for r in caplog.records if "apply-review" in r.getMessage()]
        if name == "x.tmx":
            assert warned == [f"{tmp_path / 'x.tmx.html'}: the decisions this page downloads fold into a TEI file only "
                              "(bitext apply-review): to use them, align to TEI (-o NAME.tei.xml), apply them, then "
                              "bitext export --to tmx"]
        else:
            assert warned == []


def test_align_review_page_is_the_page_review_writes_for_its_output(tmp_path: Path, monkeypatch) -> None:
    """`align --review` made its page from the alignment in memory: without a `title` it said
    "English-Turkish alignment" where `bitext review` of the output says "English-Turkish
    sentence alignment" (the TEI's title), and its means used scores the TEI rounds. Failed
    before (the title); the page is now made from the TEI written."""
    from tests.conftest import SAMPLE

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out, page, again = tmp_path / "x.tei.xml", tmp_path / "x.review.html", tmp_path / "again.html"
    result = CliRunner().invoke(cli, ["align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en", "-t", "tr",
                                      "--scorer", "lexical", "-o", str(out), "--review", str(page)])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(cli, ["review", str(out), "-o", str(again)]).exit_code == 0
    assert page.read_bytes() == again.read_bytes()
    assert b"<title>Review: English-Turkish sentence alignment</title>" in page.read_bytes()
