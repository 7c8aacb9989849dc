"""Folded asides (:mod:`sphinx_nnbook.deeper`) on ``roots/test-deeper``.

``index.md`` is a notebook whose aside holds prose and a code cell;
``unended.md`` opens an aside it never closes and ``stray.md`` closes one it
never opened: each is a warning (an error under ``-W``) at its line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest


@pytest.mark.sphinx("html", testroot="deeper", freshenv=True)
def test_an_aside_folds_the_cells_and_prose_between_its_markers(app):
    app.build()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    details = re.search(r'<details class="[^"]*nnbook-deeper.*?</details>', html, re.S)
    assert details, "the aside is not a <details> element"
    aside = details.group(0)
    assert "Going deeper: Why" in aside
    assert "Inside the aside." in aside
    assert "a cell inside the aside" in aside  # the code cell moved in too
    assert " open" not in aside.split(">", 1)[0]  # folded by default
    outside = html.replace(aside, "")
    assert "Before the aside." in outside
    assert "After the aside" in outside
    # The {ref} to the aside's name links to it, with its title as the text.
    assert re.search(r'href="#deeper-overflow".*?Going deeper: Why', outside, re.S)

    warnings = app.warning.getvalue()
    assert re.search(
        r"unended\.md:\d+: WARNING: \{going-deeper\} without its", warnings
    )
    assert re.search(
        r"stray\.md:\d+: WARNING: \{going-deeper-end\} without a", warnings
    )
    assert warnings.count("WARNING") == 2, warnings
    unended = (Path(app.outdir) / "unended.html").read_text(encoding="utf-8")
    assert "Text that stays outside." in unended
