"""The correction editor in a real browser, served by `bitext review --serve` (headless Chromium
through selenium).

The pinned wrong alignment of the sample (tests/browser_support.PINNED) is fixed in one sitting
with keys only, reloaded with the steps restored, saved through the server beside the input
(never over it; a later Save keeps the previous file as .bak) and compared with the sample's
gold links; a fresh browser starts from the last save; a new link's id avoids every id of the
document; an archive letter's markup, structure and header survive a Save. Screenshots before
and after go to tests/artifacts/. Skips when Chromium, chromedriver or selenium is missing.
"""

from __future__ import annotations

import json
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from click.testing import CliRunner

from bitext_cli.main import cli
from tei.reader import read_tei
from tests.signals import ctrl_c_as_at_a_terminal

from browser_support import (GOLD, PINNED, browser, fix_by_keys, js, links, open_page, press, shape, shot,  # noqa: F401
                             status, tei_shape, wait_for)

WRONG = [([i], [i]) for i in range(6)] + [([], [6]), ([], [7]), ([6], [8]), ([7], [9]), ([8], [10]), ([9], [11])]


def start_server(path: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    """`bitext review PATH --serve --no-browser` in a child process; its address."""
    proc = subprocess.Popen(
        [sys.executable, "-c", "from bitext_cli.main import cli; cli()", "review", str(path), "--serve",
         "--no-browser", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=path.parent,
        preexec_fn=ctrl_c_as_at_a_terminal)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    try:
        first = lines.get(timeout=120)
    except queue.Empty:
        proc.kill()
        raise AssertionError(f"the editor printed no address: {proc.stderr.read()}")
    assert first.startswith(f"Editor of {path.name}: http://127.0.0.1:"), first
    proc.lines = lines
    return proc, first.split(": ", 1)[1].strip()


def stop_server(proc: subprocess.Popen) -> str:
    """Ctrl-C the editor; what it printed after the address."""
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()
    out = []
    while not proc.lines.empty():
        out.append(proc.lines.get())
    return "".join(out)


def asks_before_leaving(driver) -> bool:
    """Whether the page would ask before it is left: its beforeunload handler cancels the event.
    (WebDriver accepts beforeunload prompts by itself, so the dialog cannot be watched.)"""
    return js(driver, "const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); "
                      "return e.defaultPrevented")


def reload(driver) -> None:
    js(driver, "window.beforeReload = true; setTimeout(() => location.reload(), 0)")
    wait_for(lambda: js(driver, "return !window.beforeReload && !!(window.bitextReview && window.bitextReview.ready)"),
             "the reloaded page")


def test_fix_the_sample_with_keys_then_save_through_serve(browser, tmp_path: Path, assert_valid_tei) -> None:
    from selenium.webdriver.common.keys import Keys

    aligned = tmp_path / "juhis.xml"
    shutil.copyfile(PINNED, aligned)
    before = aligned.read_bytes()
    assert tei_shape(aligned) == WRONG
    proc, url = start_server(aligned)
    try:
        open_page(browser, url)
        assert shape(links(browser)) == WRONG
        assert js(browser, "return document.getElementById('save').textContent") == "Save juhis.reviewed.tei.xml"
        shot(browser, "editor-before.png", height=2300)
        fix_by_keys(browser)
        assert js(browser, "return window.bitextReview.unsaved()")
        assert asks_before_leaving(browser)

        reload(browser)
        assert shape(links(browser)) == GOLD
        assert status(browser) == "Restored 4 step(s) from this browser."
        overview = "return document.querySelector(\"#overview [data-key='\" + arguments[0] + \"']\").textContent"
        wait_for(lambda: js(browser, overview, "hand") == "4", "the summary to count the links checked by hand")
        assert js(browser, overview, "flagged") == "0 (0.0%)"
        assert js(browser, "return window.bitextReview.unsaved()")

        press(browser, "s", ctrl=True)                          # Save, by key
        wait_for(lambda: status(browser).startswith("Saved"), "the save")
        out = tmp_path / "juhis.reviewed.tei.xml"
        assert status(browser) == "Saved juhis.reviewed.tei.xml (12 links)."
        assert tei_shape(out) == GOLD
        saved = read_tei(out)
        assert [link.id for link in saved.links][6:10] == ["l7", "l8", "l9", "l10.1"]
        assert [link.resp for link in saved.links] == [None] * 6 + ["human"] * 4 + [None] * 2
        assert_valid_tei(out.read_bytes())
        assert aligned.read_bytes() == before                   # never the input
        decisions = json.loads((tmp_path / "juhis.reviewed.decisions.json").read_text(encoding="utf-8"))
        assert decisions["version"] == 2 and len(decisions["operations"]) == 4
        assert not js(browser, "return window.bitextReview.unsaved()") and not asks_before_leaving(browser)
        press(browser, Keys.HOME)
        js(browser, "window.scrollTo(0, 0)")
        shot(browser, "editor-after.png", height=2300)

        # A later Save replaces the file and keeps the previous one as .bak.
        first_save = out.read_bytes()
        press(browser, "a")                                     # accept l1
        press(browser, "s", ctrl=True)
        wait_for(lambda: "previous file is kept" in status(browser), "the second save")
        assert (tmp_path / "juhis.reviewed.tei.xml.bak").read_bytes() == first_save
        assert read_tei(out).links[0].resp == "human"
        assert aligned.read_bytes() == before

        # Saved: leaving does not ask, and after a reload the steps are still there.
        assert not asks_before_leaving(browser)
        reload(browser)
        assert shape(links(browser)) == GOLD and links(browser)[0][3] == "human"
    finally:
        printed = stop_server(proc)
    assert "Editor stopped." in printed


def test_serve_starts_from_the_last_save_in_a_fresh_browser(browser, tmp_path: Path) -> None:
    """Another port is another browser storage: the editor starts from the decisions saved."""
    aligned = tmp_path / "juhis.xml"
    shutil.copyfile(PINNED, aligned)
    proc, url = start_server(aligned)
    try:
        open_page(browser, url)
        fix_by_keys(browser)
        press(browser, "s", ctrl=True)
        wait_for(lambda: status(browser).startswith("Saved"), "the save")
    finally:
        stop_server(proc)
    proc, url = start_server(aligned)
    try:
        js(browser, "localStorage.clear()")
        open_page(browser, url)
        assert shape(links(browser)) == GOLD
        assert status(browser) == "Restored 4 step(s) from the last save."
        assert not js(browser, "return window.bitextReview.unsaved()")
    finally:
        stop_server(proc)


def test_a_new_link_id_avoids_every_id_of_the_document(browser, tmp_path: Path, assert_valid_tei) -> None:
    """A sentence whose xml:id is the one the editor would give a link it makes (`l2.1`, of an
    omission or a split of l2): the editor picks the next free one, and Save goes through."""
    from selenium.webdriver.common.keys import Keys

    aligned = tmp_path / "juhis.xml"
    aligned.write_text(PINNED.read_text(encoding="utf-8").replace('"en.s2"', '"l2.1"').replace("#en.s2 ", "#l2.1 "),
                       encoding="utf-8")
    assert read_tei(aligned).source.segments[1].id == "l2.1"
    proc, url = start_server(aligned)
    try:
        open_page(browser, url)
        press(browser, Keys.HOME, Keys.ARROW_DOWN, "o")         # l2's English sentence has no counterpart
        assert [(lid, s, t) for lid, s, t, _ in links(browser)[1:3]] == [("l2", [], [1]), ("l2.2", [1], [])]
        press(browser, "s", ctrl=True)
        wait_for(lambda: status(browser).startswith(("Saved", "Not saved")), "the save")
        assert status(browser) == "Saved juhis.reviewed.tei.xml (13 links)."
    finally:
        stop_server(proc)
    out = tmp_path / "juhis.reviewed.tei.xml"
    assert_valid_tei(out.read_bytes())
    saved = read_tei(out)
    assert saved.source.segments[1].id == "l2.1" and [link.id for link in saved.links][1:3] == ["l2", "l2.2"]


def test_the_editor_on_an_archive_letter_with_paragraph_ids_and_markup(browser, tmp_path: Path,
                                                                       assert_valid_tei) -> None:
    """A fresh alignment with paragraph-scoped ids (`letter.p1.s2`) and an archive's markup in
    its sentences: the editor shows the reading texts, and a Save through `--serve` keeps every
    sentence's markup, the structure and the header, and validates."""
    from lxml import etree

    aligned = tmp_path / "letter.xml"
    archive = Path(__file__).resolve().parent / "data" / "tei"
    result = CliRunner().invoke(cli, ["-q", "align", str(archive / "archive.ru.xml"), str(archive / "archive.en.xml"),
                                      "--scorer", "lexical", "-o", str(aligned)])
    assert result.exit_code == 0, result.output
    before = read_tei(aligned)
    assert before.source.segments[1].id == "letter.p1.s2" and before.source.segments[1].markup is not None
    proc, url = start_server(aligned)
    try:
        open_page(browser, url)
        assert len(links(browser)) == len(before.links)
        page = js(browser, "return document.body.innerText")
        assert "Город был тих." in page and "Очень тих." in page and "Примечание" not in page  # notes are markup
        press(browser, "a")                                     # accept the first link
        press(browser, "s", ctrl=True)
        wait_for(lambda: status(browser).startswith("Saved"), "the save")
    finally:
        stop_server(proc)
    out = tmp_path / "letter.reviewed.tei.xml"
    assert_valid_tei(out.read_bytes())
    saved = read_tei(out)
    assert saved.links[0].resp == "human" and [s.id for s in saved.source.segments] == [s.id for s in before.source.segments]
    texts = ".//{http://www.tei-c.org/ns/1.0}group/{http://www.tei-c.org/ns/1.0}text"
    assert [etree.tostring(t) for t in etree.parse(str(out)).getroot().findall(texts)] == \
        [etree.tostring(t) for t in etree.parse(str(aligned)).getroot().findall(texts)]
