"""The built book's files and its chapters, for the PDF and EPUB checks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "docs" / "_build"
CHAPTERS = sorted((ROOT / "docs" / "chapters").glob("*.md"))


def title(chapter: Path) -> str:
    """A chapter's title: its first level-1 heading."""
    match = re.search(r"^# (.+)$", chapter.read_text(encoding="utf-8"), re.M)
    if match is None:
        pytest.fail(f"{chapter} has no '# title' line")
    return match[1].strip()


def glued(chapter: Path) -> dict:
    """The values the build glued into a chapter's prose, by name."""
    path = BUILD / "jupyter_execute" / "chapters" / f"{chapter.stem}.glue.json"
    if not path.is_file():
        pytest.fail(f"no {path}: build the book first (nox -s docs)")
    return json.loads(path.read_text(encoding="utf-8"))


#: Sphinx's smart quotes print a glued "baseline's" with U+2019 for the apostrophe.
STRAIGHT_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
)


def words(text: str) -> str:
    """``text`` with every run of white space one space (lines are wrapped)
    and typographic quotes straight, as the chapters' sources write them."""
    return " ".join(text.translate(STRAIGHT_QUOTES).split())
