"""The PDFs on the site: in each page's download menu, and on the landing page.

``nox -s pdf`` writes the book's PDF and one per chapter into
``nnbook_pdf_folder``. The site's build copies those that exist into
``pdf/`` and links each from its page: sphinx-book-theme's download menu
offers ``.pdf`` (the chapter's, or the book's on the landing page) where it
would otherwise print the page from the browser, and the
``{nnbook-pdf}`` directive writes a paragraph that links the book's PDF.

A PDF that was not built is not linked: ``nox -s docs`` alone (no TeX)
keeps the browser's "print to PDF" in the menu and shows no paragraph, so
the site never links a missing file. When a PDF appears or disappears,
the pages that link it are read again (from the execution cache, so
nothing runs again) and rewritten.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

#: The site's folder for the PDFs, under the HTML output.
FOLDER = "pdf"


def built_pdfs(config: Any) -> dict[str, Path]:
    """The PDFs ``nox -s pdf`` built, by the page they typeset: docname -> file.

    Each ``latex_documents`` entry names a page and its ``.tex``; its PDF
    has the same name. An empty ``nnbook_pdf_folder`` means no PDFs.
    """
    folder = config.nnbook_pdf_folder
    if not folder:
        return {}
    found = {}
    for docname, tex, *_ in config.latex_documents:
        pdf = Path(folder, tex).with_suffix(".pdf")
        if pdf.is_file():
            found[docname] = pdf
    return found


def _outdated(app: Any, env: Any, added: set, changed: set, removed: set) -> list:
    """The pages whose PDF appeared or disappeared since the last build."""
    if app.builder.name != "html":
        return []
    now = {doc: pdf.name for doc, pdf in built_pdfs(app.config).items()}
    before = getattr(env, "nnbook_pdfs", {})
    env.nnbook_pdfs = now
    return sorted(
        doc
        for doc in set(now) | set(before)
        if now.get(doc) != before.get(doc) and doc in env.found_docs
    )


def pdf_url(config: Any, pagename: str, docname: str) -> str | None:
    """The relative URL, from ``pagename``, of ``docname``'s PDF on the site."""
    pdf = built_pdfs(config).get(docname)
    if pdf is None:
        return None
    depth = pagename.count("/")
    return posixpath.join(*([".."] * depth), FOLDER, pdf.name)


def _page_context(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Offer the page's PDF in the download menu, instead of printing the page."""
    url = pdf_url(app.config, pagename, pagename)
    if app.builder.name != "html" or url is None:
        return
    book = pagename == app.config.root_doc
    for group in context.get("header_buttons", []):
        for i, button in enumerate(group.get("buttons", [])):
            if button.get("label") == "download-pdf-button":
                group["buttons"][i] = {
                    "type": "link",
                    "url": url,
                    "text": ".pdf",
                    "icon": "fas fa-file-pdf",
                    "tooltip": f"Download the {'book' if book else 'chapter'} as PDF",
                    "label": "download-pdf-button",
                }


def copy_pdfs(app: Any, exception: Exception | None) -> None:
    """Copy the built PDFs into the site's ``pdf/``; drop any no longer built."""
    if exception is not None or app.builder.name != "html":
        return
    target = Path(app.outdir, FOLDER)
    pdfs = built_pdfs(app.config)
    if target.is_dir():
        names = {pdf.name for pdf in pdfs.values()}
        for old in target.glob("*.pdf"):
            if old.name not in names:
                old.unlink()
    for pdf in pdfs.values():
        target.mkdir(exist_ok=True)
        shutil.copyfile(pdf, target / pdf.name)


class BookPdf(SphinxDirective):
    """A paragraph that links the book's PDF, on the site only, if it was built.

    Its content is the link's text, e.g. ``Download the book as PDF``.
    """

    has_content = True

    def run(self) -> list[nodes.Node]:
        """The paragraph, or nothing (another format, or no PDF)."""
        if not self.content:
            msg = (
                "nnbook-pdf: the directive needs the link's text as its content,"
                " e.g. 'Download the book as PDF'; it has none"
            )
            raise self.error(msg)
        url = pdf_url(self.config, self.env.docname, self.config.root_doc)
        if url is None:
            return []
        text = " ".join(self.content)
        link = nodes.reference(text, text, refuri=url)
        only = addnodes.only(expr="html and not epub")  # the site only
        only += nodes.paragraph("", "", link, classes=["nnbook-pdf"])
        return [only]


def setup_links(app: Any) -> None:
    """Link and copy the PDFs that ``nox -s pdf`` built."""
    app.add_config_value("nnbook_pdf_folder", "", "env", types=[str])
    app.add_directive("nnbook-pdf", BookPdf)
    app.connect("env-get-outdated", _outdated)
    app.connect("html-page-context", _page_context, priority=600)
    app.connect("build-finished", copy_pdfs)
