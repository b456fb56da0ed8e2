"""Headless Chromium through selenium for the review page tests: the driver fixture and explicit
waits (no fixed sleeps: the machine may be loaded), keys, screenshots into tests/artifacts/; the
pinned wrong alignment of the sample, its gold links and the translator's fix by keys, which the
editor's tests from disk and through `--serve` share."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import pytest

from tei.reader import read_tei

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
TIMEOUT = 120.0  # generous: browser tests share two cores with other jobs


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
    options.set_capability("unhandledPromptBehavior", "ignore")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(TIMEOUT)
    driver.set_script_timeout(TIMEOUT)
    driver.downloads = downloads
    yield driver
    driver.quit()


def wait_for(condition: Callable[[], object], what: str, timeout: float = TIMEOUT) -> object:
    """Poll `condition` until it returns something true; fail naming `what` after `timeout`."""
    end = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def js(driver, script: str, *args):
    return driver.execute_script(script, *args)


def wait_ready(driver) -> None:
    wait_for(lambda: js(driver, "return !!(window.bitextReview && window.bitextReview.ready)"),
             "the page to build its rows")


def open_page(driver, url: str) -> float:
    """Load a page and wait until its script has built every row; seconds taken."""
    started = time.perf_counter()
    driver.get(url)
    wait_ready(driver)
    return time.perf_counter() - started


def press(driver, *keys: str, shift: bool = False, ctrl: bool = False) -> None:
    """Send keys to the page as a user types them (optionally holding Shift or Ctrl)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    chain = ActionChains(driver)
    held = [k for k, on in ((Keys.SHIFT, shift), (Keys.CONTROL, ctrl)) if on]
    for key in held:
        chain.key_down(key)
    for key in keys:
        chain.send_keys(key)
    for key in held:
        chain.key_up(key)
    chain.perform()


def status(driver) -> str:
    return js(driver, "return document.getElementById('status').textContent")


def links(driver) -> list[list]:
    """The page's links as [id, source positions, target positions, resp]."""
    return js(driver, "return window.bitextReview.links()")


def shot(driver, name: str, height: int | None = None) -> Path:
    """Save a screenshot into tests/artifacts/ (optionally of a taller window)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    if height:
        size = driver.get_window_size()
        driver.set_window_size(size["width"], height)
        driver.save_screenshot(str(path))
        driver.set_window_size(size["width"], size["height"])
    else:
        driver.save_screenshot(str(path))
    return path


def wait_for_file(folder: Path, pattern: str, timeout: float = 30.0) -> Path:
    def done() -> Path | None:
        found = [p for p in folder.glob(pattern) if not p.name.endswith(".crdownload")]
        return found[0] if found else None

    return wait_for(done, f"a file matching {pattern} in {folder}", timeout)  # type: ignore[return-value]


# -- the pinned sample and its fix, shared by the editor's tests from disk and through --serve --

DATA = Path(__file__).resolve().parent / "data" / "review"
PINNED = DATA / "juhis-lexical.tei.xml"
# The sample's gold (0-based sentences as `bitext segment` gives them): two Turkish sentences,
# 8 and 9, have no English counterpart.
GOLD = [([i], [i]) for i in range(8)] + [([], [8]), ([], [9]), ([8], [10]), ([9], [11])]


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


def tei_shape(path: Path) -> list[tuple[list, list]]:
    return [(list(link.src), list(link.tgt)) for link in read_tei(path).links]
