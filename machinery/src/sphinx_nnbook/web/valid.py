"""Markup the Nu HTML Checker accepts, and lighter code listings.

Two third-party outputs are invalid HTML, and each is rewritten here:

- Sphinx's viewcode wraps each function of a module's highlighted source in
  ``<div class="viewcode-block">`` *inside* its ``<pre>``, where only
  phrasing content is allowed ("Element div not allowed as child of element
  pre"). Inside a ``<pre>`` the blocks become ``<span>``; ``nnbook.css``
  gives them ``display: block``, so they look the same.
- sphinx-design (0.7, executablebooks/sphinx-design#283) puts
  ``aria-controls`` on each tab's ``<label>``, which the checker rejects on a
  label associated with a form control ("The aria-controls attribute must
  not be used on any label element that is associated with a labelable
  element"). The attribute moves to the radio ``<input>`` the label is for:
  the control that shows the panel is the one that says it controls it.

And Pygments wraps every token of highlighted code in a ``<span>``, even
names and punctuation that its style draws in the code block's own colour:
half of a chapter's 10,000 elements. :func:`unwrap_plain_tokens` keeps the
text of those spans and drops the elements, which the browser then neither
styles nor lays out (Lighthouse: "avoid an excessive DOM size"). Which
token classes are plain is read from the built ``pygments.css``, for every
colour theme in it, so a style change can only make fewer spans plain.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .sitecheck import pages

_PRE = re.compile(r"<pre\b[^>]*>.*?</pre>", re.DOTALL)
_TAB_LABEL = re.compile(
    r'<label aria-controls="(?P<panel>[^"]+)" (?P<rest>[^>]*\bfor="(?P<for>[^"]+)")'
)
# A Pygments style rule: an optional theme prefix, ".highlight", a token class.
_STYLE_RULE = re.compile(
    r"^(?P<prefix>[^{}\n]*?)\.highlight(?: \.(?P<token>[\w-]+))? \{(?P<body>[^}]*)\}",
    re.MULTILINE,
)


def viewcode_blocks_as_spans(body: str) -> str:
    """Inside each ``<pre>`` of ``body``, turn every ``div`` into a ``span``."""

    def fix(match: re.Match[str]) -> str:
        return (
            match.group(0)
            .replace('<div class="viewcode-block"', '<span class="viewcode-block"')
            .replace("</div>", "</span>")
        )

    return _PRE.sub(fix, body)


def tab_controls_on_inputs(body: str) -> str:
    """Move sphinx-design's ``aria-controls`` from each label to its input."""
    panels = {m.group("for"): m.group("panel") for m in _TAB_LABEL.finditer(body)}
    body = _TAB_LABEL.sub(r"<label \g<rest>", body)
    for input_id, panel in panels.items():
        body = body.replace(
            f'id="{input_id}" ', f'aria-controls="{panel}" id="{input_id}" ', 1
        )
    return body


def _declarations(body: str) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in body.split(";") if ":" in part)
    return {key.strip().lower(): value.strip().lower() for key, value in pairs}


def plain_token_classes(css: str) -> frozenset[str]:
    """The Pygments token classes that ``css`` draws as the code block's text.

    A class is plain when, in every theme (rule prefix) of the style sheet,
    its only declaration is the ``color`` of the ``.highlight`` rule itself.

    Examples
    --------
    >>> css = '''.highlight { background: #fff; color: #111 }
    ... .highlight .n { color: #111 } /* Name */
    ... .highlight .k { color: #00f; font-weight: bold } /* Keyword */'''
    >>> sorted(plain_token_classes(css))
    ['n']
    """
    base: dict[str, dict[str, str]] = {}
    tokens: dict[str, dict[str, dict[str, str]]] = {}
    for rule in _STYLE_RULE.finditer(css):
        prefix, token = rule.group("prefix").strip(), rule.group("token")
        declarations = _declarations(rule.group("body"))
        if token is None:
            base[prefix] = declarations
        else:
            tokens.setdefault(token, {})[prefix] = declarations
    plain = set()
    for token, themes in tokens.items():
        if base and all(
            themes.get(prefix) == {"color": rules.get("color")}
            for prefix, rules in base.items()
        ):
            plain.add(token)
    return frozenset(plain)


def unwrap_plain_tokens(html: str, plain: frozenset[str]) -> str:
    """Inside each ``<pre>`` of ``html``, replace plain token spans by their text.

    Examples
    --------
    >>> unwrap_plain_tokens(
    ...     '<pre><span class="n">x</span><span class="o">=</span></pre>', {"n"}
    ... )
    '<pre>x<span class="o">=</span></pre>'
    """
    if not plain:
        return html
    names = "|".join(sorted(re.escape(name) for name in plain))
    span = re.compile(rf'<span class="(?:{names})">([^<]*)</span>')
    return _PRE.sub(lambda match: span.sub(r"\1", match.group(0)), html)


def fix_markup(html: str) -> str:
    """A page with the two validity fixes of the module docstring."""
    return tab_controls_on_inputs(viewcode_blocks_as_spans(html))


def fix_site(outdir: Path) -> None:
    """Apply the fixes and unwrap the plain code tokens in every page.

    After the build, on every page, not only those this build wrote: viewcode
    writes a module's page only when the module changed, so a fix made while
    pages are written would miss the pages of earlier builds. A page that is
    already fixed is not written again.
    """
    stylesheet = outdir / "_static" / "pygments.css"
    plain: frozenset[str] = frozenset()
    if stylesheet.is_file():
        plain = plain_token_classes(stylesheet.read_text(encoding="utf-8"))
    for page in pages(outdir):
        text = page.read_text(encoding="utf-8")
        fixed = unwrap_plain_tokens(fix_markup(text), plain)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def _build_finished(app: Any, exception: Exception | None) -> None:
    # After the theme has written pygments.css (at build-finished, too).
    if exception is None and app.builder.format == "html":
        fix_site(Path(app.outdir))


def setup_valid(app: Any) -> None:
    """Fix the pages and unwrap their plain code tokens after the build."""
    app.connect("build-finished", _build_finished, priority=850)
