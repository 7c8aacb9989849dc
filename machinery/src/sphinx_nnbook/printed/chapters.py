"""One PDF per chapter, numbered as in the book, with its citation up front.

A chapter is cited and shared on its own, so ``nox -s pdf`` also writes
``<chapter>.pdf`` for every page that ``citation_chapters`` names (the
pages that get a "Cite this chapter" box on the site). Each is a LaTeX
``howto`` document of that one page, in which the chapter's sections,
figures, equations and listings keep the numbers they have in the book
(2.1, Fig. 2.3, ...) and its first page says how to cite it, in APA style
as on the site (:func:`sphinx_nnbook.citation.chapter_apa`). A reference
to another chapter names it and links to the site (:mod:`.elsewhere`).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.matching import Matcher

from ..citation import chapter_apa
from ..metadata import get_metadata
from .elsewhere import ReferencesElsewhere

#: The LaTeX counters the site numbers per chapter.
COUNTERS = ("section", "figure", "table", "equation", "literalblock")


def chapter_documents(srcdir: Path, patterns: list[str], authors: str) -> list[tuple]:
    """``latex_documents`` entries, one per chapter source in ``srcdir``."""
    matcher = Matcher(patterns)
    documents = []
    for path in sorted(srcdir.glob("*/*.md")):
        docname = path.relative_to(srcdir).with_suffix("").as_posix()
        heading = re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), re.M)
        if matcher(docname) and heading:
            name = f"{path.stem}.tex"
            documents.append((docname, name, heading[1], authors, "howto", False))
    return documents


def numbering(chapter: int) -> str:
    r"""LaTeX that numbers the counters of :data:`COUNTERS` as chapter ``chapter``'s.

    Examples
    --------
    >>> print(numbering(2).splitlines()[0])
    \renewcommand{\thesection}{2.\arabic{section}}
    """
    lines = []
    for counter in COUNTERS:
        if counter != "section":
            lines.append(rf"\counterwithout{{{counter}}}{{section}}")
        lines.append(
            rf"\renewcommand{{\the{counter}}}{{{chapter}.\arabic{{{counter}}}}}"
        )
    return "\n".join(lines)


class ChapterAlone(SphinxPostTransform):
    """A chapter's own PDF: the book's numbers and its citation under the title."""

    builders = ("latex",)
    default_priority = 30

    def run(self, **kwargs: Any) -> None:
        """Number the chapter as in the book; cite it on its first page."""
        docname = self.document.get("docname", "")
        if docname == self.config.root_doc or not Matcher(
            self.config.citation_chapters
        )(docname):
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None:
            return
        number = self.env.toc_secnumbers.get(docname, {}).get("", (0,))[0]
        meta = self.env.nnbook_metadata  # type: ignore[attr-defined]  # see below
        title = section[0].astext() if isinstance(section[0], nodes.title) else ""
        url = posixpath.join(meta.url, f"{docname}.html")
        cite = nodes.paragraph("", "", nodes.strong("", "Cite this chapter: "))
        cite += nodes.Text(chapter_apa(meta, title, url))
        raw = nodes.raw("", numbering(number), format="latex")
        section.insert(1, cite)
        section.insert(1, raw)


def _config_inited(app: Any, config: Any) -> None:
    meta = get_metadata(app)
    authors = r" \and ".join(author.name for author in meta.authors)
    config.latex_documents = [
        *config.latex_documents,
        *chapter_documents(Path(app.srcdir), config.citation_chapters, authors),
    ]


def _builder_inited(app: Any) -> None:
    # The metadata, where a transform finds it (its .app is deprecated).
    app.env.nnbook_metadata = get_metadata(app)


def setup_chapters(app: Any) -> None:
    """Add a PDF per chapter (after the book's own, see :mod:`.latex`)."""
    app.connect("config-inited", _config_inited, priority=160)
    app.connect("builder-inited", _builder_inited)
    app.add_post_transform(ChapterAlone)
    app.add_post_transform(ReferencesElsewhere)
