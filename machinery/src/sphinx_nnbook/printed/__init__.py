"""The book as a PDF (through LaTeX) and an EPUB 3, from the site's own build.

``nox -s pdf`` and ``nox -s epub`` run Sphinx's ``latex`` and ``epub``
builders on the same sources, with the same execution cache as the site
(``nb_execution_cache_path``), so no chapter runs again and both show the
outputs the site shows. Most of what they need is settings in ``conf.py``;
this package adds what depends on the book's metadata or needs code:

:mod:`~sphinx_nnbook.printed.latex`   the PDF's title page and file name
:mod:`~sphinx_nnbook.printed.matter`  its preface and unnumbered back matter
:mod:`~sphinx_nnbook.printed.chapters` one PDF per chapter, cited up front
:mod:`~sphinx_nnbook.printed.elsewhere` references to pages not in a PDF
:mod:`~sphinx_nnbook.printed.epub`    the EPUB's metadata, MathML math, and
                                      the package file epubcheck wants
:mod:`~sphinx_nnbook.printed.links`   the site's links to the PDFs
:mod:`~sphinx_nnbook.printed.checks`  what the built PDF and EPUB must pass
                                      (fonts, log, text, epubcheck)
"""

from __future__ import annotations

from typing import Any


def setup_printed(app: Any) -> None:
    """Register the PDF's and the EPUB's settings and fixes."""
    from .chapters import setup_chapters
    from .epub import setup_epub
    from .latex import setup_latex
    from .links import setup_links
    from .matter import setup_matter

    setup_latex(app)
    setup_matter(app)
    setup_chapters(app)
    setup_epub(app)
    setup_links(app)
