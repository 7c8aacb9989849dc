"""Short cross-reference names (:mod:`sphinx_nnbook.xref`) on ``roots/test-xref``.

The docstrings write ``nnbook.sigmoid_derivative``; the API reference
documents it under its defining module (``nnbook.activations.smooth``). The
extension retries a failed reference under the defining module's name, read
from the package's ``_SOURCES`` map.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import nnbook
from sphinx_nnbook import xref

# Where the real package defines the names these tests use (it moves them).
ACTIVATIONS = f"nnbook.{nnbook._SOURCES['sigmoid_derivative']}"


@pytest.mark.parametrize(
    ("target", "current", "module"),
    [
        ("nnbook.sigmoid_derivative", None, ACTIVATIONS),
        ("nnbook.Perceptron", None, "nnbook.perceptron"),
        ("sigmoid_derivative", "nnbook", ACTIVATIONS),
        ("nnbook.no_such_thing", None, None),
        ("numpy.sum", None, None),  # not the book's package
        ("nnbook.nowhere.f", None, None),  # no such module
    ],
)
def test_defining_module(target, current, module):
    assert xref.defining_module(target, current) == module


@pytest.mark.sphinx("html", testroot="xref", freshenv=True)
def test_short_names_link_to_the_defining_module(app):
    app.build()
    text = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="api\.html#([^"]+)"[^>]*><code class="xref', text)
    assert links == [
        f"{ACTIVATIONS}.sigmoid_derivative",
        "nnbook.perceptron.Perceptron",
        f"{ACTIVATIONS}.sigmoid",
        f"{ACTIVATIONS}.sigmoid_derivative",
    ]
    # A name the package does not have stays a nitpicky warning.
    warnings = app.warning.getvalue()
    assert "py:func reference target not found: nnbook.no_such_thing" in warnings
    assert warnings.count("reference target not found") == 1
