"""The PDF's preface, back matter and references elsewhere; the site's PDF links.

On ``roots/test-printed``: a landing page with a preface, two numbered
chapters (the second refers to the first), an unnumbered API page and a
changelog that ``nnbook_pdf_leaves_out`` leaves out of the PDF. The LaTeX
builder only writes the ``.tex`` files here (no TeX needed); the site's
links are checked on HTML builds with and without built PDFs.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

URL = "https://books.example.org/sample/chapters/one.html"


def tex(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def href(anchor: str, text: str) -> str:
    return rf"\sphinxhref{{{URL}{anchor}}}{{{text}}}"


@pytest.mark.sphinx("latex", testroot="printed", freshenv=True)
def test_a_chapters_pdf_names_what_it_refers_to_in_other_chapters(app):
    app.build()
    two = tex(app, "two.tex")
    assert href(r"\#one-start", "Where it starts (section 1.1)") in two
    assert href(r"\#fig-one-plot", "Fig. 1.1") in two
    assert href(r"\#equation-one-eq-line", "(1.1)") in two
    assert href(r"\#one-chapter", "whole first chapter (chapter 1)") in two
    assert href("", "First chapter (chapter 1)") in two
    # Its own section stays a link inside the PDF; no label is printed raw.
    assert r"\hyperref[\detokenize{chapters/two:two-here}]" in two
    prose = two[two.index("As ") :]
    assert not re.search(r"[{(]one-(start|chapter|eq-line)[})]", prose)
    assert "??" not in prose


@pytest.mark.sphinx("latex", testroot="printed", freshenv=True)
def test_the_books_pdf_has_a_preface_and_unnumbered_back_matter(app):
    app.build()
    book = tex(app, "samplebook.tex")
    # Everything is inside the book: references are LaTeX's own.
    assert r"\sphinxhref" not in book.split(r"\begin{document}")[1]
    preface = book.index(r"\chapter{Preface}")
    assert preface < book.index("Who it is for") < book.index(r"\chapter{First")
    assert "Download the book as PDF" not in book
    unnumbered = r"\setcounter{secnumdepth}{-1}"
    assert book.count(unnumbered) == 2  # the preface and the API page
    assert book.rindex(unnumbered) < book.index(r"\chapter{API}")
    assert book.index(r"\chapter{Second") < book.rindex(unnumbered)
    assert "Changelog" not in book


# sphinx-book-theme 1.1's footnote transform reads the deprecated .app.
THEME_DEPRECATION = pytest.mark.filterwarnings(
    "ignore:'sphinx_book_theme._transforms.HandleFootnoteTransform.app'"
)


def download_menu(html: str) -> list[str]:
    """The links of sphinx-book-theme's download menu, and its print button."""
    menu = html[html.index("dropdown-download-buttons") :]
    menu = menu[: menu.index("</ul>")]
    return re.findall(r'href="([^"]+)"|onclick="(window\.print\(\))"', menu)


@THEME_DEPRECATION
@pytest.mark.sphinx("html", testroot="printed", freshenv=True)
def test_the_site_links_no_pdf_that_was_not_built(app):
    app.build()
    out = Path(app.outdir)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Download the book as PDF" not in index
    assert ("", "window.print()") in download_menu(index)
    assert not (out / "pdf").exists()


@THEME_DEPRECATION
@pytest.mark.sphinx("html", testroot="printed", freshenv=True)
def test_the_site_links_and_copies_the_built_pdfs(make_app, app_params, tmp_path):
    folder = tmp_path / "latex"
    folder.mkdir()
    for name in ("samplebook.pdf", "one.pdf"):
        (folder / name).write_bytes(b"%PDF-1.5 " + name.encode())
    args, kwargs = app_params
    overrides = {"nnbook_pdf_folder": str(folder)}
    app = make_app(*args, confoverrides=overrides, **kwargs)
    app.build()
    out = Path(app.outdir)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a class="reference external" href="pdf/samplebook.pdf">' in index
    assert ("pdf/samplebook.pdf", "") in download_menu(index)
    one = (out / "chapters" / "one.html").read_text(encoding="utf-8")
    assert ("../pdf/one.pdf", "") in download_menu(one)
    two = (out / "chapters" / "two.html").read_text(encoding="utf-8")
    assert ("", "window.print()") in download_menu(two)  # no two.pdf: printed
    assert (out / "pdf" / "one.pdf").read_bytes() == (folder / "one.pdf").read_bytes()

    # A PDF gone: its page no longer links it, the site no longer has it.
    (folder / "one.pdf").unlink()
    app = make_app(*args, confoverrides=overrides, **kwargs)
    app.build()
    one = (out / "chapters" / "one.html").read_text(encoding="utf-8")
    assert ("", "window.print()") in download_menu(one)
    assert sorted(p.name for p in (out / "pdf").iterdir()) == ["samplebook.pdf"]
    shutil.rmtree(folder)
