"""Check that the outputs the book shows still match a reviewed snapshot.

The book promises that what a reader sees is what the code produces. This
package notices when a printed number, an array or a figure silently changes:
it compares the executed notebooks of the last build
(``docs/_build/jupyter_execute/<docname>.ipynb`` and the ``.glue.json`` beside
them) with a committed snapshot under ``tests/snapshots/<docname>/``, cell by
cell.

Modules, one concept each:

- :mod:`.tolerance`: how close two numbers or two figures must be.
- :mod:`.normalise`: the text that legitimately varies between builds.
- :mod:`.model`: chapters, cells and outputs, read from executed notebooks.
- :mod:`.snapshot`: the snapshot format (Markdown, and SVG or PNG files).
- :mod:`.compare`: cell alignment and the readable differences.
- :mod:`.cli`: ``check`` and ``update``.

Run it as ``nnbook-outputs check`` (or ``nox -s outputs``). What is a
chapter and how printed output is merged come from
:mod:`sphinx_nnbook.execution`, so the check sees exactly what the build does.
"""
