"""sphinx_nnbook: the machinery that builds, checks and measures the book.

A Sphinx extension (list ``"sphinx_nnbook"`` in ``conf.py``) whose
:func:`setup` calls one ``setup_*`` per feature module, and console commands
for what people run by hand:

=================================  =========================================
:mod:`~sphinx_nnbook.patches`      every patch of a third-party internal,
                                   version-checked
:mod:`~sphinx_nnbook.execution`    executing the chapters; a cache that
                                   knows which ``nnbook`` modules each uses
:mod:`~sphinx_nnbook.exectable`    ``{nnbook-exec-table}``: the execution
                                   report, the same on every build
:mod:`~sphinx_nnbook.metadata`     the book's metadata from ``pyproject.toml``
:mod:`~sphinx_nnbook.citation`     "Cite this" boxes and meta tags;
                                   ``nnbook-citation``
:mod:`~sphinx_nnbook.source`       ``{nnbook-source}``: a package object's
                                   source, shown from the file that runs
:mod:`~sphinx_nnbook.xref`         short cross-reference names
:mod:`~sphinx_nnbook.deeper`       ``{going-deeper}``: folded asides that
                                   may hold executed cells
:mod:`~sphinx_nnbook.glue`         computed values handed to the prose
:mod:`~sphinx_nnbook.web`          math, assets, accessibility, downloads,
                                   launch links, sitemap and the static
                                   site checks; ``nnbook-launch``
:mod:`~sphinx_nnbook.printed`      the book as PDF and EPUB, and their checks
:mod:`~sphinx_nnbook.browser`      the site checked in Chromium
:mod:`~sphinx_nnbook.outputs`      ``nnbook-outputs``: outputs against their
                                   reviewed snapshot
:mod:`~sphinx_nnbook.bench`        ``nnbook-bench``: build and code timings
=================================  =========================================

Nothing here imports the book's tests; the book's ``conf/`` and tests import
from here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

__version__ = "0.1.0"


def _source_version() -> int:
    """A number that changes with any edit to this package's source.

    Given to Sphinx as the extension's ``env_version``: an edit to the
    machinery (a directive's output, say) then re-reads every page, instead
    of leaving doctrees made by the old code in an incremental build.
    """
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:12], 16)


def setup(app: Any) -> dict[str, Any]:
    """Register every feature of the book's machinery with Sphinx."""
    from .citation import setup_citation
    from .deeper import setup_deeper
    from .exectable import setup_exectable
    from .execution import setup_execution
    from .metadata import setup_metadata
    from .patches import setup_patches
    from .printed import setup_printed
    from .source import setup_source
    from .web import setup_web
    from .xref import setup_xref

    for feature in (
        setup_patches,
        setup_metadata,
        setup_execution,
        setup_exectable,
        setup_source,
        setup_xref,
        setup_deeper,
        setup_citation,
        setup_web,
        setup_printed,
    ):
        feature(app)
    return {
        "version": __version__,
        "env_version": _source_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
