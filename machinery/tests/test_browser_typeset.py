"""The math and code checks fail on pages that break their property.

A tiny site: a good page whose wide formula and long code line scroll with
a scroll shadow, in KaTeX's fonts served by the site; bad pages with a
formula centred in a box that clips its left end (as the theme's flex row
did), a formula and a code line cut on the right, a code line that scrolls
with no cue, math without KaTeX's style sheet, and KaTeX's style sheet on a
page without math.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sphinx_nnbook.browser as sc
import sphinx_nnbook.browser_typeset as typeset
from sphinx_nnbook.web import math

REPO = Path(__file__).resolve().parents[2]
KATEX_DIST = REPO / "node_modules" / "katex" / "dist"

SHADOW = """
.cue {
  overflow-x: auto;
  background:
    linear-gradient(to right, white 40%, transparent) left / 2em 100% no-repeat local,
    linear-gradient(to left, white 40%, transparent) right / 2em 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, #0004, transparent) left / 1em 100%
      no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, #0004, transparent) right / 1em 100%
      no-repeat scroll;
}
"""
WIDE = "x + " * 120 + "y"  # far wider than 400 px
LONG_LINE = "print(" + "'a long line of code', " * 12 + ")"


def html(body: str, *, katex: bool = False, title: str = "Page") -> str:
    link = '<link rel="stylesheet" href="katex/katex.min.css">' if katex else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
{link}<style>{SHADOW} body {{ width: 400px; }}</style></head>
<body><article>{body}</article></body></html>"""


def formula(box_style: str, box_class: str = "") -> str:
    return (
        f'<div class="math" style="{box_style}"><span class="katex-display {box_class}"'
        f' style="display: block"><span class="katex"><span class="katex-html">'
        f'<span class="base" style="white-space: nowrap">{WIDE}</span>'
        "</span></span></span></div>"
    )


GOOD = html(
    formula("", "cue")
    + f'<pre class="cue">{LONG_LINE}</pre>'
    + '<pre style="white-space: pre-wrap">'
    + LONG_LINE
    + "</pre>",
    katex=True,
)
# The theme's old layout: a centring flex row that hides what overflows.
CLIPPED_LEFT = html(formula("display: flex; justify-content: center; overflow: hidden"))
CUT = html(
    formula("overflow: hidden")
    + f'<pre style="overflow: hidden">{LONG_LINE}</pre>'
    + f'<pre style="overflow: auto">{LONG_LINE}</pre>'
)
NO_MATH_WITH_KATEX = html("<p>No formula here.</p>", katex=True)


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    if not (KATEX_DIST / "katex.min.css").is_file():
        pytest.fail(f"no KaTeX in {KATEX_DIST}: run `npm ci`")
    site = tmp_path_factory.mktemp("typeset")
    math.copy_katex_assets(KATEX_DIST, site)
    pages = {
        "good.html": GOOD,
        "clipped.html": CLIPPED_LEFT,
        "cut.html": CUT,
        "plain.html": html("<p>No formula here.</p>"),
        "stray.html": NO_MATH_WITH_KATEX,
    }
    for name, text in pages.items():
        (site / name).write_text(text, encoding="utf-8")
    return site


@pytest.fixture
def tiny(playwright, tiny_site: Path, tmp_path: Path):
    """Open a page of the tiny site: returns (page, recorder)."""
    with sc.serve(tiny_site) as base:
        context = sc.launch(playwright, tmp_path / "profile")
        recorder = sc.Recorder(base)
        recorder.attach(context)

        def open_page(name: str):
            sc.open_page(context.pages[0], recorder, base + name)
            return context.pages[0], recorder

        try:
            yield open_page
        finally:
            context.close()


def test_formula_clipped_on_the_left_is_reported(tiny):
    page, _ = tiny("clipped.html")
    problems = typeset.check_display_math_visible(page)
    assert len(problems) == 1, problems
    assert "is cut off on the left by div.math" in problems[0]
    assert "px out of reach" in problems[0]


def test_formula_and_code_cut_on_the_right_or_without_cue_are_reported(tiny):
    page, _ = tiny("cut.html")
    problems = typeset.check_display_math_visible(page)
    assert len(problems) == 1, problems
    assert "cut off on the right by div.math (overflow-x: hidden)" in problems[0]
    problems = typeset.check_code_not_cut(page)
    assert len(problems) == 2, problems
    assert "is cut:" in problems[0]
    assert "scrolls with no cue (a scroll shadow)" in problems[1]


def test_scrolling_with_a_shadow_or_wrapping_passes(tiny):
    page, _ = tiny("good.html")
    assert typeset.check_display_math_visible(page) == []
    assert typeset.check_code_not_cut(page) == []


def test_math_fonts_from_the_site_pass(tiny):
    page, recorder = tiny("good.html")
    page.evaluate("document.fonts.ready")
    assert typeset.check_math_fonts(page, recorder, expect_math=True) == []
    page, recorder = tiny("plain.html")
    assert typeset.check_math_fonts(page, recorder, expect_math=False) == []


def test_math_without_its_fonts_is_reported(tiny):
    page, recorder = tiny("cut.html")  # math, but no KaTeX style sheet
    problems = typeset.check_math_fonts(page, recorder, expect_math=True)
    assert "no KaTeX style rules: the math's style sheet is missing" in problems
    assert "no KaTeX font (KaTeX_*.woff2) was loaded from the site" in problems


def test_math_style_sheet_on_a_page_without_math_is_reported(tiny):
    page, recorder = tiny("stray.html")
    problems = typeset.check_math_fonts(page, recorder, expect_math=False)
    assert len(problems) == 1, problems
    assert "KaTeX style rules on a page without math" in problems[0]
