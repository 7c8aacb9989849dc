"""The book's PDF, ``docs/_build/latex/nnbook.pdf`` (``nox -s pdf``)."""

from __future__ import annotations

import posixpath
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from printed.book_files import BUILD, CHAPTERS, ROOT, glued, title, words

from sphinx_nnbook.citation import chapter_apa
from sphinx_nnbook.metadata import load_metadata
from sphinx_nnbook.printed import checks

LATEX = BUILD / "latex"
PDF = LATEX / "nnbook.pdf"
#: Pages per chapter, roughly, the reference chapters included; generous.
PAGES_PER_CHAPTER = (10, 80)


def tool(*command: str, pdf: Path = PDF) -> str:
    if not pdf.is_file():
        pytest.fail(f"no {pdf}: run `nox -s pdf`")
    return subprocess.run(
        [*command, str(pdf), *(["-"] if command[0] == "pdftotext" else [])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@cache
def text() -> str:
    return words(tool("pdftotext", "-enc", "UTF-8"))


def test_pdf_embeds_every_font():
    assert checks.unembedded_fonts(tool("pdffonts")) == []


def test_pdf_metadata_and_page_count():
    info = dict(
        line.split(":", 1) for line in tool("pdfinfo").splitlines() if ":" in line
    )
    assert info["Title"].strip() == "Neural Networks from the Ground Up"
    assert info["Author"].strip()
    low, high = (n * len(CHAPTERS) for n in PAGES_PER_CHAPTER)
    assert low <= int(info["Pages"]) <= high


def test_pdf_latex_log_is_clean():
    log = (LATEX / "nnbook.log").read_text(encoding="utf-8", errors="replace")
    assert checks.latex_log_problems(log) == []


def test_pdf_has_each_chapter_and_its_glued_numbers(chapter: Path):
    assert title(chapter).upper() in text().upper()  # chapter titles are in caps
    shown = checks.glued_texts(chapter.read_text(encoding="utf-8"), glued(chapter))
    missing = {name: value for name, value in shown.items() if value not in text()}
    assert shown, f"{chapter.name} glues no number into its prose"
    assert missing == {}


def test_pdf_has_no_ansi_escape_codes():
    assert "\x1b[" not in text()
    assert "[0m" not in text()


def test_pdf_of_each_chapter_cites_it_on_its_first_page(chapter: Path):
    pdf = LATEX / f"{chapter.stem}.pdf"
    meta = load_metadata(ROOT / "pyproject.toml")
    url = posixpath.join(meta.url, f"chapters/{chapter.stem}.html")
    apa = chapter_apa(meta, title(chapter), url)
    first_page = words(tool("pdftotext", "-enc", "UTF-8", "-l", "1", pdf=pdf))
    assert title(chapter) in first_page
    assert apa.removesuffix(url).strip() in first_page  # the address may wrap
    assert checks.unembedded_fonts(tool("pdffonts", pdf=pdf)) == []
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert checks.latex_log_problems(log) == []
    shown = words(tool("pdftotext", "-enc", "UTF-8", pdf=pdf))
    glued_texts = checks.glued_texts(
        chapter.read_text(encoding="utf-8"), glued(chapter)
    )
    assert {n: v for n, v in glued_texts.items() if v not in shown} == {}


def test_pdf_has_the_landing_pages_prose_as_its_preface():
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", index, re.M)
    assert headings, "docs/index.md has no '## ' section"
    # The contents list "Preface" first; the preface itself comes next,
    # then chapter 1 (whose pages' running head is "Chapter 1. <title>").
    upper = text().upper()  # the heading is in capitals
    start = upper.index("PREFACE", upper.index("PREFACE") + 1)
    preface = text()[start : text().index("Chapter 1.", start)]
    assert [h for h in headings if h not in preface] == []


def test_pdf_numbers_only_the_chapters():
    # The reference pages (API, bibliography, ...) follow, unnumbered.
    assert f"Chapter {len(CHAPTERS)}." in text()
    assert f"Chapter {len(CHAPTERS) + 1}" not in text()


#: A label's definition in a chapter's MyST source: ``(label)=`` or ``:name:``.
_LABEL = re.compile(
    r"^\((?P<a>[\w-]+)\)=$|^:(?:name|label): (?P<b>[\w-]+)$"
    r"|^\$\$ \((?P<c>[\w-]+)\)$",  # a section, a figure, an equation
    re.M,
)
_REFERENCE = re.compile(r"\{(?P<role>ref|numref|eq)\}`(?P<label>[\w-]+)`")


def test_pdf_of_each_chapter_names_what_it_refers_to_elsewhere(chapter: Path):
    labels = {
        m["a"] or m["b"] or m["c"]
        for other in CHAPTERS
        if other != chapter
        for m in _LABEL.finditer(other.read_text(encoding="utf-8"))
    }
    refs = _REFERENCE.findall(chapter.read_text(encoding="utf-8"))
    cited = {label for _, label in refs} & labels
    shown = words(tool("pdftotext", "-enc", "UTF-8", pdf=LATEX / f"{chapter.stem}.pdf"))
    # pdftotext drops a hyphen where LaTeX broke the line: compare without.
    bare = shown.replace("-", "")
    raw = sorted(label for label in cited if label.replace("-", "") in bare)
    assert raw == []
    assert "??" not in shown
    if {label for role, label in refs if role == "ref"} & labels:
        # A {ref} says which chapter or section it means.
        assert re.search(r"\((?:chapter|section) \d", shown), "no '(chapter N' text"


def test_pdf_of_each_chapter_lists_its_sections_apart_from_their_numbers(
    chapter: Path,
):
    pdf = LATEX / f"{chapter.stem}.pdf"
    first = words(tool("pdftotext", "-enc", "UTF-8", "-l", "2", pdf=pdf))
    contents = first[first.index("Contents") : first.index("Cite this chapter")]
    assert re.findall(r"\d\.\d+[^\d\s.]", contents) == []  # "5.10References"


def test_site_links_and_serves_each_pdf():
    html = BUILD / "html"
    pages = {"index": "nnbook.pdf"} | {
        f"chapters/{c.stem}": f"{c.stem}.pdf" for c in CHAPTERS
    }
    for page, name in pages.items():
        source = (html / f"{page}.html").read_text(encoding="utf-8")
        href = posixpath.join(*[".."] * page.count("/"), "pdf", name)
        assert f'href="{href}"' in source, page
        assert (html / "pdf" / name).read_bytes() == (LATEX / name).read_bytes()
