"""The package as a Sphinx extension (:func:`sphinx_nnbook.setup`), where the
book lives (:mod:`sphinx_nnbook.project`) and the glue helper
(:mod:`sphinx_nnbook.glue`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
from sphinx.util.docutils import is_directive_registered

import sphinx_nnbook
from sphinx_nnbook import glue, project

REPO = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------
# setup
# --------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="xref")
def test_one_extension_sets_up_every_feature(app):
    extension = app.extensions["sphinx_nnbook"]
    assert extension.version == sphinx_nnbook.__version__
    assert extension.parallel_read_safe
    assert extension.parallel_write_safe
    assert is_directive_registered("nnbook-source")
    for name in ("book_pyproject", "citation_chapters", "citation_howto_doc"):
        assert name in app.config
    # The metadata fills Sphinx's own configuration.
    assert app.config.project == "A Sample Book"
    assert app.config.release == "1.2.3"
    assert app.config.author == "Ada Lovelace and The Sample Group"
    assert app.config.html_baseurl == "https://books.example.org/sample/"
    listeners = {
        event: {listener.handler.__module__ for listener in app.events.listeners[event]}
        for event in ("missing-reference", "build-finished", "env-get-outdated")
    }
    assert "sphinx_nnbook.xref" in listeners["missing-reference"]
    assert "sphinx_nnbook.execution" in listeners["env-get-outdated"]
    assert {
        "sphinx_nnbook.web.assets",
        "sphinx_nnbook.web.sitecheck",
        "sphinx_nnbook.web.downloads",
        "sphinx_nnbook.web.sitemap",
    } <= listeners["build-finished"]


# --------------------------------------------------------------------------
# project.book_root
# --------------------------------------------------------------------------


def test_the_book_is_found_from_below(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.nnbook.book]\ntitle = 'x'\n")
    # A pyproject.toml without a [tool.nnbook] table on the way is not it.
    (tmp_path / "machinery").mkdir()
    (tmp_path / "machinery" / "pyproject.toml").write_text("[project]\nname = 'm'\n")
    start = tmp_path / "machinery" / "src" / "deep"
    start.mkdir(parents=True)
    assert project.book_root(start) == tmp_path
    assert project.book_root(tmp_path) == tmp_path


def test_the_real_book_is_found_from_its_folders():
    assert project.book_root(REPO / "docs") == REPO
    assert project.book_root(REPO / "machinery" / "tests") == REPO
    assert project.node_module(REPO, "katex") == REPO / "node_modules" / "katex"


def test_no_book_is_a_clear_error():
    # Not under pytest's temporary folder: the sample books' metadata is there.
    with tempfile.TemporaryDirectory() as folder:
        start = Path(folder) / "elsewhere"
        start.mkdir()
        with pytest.raises(project.BookNotFoundError) as raised:
            project.book_root(start)
    message = str(raised.value)
    assert f"at or above {start.resolve()}" in message
    assert "[tool.nnbook]" in message
    assert "--root" in message
    assert isinstance(raised.value, FileNotFoundError)


# --------------------------------------------------------------------------
# glue
# --------------------------------------------------------------------------


@pytest.fixture
def glued(monkeypatch):
    """What :func:`glue` hands to MyST-NB, instead of a kernel's display."""
    import myst_nb

    calls = []
    monkeypatch.setattr(
        myst_nb,
        "glue",
        lambda name, value, display: calls.append((name, value, display)),
    )
    return calls


def test_a_numpy_float_is_glued_as_a_python_float(glued):
    glue.glue("loss", np.float64(0.125))
    [(name, value, display)] = glued
    assert (name, value, display) == ("loss", 0.125, False)
    assert type(value) is float  # so "{glue:text}`loss:.2f`" applies
    assert f"{value:.2f}" == "0.12"


def test_other_values_are_glued_as_they_are(glued):
    array = np.arange(3)
    glue.glue("name", "perceptron")
    glue.glue("weights", array)
    assert glued == [("name", "perceptron", False), ("weights", array, False)]
