"""What a reader's browser downloads for the first view of each page.

Uses the same recorder as the browser tests (:mod:`sphinx_nnbook.browser`)
so that the benchmark and the page-weight budget count bytes the same way.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class PageCost:
    """Bytes and requests of one page's first view, by kind of resource."""

    page: str
    bytes: int
    requests: int
    by_kind: dict[str, int]


KINDS = {
    ".html": "html",
    ".js": "scripts",
    ".css": "styles",
    ".woff2": "fonts",
    ".woff": "fonts",
    ".ttf": "fonts",
    ".png": "images",
    ".svg": "images",
    ".jpg": "images",
    ".ico": "images",
}


def kind(url: str) -> str:
    """Classify the resource a URL names by its extension."""
    path = urlsplit(url).path
    return KINDS.get(Path(path).suffix or ".html", "other")


def site_bytes(html: Path) -> int:
    """Add up the bytes of every file of the built site."""
    return sum(path.stat().st_size for path in html.rglob("*") if path.is_file())


def measure_pages(html: Path) -> list[PageCost]:
    """Load every chapter page and the landing page once, as a first view."""
    from playwright.sync_api import sync_playwright

    from ..browser import Recorder, launch, open_page, serve

    chapters = (html / "chapters").glob("*.html")
    pages = ["index.html", *sorted(p.relative_to(html).as_posix() for p in chapters)]
    costs = []
    with (
        serve(html) as base,
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory() as profile,
    ):
        context = launch(playwright, Path(profile))
        recorder = Recorder(base)
        recorder.attach(context)
        for name in pages:
            page = context.new_page()
            open_page(page, recorder, base + name)
            sizes: Counter[str] = Counter()
            total = 0
            for response in recorder.responses:
                try:
                    size = len(response.body())
                except Exception:  # a redirect or an aborted response has no body
                    size = 0
                sizes[kind(response.url)] += size
                total += size
            costs.append(PageCost(name, total, len(recorder.responses), dict(sizes)))
            page.close()
        context.close()
    return costs
