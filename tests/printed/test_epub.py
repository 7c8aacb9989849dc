"""The book's EPUB 3, ``docs/_build/epub/nnbook.epub`` (``nox -s epub``)."""

from __future__ import annotations

import html
import json
import posixpath
import re
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest
from printed.book_files import BUILD, glued, title, words

from sphinx_nnbook.printed import checks

EPUB = BUILD / "epub" / "nnbook.epub"
EPUBCHECK = "/usr/share/java/epubcheck.jar"  # Debian's epubcheck


@cache
def book() -> zipfile.ZipFile:
    if not EPUB.is_file():
        pytest.fail(f"no {EPUB}: run `nox -s epub`")
    return zipfile.ZipFile(EPUB)


def page(chapter: Path) -> str:
    name = f"chapters/{chapter.stem}.xhtml"
    if name not in book().namelist():
        pytest.fail(f"{EPUB.name} has no {name}")
    return book().read(name).decode("utf-8")


def text(xhtml: str) -> str:
    """The page's text, as a reader sees it (no tags, no MathML)."""
    xhtml = re.sub(r"<math\b.*?</math>", " ", xhtml, flags=re.S)
    return words(html.unescape(re.sub(r"<[^>]+>", " ", xhtml)))


def figures_in_notebook(chapter: Path) -> int:
    """How many images the chapter's executed notebook shows."""
    notebook = BUILD / "jupyter_execute" / "chapters" / f"{chapter.stem}.ipynb"
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum(
        1
        for cell in cells
        for output in cell.get("outputs", [])
        if {"image/png", "image/svg+xml"} & set(output.get("data", {}))
    )


def test_epub_passes_epubcheck():
    book()  # fails clearly when the EPUB is missing
    report = subprocess.run(
        ["java", "-jar", EPUBCHECK, str(EPUB)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checks.epubcheck_problems(report.stdout + report.stderr) == []


def test_epub_has_each_chapter_and_its_glued_numbers(chapter: Path):
    shown = text(page(chapter))
    assert title(chapter) in shown
    prose = chapter.read_text(encoding="utf-8")
    glued_texts = checks.glued_texts(prose, glued(chapter))
    missing = {name: value for name, value in glued_texts.items() if value not in shown}
    assert missing == {}


def test_epub_has_each_figure_and_its_math_as_mathml(chapter: Path):
    xhtml = page(chapter)
    images = re.findall(r'<img [^>]*src="([^"]+)"', xhtml)
    assert len(images) >= figures_in_notebook(chapter) > 0
    for src in images:
        assert posixpath.normpath(f"chapters/{src}") in book().namelist(), src
    assert "<math" in xhtml
    assert 'class="katex-html"' not in xhtml  # MathML only: no KaTeX layout


def test_epub_has_no_ansi_escape_codes():
    for name in book().namelist():
        if name.endswith(".xhtml"):
            assert "\x1b[" not in book().read(name).decode("utf-8"), name
