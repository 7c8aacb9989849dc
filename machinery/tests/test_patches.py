"""Patches of third-party internals (:mod:`sphinx_nnbook.patches`) check versions.

An upgrade to a version a patch was not written for must stop the build
with a message naming the distribution, the versions it knows and the fix.
"""

from __future__ import annotations

import pytest
from sphinx.errors import ExtensionError

from sphinx_nnbook import patches


def test_every_patch_says_why_and_for_which_versions():
    assert {"myst-nb", "sphinxcontrib-katex"} <= {
        p.distribution for p in patches.PATCHES
    }
    for patch in patches.PATCHES:
        assert patch.versions
        assert len(patch.why) > 40


def test_the_installed_versions_are_the_patched_ones():
    for patch in patches.PATCHES:
        patches.check(patch)  # the pinned environment: no error


def test_an_unknown_version_names_the_distribution_and_the_fix(monkeypatch):
    monkeypatch.setattr(patches, "version", lambda name: "99.0")
    [myst_nb] = [p for p in patches.PATCHES if p.distribution == "myst-nb"]
    with pytest.raises(ExtensionError) as raised:
        patches.check(myst_nb)
    message = str(raised.value)
    assert "myst-nb 99.0 is installed" in message
    assert f"written for {', '.join(sorted(myst_nb.versions))}" in message
    assert "add it to the patch's versions in sphinx_nnbook/patches.py" in message


def test_an_unknown_version_is_not_patched(monkeypatch):
    from myst_nb.core import render

    before = render.coalesce_streams
    monkeypatch.setattr(patches, "version", lambda name: "0.0.1")
    with pytest.raises(ExtensionError, match=r"myst-nb 0\.0\.1"):
        patches.apply("myst-nb")
    assert render.coalesce_streams is before


def test_apply_patches_only_the_named_distributions(monkeypatch):
    from myst_nb.core import render

    from sphinx_nnbook.execution import merge_streams

    monkeypatch.setattr(render, "coalesce_streams", None)
    calls = []
    [myst_nb] = [p for p in patches.PATCHES if p.distribution == "myst-nb"]
    known = min(myst_nb.versions)
    monkeypatch.setattr(patches, "version", lambda name: calls.append(name) or known)
    patches.apply("myst-nb")
    assert set(calls) == {"myst-nb"}
    assert render.coalesce_streams is merge_streams


@pytest.mark.sphinx("html", testroot="xref")
def test_an_unknown_version_stops_the_book_when_the_extension_loads(
    make_app, app_params, monkeypatch
):
    real = patches.version
    monkeypatch.setattr(
        patches,
        "version",
        lambda name: "0.1" if name == "sphinxcontrib-katex" else real(name),
    )
    args, kwargs = app_params
    with pytest.raises(ExtensionError, match=r"sphinxcontrib-katex 0\.1 is installed"):
        make_app(*args, **kwargs)


def test_viewcode_finds_the_same_file_without_importing_the_module():
    import sys
    from types import SimpleNamespace

    from sphinx.ext import viewcode

    from sphinx_nnbook import patches

    patches.apply("sphinx")
    patches.apply("sphinx")  # a second application wraps nothing twice
    original = viewcode._nnbook_original_get_module_filename
    events = SimpleNamespace(emit_firstresult=lambda *args: None)
    app = SimpleNamespace(events=events)
    sys.modules.pop("nnbook.pytorch.networks", None)
    found = viewcode.get_module_filename(app, "nnbook.pytorch.networks")
    assert "nnbook.pytorch.networks" not in sys.modules  # not executed
    assert found == original(app, "nnbook.pytorch.networks")  # same file
