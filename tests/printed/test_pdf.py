"""The book's PDF, ``docs/_build/latex/nnbook.pdf`` (``nox -s pdf``)."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

import pytest
from printed.book_files import BUILD, CHAPTERS, glued, title, words

from sphinx_nnbook.printed import checks

LATEX = BUILD / "latex"
PDF = LATEX / "nnbook.pdf"
#: Pages per chapter, roughly, the reference chapters included; generous.
PAGES_PER_CHAPTER = (10, 80)


def tool(*command: str) -> str:
    if not PDF.is_file():
        pytest.fail(f"no {PDF}: run `nox -s pdf`")
    return subprocess.run(
        [*command, str(PDF), *(["-"] if command[0] == "pdftotext" else [])],
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
