"""Fixtures of the machinery's tests: sample books and Chromium.

``sphinx.testing``'s ``app``/``make_app`` fixtures (loaded by ``-p
sphinx.testing.fixtures`` in ``machinery/pyproject.toml``) build the tiny
books of ``roots/test-*/``, chosen with
``@pytest.mark.sphinx("html", testroot="...")``. Each book's ``conf.py``
lists ``sphinx_nnbook`` like the real book's; its metadata is the
``roots/pyproject.toml`` next to it (the default: the ``pyproject.toml``
beside the configuration folder, as in the real book): ``sphinx.testing``
copies each book into its temporary folder, and the metadata goes there too.
Every book also has the (empty) ``ipython_kernel_config.py`` that
:mod:`sphinx_nnbook.execution` copies for the kernels, and lists ``myst_nb``,
whose configuration that module reads.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOTS = Path(__file__).resolve().parent / "roots"
REPO = Path(__file__).resolve().parents[2]  # the book's repository


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``sphinx.testing`` finds the sample books (``test-<name>/``)."""
    return ROOTS


@pytest.fixture(scope="session", autouse=True)
def book_metadata(sphinx_test_tempdir: Path) -> Path:
    """The sample books' ``pyproject.toml``, beside the copies of the books,
    and the book's npm packages (PurgeCSS, KaTeX; ``npm ci``) beside it."""
    target = Path(sphinx_test_tempdir) / "pyproject.toml"
    shutil.copyfile(ROOTS / "pyproject.toml", target)
    modules = target.with_name("node_modules")
    if not modules.exists():
        modules.symlink_to(REPO / "node_modules", target_is_directory=True)
    return target


@pytest.fixture(scope="module")
def playwright() -> Iterator[object]:
    """Playwright driving the system's Chromium; fails if it is missing.

    Module-scoped: its driver's threads must be gone before a later test
    forks (sphinx-sitemap starts a multiprocessing manager), or the child
    can deadlock on a lock one of them held.
    """
    import sphinx_nnbook.browser as sc

    with sc.chromium_playwright() as playwright:
        yield playwright
