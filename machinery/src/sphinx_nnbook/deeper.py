"""``{going-deeper}``: a folded aside that may hold executed cells.

A chapter keeps its novice path short by folding digressions (why a formula
overflows, how float32 rounds) into asides a reader opens on demand. A
sphinx-design ``{dropdown}`` folds prose, but MyST-NB splits a notebook into
cells only at the top level, so a dropdown cannot hold a ``{code-cell}``.
This directive marks where an aside starts, ``{going-deeper-end}`` where it
ends, and a transform moves everything between the two (prose, cells and
their outputs, figures) into the dropdown::

    :::{going-deeper} Why the sigmoid needs two branches
    :name: deeper-sigmoid
    :::

    Prose, `{code-cell}`s, figures ...

    :::{going-deeper-end}
    :::

The aside *is* a sphinx-design dropdown (the directive subclasses
sphinx-design's), so it looks like the book's other folded blocks in HTML and
falls back to a titled block in other formats; the book lists
``sphinx_design`` among its extensions. The two markers must be
siblings (no heading between them) and asides do not nest; anything else is
an error at the start marker's line.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx_design.dropdown import DropdownDirective

logger = logging.getLogger(__name__)

TITLE = "Going deeper: "
MARK = "nnbook_deeper"  # the dropdown's attribute: still waiting for its body


class going_deeper_end(nodes.Element, nodes.Invisible):  # noqa: N801
    """Where an aside ends; removed by :class:`GatherAside`."""


class GoingDeeper(DropdownDirective):
    """``{going-deeper} title``: a folded aside, closed by default."""

    required_arguments = 1
    optional_arguments = 0

    def run_with_defaults(self) -> list[nodes.Node]:
        """sphinx-design's dropdown, titled and marked as an open aside."""
        self.arguments = [TITLE + self.arguments[0]]
        self.options.setdefault("icon", "telescope")
        classes = self.options.setdefault("class-container", [])
        classes.append("nnbook-deeper")
        aside, *messages = super().run_with_defaults()
        assert isinstance(aside, nodes.Element)  # sphinx-design's container
        aside[MARK] = True
        return [aside, *messages]


class GoingDeeperEnd(SphinxDirective):
    """``{going-deeper-end}``: the end of the aside opened above it."""

    def run(self) -> list[nodes.Node]:
        """A marker node, removed by :class:`GatherAside`."""
        end = going_deeper_end()
        self.set_source_info(end)
        return [end]


class GatherAside(SphinxTransform):
    """Move the nodes between each aside's two markers into the aside."""

    default_priority = 200  # after parsing; before sphinx-design's HTML form

    def apply(self, **kwargs: object) -> None:
        """Fill every aside; warn about unmatched markers."""
        for aside in list(self.document.findall(self._is_open_aside)):
            self._gather(aside)
        for stray in list(self.document.findall(going_deeper_end)):
            logger.warning(
                "{going-deeper-end} without a {going-deeper} before it at the "
                "same level: open the aside above it, or delete the marker",
                location=stray,
                type="nnbook",
                subtype="going-deeper",
            )
            stray.parent.remove(stray)

    @staticmethod
    def _is_open_aside(node: nodes.Node) -> bool:
        return isinstance(node, nodes.Element) and bool(node.get(MARK))

    def _gather(self, aside: nodes.Node) -> None:
        assert isinstance(aside, nodes.Element)  # as _is_open_aside checked
        del aside[MARK]
        parent = aside.parent
        body: list[nodes.Node] = []
        for sibling in parent[parent.index(aside) + 1 :]:
            if isinstance(sibling, going_deeper_end):
                for node in body:
                    parent.remove(node)
                aside.extend(body)
                parent.remove(sibling)
                return
            if self._is_open_aside(sibling):
                break  # a second aside before this one ended: asides do not nest
            body.append(sibling)
        logger.warning(
            "{going-deeper} without its {going-deeper-end}: end the aside with "
            "a {going-deeper-end} marker before the next heading or aside",
            location=aside,
            type="nnbook",
            subtype="going-deeper",
        )


def setup_deeper(app: Sphinx) -> None:
    """Register ``{going-deeper}``, ``{going-deeper-end}`` and the transform.

    The book lists ``sphinx_design`` among its extensions, which draws the
    aside as a dropdown (as for ``{nnbook-source}``'s ``:dropdown:``); it is
    not loaded here, so that a book without it gets no sphinx-design assets.
    """
    app.add_node(going_deeper_end)
    app.add_directive("going-deeper", GoingDeeper)
    app.add_directive("going-deeper-end", GoingDeeperEnd)
    app.add_transform(GatherAside)
