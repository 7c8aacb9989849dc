"""Markup fixes for assistive technology, and scripts a page does not need.

Fixes for axe-core: citations get ``role="listitem"`` (docutils'
``doc-biblioentry`` is deprecated and not a list item for assistive
technology); display formulas (KaTeX's ``katex-display`` box), which scroll
when wider than the screen, take keyboard focus; sphinx-exercise's exercise
and solution bodies, which all share one ``id``, get a class instead; a
list nested between the items of another (as viewcode's module index does)
moves into the item before it.
The theme's search button's accessible name includes its visible text
(``conf/_templates/search-button-field.html``); colour and phone-layout
fixes are in ``conf/_static/nnbook.css``.

Template filters (used by ``conf/_templates/layout.html``) remove
pydata-sphinx-theme's Font Awesome script (1.5 MB, loaded only to support
custom icons, which the book has none of) and the search scripts and index
that the theme loads on every page for a search-as-you-type the book does
not enable: only the search page loads them.
"""

from __future__ import annotations

import re
from typing import Any

_FONTAWESOME_SCRIPT = re.compile(
    r"\s*<script\b[^>]*\bsrc=\"[^\"]*_static/scripts/fontawesome\.js[^\"]*\"[^>]*>"
    r"\s*</script>"
)
_SEARCH_SCRIPTS = re.compile(
    r"\s*<script\b[^>]*\bsrc=\"[^\"]*(?:_static/searchtools\.js|"
    r"_static/language_data\.js|searchindex\.js)\"[^>]*>\s*</script>"
)
_LIST_TOKEN = re.compile(r"</li>\s*<ul\b[^>]*>|</li>|<ul\b[^>]*>|</ul>")
_EXERCISE_SECTION = re.compile(r'<section id="(exercise|solution)-content">')
_DISPLAY_MATH = re.compile(r'<span class="katex-display"(?![^>]*tabindex)')


def drop_fontawesome_script(html: str) -> str:
    """Remove pydata-sphinx-theme's Font Awesome ``<script>`` tag."""
    return _FONTAWESOME_SCRIPT.sub("", html)


def drop_search_scripts(html: str) -> str:
    """Remove the search scripts and index from a page's ``<head>``."""
    return _SEARCH_SCRIPTS.sub("", html)


def _unchanged(html: str) -> str:
    return html


def install_filters(app: Any) -> None:
    """Give the HTML templates the filters that drop unneeded scripts."""
    templates = getattr(app.builder, "templates", None)
    if templates is None or not hasattr(templates, "environment"):
        return
    from markupsafe import Markup

    from .firstpaint import resolve_theme_early

    filters = {
        "drop_fontawesome_script": drop_fontawesome_script,
        "drop_search_scripts": drop_search_scripts,
        "resolve_theme_early": resolve_theme_early,
    }
    # The EPUB's theme shares the book's layout.html but has no colour theme
    # to resolve: there the filter passes the <head> through unchanged.
    theme = getattr(getattr(app.builder, "theme", None), "name", "")
    if theme not in {"sphinx_book_theme", "pydata_sphinx_theme"}:
        filters["resolve_theme_early"] = _unchanged
    for name, function in filters.items():
        templates.environment.filters[name] = lambda value, f=function: Markup(
            f(str(value))
        )


def nest_lists(body: str) -> str:
    """Move each ``<ul>`` that follows a ``</li>`` into that list item.

    Sphinx's viewcode writes the module index of a package with subpackages
    as ``<li>a</li><ul>...</ul>``: a list directly inside a list, which
    assistive technology cannot announce (axe-core: "list"). Here it becomes
    ``<li>a<ul>...</ul></li>``.
    """
    out: list[str] = []
    moved: list[bool] = []  # per open <ul>: was it moved into an <li>?
    position = 0
    for match in _LIST_TOKEN.finditer(body):
        out.append(body[position : match.start()])
        token = match.group(0)
        if token.startswith("</li>"):  # "</li>" then, maybe, "<ul ...>"
            nested = token != "</li>"
            out.append(token.removeprefix("</li>") if nested else token)
            if nested:
                moved.append(True)
        elif token.startswith("<ul"):
            out.append(token)
            moved.append(False)
        else:  # </ul>
            out.append(token)
            if moved and moved.pop():
                out.append("</li>")
        position = match.end()
    out.append(body[position:])
    return "".join(out)


def fix_markup(body: str) -> str:
    """A page body with the accessibility fixes of the module docstring."""
    # A display formula wider than the screen scrolls in its KaTeX box
    # (nnbook-math.css): keyboard users must be able to scroll it too, so
    # the box takes focus.
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    # sphinx-exercise gives every exercise and solution body the same id:
    # a class says the same thing without duplicate ids.
    body = _EXERCISE_SECTION.sub(r'<section class="\1-content">', body)
    body = nest_lists(body)
    return _DISPLAY_MATH.sub(r'\g<0> tabindex="0"', body)


def _page_context(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if app.builder.format == "html" and "body" in context:
        context["body"] = fix_markup(context["body"])


def setup_a11y(app: Any) -> None:
    """Register the template filters and the markup fixes."""
    app.connect("builder-inited", install_filters)
    app.connect("html-page-context", _page_context, priority=400)
