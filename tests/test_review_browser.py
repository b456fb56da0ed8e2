"""The review report in a real browser (headless Chromium through selenium).

Opens the report of the shipped sample and of a 10,000-link document built from the
bible-en-ru-perturbed dev set, clicks the filter and corrections, checks the page state and the
downloaded decisions (and that apply-review accepts them), and saves a screenshot of the
sample's report to tests/artifacts/. Skips when Chromium, chromedriver or selenium is missing.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpora.beadfile import parse_beads
from corpora.model import Bitext, Document, Link

from align.flags import flag_bitext
from bitext_cli.main import cli
from tei.reader import read_tei
from tei.review_html import review_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "juhis-908368"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install '.[review]')")
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            pytest.skip(f"{path} not found (apt-get install chromium chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "download.directory_upgrade": True, "safebrowsing.enabled": False})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(120)
    driver.downloads = downloads
    yield driver
    driver.quit()


def _sample_report(tmp_path: Path) -> tuple[Path, Path]:
    tei, html = tmp_path / "sample.xml", tmp_path / "sample.html"
    result = CliRunner().invoke(cli, ["-q", "align", str(SAMPLE / "en.txt"), str(SAMPLE / "tr.txt"), "-s", "en",
                                      "-t", "tr", "--meta", str(SAMPLE / "meta.json"), "-o", str(tei),
                                      "--review", str(html)])
    assert result.exit_code == 0, result.output
    return tei, html


def _js(driver, script: str, *args):
    return driver.execute_script(script, *args)


def _open(driver, page: Path, timeout: float = 60.0) -> float:
    """Load a report and wait until its script has built every row; seconds taken."""
    started = time.perf_counter()
    driver.get(page.as_uri())
    while not driver.execute_script("return window.bitextReview && window.bitextReview.ready"):
        assert time.perf_counter() - started < timeout, "the page never finished building its rows"
        time.sleep(0.05)
    return time.perf_counter() - started


def _press(driver, key: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()


def _click(driver, element) -> None:
    """Scroll the element to the middle (clear of the sticky toolbar) and click it."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def _wait_for_file(folder: Path, pattern: str, timeout: float = 20.0) -> Path:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done = [p for p in folder.glob(pattern) if not p.name.endswith(".crdownload")]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no download matching {pattern} in {folder}: {list(folder.iterdir())}")


