"""Math and code as a reader sees them, at a phone's, a tablet's and a desktop's width.

Every display formula is fully visible or scrolls from its left edge with a
scroll cue; no code block or output is cut; the math is set in KaTeX's
fonts, served by the site itself and loaded only by pages with math.
"""

from __future__ import annotations

import sphinx_nnbook.browser as sc
import sphinx_nnbook.browser_typeset as typeset

WIDTHS = (390, 768, 1280)


def _at_every_width(page, check) -> list[str]:
    problems = []
    for width in WIDTHS:
        sc.resize(page, width)  # and wait for the sidebar's slide to end
        problems += [f"at {width}px: {problem}" for problem in check(page)]
    return problems


def test_display_math_is_never_clipped(page, recorder, base_url, page_path):
    sc.open_page(page, recorder, base_url + page_path)
    problems = _at_every_width(page, typeset.check_display_math_visible)
    assert not problems, "\n".join(problems)


def test_code_and_outputs_are_never_cut(page, recorder, base_url, page_path):
    sc.open_page(page, recorder, base_url + page_path)
    problems = _at_every_width(page, typeset.check_code_not_cut)
    assert not problems, "\n".join(problems)


def test_math_fonts_come_from_the_site_only_where_needed(
    page, recorder, base_url, page_path
):
    sc.open_page(page, recorder, base_url + page_path)
    has_math = page.locator(".katex, math").count() > 0
    problems = typeset.check_math_fonts(page, recorder, expect_math=has_math)
    assert not problems, "\n".join(problems)


def test_chapters_have_math_and_a_page_has_none(page, recorder, base_url):
    """The font check above sees both cases: pages with math and without."""
    counts = {}
    for path in ("chapters/neural-network-basics.html", "citing.html"):
        sc.open_page(page, recorder, base_url + path)
        counts[path] = page.locator(".katex").count()
    assert counts["chapters/neural-network-basics.html"] > 0
    assert counts["citing.html"] == 0
