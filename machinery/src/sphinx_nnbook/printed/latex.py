r"""The PDF: its title page and file name, vector figures, exercise references.

Sphinx's default ``latex_documents`` names the file after the title
(``neuralnetworksfromthegroundup.tex``); the book's PDF is named after its
package (``nnbook.pdf``), like its EPUB, and its title page and PDF
metadata (``pdfinfo``'s Title and Author) come from ``pyproject.toml``
through :mod:`sphinx_nnbook.metadata`.

sphinx-exercise 1.2 labels an exercise ``exercise:<label>`` in LaTeX, but
a solution's title and a ``{numref}`` from another chapter link to Sphinx's
usual ``<docname>:<label>``, and ``{numref}`` prints ``\ref``, which LaTeX
cannot number (an exercise has no LaTeX counter): the PDF showed "??".
:class:`ExerciseReferences` gives each exercise Sphinx's label too and
prints the number Sphinx computed (the site's "Exercise 1.1").
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..metadata import get_metadata


def _config_inited(app: Any, config: Any) -> None:
    meta = get_metadata(app)
    authors = r" \and ".join(author.name for author in meta.authors)
    # toctree_only: the chapters are the PDF's chapters; the landing page's
    # prose becomes its preface (see .matter).
    config.latex_documents = [
        (config.root_doc, f"{meta.package}.tex", meta.title, authors, "manual", True)
    ]


def _builder_inited(app: Any) -> None:
    if app.builder.name == "latex":
        # Matplotlib's SVG figures become PDF (rsvg-convert): vectors in
        # print. Loaded for LaTeX only, so the site needs neither the
        # package (the "print" dependency group) nor the program.
        app.setup_extension("sphinxcontrib.rsvgconverter")


class ExerciseReferences(SphinxPostTransform):
    """Label exercises as Sphinx does and print their numbers as text (LaTeX)."""

    builders = ("latex",)
    default_priority = 20  # after the references are resolved (10)

    def run(self, **kwargs: Any) -> None:
        """Add each exercise's label; turn numbered references into links."""
        registry = getattr(self.env, "sphinx_exercise_registry", {})
        for node in list(self.document.findall(nodes.Element)):
            label = node.get("label", "")
            if type(node).__name__ == "exercise_enumerable_node" and label in registry:
                docname = registry[label]["docname"]
                target = rf"\phantomsection\label{{\detokenize{{{docname}:{label}}}}}"
                node.parent.insert(
                    node.parent.index(node), nodes.raw("", target, format="latex")
                )
        for ref in list(self.document.findall(addnodes.number_reference)):
            uri = ref.get("refuri", "")
            label = ref.get("refid") or uri.rpartition("#")[2]
            if label in registry:
                link = nodes.reference("", "", *ref.children, internal=True)
                link.update_all_atts(ref)
                ref.replace_self(link)


def setup_latex(app: Any) -> None:
    """Fill ``latex_documents`` from the metadata; fix exercise references."""
    app.connect("config-inited", _config_inited, priority=150)
    app.connect("builder-inited", _builder_inited)
    app.add_post_transform(ExerciseReferences)
