"""Fixtures of the PDF and EPUB checks (``tests/printed``).

The tests run with ``nox -s pdf`` and ``nox -s epub``, which build the book
in that format first and set ``NNBOOK_PRINTED=1``; a plain ``pytest``
(``nox -s tests``) skips this folder. The tools are the system's: poppler's
``pdffonts``, ``pdftotext`` and ``pdfinfo``, and ``epubcheck``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

if not os.environ.get("NNBOOK_PRINTED"):
    collect_ignore_glob = ["*.py"]
else:
    from printed.book_files import CHAPTERS

    @pytest.fixture(params=CHAPTERS, ids=[c.stem for c in CHAPTERS])
    def chapter(request: pytest.FixtureRequest) -> Path:
        """Each chapter's source, ``docs/chapters/<name>.md``."""
        return request.param
