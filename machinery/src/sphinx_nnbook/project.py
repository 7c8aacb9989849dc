"""Where the book lives: its root folder, found from a starting point.

The machinery is an installed package, so it cannot find the book from its
own location. Sphinx starts from its configuration folder (``conf/``), the
console commands from the working directory; both walk up to the first
folder whose ``pyproject.toml`` has a ``[tool.nnbook]`` table.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


class BookNotFoundError(FileNotFoundError):
    """No folder above the starting point holds the book's ``pyproject.toml``."""


def book_root(start: str | Path) -> Path:
    """The nearest folder at or above ``start`` that holds the book.

    Raises
    ------
    BookNotFoundError
        If no ``pyproject.toml`` with a ``[tool.nnbook]`` table is found;
        the message says where the search started.
    """
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            if "nnbook" in data.get("tool", {}):
                return folder
    msg = (
        f"no pyproject.toml with a [tool.nnbook] table at or above {start}: "
        "run the command inside the book's repository, or pass --root"
    )
    raise BookNotFoundError(msg)


def node_module(root: Path, *parts: str) -> Path:
    """A file of the book's pinned npm packages (``npm ci`` installs them)."""
    return root.joinpath("node_modules", *parts)


def builds_site(app: Any) -> bool:
    """Whether this Sphinx build writes the website, not the EPUB or the PDF.

    The EPUB builder is an HTML builder too, but an e-reader lays out the
    book itself: no KaTeX HTML, bundles, PurgeCSS or site checks there.
    """
    return app.builder.format == "html" and not app.builder.name.startswith("epub")
