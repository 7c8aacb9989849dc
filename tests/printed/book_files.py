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


def words(text: str) -> str:
    """``text`` with every run of white space one space (lines are wrapped)."""
    return " ".join(text.split())
