"""Every change the book makes to another package's internals, in one place.

Each patch names the upstream issue it works around and the versions it
was written and tested for. :func:`apply` refuses to patch any other
version: an upgrade (``nox -s lock``) then fails the build at once with a
message that says which patch to review, instead of silently patching code
that has changed underneath it. To accept a new version, read the patched
function's new source, adjust the patch if needed, and add the version to
its ``versions``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sphinx.errors import ExtensionError


@dataclass(frozen=True)
class Patch:
    """One replacement of a third-party attribute.

    Attributes
    ----------
    distribution
        The PyPI distribution whose internals are patched.
    versions
        The versions the patch was written and tested for.
    why
        The upstream issue, or why the upstream behaviour is wrong here.
    apply
        Makes the change; called only for a known version.
    """

    distribution: str
    versions: frozenset[str]
    why: str
    apply: Callable[[], None]


def _merge_streams() -> None:
    from myst_nb.core import render

    from .execution import merge_streams

    render.coalesce_streams = merge_streams  # used when nb_merge_streams is on


def _katex_html_and_mathml() -> None:
    import sphinxcontrib.katex as katex

    from .web.math import start_katex_server

    # KaTeX's HTML, in its fonts, for the eye; its MathML for screen readers.
    katex.KATEX_DEFAULT_OPTIONS = {
        **katex.KATEX_DEFAULT_OPTIONS,
        "output": "htmlAndMathml",
    }
    katex.KaTeXServer.start_server_process = classmethod(start_katex_server)


def _viewcode_without_imports() -> None:
    from sphinx.ext import viewcode

    # Once per process, however many Sphinx applications load the extension.
    original = getattr(viewcode, "_nnbook_original_get_module_filename", None)
    if original is None:
        original = viewcode.get_module_filename
        viewcode._nnbook_original_get_module_filename = original  # type: ignore[attr-defined]

    def get_module_filename(app: Any, modname: str) -> Any:
        # A module's file is found without executing the module itself
        # (its parent packages are imported): nnbook.pytorch's modules import
        # PyTorch, 1.8 s of every no-op rebuild otherwise.
        if app.events.emit_firstresult("viewcode-find-source", modname):
            return None
        try:
            spec = importlib.util.find_spec(modname)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.origin and spec.origin.endswith(".py"):
            return Path(spec.origin)
        return original(app, modname)

    viewcode.get_module_filename = get_module_filename


PATCHES = (
    Patch(
        "myst-nb",
        frozenset({"1.4.0"}),
        "MyST-NB strips each piece of printed text and appends a newline, "
        "so the kernel's flush timing shows as line breaks, and edits the "
        "notebook's outputs in place (see execution.merge_streams)",
        _merge_streams,
    ),
    Patch(
        "sphinxcontrib-katex",
        frozenset({"0.9.10", "0.9.11"}),
        "prerendering ignores katex_options (hagenw/sphinxcontrib-katex#145), "
        "and start_server_process connects before the server listens",
        _katex_html_and_mathml,
    ),
    Patch(
        "sphinx",
        frozenset({"9.0.4"}),
        "viewcode imports every documented module just to learn its file's "
        "modification time on each build (sphinx-doc/sphinx#4035)",
        _viewcode_without_imports,
    ),
)


def check(patch: Patch) -> None:
    """Raise unless the installed version is one the patch was written for."""
    installed = version(patch.distribution)
    if installed not in patch.versions:
        known = ", ".join(sorted(patch.versions))
        msg = (
            f"sphinx_nnbook.patches: {patch.distribution} {installed} is installed, "
            f"but its patch was written for {known} ({patch.why}). Review the "
            "patch against the new version, then add it to the patch's versions "
            "in sphinx_nnbook/patches.py."
        )
        raise ExtensionError(msg)


def apply(*distributions: str) -> None:
    """Apply the patches of ``distributions`` (all if none), version-checked."""
    for patch in PATCHES:
        if distributions and patch.distribution not in distributions:
            continue
        check(patch)
        patch.apply()


def setup_patches(app: Any) -> None:
    """Apply every patch when the extension loads."""
    apply()
