"""The correction editor in a real browser (headless Chromium through selenium).

The sample (corpora/samples/juhis-908368) aligned with `--scorer lexical` is pinned in
tests/data/review/juhis-lexical.tei.xml: a wrong alignment that puts the two Turkish sentences
without an English counterpart two sentences too early and shifts four links. The tests fix it
in one sitting with keys only, reload and find the steps restored, Save through
`bitext review --serve` (and, from disk, download the decisions for `apply-review`), and compare
the result with the sample's gold links. Screenshots before and after go to tests/artifacts/.
A 10,000-link document checks that the page stays usable at that size. Skips when Chromium,
chromedriver or selenium is missing.
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

from corpora.beadfile import parse_beads
from corpora.model import Bitext, Document, Link

from align.flags import flag_bitext, reflag
from bitext_cli.main import cli
from tei.reader import read_tei
from tei.review_html import review_html
from tests.signals import ctrl_c_as_at_a_terminal

from browser_support import browser, js, links, open_page, press, shot, status, wait_for, wait_for_file, wait_ready  # noqa: F401

DATA = Path(__file__).resolve().parent / "data" / "review"
PINNED = DATA / "juhis-lexical.tei.xml"
# The sample's gold (0-based sentences as `bitext segment` gives them): two Turkish sentences,
# 8 and 9, have no English counterpart.
GOLD = [([i], [i]) for i in range(8)] + [([], [8]), ([], [9]), ([8], [10]), ([9], [11])]
WRONG = [([i], [i]) for i in range(6)] + [([], [6]), ([], [7]), ([6], [8]), ([7], [9]), ([8], [10]), ([9], [11])]


def shape(page_links: list[list]) -> list[tuple[list, list]]:
    return [(s, t) for _, s, t, _ in page_links]


def fix_by_keys(driver) -> None:
    """The translator's fix, keys only: two boundary moves, an undo and a redo, an omission
    inserted and one removed. Asserts the alignment after each step."""
    from selenium.webdriver.common.keys import Keys

    press(driver, Keys.HOME)
    press(driver, *[Keys.ARROW_DOWN] * 8)                      # to l9 = [6]:[8]
    assert js(driver, "return window.bitextReview.current()") == {"id": "l9", "index": 8, "side": "source"}
    press(driver, Keys.ARROW_UP, shift=True)                    # its English sentence to l8
    assert shape(links(driver))[6:10] == [([], [6]), ([6], [7]), ([], [8]), ([7], [9])]
    press(driver, Keys.ARROW_UP)
    press(driver, Keys.ARROW_UP, shift=True)                    # and on to l7
    moved = [([6], [6]), ([], [7]), ([], [8]), ([7], [9])]
    assert shape(links(driver))[6:10] == moved
    press(driver, "u")
    assert shape(links(driver))[6:10] == [([], [6]), ([6], [7]), ([], [8]), ([7], [9])]
    assert status(driver).startswith("Undone: move of l7, l8")
    press(driver, "r")
    assert shape(links(driver))[6:10] == moved
    press(driver, *[Keys.ARROW_DOWN] * 3, Keys.ARROW_RIGHT)     # l10 = [7]:[9], target side
    assert js(driver, "return window.bitextReview.current()") == {"id": "l10", "index": 9, "side": "target"}
    press(driver, "o")                                          # Turkish 9 has no counterpart
    assert shape(links(driver))[9:11] == [([7], []), ([], [9])]
    press(driver, Keys.ARROW_UP, Keys.ARROW_UP, "d")            # l8 = []:[7] pairs with English 7
    assert shape(links(driver)) == GOLD, links(driver)


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


def tei_shape(path: Path) -> list[tuple[list, list]]:
    return [(list(link.src), list(link.tgt)) for link in read_tei(path).links]


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


def test_static_page_download_edit_split_and_apply_review(browser, tmp_path: Path, assert_valid_tei) -> None:
    """From disk (no server): the same fix, a text edit, splits of a merged link, all by key;
    the downloaded decisions go through `bitext apply-review`."""
    from selenium.webdriver.common.keys import Keys

    aligned = tmp_path / "juhis.xml"
    shutil.copyfile(PINNED, aligned)
    page = tmp_path / "juhis.html"
    assert CliRunner().invoke(cli, ["-q", "review", str(aligned), "-o", str(page)]).exit_code == 0
    open_page(browser, page.as_uri())
    js(browser, "localStorage.clear()")
    open_page(browser, page.as_uri())
    fix_by_keys(browser)
    # Edit the text of English sentence 1 (link l1): e, type, Ctrl+Enter.
    press(browser, Keys.HOME, Keys.ARROW_LEFT, "e")
    area = browser.switch_to.active_element
    assert area.tag_name == "textarea"
    area.send_keys(Keys.END, " [sic]")
    press(browser, Keys.ENTER)
    edited = js(browser, "return window.bitextReview.texts().source[0]")
    assert edited.endswith("(1938-1956) [sic]")
    # Merge l2, l3 and l4, then split the merged link twice: back to three 1-1 links.
    press(browser, Keys.ARROW_DOWN, "m", "m")
    assert shape(links(browser))[1] == ([1, 2, 3], [1, 2, 3])
    press(browser, "s")
    assert browser.switch_to.active_element.tag_name == "select"
    press(browser, Keys.ENTER)                                  # the first part: 1 + 1 sentences
    press(browser, Keys.ARROW_DOWN, "s", Keys.ENTER)
    assert shape(links(browser))[:5] == GOLD[:5]
    assert [lid for lid, *_ in links(browser)[1:4]] == ["l2.1", "l2.2.1", "l2.2.2"]
    assert js(browser, "return window.bitextReview.decisions().operations.length") == 9

    press(browser, "s", ctrl=True)                              # no server: downloads
    downloaded = wait_for_file(browser.downloads, "juhis.decisions.json")
    assert json.loads(downloaded.read_text(encoding="utf-8")) == js(browser, "return window.bitextReview.decisions()")
    fixed = tmp_path / "fixed.xml"
    result = CliRunner().invoke(cli, ["-q", "apply-review", str(aligned), str(downloaded), "-o", str(fixed),
                                      "--reviewer", "A. Translator"])
    assert result.exit_code == 0, result.output
    assert tei_shape(fixed) == GOLD
    data = fixed.read_bytes()
    root = assert_valid_tei(data)
    original = read_tei(PINNED).source.texts[0]
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    s1 = root.xpath("//t:s[@xml:id='en.s1']", namespaces=ns)[0]
    assert s1.xpath("t:choice/t:sic/text()", namespaces=ns) == [original]
    assert s1.xpath("t:choice/t:corr[@resp='#human']/text()", namespaces=ns) == [edited]
    assert read_tei(fixed).source.texts[0] == edited


def test_plot_filter_find_and_flag_keys(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = tmp_path / "juhis.html"
    bitext = reflag(read_tei(PINNED), None)
    page.write_text(review_html(bitext, "juhis.xml"), encoding="utf-8")
    flagged = [k for k, link in enumerate(bitext.links) if link.flags]
    assert flagged == [6, 7, 8, 9]
    open_page(browser, page.as_uri())
    js(browser, "localStorage.clear()")
    # Steps that cannot be replayed (here: a link this document does not have) are not dropped.
    js(browser, "const key = 'bitext-review:' + JSON.parse(document.getElementById('bitext-data').textContent).document;"
                "localStorage.setItem(key, JSON.stringify({version: 2, operations: [{op: 'accept', links: ['l99'], "
                "into: [{id: 'l99', source: [0], target: [0]}]}]}))")
    open_page(browser, page.as_uri())
    assert status(browser).startswith("Restored 0 of 1 steps from this browser; the rest could not be replayed "
                                      "(links l99 are not where the step expects them) and stays in this browser's "
                                      "storage as bitext-review:sha256:")
    assert js(browser, "return Object.keys(localStorage).filter(k => k.includes(':not-replayed:')).length") == 1
    js(browser, "localStorage.clear()")
    open_page(browser, page.as_uri())
    js(browser, "document.getElementById('links').scrollIntoView()")
    wait_for(lambda: len(browser.find_elements(By.CSS_SELECTOR, "#rows > .row")) == 12, "every row on screen")
    rows = browser.find_elements(By.CSS_SELECTOR, "#rows > .row")
    assert len(rows) == 12 and browser.find_element(By.ID, "flagged-count").text == "4"
    assert "omission" in rows[6].text and bitext.links[6].flags[0].reason in rows[6].text
    assert rows[6].get_attribute("id") == "link-l7"
    press(browser, "n")
    assert js(browser, "return window.bitextReview.current().index") == 6
    press(browser, "p")
    assert js(browser, "return window.bitextReview.current().index") == 9   # wraps round
    # The plot: a click near the end of link l3 goes to it.
    plot = browser.find_element(By.CSS_SELECTOR, "#path-plot svg")
    js(browser, "arguments[0].scrollIntoView({block: 'center'})", plot)
    size = plot.size
    x, y = 34 + 300 * 3 / 10, 34 + 300 * 3 / 12  # in plot units (viewBox 368)
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).move_to_element_with_offset(plot, x * size["width"] / 368 - size["width"] / 2,
                                                      y * size["height"] / 368 - size["height"] / 2).click().perform()
    assert js(browser, "return window.bitextReview.current().id") == "l3"
    # Only flagged links: plain rows leave the list (the current one stays).
    listed = "return [...document.querySelectorAll('#rows > .row')].map(r => r.id)"
    press(browser, "n")
    browser.find_element(By.ID, "only-flagged").click()
    assert js(browser, listed) == ["link-l7", "link-l8", "link-l9", "link-l10"]
    browser.find_element(By.ID, "only-flagged").click()
    assert len(js(browser, listed)) == 12
    # An edit shows on the plot: a human segment appears.
    assert not browser.find_elements(By.CSS_SELECTOR, "#path-plot .human")
    press(browser, "a")
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#path-plot .human"), "the edit on the plot")
    # Find: / then the text, Enter goes to the next link that holds it, Esc back to the links.
    press(browser, "/")
    assert browser.switch_to.active_element.get_attribute("id") == "find"
    press(browser, "bagirov", Keys.ENTER)
    assert js(browser, "return window.bitextReview.current().id") == "l9"
    assert "(1 link hold it)" in status(browser)
    press(browser, Keys.ESCAPE, "k")
    assert js(browser, "return window.bitextReview.current().id") == "l8"
    press(browser, "k")
    # Refusals say why.
    press(browser, "x")
    assert status(browser) == "Link l7 has sentences on one side only; nothing to reject."
    # The mouse: a click on a row's target text chooses that link and side; its tools act on it.
    target_cell = browser.find_element(By.CSS_SELECTOR, "#link-l11 .side.t")
    js(browser, "arguments[0].scrollIntoView({block: 'center'})", target_cell)
    target_cell.click()
    assert js(browser, "return window.bitextReview.current()") == {"id": "l11", "index": 10, "side": "target"}
    browser.find_element(By.CSS_SELECTOR, "#link-l11 button[data-cmd='moveDown']").click()
    assert shape(links(browser))[10:] == [([8], []), ([9], [10, 11])]
    browser.find_element(By.ID, "undo").click()
    assert shape(links(browser))[10:] == [([8], [10]), ([9], [11])]
    browser.find_element(By.ID, "redo").click()
    browser.find_element(By.CSS_SELECTOR, "#link-l11 button[data-cmd='mergeNext']").click()
    assert shape(links(browser))[10:] == [([8, 9], [10, 11])]
    # ? hides the list of keys, and it stays hidden on the next visit until ? shows it again.
    keys_shown = "return !document.getElementById('keys').hidden"
    assert js(browser, keys_shown)
    press(browser, "?")
    assert not js(browser, keys_shown)
    open_page(browser, page.as_uri())
    assert not js(browser, keys_shown)
    press(browser, "?")
    assert js(browser, keys_shown)
    # The print style hides the tools.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not browser.find_element(By.ID, "save").is_displayed()
    shot(browser, "editor-print.png", height=1700)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def big_bitext(eval_dir: Path, target_links: int = 10_000) -> Bitext:
    """The perturbed Bible books repeated until there are at least `target_links` gold links."""
    books = sorted(p for p in (eval_dir / "bible-en-ru-perturbed").iterdir() if p.is_dir())
    src: list[str] = []
    tgt: list[str] = []
    links: list[Link] = []
    while len(links) < target_links:
        for book in books:
            s = book.joinpath("src.txt").read_text(encoding="utf-8").splitlines()
            t = book.joinpath("tgt.txt").read_text(encoding="utf-8").splitlines()
            for a, b in parse_beads(book.joinpath("gold.txt").read_text(encoding="utf-8")):
                score = 0.0 if not (a and b) else 0.9 - 0.2 * (len(a) + len(b) - 2) - 0.01 * (len(links) % 7)
                links.append(Link(tuple(i + len(src) for i in a), tuple(j + len(tgt) for j in b), score))
            src += s
            tgt += t
    return Bitext(Document.from_sentences("en", [src], text_id="en"),
                  Document.from_sentences("ru", [tgt], text_id="ru"), links)


def test_ten_thousand_links(browser, tmp_path: Path, shared: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    bitext = flag_bitext(big_bitext(shared / "eval"))
    n_links, n_flagged = len(bitext.links), sum(1 for link in bitext.links if link.flags)
    assert n_links >= 10_000 and n_flagged > 100
    html = tmp_path / "big.html"
    html.write_text(review_html(bitext, "big.xml"), encoding="utf-8")
    loaded = open_page(browser, html.as_uri())
    rendered = "return document.querySelectorAll('#rows > .row').length"
    assert 0 < js(browser, rendered) < 200             # the rows of the screen, not 10,000
    assert browser.find_element(By.ID, "flagged-count").text == str(n_flagged)
    first_ms = js(browser, "return window.bitextReview.firstRowsMs")
    print(f"\n10k-link page: {html.stat().st_size / 1e6:.1f} MB, {n_links} links, {n_flagged} flagged, "
          f"ready after {loaded:.2f} s (first rows {first_ms:.0f} ms)")
    second = [i for i, link in enumerate(bitext.links) if link.flags][1]
    press(browser, "n", "n")
    assert js(browser, "return window.bitextReview.current().index") == second
    press(browser, Keys.END, "M")   # a merge at the very end, then undo
    assert js(browser, "return window.bitextReview.decisions().operations.length") == 1
    assert js(browser, "return document.querySelector('#rows > .row.current').id") == f"link-l{n_links - 1}"
    press(browser, "u")
    assert js(browser, "return window.bitextReview.decisions().operations.length") == 0
    assert js(browser, "return window.bitextReview.links().length") == n_links
    assert 10 < js(browser, rendered) < 200
    # Scrolling renders the rows that come on screen.
    js(browser, "window.scrollTo(0, document.body.scrollHeight / 2)")
    middle = wait_for(lambda: js(browser, "const r = document.querySelectorAll('#rows > .row'); "
                                          "return r.length && +r[0].id.slice(6) > 1000 && r[0].id"), "rows mid-way")
    assert 10 < js(browser, rendered) < 200, middle


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
