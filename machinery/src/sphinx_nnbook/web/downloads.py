"""Each chapter's executed notebook, with its outputs, offered for download.

MyST-NB writes ``jupyter_execute/<doc>.ipynb``; it is copied to
``_sources/<doc>.ipynb``, which sphinx-book-theme's download button offers
next to the MyST source (``.md``). The copy runs without the book's build
(a setup cell first, no machinery import): see :mod:`.standalone`.

Reading a MyST file gives every cell a random id (nbformat 4.5), so two
builds of the same book would offer different files. The copy replaces them
with ids derived from the chapter and the cell's content: a download is
byte-identical from build to build, and a cell keeps its id when others are
edited.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

import nbformat
from sphinx.util import logging

from ..metadata import get_metadata
from .standalone import machinery_imports, make_standalone

logger = logging.getLogger(__name__)


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


def stable_cell_ids(notebook: Any, docname: str) -> None:
    """Give each cell of ``notebook`` an id derived from its content.

    The id hashes the chapter, the cell's type and source, and how many
    identical cells came before it (so two equal cells still differ).
    """
    seen: Counter[tuple[str, str]] = Counter()
    for cell in notebook.cells:
        key = (cell.cell_type, cell.source)
        text = f"{docname}\0{key[0]}\0{key[1]}\0{seen[key]}"
        seen[key] += 1
        cell.id = hashlib.sha256(text.encode()).hexdigest()[:16]


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
        content = nbformat.read(notebook, as_version=nbformat.NO_CONVERT)
        meta = get_metadata(app)
        make_standalone(content, meta.package, meta.version)
        for number in machinery_imports(content):
            logger.warning(
                "the downloadable notebook's cell %d imports sphinx_nnbook, which"
                " a reader does not have: use only `%s` in a chapter",
                number,
                "from sphinx_nnbook.glue import glue",
                location=docname,
                type="nnbook",
                subtype="download",
            )
        stable_cell_ids(content, docname)
        nbformat.write(content, target)


def setup_downloads(app: Any) -> None:
    """Offer the notebooks: link them from each page, copy them after the build."""
    app.connect("html-page-context", _page_context, priority=400)
    app.connect("build-finished", copy_notebooks, priority=800)
