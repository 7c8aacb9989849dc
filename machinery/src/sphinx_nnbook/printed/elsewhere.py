r"""References to pages that are not in the PDF, as text that names them.

A chapter's own PDF (:mod:`.chapters`) holds one page of the book, but the
chapter refers to others: "the loss of answering one half every time
(:ref:`nn-basics-xor`)". Sphinx cannot link to a page outside the LaTeX
document, so it printed the raw label, "(nn-basics-xor)", or ``??`` for an
equation. :class:`ReferencesElsewhere` runs before Sphinx resolves the
references and writes each such reference as the text the site shows, with
where it is in the book ("XOR (section 1.6)", "Fig. 1.3", "(2.5)"), as a
link to that place on the site. It is a link, not a footnote: a chapter
refers to the one before it a dozen times, and a footnote for each would
fill the pages with the same address; the first page already gives the
chapter's own.

The whole book's PDF holds every page, so nothing in it is rewritten.
"""

from __future__ import annotations

import posixpath
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import math_reference
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape


def where(number: tuple[int, ...]) -> str:
    """Name a section number as a reader does: ``chapter 2`` or ``section 2.3``.

    Examples
    --------
    >>> where((2,)), where((2, 3))
    ('chapter 2', 'section 2.3')
    """
    kind = "chapter" if len(number) == 1 else "section"
    return f"{kind} {'.'.join(map(str, number))}"


def href(url: str, text: str) -> nodes.raw:
    r"""A LaTeX link to ``url`` that shows ``text`` (no footnote).

    Examples
    --------
    >>> href("https://x.org/a.html#b", "50 % done").astext()
    '\\sphinxhref{https://x.org/a.html\\#b}{50 \\% done}'
    """
    target = url.replace("\\", "\\\\").replace("%", r"\%").replace("#", r"\#")
    return nodes.raw("", rf"\sphinxhref{{{target}}}{{{escape(text)}}}", format="latex")


class ReferencesElsewhere(SphinxPostTransform):
    """Write references to pages outside this PDF as text that names them."""

    builders = ("latex",)
    default_priority = 5  # before Sphinx resolves the references (10)

    def run(self, **kwargs: Any) -> None:
        """Replace each reference whose target is in no page of this PDF."""
        # The pages of this LaTeX document: its own and those it inlines.
        inside = {self.document.get("docname")} | {
            page["docname"] for page in self.document.findall(addnodes.start_of_file)
        }
        # MyST's {eq} is a math_reference already; the others are pending.
        refs: list[nodes.Element] = [*self.document.findall(addnodes.pending_xref)]
        refs += self.document.findall(math_reference)
        for ref in refs:
            found = self._find(ref)
            if found is None or found[0] in inside:
                continue
            docname, anchor, text = found
            # html_baseurl: the book's address (sphinx_nnbook.metadata).
            url = posixpath.join(self.config.html_baseurl, f"{docname}.html")
            ref.replace_self(href(url + (f"#{anchor}" if anchor else ""), text))

    def _find(self, ref: nodes.Element) -> tuple[str, str, str] | None:
        """The target's page, anchor and the text to show; None if not ours."""
        if isinstance(ref, math_reference):
            return self._equation(ref["target"])
        domain, kind = ref.get("refdomain"), ref.get("reftype")
        target = ref.get("reftarget", "")
        if domain == "math":
            return self._equation(target)
        if domain != "std" or kind not in {"ref", "numref", "doc"}:
            return None
        explicit = ref.astext() if ref.get("refexplicit") else ""
        if kind == "doc":
            docname = posixpath.normpath(
                posixpath.join(posixpath.dirname(ref["refdoc"]), target)
            ).lstrip("/")
            return self._page(docname, explicit)
        std = self.env.domains["std"]
        label = target.lower()
        if label not in std.labels and label not in std.anonlabels:
            return None
        docname, anchor = std.anonlabels[label]
        if kind == "numref":
            return self._numbered(docname, anchor, explicit)
        title = explicit or std.labels.get(label, ("", "", ""))[2]
        number = self._section_number(docname, anchor)
        numbered = None if number else self._numbered(docname, anchor, "")
        if label in getattr(self.env, "sphinx_exercise_registry", {}) and numbered:
            return numbered  # "Exercise 1.1", as the site shows it
        place = numbered[2] if numbered else where(number or self._chapter(docname))
        return docname, anchor, f"{title} ({place})" if title else place

    def _chapter(self, docname: str) -> tuple[int, ...]:
        return tuple(self.env.toc_secnumbers.get(docname, {}).get("", ()))

    def _section_number(self, docname: str, anchor: str) -> tuple[int, ...]:
        """The number LaTeX gives the section ``anchor`` (the site numbers none).

        The chapter's number, then the section's place among its sibling
        sections at each level.
        """
        chapter = self._chapter(docname)
        top = next(self.env.get_doctree(docname).findall(nodes.section), None)
        if not chapter or top is None:
            return ()
        found: nodes.Element | None = next(
            (s for s in top.findall(nodes.section) if anchor in s["ids"]), None
        )
        path: list[int] = []
        while found is not None and found is not top:
            siblings: list[nodes.Element] = [
                n for n in found.parent.children if isinstance(n, nodes.section)
            ]
            path.insert(0, siblings.index(found) + 1)
            found = found.parent
        return (*chapter, *path) if found is top else ()

    def _numbered(self, docname: str, anchor: str, explicit: str) -> tuple | None:
        for kind, numbers in self.env.toc_fignumbers.get(docname, {}).items():
            if anchor in numbers:
                number = ".".join(map(str, numbers[anchor]))
                default = f"{kind.capitalize()} %s"  # an exercise's has none
                form = explicit or self.config.numfig_format.get(kind, default)
                text = form.replace("{number}", number).replace("%s", number)
                return docname, anchor, text
        section = self._section_number(docname, anchor)
        if not section:
            return None
        number = ".".join(map(str, section))
        form = explicit or self.config.numfig_format.get("section", "%s")
        return docname, anchor, form.replace("{number}", number).replace("%s", number)

    def _page(self, docname: str, explicit: str) -> tuple[str, str, str] | None:
        if docname not in self.env.titles:
            return None
        title = explicit or self.env.titles[docname].astext()
        number = self._chapter(docname)
        return docname, "", f"{title} ({where(number)})" if number else title

    def _equation(self, label: str) -> tuple[str, str, str] | None:
        equations = self.env.domains["math"].equations
        if label not in equations:
            return None
        docname, eqno = equations[label]
        chapter = ".".join(map(str, self._chapter(docname)))
        number = f"{chapter}.{eqno}" if chapter else str(eqno)
        text = self.config.math_eqref_format.format(number=number)
        return docname, f"equation-{label}", text
