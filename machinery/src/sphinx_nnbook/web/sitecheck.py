"""The built site checked, page by page, without a browser.

A ``<script>``, style sheet, image, frame or ``url()`` that points to another
host is a build warning (an error with ``-W``), as is an ``<img>`` without
alt text or whose alt text is Matplotlib's ``<Figure size 640x480 with 1
Axes>``. The checks in a real browser are :mod:`sphinx_nnbook.browser`.
"""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sphinx.util import logging

from ..project import builds_site

logger = logging.getLogger(__name__)

_MATPLOTLIB_REPR = re.compile(r"\s*<(?:Figure size|matplotlib)")


def is_external(url: str) -> bool:
    """Whether ``url`` points to another host (``data:`` URLs do not)."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in {"", "data"}


class _PageScanner(HTMLParser):
    """Collect what a page loads and its images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []  # URLs the browser fetches on its own
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").lower().split()
        if tag in {"script", "img", "iframe", "embed", "source", "audio", "video"}:
            self.loads += [a[k] or "" for k in ("src",) if a.get(k)]
            if srcset := a.get("srcset"):
                self.loads += [s.split()[0] for s in srcset.split(",") if s]
        elif tag == "link" and {"stylesheet", "preload", "icon", "modulepreload"} & set(
            rel
        ):
            self.loads.append(a.get("href") or "")
        elif tag == "object" and a.get("data"):
            self.loads.append(a["data"] or "")
        if tag == "img":
            self.images.append(a)


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def site_problems(outdir: Path, since: float = 0.0) -> list[tuple[str, str]]:
    """(file, problem) for every third-party load and every bad alt text.

    Only the pages written at or after ``since`` (a timestamp) are read: an
    incremental build checks the pages it wrote, as Sphinx reports the
    warnings of the pages it rebuilds. Every style sheet is read.
    """
    problems = []
    for page in sorted(outdir.rglob("*.html")):
        if page.stat().st_mtime < since:
            continue
        name = page.relative_to(outdir).as_posix()
        if name.startswith(("_static/", "_sources/")):
            continue  # template fragments shipped by the themes
        scanner = _PageScanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        for url in scanner.loads:
            if is_external(url):
                problems.append((name, f"loads a third-party resource: {url}"))
        for img in scanner.images:
            src = img.get("src")
            alt = img.get("alt")
            if alt is None:
                problems.append((name, f"<img src={src!r}> has no alt text"))
            elif _MATPLOTLIB_REPR.match(alt):
                problems.append(
                    (
                        name,
                        f"<img src={src!r}> has Matplotlib's repr {alt!r} as alt "
                        "text: describe the figure (cell metadata mystnb: image: "
                        "alt:)",
                    )
                )
    # Every style sheet, whatever its age: Sphinx copies static files with
    # their original modification times, and reading them all is cheap.
    for css in sorted(outdir.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        for match in _CSS_URL.finditer(text):
            url = match.group(1) or match.group(2)
            if is_external(url):
                name = css.relative_to(outdir).as_posix()
                problems.append((name, f"loads a third-party resource: {url}"))
    return problems


def pages(outdir: Path) -> list[Path]:
    """The site's pages (not the template fragments the themes ship)."""
    return [
        page
        for page in sorted(outdir.rglob("*.html"))
        if not page.relative_to(outdir).as_posix().startswith(("_static/", "_sources/"))
    ]


def _build_finished(app: Any, exception: Exception | None) -> None:
    if exception is not None or not builds_site(app):
        return
    outdir = Path(app.outdir)
    since = getattr(app, "_nnbook_build_started", 0.0)
    for name, problem in site_problems(outdir, since):
        logger.warning("%s: %s", outdir / name, problem, type="nnbook", subtype="web")


def _builder_inited(app: Any) -> None:
    # A little before now: file systems store modification times coarsely.
    app._nnbook_build_started = time.time() - 2.0


def setup_sitecheck(app: Any) -> None:
    """Check the site last, after every other step has rewritten it."""
    app.connect("builder-inited", _builder_inited)
    app.connect("build-finished", _build_finished, priority=950)
