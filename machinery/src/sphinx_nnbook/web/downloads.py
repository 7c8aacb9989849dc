"""Each chapter's executed notebook, with its outputs, offered for download.

MyST-NB writes ``jupyter_execute/<doc>.ipynb``; it is copied to
``_sources/<doc>.ipynb``, which sphinx-book-theme's download button offers
next to the MyST source (``.md``).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any


def executed_notebook(app: Any, docname: str) -> Path | None:
    """The executed notebook MyST-NB wrote for ``docname``, if any."""
    config = getattr(app.env, "mystnb_config", None)
    if config is None:
        return None
    path = Path(config.output_folder, *f"{docname}.ipynb".split("/"))
    return path if path.is_file() else None


def _page_context(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if app.builder.format != "html":
        return
    if doctree is not None and executed_notebook(app, pagename):
        # sphinx-book-theme's download button links _sources/<ipynb_source>.
        context["ipynb_source"] = f"{pagename}.ipynb"


def copy_notebooks(app: Any, exception: Exception | None) -> None:
    """Copy every executed notebook next to the page's MyST source."""
    if exception is not None or app.builder.format != "html":
        return
    for docname in sorted(app.env.found_docs):
        notebook = executed_notebook(app, docname)
        if notebook is None:
            continue
        target = Path(app.outdir, "_sources", *f"{docname}.ipynb".split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)


def setup_downloads(app: Any) -> None:
    """Offer the notebooks: link them from each page, copy them after the build."""
    app.connect("html-page-context", _page_context, priority=400)
    app.connect("build-finished", copy_notebooks, priority=800)
