"""Resolve the short names the docstrings use in cross-references.

The docstrings of ``nnbook`` refer to functions by their public, re-exported
names (``nnbook.forward_network``, or just ``Activation``), while the API
reference documents them where they are defined
(``nnbook.forward.forward_network``). ``nnbook.__init__`` keeps the map from
one to the other (``_SOURCES``); this extension reads it, so a docstring can
link to the name a reader types.
"""

from __future__ import annotations

import importlib
import sys

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def defining_module(target: str, current: str | None) -> str | None:
    """The module that defines the object a short name refers to.

    ``target`` is a dotted name under ``nnbook`` (``nnbook.forward_network``,
    ``nnbook.pytorch.ACTIVATIONS``) or, inside a module's docstrings, a bare
    name that module re-exports (``load_parameters`` in ``nnbook.pytorch``).
    """
    package, _, name = target.rpartition(".")
    package = package or current or ""
    if package.split(".")[0] != "nnbook":
        return None
    try:
        module = importlib.import_module(package)
    except ImportError:
        return None
    sources = getattr(module, "_SOURCES", {})
    if name in sources:  # lazy re-export (PEP 562): nothing to import
        return f"{package}.{sources[name]}"
    if not hasattr(module, name):
        return None
    obj = getattr(module, name)
    defined_in = getattr(obj, "__module__", None)
    if defined_in and defined_in != package:
        return defined_in
    for candidate, submodule in list(sys.modules.items()):  # data has no __module__
        if candidate.startswith(f"{package}.") and vars(submodule).get(name) is obj:
            return candidate
    return None


def resolve(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.Element | None:
    """Retry a failed Python reference under its defining module's name."""
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].removeprefix("~").removeprefix(".")
    module = defining_module(target, node.get("py:module"))
    if module is None:
        return None
    name = target.rpartition(".")[2]
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env,
        node["refdoc"],
        app.builder,
        node["reftype"],
        f"{module}.{name}",
        node,
        contnode,
    )


def setup_xref(app: Sphinx) -> None:
    """Retry failed Python references under their defining module."""
    app.connect("missing-reference", resolve)
