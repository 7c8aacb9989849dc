"""``{nnbook-source}`` (:mod:`sphinx_nnbook.source`) on tiny sample books.

The listings come from ``sample_pkg``, a small package written for these
tests and put on the import path with pytest's ``monkeypatch``, and from
the real ``nnbook``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from docutils import nodes
from sphinx import addnodes

import nnbook
from sphinx_nnbook import source

CORE = '''\
"""Shapes."""


def area(width, height):
    """The area of a rectangle.

    It uses ``width`` and ``height``.
    """
    product = width * height
    return product


class Shape:
    """A shape."""

    def __init__(self, size):
        """Make one."""
        self.size = size

    def scaled(self, factor):
        """A bigger shape."""
        return Shape(self.size * factor)
'''


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory) -> Path:
    """A folder holding ``sample_pkg`` (``area`` and ``Shape``, re-exported)."""
    folder = tmp_path_factory.mktemp("sample")
    package = folder / "sample_pkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        '"""A sample package."""\n\nfrom .core import Shape, area\n'
    )
    (package / "core.py").write_text(CORE)
    return folder


@pytest.fixture(autouse=True)
def sample_pkg(sample_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.syspath_prepend(str(sample_path))
    return sample_path / "sample_pkg"


def listings(app, docname: str) -> list[nodes.literal_block]:
    return [
        block
        for block in app.env.get_doctree(docname).findall(nodes.literal_block)
        if "nnbook-source" in block["classes"]
    ]


def html(app, docname: str) -> str:
    return (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# The helpers
# --------------------------------------------------------------------------


def test_resolve_follows_re_exports_and_attributes():
    import sample_pkg.core

    assert source.resolve("sample_pkg.area") is sample_pkg.core.area
    assert source.resolve("sample_pkg.Shape.scaled") is sample_pkg.core.Shape.scaled
    with pytest.raises(source.SourceError, match=r"has no attribute path 'nope\.x'"):
        source.resolve("sample_pkg.nope.x")
    with pytest.raises(source.SourceError, match="no module to import"):
        source.resolve("no_such_package_anywhere.f")


def test_listing_drops_every_docstring_unless_asked():
    import sample_pkg

    code, path, first = source.listing(sample_pkg.Shape)
    assert path.name == "core.py"
    assert first == 13
    assert '"""' not in code
    assert code.startswith("class Shape:\n    def __init__(self, size):\n")
    code, _, _ = source.listing(sample_pkg.Shape, docstring=True)
    assert code.count('"""') == 6


def test_listing_of_an_object_without_source_fails():
    with pytest.raises(source.SourceError, match="no Python source"):
        source.listing(len)


def test_excerpt_cuts_and_dedents():
    code = "def f():\n    a = 1\n    b = 2\n    return a + b\n"
    assert source.excerpt(code, "a = 1", "b = 2") == "a = 1\nb = 2\n"
    assert source.excerpt(code, None, None) == code
    with pytest.raises(source.SourceError, match="start-at text 'zzz'"):
        source.excerpt(code, "zzz", None)
    with pytest.raises(source.SourceError, match="end-at text 'def'"):
        source.excerpt(code, "a = 1", "def")


# --------------------------------------------------------------------------
# The directive in a book
# --------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="source")
def test_body_without_docstring_and_caption_links_the_api(app):
    app.build()
    assert app.warning.getvalue() == ""
    [block] = listings(app, "plain")
    assert block.astext() == (
        "def area(width, height):\n    product = width * height\n    return product\n"
    )
    assert block["language"] == "python"
    wrapper = block.parent
    caption = wrapper[0]
    assert isinstance(caption, nodes.caption)
    [xref] = caption.findall(addnodes.pending_xref)
    assert (xref["refdomain"], xref["reftype"]) == ("py", "obj")
    assert xref["reftarget"] == "sample_pkg.core.area"  # the defining module
    assert caption.astext() == "area in sample_pkg/core.py"
    page = html(app, "plain")
    assert 'href="api.html#sample_pkg.core.area"' in page
    assert "The area of a rectangle" not in page


@pytest.mark.sphinx("html", testroot="source")
def test_docstring_option_keeps_it(app):
    app.build()
    [block] = listings(app, "docstring")
    assert block.astext().startswith(
        'def area(width, height):\n    """The area of a rectangle.\n'
    )
    assert block.astext().endswith("    return product\n")


@pytest.mark.sphinx("html", testroot="source")
def test_dropdown_option_folds_it_into_a_sphinx_design_dropdown(app):
    app.build()
    [block] = listings(app, "dropdown")
    assert block.astext() == (
        "def scaled(self, factor):\n    return Shape(self.size * factor)\n"
    )
    page = html(app, "dropdown")
    details = page[page.index("<details") : page.index("</details>")]
    assert "sd-dropdown" in details
    assert "Source: " in details
    assert "scaled" in details[: details.index("</summary>")]
    assert "nnbook-source" in details  # the listing is inside the dropdown
    assert 'href="api.html#sample_pkg.core.Shape.scaled"' in details


