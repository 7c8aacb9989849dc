"""The execution report: how each chapter was executed, and whether it ran.

MyST-NB's ``{nb-exec-table}`` shows, for each notebook, when its cache
record was written and how many seconds its cells took: two clean builds of
the same sources then differ on that page, and the site is otherwise the
same to the byte from build to build (``test_reproducible.py`` builds a
sample book twice and compares every file). ``{nnbook-exec-table}`` shows
what does not change: each chapter, the execution mode and whether every
cell succeeded (a failure's error in the cell's tooltip). The run times stay
in the build's log (MyST-NB logs "Executed notebook in ... seconds") and in
``nox -s bench``.

The table is MyST-NB's own, rebuilt from the same execution data: it is
built after every page has been executed (a post-transform), and MyST-NB
rewrites the page when a chapter is executed again, because the directive
marks it as MyST-NB's does.
"""

from __future__ import annotations

import posixpath
from typing import Any

from docutils import nodes
from myst_nb.ext.execution_tables import METADATA_KEY
from myst_nb.sphinx_ import NbMetadataCollector
from sphinx.addnodes import pending_xref
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

HEADERS = ("Chapter", "Execution", "Status")


class exec_table(nodes.General, nodes.Element):  # noqa: N801 (docutils' naming)
    """Where the table goes, until every chapter's execution data is known."""


class ExecTable(SphinxDirective):
    """``{nnbook-exec-table}``: the execution report's table, without times."""

    def run(self) -> list[nodes.Node]:
        """Mark the page as MyST-NB's table does, so that it is rewritten."""
        NbMetadataCollector.set_doc_data(self.env, self.env.docname, METADATA_KEY, True)
        return [exec_table()]


def _cell(*children: nodes.Node) -> nodes.entry:
    paragraph = nodes.paragraph()
    paragraph.extend(children)
    return nodes.entry("", paragraph)


def book_order(env: Any) -> list[str]:
    """Every document in the order of the book's tables of contents."""
    order: list[str] = []

    def walk(parent: str) -> None:
        for child in env.toctree_includes.get(parent, []):
            if child not in order:
                order.append(child)
                walk(child)

    walk(env.config.root_doc)
    return order


def report_table(
    docname: str, data: dict[str, dict[str, Any]], order: list[str]
) -> nodes.table:
    """The table of the chapters executed, in ``order``, linked from ``docname``."""
    table = nodes.table(classes=["colwidths-auto"])
    group = nodes.tgroup(cols=len(HEADERS))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in HEADERS)
    head = nodes.row()
    head.extend(_cell(nodes.Text(name)) for name in HEADERS)
    group += nodes.thead("", head)
    body = nodes.tbody()
    group += body
    rank = {name: number for number, name in enumerate(order)}
    for chapter in sorted(data, key=lambda name: (rank.get(name, len(rank)), name)):
        run = data[chapter].get("exec_data")
        if not run:
            continue
        link = pending_xref(
            refdoc=docname,
            reftarget=posixpath.relpath(chapter, posixpath.dirname(docname)),
            reftype="doc",
            refdomain="std",
            refexplicit=False,
            refwarn=True,
        )
        link += nodes.inline(text=chapter)
        status: nodes.Node = nodes.Text("✅ every cell ran")
        if run["succeeded"] is not True:
            status = nodes.abbreviation(
                text="❌ failed", explanation=run.get("error") or ""
            )
        row = nodes.row()
        row.extend([_cell(link), _cell(nodes.Text(str(run["method"]))), _cell(status)])
        body += row
    return table


class ExecTableTransform(SphinxPostTransform):
    """Fill each ``{nnbook-exec-table}`` once every chapter has run."""

    default_priority = 8  # before the references (10) are resolved, as MyST-NB's

    def run(self, **kwargs: Any) -> None:
        """Replace each placeholder with the table."""
        data = NbMetadataCollector.get_doc_data(self.env)
        for node in list(self.document.findall(exec_table)):
            node.replace_self(
                report_table(self.env.docname, data, book_order(self.env))
            )


def setup_exectable(app: Any) -> None:
    """Register ``{nnbook-exec-table}``."""
    app.add_node(exec_table)
    app.add_directive("nnbook-exec-table", ExecTable)
    app.add_post_transform(ExecTableTransform)
