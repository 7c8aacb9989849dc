"""Links to a section of a chapter land on it, however the page is laid out.

The sections of a chapter are laid out only near the screen (see
:mod:`sphinx_nnbook.web.firstpaint`): a jump to ``#section`` from another
page, and a click in the page's table of contents, must still leave the
section's heading at the top of the window once the page has settled.
"""

from __future__ import annotations

import sphinx_nnbook.browser as sc

# The sections a chapter is made of, in the order of the page.
SECTIONS = """() => Array.from(
    document.querySelectorAll(".bd-article > section > section[id]"),
    (section) => section.id)"""


def _settle(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_function("document.fonts.status === 'loaded'")
    page.wait_for_timeout(300)  # the page's own second jump, two frames on


def _far_sections(page) -> list[str]:
    sections = page.evaluate(SECTIONS)
    assert len(sections) >= 3, f"expected a chapter of sections: {sections}"
    return [sections[len(sections) // 2], sections[-2]]


def test_jump_from_another_page_lands_on_the_section(
    page, recorder, base_url, chapter_path
):
    page.goto(base_url + chapter_path)
    problems = []
    for target in _far_sections(page):
        page.goto("about:blank")
        page.goto(f"{base_url}{chapter_path}#{target}")
        _settle(page)
        problems += sc.check_anchor_target(page, target)
    assert not problems, "\n".join(problems)


def test_table_of_contents_lands_on_the_section(page, recorder, base_url, chapter_path):
    page.goto(base_url + chapter_path)
    _settle(page)
    problems = []
    for target in _far_sections(page):
        page.locator(f".bd-toc a[href='#{target}']").first.click()
        _settle(page)
        problems += sc.check_anchor_target(page, target)
    assert not problems, "\n".join(problems)


def test_colour_theme_is_resolved_in_the_head(site, chapter_path):
    """The head's inline script sets data-theme to light or dark at once
    (sphinx_nnbook.web.firstpaint), not the theme's "auto" that its script
    replaces after the first layout."""
    head = (site / chapter_path).read_text(encoding="utf-8").split("</head>")[0]
    assert 'matchMedia("(prefers-color-scheme: dark)")' in head
    assert 'localStorage.getItem("theme")' not in head
