"""Headless Chromium through selenium for the review page tests: the driver fixture and explicit
waits (no fixed sleeps: the machine may be loaded), keys, screenshots into tests/artifacts/."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import pytest

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
