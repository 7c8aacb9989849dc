"""The browser checks of the book's figures: sharp on a 2x screen, readable on a phone.

Like the checks of :mod:`sphinx_nnbook.browser`, each function looks at a
page open in Chromium and returns a list of problems, empty when the page
is fine. Run them with the device scale factor and the width they are
about: :func:`check_figure_resolution` on a 2x screen,
:func:`check_figure_text` on a 390 px phone.

A figure's smallest text is read from the image itself: the book's kernels
write it into each figure's description (:mod:`sphinx_nnbook.figures`); an
SVG without one (a diagram) is read from its ``font-size`` attributes.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: What every figure of a page is: an image in a cell's output or a figure.
FIGURES = ".cell_output img, figure img"
#: The smallest text a reader should have to read, in CSS px.
MIN_TEXT_PX = 9.0

_MEASURE = """(selector) => Array.from(document.querySelectorAll(selector), (img) => {
    const style = getComputedStyle(img);
    const box = img.getBoundingClientRect();
    const inset = (a, b) => parseFloat(style[a]) + parseFloat(style[b]);
    return {
        src: img.currentSrc || img.src,
        naturalWidth: img.naturalWidth,
        naturalHeight: img.naturalHeight,
        width: box.width - inset("paddingLeft", "paddingRight")
            - inset("borderLeftWidth", "borderRightWidth"),
        height: box.height - inset("paddingTop", "paddingBottom")
            - inset("borderTopWidth", "borderBottomWidth"),
        visible: img.checkVisibility(),
    };
})"""
DESCRIPTION = re.compile(
    rb"design width (?P<width>[\d.]+) px; smallest text (?P<pt>[\d.]+|none)( pt)?"
)
FONT_SIZE = re.compile(rb'font-size[=:]\s*"?(?P<size>[\d.]+)(?P<unit>px|pt)?')
VIEWBOX = re.compile(rb'viewBox="[\d.+-]+ [\d.+-]+ (?P<width>[\d.]+) [\d.]+"')


def open_every_figure(page) -> None:
    """Open every folded block (solutions, asides) so their figures show."""
    page.evaluate(
        """() => {
            document.querySelectorAll("details").forEach((d) => { d.open = true; });
            document.querySelectorAll(".toggle-hidden").forEach(
                (e) => e.classList.remove("toggle-hidden"));
        }"""
    )


def measure_figures(page) -> list[dict]:
    """Every visible figure of the page: its source, natural and shown size."""
    return [f for f in page.evaluate(_MEASURE, FIGURES) if f["visible"]]


def _is_svg(figure: dict) -> bool:
    return urlsplit(figure["src"]).path.lower().endswith(".svg")


def check_figure_resolution(page) -> list[str]:
    """No raster figure has fewer pixels than the screen shows it with.

    On a screen of device pixel ratio *r* (2 on most phones and laptops),
    a figure shown *w* CSS px wide needs *r* x *w* pixels to be sharp. SVG
    is sharp at any size.
    """
    ratio = page.evaluate("window.devicePixelRatio")
    problems = []
    for figure in measure_figures(page):
        if _is_svg(figure):
            continue
        need_w, need_h = ratio * figure["width"], ratio * figure["height"]
        if figure["naturalWidth"] + 0.5 < need_w or (
            figure["naturalHeight"] + 0.5 < need_h
        ):
            problems.append(
                f"blurry figure {urlsplit(figure['src']).path}: "
                f"{figure['naturalWidth']}x{figure['naturalHeight']} px shown at "
                f"{figure['width']:.0f}x{figure['height']:.0f} CSS px on a "
                f"{ratio:g}x screen needs {need_w:.0f}x{need_h:.0f}; serve it as "
                "SVG or at twice its size (sphinx_nnbook.figures)"
            )
    return problems


def check_figure_proportions(page, tolerance: float = 0.02) -> list[str]:
    """Every figure is shown with its own proportions, not squeezed.

    An image with ``width`` and ``height`` attributes that a column narrows
    (``max-width: 100%``) keeps its height unless the style says
    ``height: auto``.
    """
    problems = []
    for figure in measure_figures(page):
        if not (figure["naturalHeight"] and figure["height"]):
            continue
        natural = figure["naturalWidth"] / figure["naturalHeight"]
        shown = figure["width"] / figure["height"]
        if abs(shown / natural - 1) > tolerance:
            problems.append(
                f"distorted figure {urlsplit(figure['src']).path}: shown "
                f"{figure['width']:.0f}x{figure['height']:.0f} CSS px, its "
                f"proportions are {figure['naturalWidth']}x"
                f"{figure['naturalHeight']}; give it `height: auto`"
            )
    return problems


def smallest_text_at_natural_size(body: bytes, natural_width: float) -> float | None:
    """The smallest text of an image file, in CSS px at its natural width.

    None if the file does not say (a raster image not drawn by the book's
    kernels, an SVG without text).
    """
    if described := DESCRIPTION.search(body):
        if described["pt"] == b"none":
            return float("inf")
        design_width = float(described["width"])
        return float(described["pt"]) * 96 / 72 * natural_width / design_width
    sizes = []
    for match in FONT_SIZE.finditer(body):
        size = float(match["size"]) * (96 / 72 if match["unit"] == b"pt" else 1)
        sizes.append(size)
    if not sizes or not body.lstrip().startswith((b"<?xml", b"<svg", b"<!--")):
        return None
    viewbox = VIEWBOX.search(body)
    scale = natural_width / float(viewbox["width"]) if viewbox else 1.0
    return min(sizes) * scale


def check_figure_text(page, minimum_px: float = MIN_TEXT_PX) -> list[str]:
    """Every figure's smallest text is at least ``minimum_px`` CSS px as shown.

    A page scales a figure wider than its column down to it: on a phone,
    text drawn for a desktop shrinks below readability.
    """
    problems = []
    for figure in measure_figures(page):
        path = urlsplit(figure["src"]).path
        response = page.request.get(figure["src"])
        smallest = smallest_text_at_natural_size(
            response.body(), figure["naturalWidth"]
        )
        if smallest is None:
            problems.append(
                f"figure {path}: cannot tell its smallest text; draw it with "
                "the book's kernels (sphinx_nnbook.figures) or as SVG text"
            )
            continue
        shown = smallest * figure["width"] / figure["naturalWidth"]
        if shown < minimum_px:
            problems.append(
                f"unreadable figure {path}: its smallest text is {shown:.1f} CSS "
                f"px as shown {figure['width']:.0f} px wide (at least "
                f"{minimum_px:g} px needed); draw it narrower or its text larger "
                "(nnbook.plotting.style), or stack its panels"
            )
    return problems
