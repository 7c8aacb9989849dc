"""Short cross-reference names (:mod:`sphinx_nnbook.xref`) on ``roots/test-xref``.

The docstrings write ``nnbook.sigmoid_derivative``; the API reference
documents ``nnbook.activations.sigmoid_derivative``. The extension retries a
failed reference under the defining module's name, read from the package's
``_SOURCES`` map.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_nnbook import xref


@pytest.mark.parametrize(
    ("target", "current", "module"),
    [
        ("nnbook.sigmoid_derivative", None, "nnbook.activations"),
        ("nnbook.Perceptron", None, "nnbook.perceptron"),
        ("sigmoid_derivative", "nnbook", "nnbook.activations"),
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
        "nnbook.activations.sigmoid_derivative",
        "nnbook.perceptron.Perceptron",
        "nnbook.activations.sigmoid",
        "nnbook.activations.sigmoid_derivative",
    ]
    # A name the package does not have stays a nitpicky warning.
    warnings = app.warning.getvalue()
    assert "py:func reference target not found: nnbook.no_such_thing" in warnings
    assert warnings.count("reference target not found") == 1
