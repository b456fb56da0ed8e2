"""The correction editor with 10,000 links: writes BENCHMARKS.md "## Correction editor".

The document is the one bench/review_page.py uses (bible-en-ru-perturbed with its gold links,
repeated to 10,000 links; nothing copied into the repo). In headless Chromium through selenium,
per load (median of --runs loads): time from navigation to the first rows built and painted
(the list is virtual: only the rows on and near the screen are in the page); then, on a link in the middle of the document, scrolled into view, a move
(Shift+Up: its first source sentence to the previous link) and its undo (u), each timed from the
key event to the next frame (the change is on screen) and for the handler alone (median of
--steps pairs per load); and a reload with those steps stored (restored before the first rows).

    .venv/bin/python bench/editor_page.py [--runs 3] [--steps 10] [--no-write]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from review_page import python_side  # noqa: E402
from sections import machine, write_section  # noqa: E402

SECTION = "## Correction editor"

_KEY = """
const [key, shift] = [arguments[0], arguments[1]], done = arguments[arguments.length - 1];
const t0 = performance.now();
document.body.dispatchEvent(new KeyboardEvent("keydown", {key: key, shiftKey: shift, bubbles: true, cancelable: true}));
const t1 = performance.now();
requestAnimationFrame(() => setTimeout(() => done([t1 - t0, performance.now() - t0]), 0));
"""

_PICK = """
const k = arguments[0], links = window.bitextReview.links();
for (let i = k; i < links.length; i++) {
  if (links[i][1].length === 1 && links[i][2].length === 1) { window.bitextReview.goTo(i); return i; }
}
"""


def start_chromium(tmp: str):
    """Headless Chromium through selenium, with a fresh profile in `tmp`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1400,1000",
                "--disable-background-networking", "--disable-sync", f"--user-data-dir={tmp}/profile"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait(driver, script: str) -> None:
    while not driver.execute_script(script):
        time.sleep(0.02)


def measure(page: str, runs: int, steps: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {k: [] for k in (
        "first_ms", "painted_ms", "rows", "move_ms", "move_js_ms", "undo_ms", "undo_js_ms", "restored_ms")}
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "big.html"
        html.write_text(page, encoding="utf-8")
        driver = start_chromium(tmp)
        driver.set_script_timeout(120)
        try:
            for _ in range(runs):
                driver.get(html.as_uri())
                driver.execute_script("localStorage.clear()")
                driver.get(html.as_uri())
                wait(driver, "return window.bitextReview.ready")
                wait(driver, "return window.bitextReview.firstRowsPaintedAt > 0")
                first, painted = driver.execute_script(
                    "const a = window.bitextReview; return [a.firstRowsAt, a.firstRowsPaintedAt]")
                samples["first_ms"].append(first)
                samples["painted_ms"].append(painted)
                k = driver.execute_script(_PICK, 5000)
                samples["rows"].append(driver.execute_script("return document.querySelectorAll('#rows > .row').length"))
                for _ in range(steps):
                    js_ms, frame_ms = driver.execute_async_script(_KEY, "ArrowUp", True)
                    samples["move_js_ms"].append(js_ms)
                    samples["move_ms"].append(frame_ms)
                    js_ms, frame_ms = driver.execute_async_script(_KEY, "u", False)
                    samples["undo_js_ms"].append(js_ms)
                    samples["undo_ms"].append(frame_ms)
                assert driver.execute_script("return window.bitextReview.decisions().operations.length") == 0
                for _ in range(steps):  # steps kept for the reload
                    driver.execute_script(_PICK, k)
                    driver.execute_async_script(_KEY, "ArrowUp", True)
                    k += 2
                driver.execute_script("window.onbeforeunload = null; location.reload()")
                wait(driver, "return window.bitextReview && window.bitextReview.firstRowsAt > 0")
                assert driver.execute_script("return window.bitextReview.decisions().operations.length") == steps
                samples["restored_ms"].append(driver.execute_script("return window.bitextReview.firstRowsAt"))
        finally:
            driver.quit()
    return {k: statistics.median(v) for k, v in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    (flagged, page), py = python_side()
    n = len(flagged.links)
    br = measure(page, args.runs, args.steps)
    text = (
        f"{SECTION}\n\n{machine()}. "
        f"`.venv/bin/python bench/editor_page.py --runs {args.runs} --steps {args.steps}`: {n:,} links from "
        f"bible-en-ru-perturbed repeated ({py['mb']:.1f} MB page); headless Chromium; median over {args.runs} loads "
        f"(and {args.steps} move/undo pairs per load on a link in the middle, scrolled into view). Targets: first "
        "rows visible within 0.5 s, a move or an undo within 50 ms.\n\n"
        "| step | time |\n|---|---|\n"
        f"| navigation to the first rows built | {br['first_ms'] / 1000:.2f} s |\n"
        f"| navigation to the first rows painted | {br['painted_ms'] / 1000:.2f} s |\n"
        f"| rows in the page (the screen and 800 px around it) | {br['rows']:.0f} of {n:,} |\n"
        f"| move a sentence to the previous link (key to next frame) | {br['move_ms']:.1f} ms |\n"
        f"| ... of which the key handler | {br['move_js_ms']:.1f} ms |\n"
        f"| undo it (key to next frame) | {br['undo_ms']:.1f} ms |\n"
        f"| ... of which the key handler | {br['undo_js_ms']:.1f} ms |\n"
        f"| reload with {args.steps} steps stored: navigation to the first rows (steps replayed) | "
        f"{br['restored_ms'] / 1000:.2f} s |\n"
    )
    print(text)
    if not args.no_write:
        write_section(SECTION, text)


if __name__ == "__main__":
    main()
