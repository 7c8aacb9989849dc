r"""The book's PDF: a preface from the landing page, reference pages unnumbered.

The book's LaTeX document is the landing page's toctrees only
(``toctree_only``): the chapters, then the reference pages. Two things
differ from what Sphinx makes of that:

* **A preface.** The landing page's prose (what the book is, who it is
  for, the prerequisites, the learning path) is the site's front page and
  was not in the PDF. :class:`BookMatter` puts it before the first chapter
  as an unnumbered "Preface", without its toctrees.
* **Back matter.** A page that the numbered toctree does not number (the
  API, the bibliography, how to cite) was typeset as "Chapter 6",
  "Chapter 7", ... It is now unnumbered, its sections too, and listed in
  the contents without a number. Which pages are chapters is read from
  the toctree's numbering (``env.toc_secnumbers``), so no list of pages is
  kept here.

``nnbook_pdf_leaves_out`` names the pages that make no sense in print (the
build's execution report, the changelog of every release); they are left
out, and a reference to one becomes a link to the site
(:mod:`.elsewhere`, which runs after this).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

#: The preface's heading; the landing page's own is the book's title.
PREFACE = "Preface"

# LaTeX numbers no heading while secnumdepth is negative; the value is
# kept in a macro and restored after.
_UNNUMBERED = (
    r"\edef\nnbooksecnumdepth{\the\value{secnumdepth}}\setcounter{secnumdepth}{-1}"
)
_NUMBERED = r"\setcounter{secnumdepth}{\nnbooksecnumdepth}"


def unnumbered(node: nodes.Element) -> None:
    """Typeset ``node`` (a page, in its parent) without section numbers."""
    parent = node.parent
    parent.insert(parent.index(node), nodes.raw("", _UNNUMBERED, format="latex"))
    parent.insert(parent.index(node) + 1, nodes.raw("", _NUMBERED, format="latex"))


class BookMatter(SphinxPostTransform):
    """The preface first, the reference pages unnumbered, some left out."""

    builders = ("latex",)
    default_priority = 4  # before references elsewhere (5) and Sphinx's (10)

    def run(self, **kwargs: Any) -> None:
        """Rework the book's LaTeX document (not a chapter's own)."""
        root = self.config.root_doc
        if self.document.get("docname") != root:
            return
        pages = [
            page
            for page in self.document.findall(addnodes.start_of_file)
            if not any(isinstance(p, addnodes.start_of_file) for p in _parents(page))
        ]
        if not pages:
            return
        preface = self._preface(root)
        if preface is not None:
            pages[0].parent.insert(pages[0].parent.index(pages[0]), preface)
            unnumbered(preface)
        leave_out = set(self.config.nnbook_pdf_leaves_out)
        for page in pages:
            docname = page["docname"]
            if docname in leave_out:
                page.parent.remove(page)
            elif "" not in self.env.toc_secnumbers.get(docname, {}):
                unnumbered(page)

    def _preface(self, root: str) -> addnodes.start_of_file | None:
        """The landing page's prose under the heading :data:`PREFACE`."""
        tree = self.env.get_doctree(root)
        section = next(iter(tree.findall(nodes.section)), None)
        if section is None:
            return None
        for toctree in list(section.findall(addnodes.toctree)):
            wrapper = toctree.parent
            wrapper.remove(toctree)
            if isinstance(wrapper, nodes.compound) and not wrapper.children:
                wrapper.parent.remove(wrapper)
        section[0] = nodes.title(PREFACE, PREFACE)
        page = addnodes.start_of_file(docname=root)
        page += section
        return page


def _parents(node: nodes.Node) -> list[nodes.Node]:
    parents = []
    while node.parent is not None:
        node = node.parent
        parents.append(node)
    return parents


def setup_matter(app: Any) -> None:
    """Add the preface and the back matter to the book's PDF."""
    app.add_config_value("nnbook_pdf_leaves_out", [], "env", types=[list])
    app.add_post_transform(BookMatter)
