"""The chapters' code cells fit a page: no line longer than 79 columns.

A longer line is cut off or scrolls on a desktop's column and on a phone;
PEP 8's 79 columns fit the book's code blocks at 1280 px.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHAPTERS = sorted((Path(__file__).parents[1] / "docs" / "chapters").glob("*.md"))
MAX_COLUMNS = 79


def long_code_lines(text: str) -> list[tuple[int, int]]:
    """(line number, length) of each code-cell line longer than 79 columns."""
    long, in_cell = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("```{code-cell}"):
            in_cell = True
        elif in_cell and line.startswith("```"):
            in_cell = False
        elif in_cell and len(line) > MAX_COLUMNS:
            long.append((number, len(line)))
    return long


def test_long_code_lines_are_found():
    text = "x = 1\n```{code-cell} ipython3\nshort\n" + "y" * 80 + "\n```\n" + "z" * 99
    assert long_code_lines(text) == [(4, 80)]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_code_cells_fit_79_columns(chapter: Path):
    long = long_code_lines(chapter.read_text(encoding="utf-8"))
    assert not long, (
        f"{chapter.name}: code-cell lines longer than {MAX_COLUMNS} columns "
        f"(line, length): {long}; wrap them (ruff format's style)"
    )