def test_sample_report_filter_keys_correction_and_download(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    tei, html = _sample_report(tmp_path)
    bitext = read_tei(tei)
    flagged = [k for k, link in enumerate(bitext.links) if link.flags]
    assert flagged, "the sample should have at least one flagged link (its Turkish has extra sentences)"
    _open(browser, html)
    rows = browser.find_elements(By.CSS_SELECTOR, "#rows > .row")
    assert len(rows) == len(bitext.links)
    assert browser.find_element(By.ID, "flagged-count").text == str(len(flagged))
    first = bitext.links[flagged[0]]
    badge = rows[flagged[0]].find_element(By.CSS_SELECTOR, ".badge")
    assert badge.text == {"omission": "omission"}.get(first.flags[0].kind, badge.text)
    assert first.flags[0].reason in rows[flagged[0]].text

    ARTIFACTS.mkdir(exist_ok=True)
    browser.set_window_size(1400, 1900)
    browser.save_screenshot(str(ARTIFACTS / "review-sample.png"))
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not browser.find_element(By.ID, "download").is_displayed()  # the print style hides the tools
    browser.save_screenshot(str(ARTIFACTS / "review-sample-print.png"))
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    browser.set_window_size(1400, 1000)

    # Keyboard: j goes to the first flagged link, k from there wraps to the last one.
    browser.find_element(By.TAG_NAME, "body").click()
    _press(browser, "j")
    assert _js(browser, "return document.activeElement.dataset.k") == str(flagged[0])
    _press(browser, "k")
    assert _js(browser, "return document.activeElement.dataset.k") == str(flagged[-1])

    # A flagged point of the path plot leads to its row.
    browser.find_element(By.CSS_SELECTOR, "svg a[href^='#link-'] circle").click()
    assert _js(browser, "return document.activeElement.dataset.k") == str(flagged[0])

    # Filter: only flagged rows stay visible.
    plain = next(k for k in range(len(rows)) if k not in flagged)
    browser.find_element(By.ID, "only-flagged").click()
    assert not rows[plain].is_displayed() and rows[flagged[0]].is_displayed()
    browser.find_element(By.ID, "only-flagged").click()
    assert rows[plain].is_displayed()

    # Corrections: accept the flagged link, merge the first link with the second (by key and click).
    _click(browser, rows[flagged[0]].find_element(By.CSS_SELECTOR, "button[data-action='accept']"))
    _click(browser, rows[0].find_element(By.CSS_SELECTOR, "button[data-action='merge']"))
    assert "decided" in rows[flagged[0]].get_attribute("class")
    assert rows[0].find_element(By.CSS_SELECTOR, "button[data-action='merge']").get_attribute("aria-pressed") == "true"
    many = next((k for k, link in enumerate(bitext.links) if k > 1 and len(link.src) + len(link.tgt) > 2), None)
    if many is not None:  # split the first many-sentence link: one sentence of each side first
        _click(browser, rows[many].find_element(By.CSS_SELECTOR, "button[data-action='split-form']"))
        _click(browser, rows[many].find_element(By.CSS_SELECTOR, "button[data-action='split']"))
        assert "Split after 1 source and 1 target" in rows[many].text
    reject = rows[1].find_element(By.CSS_SELECTOR, "button[data-action='reject']")
    _click(browser, reject)  # refused: link 2 is merged into link 1
    assert "undo that merge first" in browser.find_element(By.ID, "status").text
    state = _js(browser, "return window.bitextReview.decisions()")
    ids = [link.id for link in bitext.links]
    expected = {0: {"link": ids[0], "action": "merge"}, flagged[0]: {"link": ids[flagged[0]], "action": "accept"}}
    if many is not None:
        expected[many] = {"link": ids[many], "action": "split", "source": 1, "target": 1}
    assert state["decisions"] == [expected[k] for k in sorted(expected)]
    assert browser.find_element(By.ID, "decision-count").text == str(len(expected))

    _click(browser, browser.find_element(By.ID, "download"))
    downloaded = _wait_for_file(browser.downloads, "sample.decisions.json")
    assert json.loads(downloaded.read_text(encoding="utf-8")) == state

    fixed = tmp_path / "fixed.xml"
    result = CliRunner().invoke(cli, ["-q", "apply-review", str(tei), str(downloaded), "-o", str(fixed)])
    assert result.exit_code == 0, result.output
    after = read_tei(fixed)
    assert after.links[0].src == bitext.links[0].src + bitext.links[1].src and after.links[0].resp == "human"
    assert not any(link.flags for link in after.links if link.resp == "human")


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

    bitext = flag_bitext(big_bitext(shared / "eval"))
    n_links, n_flagged = len(bitext.links), sum(1 for link in bitext.links if link.flags)
    assert n_links >= 10_000 and n_flagged > 100
    html = tmp_path / "big.html"
    html.write_text(review_html(bitext, "big.xml"), encoding="utf-8")
    loaded = _open(browser, html)
    assert _js(browser, "return document.querySelectorAll('#rows > .row').length") == n_links
    assert browser.find_element(By.ID, "flagged-count").text == str(n_flagged)
    first_ms, render_ms = _js(browser, "return [window.bitextReview.firstRowsMs, window.bitextReview.renderMs]")
    print(f"\n10k-link report: {html.stat().st_size / 1e6:.1f} MB, {n_links} links, {n_flagged} flagged, "
          f"all rows after {loaded:.2f} s (first rows {first_ms:.0f} ms, all built {render_ms:.0f} ms)")

    browser.find_element(By.ID, "only-flagged").click()
    shown = _js(browser, "return [...document.querySelectorAll('#rows > .row')].filter(r => r.offsetParent).length")
    assert shown == n_flagged
    browser.find_element(By.ID, "next-flag").click()
    browser.find_element(By.ID, "next-flag").click()
    k = int(_js(browser, "return document.activeElement.dataset.k"))
    second = [i for i, link in enumerate(bitext.links) if link.flags][1]
    assert k == second
    _press(browser, "x")  # reject the focused link by key
    assert _js(browser, "return window.bitextReview.decisions().decisions") == [
        {"link": f"l{second + 1}", "action": "reject"}]
