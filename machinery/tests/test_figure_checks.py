"""The figure checks fail on a page whose figures are blurry or unreadable.

A tiny site whose good page shows a line plot as the book's kernels make it
(SVG, 480 px design width) and a dense plot as their 2x PNG, and whose bad
page shows a seed-style figure: a 12 x 4 inch PNG at 100 dpi, drawn with
10 pt text and its description, scaled down to the column.
"""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

import sphinx_nnbook.browser as sc
import sphinx_nnbook.figure_checks as fc
from sphinx_nnbook import figures

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Figures</title></head>
<body style="margin: 0 24px"><main><figure style="margin: 0">{images}</figure>
</main></body></html>
"""


def _figure(size: tuple[float, float], text_pt: float, points: int = 0) -> Figure:
    figure = Figure(figsize=size)
    ax = figure.add_subplot()
    ax.plot([0, 1, 2], [0, 1, 0])
    ax.tick_params(labelsize=text_pt)
    ax.set_title("Loss", fontsize=text_pt)
    if points:
        ax.scatter(*np.random.default_rng(0).random((2, points)), s=2)
    return figure


def _png_at(figure: Figure, dpi: int) -> bytes:
    import io

    figure.draw_without_rendering()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi,
                   metadata={"Description": figures.description(figure)})  # fmt: skip
    return buffer.getvalue()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("figures")
    line = figures.figure_output(_figure((5.0, 3.2), 10.5))[0]["image/svg+xml"]
    (site / "line.svg").write_text(line, encoding="utf-8")
    dense, meta = figures.figure_output(_figure((5.0, 5.0), 10.5, points=20_000))
    (site / "dense.png").write_bytes(base64.b64decode(dense["image/png"]))
    size = meta["image/png"]
    (site / "good.html").write_text(PAGE.format(images=(
        '<img src="line.svg" alt="A line." style="max-width: 100%">'
        f'<img src="dense.png" alt="Dots." width="{size["width"]}" '
        f'height="{size["height"]}" style="max-width: 100%; height: auto">'
    )))  # fmt: skip
    (site / "squeezed.html").write_text(PAGE.format(images=(
        f'<img src="dense.png" alt="Dots." width="{size["width"]}" '
        f'height="{size["height"]}" style="max-width: 100%">'
    )))  # fmt: skip
    (site / "seed.png").write_bytes(_png_at(_figure((12.0, 4.0), 10.0), dpi=100))
    (site / "bad.html").write_text(PAGE.format(images=(
        '<img src="seed.png" alt="A seed figure." '
        'style="max-width: 100%; height: auto">'
    )))  # fmt: skip
    return site


@pytest.fixture
def open_at(playwright, site: Path, tmp_path: Path):
    """Open a page of the site at a width, on a 2x screen."""
    with sc.serve(site) as base:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(sc.CHROMIUM),
            args=sc.CHROMIUM_ARGS,
            headless=True,
            viewport=sc.DESKTOP,
            device_scale_factor=2,
        )
        recorder = sc.Recorder(base)
        recorder.attach(context)

        def open_page(name: str, width: int):
            page = context.pages[0]
            page.set_viewport_size({"width": width, "height": 800})
            sc.open_page(page, recorder, base + name)
            return page

        try:
            yield open_page
        finally:
            context.close()


def test_a_figure_with_too_few_pixels_for_a_2x_screen_fails(open_at):
    problems = fc.check_figure_resolution(open_at("bad.html", 1280))
    assert len(problems) == 1
    assert (
        "blurry figure /seed.png: 1200x400 px shown at 1200x400 CSS px" in (problems[0])
    )
    assert fc.check_figure_resolution(open_at("good.html", 1280)) == []
    assert fc.check_figure_resolution(open_at("good.html", 390)) == []


def test_a_figure_squeezed_by_a_narrow_column_fails(open_at):
    problems = fc.check_figure_proportions(open_at("squeezed.html", 390))
    assert problems == [
        "distorted figure /dense.png: shown 342x480 CSS px, its proportions "
        "are 960x960; give it `height: auto`"
    ]
    assert fc.check_figure_proportions(open_at("good.html", 390)) == []


def test_text_too_small_on_a_phone_fails(open_at):
    problems = fc.check_figure_text(open_at("bad.html", 390))
    assert len(problems) == 1
    # 10 pt at 100 dpi is 13.9 of its 1200 px, shown 342 px wide: 4.0 px.
    assert (
        "unreadable figure /seed.png: its smallest text is 4.0 CSS px" in (problems[0])
    )
    assert fc.check_figure_text(open_at("good.html", 390)) == []
    assert fc.check_figure_text(open_at("good.html", 1280)) == []


def test_a_figure_that_hides_its_text_size_is_reported(open_at, site):
    (site / "plain.html").write_text(
        PAGE.format(images='<img src="plain.png" alt="A white square.">')
    )
    figure = Figure(figsize=(1, 1))
    import io

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    (site / "plain.png").write_bytes(buffer.getvalue())
    problems = fc.check_figure_text(open_at("plain.html", 390))
    assert problems == [
        "figure /plain.png: cannot tell its smallest text; draw it with the "
        "book's kernels (sphinx_nnbook.figures) or as SVG text"
    ]


SVG_TEXT = (
    b'<?xml?><svg viewBox="0 0 100 50"><text font-size="12.00">a</text>'
    b'<text font-size="9">b</text></svg>'
)


@pytest.mark.parametrize(
    ("body", "natural", "expected"),
    [
        (SVG_TEXT, 200, 18.0),  # 9 user units, the viewBox doubled
        (b"<svg><text>a</text></svg>", 100, None),
        (b"\x89PNG...", 100, None),
    ],
)
def test_smallest_text_of_svg_without_description(body, natural, expected):
    assert fc.smallest_text_at_natural_size(body, natural) == expected
