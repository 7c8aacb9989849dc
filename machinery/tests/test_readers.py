"""``nnbook-notebooks`` runs a site's downloads in a kernel and compares them.

A tiny "site" with one downloaded notebook, run in a kernel of this very
environment (the real check, ``nox -s notebooks``, uses a clean one). Its
setup cell names ``pip`` at its installed version, so it installs nothing.
"""

import importlib.metadata
import sys

import nbformat
import pytest

from sphinx_nnbook import readers
from sphinx_nnbook.web import standalone


def site_with(tmp_path, printed: str, figure: bool = False):
    """A site whose one download prints 2 (and draws), as if it printed ``printed``."""
    code = "print(1 + 1)"
    outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed)]
    if figure:
        code += "\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()"
        outputs.append(
            nbformat.v4.new_output(
                "display_data", data={"image/svg+xml": "<svg></svg>"}
            )
        )
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "from sphinx_nnbook.glue import glue\nglue('two', 1 + 1)"
            ),
            nbformat.v4.new_code_cell(code, outputs=outputs),
        ]
    )
    standalone.make_standalone(notebook, "pip", importlib.metadata.version("pip"))
    site = tmp_path / "html"
    (site / "_sources" / "chapters").mkdir(parents=True)
    nbformat.write(notebook, site / "_sources" / "chapters" / "one.ipynb")
    return site


def run(tmp_path, site):
    return readers.main(
        [
            str(site),
            "--python", sys.executable,
            "--find-links", str(tmp_path),
            "--root", str(tmp_path),
            "--diff", str(tmp_path / "diff"),
        ]
    )  # fmt: skip


@pytest.mark.slow
def test_a_download_that_matches_its_site_passes(tmp_path, capsys):
    assert run(tmp_path, site_with(tmp_path, "2\n", figure=True)) == 0
    out = capsys.readouterr().out
    assert "chapters/one: ran in" in out
    assert "all 1 downloads run and match the site" in out


@pytest.mark.slow
def test_a_download_whose_output_differs_fails(tmp_path, capsys):
    assert run(tmp_path, site_with(tmp_path, "3\n")) == 1
    out = capsys.readouterr().out
    assert "chapters/one: 1 difference(s) from the site" in out
    assert "-3\n" in out.replace("    ", "")
    assert "+2\n" in out.replace("    ", "")


@pytest.mark.slow
def test_a_download_that_raises_fails(tmp_path, capsys):
    site = site_with(tmp_path, "2\n")
    path = site / "_sources" / "chapters" / "one.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("import sphinx_nnbook_missing"))
    nbformat.write(notebook, path)
    assert run(tmp_path, site) == 1
    out = capsys.readouterr().out
    assert "chapters/one: FAILED to run" in out
    assert "ModuleNotFoundError" in out


def test_a_site_without_downloads_is_bad_input(tmp_path, capsys):
    assert run(tmp_path, tmp_path) == 2
    assert "has no notebooks: build the book first" in capsys.readouterr().err
