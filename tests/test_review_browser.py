"""The correction editor in a real browser (headless Chromium through selenium), opened from disk.

The static page of the pinned wrong alignment (tests/browser_support.PINNED): the sample's fix by
keys, a text edit and splits, the decisions downloaded and given to `apply-review`; the plot,
the filter, find and the flag keys, the mouse, the print style. A 10,000-link document checks
that the page stays usable at that size. The editor served by `bitext review --serve`:
tests/test_review_browser_serve.py. Skips when Chromium, chromedriver or selenium is missing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from corpora.beadfile import parse_beads
from corpora.model import Bitext, Document, Link

from align.flags import flag_bitext, reflag
from bitext_cli.main import cli
from tei.reader import read_tei
from tei.review_html import review_html

from browser_support import (GOLD, PINNED, browser, fix_by_keys, js, links, open_page, press, shape, shot,  # noqa: F401
                             status, tei_shape, wait_for, wait_for_file)


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


