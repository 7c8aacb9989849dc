"""A sitemap of every page, even after an incremental build.

sphinx-sitemap lists the pages a build writes; an incremental build writes
only the changed ones, so every page of the site is added.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .sitecheck import pages


def complete_sitemap(app: Any, exception: Exception | None) -> None:
    """Give sphinx-sitemap every page, not only those this build wrote.

    It collects the pages as they are written, so an incremental build would
    publish a sitemap of the changed pages only.
    """
    # sphinx-sitemap keeps it on env.app, which is app (deprecated in Sphinx 9).
    queue = getattr(app, "sitemap_links", None)
    if exception is not None or queue is None or app.builder.format != "html":
        return
    from sphinx_sitemap import is_excluded

    links: dict[str, Any] = {}
    while not queue.empty():
        link, last_updated = queue.get_nowait()
        links[link] = last_updated
    for page in pages(Path(app.outdir)):
        link = page.relative_to(app.outdir).as_posix()
        if not is_excluded(link, app.config.sitemap_excludes):
            links.setdefault(link, None)
    for link, last_updated in sorted(links.items()):
        queue.put((link, last_updated))


def setup_sitemap(app: Any) -> None:
    """Complete sphinx-sitemap's list before it writes the file."""
    app.connect("build-finished", complete_sitemap, priority=450)
