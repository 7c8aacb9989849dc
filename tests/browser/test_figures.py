"""The book's figures in Chromium: sharp on a 2x screen, readable on a phone.

Every figure of every chapter, folded solutions included: a raster figure
has at least twice as many pixels as the CSS pixels it is shown with on a
2x screen (SVG is sharp anyway), no figure is squeezed out of its
proportions, and its smallest text is at least 9 CSS px
on a 390 px phone, in light and in dark mode (the dark theme frames
images). See :mod:`sphinx_nnbook.figure_checks`.
"""

from __future__ import annotations

import pytest

import sphinx_nnbook.browser as sc
import sphinx_nnbook.figure_checks as fc

PHONE = {"width": 390, "height": 844}


def _open_on(page, recorder, url: str, viewport: dict, mode: str) -> None:
    page.set_viewport_size(viewport)
    sc.open_page(page, recorder, url)
    if mode != "light":  # a fresh profile is light
        assert not sc.set_theme(page, mode)
    fc.open_every_figure(page)


@pytest.fixture
def hidpi(chromium, base_url):
    """A page on a 2x screen (device scale factor 2), as most phones have."""
    context = sc.new_context(chromium, device_scale_factor=2)
    recorder = sc.Recorder(base_url)
    recorder.attach(context)
    try:
        yield context.new_page(), recorder
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, sc.DESKTOP], ids=["390px", "1280px"])
def test_figures_sharp_on_a_2x_screen(hidpi, base_url, chapter_path, viewport):
    page, recorder = hidpi
    _open_on(page, recorder, base_url + chapter_path, viewport, "light")
    assert page.evaluate("window.devicePixelRatio") == 2
    assert fc.measure_figures(page), "the chapter shows no figure"
    problems = fc.check_figure_resolution(page) + fc.check_figure_proportions(page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_figure_text_readable_on_a_phone(page, recorder, base_url, chapter_path, mode):
    _open_on(page, recorder, base_url + chapter_path, PHONE, mode)
    assert fc.measure_figures(page), "the chapter shows no figure"
    problems = fc.check_figure_text(page)
    assert not problems, "\n".join(problems)
