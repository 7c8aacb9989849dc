"""Less work for the browser around a page's first paint.

A chapter has some 13,000 elements, two thirds of them KaTeX's boxes, and
the browser's main thread spends most of a page load styling and laying
them out (Lighthouse, mobile: "total blocking time", and first paint late
behind it). Two changes make that work smaller:

- :func:`resolve_theme_early` has pydata-sphinx-theme's inline ``<head>``
  script set ``<html data-theme>`` to ``light`` or ``dark`` at once, as the
  theme's own script later does. The template writes ``auto`` there, which
  no style sheet rule matches, and the theme's script then changes it once
  the page has been laid out: every element of the page is styled again,
  and laid out again where that changes anything.
- ``conf/_static/nnbook.css`` gives the sections of a chapter
  ``content-visibility: auto``, so that the browser lays out only those on
  or near the screen; ``conf/_static/nnbook-anchors.js`` jumps to a link's
  target again once the page has settled, since the first jump measured
  the sections on the way by their estimated heights.

Why hand-written: the theme has no option for either.
"""

from __future__ import annotations

import re

# The theme's line (layout.html): the stored theme, or the default mode.
_THEME_LINE = re.compile(
    r'document\.documentElement\.dataset\.theme = localStorage\.getItem\("theme"\)'
    r' \|\| "[a-z]*";'
)
# What the theme's script computes from the mode (its function that sets
# the mode): "auto" follows the reader's system, otherwise the mode itself.
_RESOLVED = (
    "document.documentElement.dataset.theme ="
    ' document.documentElement.dataset.mode === "auto"'
    ' ? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light")'
    " : document.documentElement.dataset.mode;"
)


def resolve_theme_early(head: str) -> str:
    """Set ``data-theme`` from the mode in the theme's inline script.

    Raises
    ------
    ValueError
        If ``head`` has none of the theme's inline script: a new theme
        version wrote it differently, and this needs updating.

    Examples
    --------
    >>> line = (
    ...     "document.documentElement.dataset.theme ="
    ...     ' localStorage.getItem("theme") || "auto";'
    ... )
    >>> resolved = resolve_theme_early(line)
    >>> "prefers-color-scheme: dark" in resolved, "getItem" in resolved
    (True, False)
    """
    resolved, count = _THEME_LINE.subn(_RESOLVED, head, count=1)
    if count == 0:
        msg = (
            "resolve_theme_early: expected pydata-sphinx-theme's inline script "
            'that sets data-theme (localStorage.getItem("theme")) in the '
            "<head>, found none; update sphinx_nnbook.web.firstpaint for the "
            "theme's new layout.html"
        )
        raise ValueError(msg)
    return resolved