@pytest.mark.sphinx("html", testroot="source")
def test_caption_option_replaces_the_caption(app):
    app.build()
    [block] = listings(app, "caption")
    caption = block.parent[0]
    assert caption.astext() == "The whole class"
    assert list(caption.findall(nodes.strong))  # MyST inline markup
    assert not list(caption.findall(addnodes.pending_xref))
    assert "def __init__(self, size):" in block.astext()
    assert '"""' not in block.astext()


@pytest.mark.sphinx("html", testroot="source")
def test_real_nnbook_objects_show_without_numpydoc(app):
    app.build()
    first, second = listings(app, "real")
    assert first.astext().startswith("def sigmoid_derivative(z")
    assert ":math:" not in first.astext()
    assert "Parameters" not in first.astext()
    [xref] = first.parent[0].findall(addnodes.pending_xref)
    module = nnbook.sigmoid_derivative.__module__  # where nnbook defines it
    assert xref["reftarget"] == f"{module}.sigmoid_derivative"
    path = module.replace(".", "/")
    assert first.parent[0].astext().endswith(f"in {path}.py")
    assert second.astext().startswith("def forward(self")
    assert '"""' not in second.astext()


@pytest.mark.sphinx("html", testroot="source-missing")
def test_a_name_that_does_not_resolve_fails_with_document_and_line(app):
    app.build()
    warnings = app.warning.getvalue()
    assert "index.md:5: ERROR:" in warnings
    assert "nnbook-source: cannot show 'sample_pkg.no_such_function'" in warnings
    assert "has no attribute path 'no_such_function'" in warnings


@pytest.mark.sphinx(
    "html", testroot="source-missing", warningiserror=True, freshenv=True
)
def test_a_name_that_does_not_resolve_stops_a_strict_build(app):
    app.build(force_all=True)
    assert app.statuscode == 1
    assert "ERROR: nnbook-source" in app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="source-edit")
def test_an_edit_to_the_source_file_rewrites_the_listing(app, tmp_path, monkeypatch):
    module = tmp_path / "sample_edit.py"
    module.write_text('def double(x):\n    """Twice x."""\n    return 2 * x\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    app.build()
    [block] = listings(app, "index")
    assert block.astext() == "def double(x):\n    return 2 * x\n"
    dependencies = {
        (Path(app.srcdir) / dep).resolve() for dep in app.env.dependencies["index"]
    }
    assert module.resolve() in dependencies

    module.write_text('def double(x):\n    """Twice x."""\n    return x + x\n')
    later = module.stat().st_mtime + 10
    os.utime(module, (later, later))
    app.build()
    assert "index" in app.env.all_docs
    [block] = listings(app, "index")
    assert block.astext() == "def double(x):\n    return x + x\n"
    assert "return x + x" in re.sub(r"<[^>]+>", "", html(app, "index"))


@pytest.mark.sphinx("html", testroot="source")
def test_start_at_and_end_at_show_a_dedented_excerpt(app):
    app.build()
    [block] = listings(app, "excerpt")
    assert block.astext() == (
        "def scaled(self, factor):\n    return Shape(self.size * factor)\n"
    )


@pytest.mark.sphinx("html", testroot="source")
def test_a_restructuredtext_page_gets_its_own_markup(app):
    app.build()
    area, scaled = listings(app, "restructured")
    caption = area.parent[0]
    assert caption.astext() == "area in sample_pkg/core.py"
    [xref] = caption.findall(addnodes.pending_xref)
    assert xref["reftarget"] == "sample_pkg.core.area"
    assert "{py:obj}" not in html(app, "restructured")
    page = html(app, "restructured")
    details = page[page.index("<details") : page.index("</details>")]
    assert "sd-dropdown" in details
    assert "nnbook-source" in details
    assert "def scaled(self, factor):" in scaled.astext()


def test_a_body_that_is_only_a_docstring_becomes_an_ellipsis(tmp_path, monkeypatch):
    (tmp_path / "only_doc.py").write_text(
        'class Oops(Exception):\n    """Raised."""\n\n\n'
        'def f():\n    """Doc."""\n\n    return 1\n'
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    import only_doc

    assert source.listing(only_doc.Oops)[0] == "class Oops(Exception):\n    ...\n"
    assert source.listing(only_doc.f)[0] == "def f():\n    return 1\n"


def test_an_import_error_inside_a_module_is_reported_as_such(tmp_path, monkeypatch):
    (tmp_path / "broken_mod.py").write_text("import no_such_dependency_here\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(
        source.SourceError, match=r"importing 'broken_mod.*' failed: No module named"
    ):
        source.resolve("broken_mod.thing")
