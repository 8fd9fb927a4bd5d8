"""Playwright driving Debian's chromium (``/usr/bin/chromium``), headless; a browser is never downloaded.

Each test gets a fresh page; a screenshot of where it ended is saved as ``test-output/<test>.png``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test."""
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian chromium for the session."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make system-test-deps` (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, request: pytest.FixtureRequest) -> Iterator[Callable[..., object]]:
    """Open a fresh page (own cookies) with context options (viewport, JavaScript …); each page's last state is
    saved as ``test-output/<test>[-n].png`` at teardown."""
    opened: list[tuple[object, object]] = []

    def open_(**options: object) -> object:
        context = browser.new_context(**{"viewport": {"width": 1200, "height": 900}, "locale": "ko-KR", **options})
        pg = context.new_page()
        pg.set_default_timeout(8_000)
        opened.append((context, pg))
        return pg

    yield open_
    OUTPUT.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    for n, (context, pg) in enumerate(opened):
        try:
            pg.screenshot(path=str(OUTPUT / f"{name}{'-' + str(n) if n else ''}.png"), full_page=True)
        finally:
            context.close()


@pytest.fixture
def page(open_page) -> object:
    """A fresh page at desktop size, Korean locale (screenshot saved at teardown)."""
    return open_page()
