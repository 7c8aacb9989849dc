"""Fixtures of the browser tests: the built site, served, and Chromium.

The tests run with ``nox -s browser``, which builds the book if needed and
sets ``NNBOOK_BROWSER=1``; a plain ``pytest`` (``nox -s tests``) skips this
folder. Chromium is the system's (``/usr/bin/chromium``, from
``apt-get install chromium``), never a browser downloaded by Playwright.
The site is ``docs/_build/html``, or ``NNBOOK_SITE``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if not os.environ.get("NNBOOK_BROWSER"):
    collect_ignore_glob = ["*.py"]
else:
    import sphinx_nnbook.browser as sc

    SITE = Path(os.environ.get("NNBOOK_SITE", ROOT / "docs" / "_build" / "html"))

    def site_pages() -> list[str]:
        """Every page of the built site, relative to its root."""
        return sorted(
            page.relative_to(SITE).as_posix()
            for page in SITE.rglob("*.html")
            if not page.relative_to(SITE)
            .as_posix()
            .startswith(("_static/", "_sources/"))
        )

    def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
        if "page_path" in metafunc.fixturenames:
            metafunc.parametrize("page_path", site_pages())
        if "chapter_path" in metafunc.fixturenames:
            chapters = [p for p in site_pages() if p.startswith("chapters/")]
            metafunc.parametrize("chapter_path", chapters)

    @pytest.fixture(scope="session")
    def site() -> Path:
        if not (SITE / "index.html").is_file():
            pytest.fail(f"no built site in {SITE}: run `nox -s docs` first")
        return SITE

    @pytest.fixture(scope="session")
    def base_url(site: Path) -> Iterator[str]:
        with sc.serve(site, sc.GzipHandler) as url:  # as a static host serves it
            yield url

    @pytest.fixture(scope="session")
    def playwright() -> Iterator[object]:
        with sc.chromium_playwright() as playwright:
            yield playwright

    @pytest.fixture(scope="session")
    def chromium(playwright) -> Iterator[object]:
        """One Chromium for the whole session; each test gets its own context."""
        browser = sc.start_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()

    @pytest.fixture
    def browser(chromium, base_url: str) -> Iterator[tuple]:
        """A fresh context, a first visit: (context, recorder), other hosts blocked."""
        context = sc.new_context(chromium)
        recorder = sc.Recorder(base_url)
        recorder.attach(context)
        try:
            yield context, recorder
        finally:
            context.close()

    @pytest.fixture
    def page(browser) -> object:
        context, _ = browser
        return context.new_page()

    @pytest.fixture
    def recorder(browser) -> sc.Recorder:
        return browser[1]
