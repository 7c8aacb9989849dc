"""A chapter's downloadable notebook, made to run outside the book's build.

A reader who downloads a chapter's ``.ipynb`` runs it in their own Jupyter
or in Colab, where neither Sphinx nor this machinery is installed. The
download (not the page) therefore differs from the executed notebook in
three ways:

* a **setup cell** comes first: it installs ``nnbook`` at the exact version
  the book was built with, unless that version is already installed, so
  that the reader sees the book's numbers, and turns on ``%matplotlib
  inline``, without which Jupyter shows a figure that a function returns
  (rather than draws with pyplot) as ``<Figure size ...>``;
* the chapters' one machinery import, ``from sphinx_nnbook.glue import
  glue``, becomes a ``glue`` that keeps each value in a dict,
  ``glued``; every other cell stays, the hidden ones too: they compute
  values that later cells use, and their ``assert`` statements re-check the
  book's claims on the reader's machine;
* the hidden outputs of :func:`sphinx_nnbook.glue.glue` (mime types that
  Jupyter does not display) are dropped.

Any other import of ``sphinx_nnbook`` in a chapter would break the download,
so :func:`machinery_imports` finds them and the build warns (and, being
strict, fails).
"""

from __future__ import annotations

import re
from typing import Any

import nbformat

#: The tag of the setup cell, so that a check can tell it from the lesson.
SETUP_TAG = "nnbook-setup"
GLUE_IMPORT = "from sphinx_nnbook.glue import glue"
GLUE_STANDALONE = """\
# Outside the book, glue() keeps each value in a dict, glued["name"].
glued = {}


def glue(name, value):
    glued[name] = value"""
_MACHINERY = re.compile(r"^\s*(from|import)\s+sphinx_nnbook\b", re.MULTILINE)


def setup_source(package: str, version: str) -> str:
    """The code of the setup cell: install ``package==version`` if missing.

    Examples
    --------
    >>> print(setup_source("nnbook", "1.2.0").splitlines()[-4])
        %pip install --quiet nnbook==1.2.0
    """
    return f"""\
# Setup: this notebook runs the book's package, {package}, at the version the
# book was built with, so that you see the book's numbers. It is installed
# only if that version is missing (see the book's "Running the code" page).
from importlib.metadata import PackageNotFoundError, version

try:
    installed = version("{package}")
except PackageNotFoundError:
    installed = None
if installed != "{version}":
    %pip install --quiet {package}=={version}

# Show every figure in the notebook, also those the book's functions return.
%matplotlib inline"""


def machinery_imports(notebook: Any) -> list[int]:
    """The positions (from 1) of code cells that still import the machinery."""
    return [
        number
        for number, cell in enumerate(notebook.cells, start=1)
        if cell.cell_type == "code" and _MACHINERY.search(cell.source)
    ]


def _is_hidden_glue(output: Any) -> bool:
    scrapbook = output.get("metadata", {}).get("scrapbook", {})
    return bool(scrapbook.get("mime_prefix"))


def make_standalone(notebook: Any, package: str, version: str) -> None:
    """Turn an executed chapter into the notebook a reader downloads, in place.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        The executed notebook MyST-NB wrote.
    package, version : str
        What the setup cell installs: the book's package and its version.
    """
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell.source = cell.source.replace(GLUE_IMPORT, GLUE_STANDALONE)
        cell.outputs = [o for o in cell.outputs if not _is_hidden_glue(o)]
    setup = nbformat.v4.new_code_cell(
        setup_source(package, version), metadata={"tags": [SETUP_TAG]}
    )
    notebook.cells.insert(0, setup)
