"""A downloaded chapter runs without the book's build (``web.standalone``).

The notebooks here are made by hand; ``test_sphinx_web`` checks the download
of a real (tiny) build, and ``nox -s notebooks`` runs the book's downloads
in a clean environment.
"""

import importlib.metadata

import nbformat
from IPython.core.inputtransformer2 import TransformerManager

from sphinx_nnbook.web import standalone

GLUE_CELL = "# Book machinery.\nfrom sphinx_nnbook.glue import glue"


def executed_chapter() -> nbformat.NotebookNode:
    """A chapter as MyST-NB writes it: a glue import, a hidden glue output."""
    hidden = nbformat.v4.new_output(
        "display_data",
        data={"application/papermill.record/text/plain": "0.5"},
        metadata={"scrapbook": {"name": "half", "mime_prefix": "application/x/"}},
    )
    shown = nbformat.v4.new_output("stream", name="stdout", text="0.5\n")
    return nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# A chapter"),
            nbformat.v4.new_code_cell(GLUE_CELL),
            nbformat.v4.new_code_cell(
                'half = 1 / 2\nprint(half)\nglue("half", half)',
                outputs=[shown, hidden],
            ),
        ]
    )


def test_the_download_starts_with_the_setup_cell_and_keeps_the_chapter():
    notebook = executed_chapter()
    standalone.make_standalone(notebook, "nnbook", "0.4.2")
    setup, title, glue_cell, code = notebook.cells
    assert setup.metadata["tags"] == [standalone.SETUP_TAG]
    assert "nnbook==0.4.2" in setup.source
    assert title.source == "# A chapter"
    assert "sphinx_nnbook" not in glue_cell.source
    assert glue_cell.source.startswith("# Book machinery.\n")
    assert [o.output_type for o in code.outputs] == ["stream"]  # no hidden glue
    assert standalone.machinery_imports(notebook) == []
    nbformat.validate(notebook)


def test_the_glue_of_a_download_runs_in_plain_python():
    notebook = executed_chapter()
    standalone.make_standalone(notebook, "nnbook", "0.4.2")
    namespace: dict = {}
    for cell in notebook.cells[2:]:
        exec(cell.source, namespace)
    assert namespace["glued"] == {"half": 0.5}


def test_the_setup_cell_installs_only_a_missing_or_other_version(monkeypatch):
    source = standalone.setup_source("nnbook", "0.4.2")
    python = TransformerManager().transform_cell(source)  # as IPython runs it
    calls = []

    class Shell:
        def run_line_magic(self, name, line):
            calls.append((name, line))

    for installed in ("0.4.2", "0.4.1", None):

        def version(name, installed=installed):
            assert name == "nnbook"
            if installed is None:
                raise importlib.metadata.PackageNotFoundError(name)
            return installed

        monkeypatch.setattr(importlib.metadata, "version", version)
        exec(python, {"get_ipython": Shell})
    pip = ("pip", "install --quiet nnbook==0.4.2")
    inline = ("matplotlib", "inline")
    assert calls == [inline, pip, inline, pip, inline]


def test_any_other_machinery_import_is_found():
    notebook = executed_chapter()
    notebook.cells.append(nbformat.v4.new_code_cell("import sphinx_nnbook.web"))
    notebook.cells.append(nbformat.v4.new_code_cell("x = 'sphinx_nnbook'"))
    standalone.make_standalone(notebook, "nnbook", "0.4.2")
    assert standalone.machinery_imports(notebook) == [5]
