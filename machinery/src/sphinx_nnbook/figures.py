"""How the book's kernels show a Matplotlib figure: SVG or a 2x PNG, the lighter.

An IPython extension, loaded by ``conf/ipython_kernel_config.py`` in the
kernels that execute the chapters (``c.InteractiveShellApp.extensions``).
Matplotlib's inline backend would output one fixed format; the book wants
every figure sharp on a high-density screen, at the smallest weight:

* **SVG** where it is no heavier than the PNG: lines, text and a few
  markers are a few kilobytes of paths, sharp at any zoom;
* else a **PNG at twice the resolution** it is shown at (192 dpi, shown
  at 96 CSS px to the inch through the output's ``width``/``height``
  metadata): a decision region's thousands of contour vertices weigh more
  as paths than as pixels.

Both are drawn at the figure's own size (no ``bbox_inches="tight"``): the
book's figures are designed for that width (:mod:`nnbook.plotting.style`).
Both are deterministic, so that the outputs check (:mod:`.outputs`) and
the page's hashed image names stay the same from build to build: SVG ids
come from a fixed ``svg.hashsalt`` and neither format carries a date.
Each image's description says its smallest text, in points, which the
browser tests read to check that it stays readable on a phone.
"""

from __future__ import annotations

import base64
import io
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.text import Text

#: CSS pixels per inch (fixed by CSS): the size a figure is shown at.
CSS_PX_PER_INCH = 96
#: The PNG's pixels per CSS pixel: sharp on a 2x (high-density) screen.
PNG_SCALE = 2
SVG_SALT = "nnbook"


def smallest_text_pt(figure: Figure) -> float | None:
    """The size of the smallest visible text of ``figure``, in points."""
    sizes = [
        float(text.get_fontsize())
        for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip()
    ]
    return min(sizes, default=None)


def description(figure: Figure) -> str:
    """The image's description: its design width and its smallest text."""
    width = figure.get_figwidth() * CSS_PX_PER_INCH
    smallest = smallest_text_pt(figure)
    text = "none" if smallest is None else f"{smallest:g} pt"
    return f"Matplotlib figure; design width {width:g} px; smallest text {text}"


def render(figure: Figure, fmt: str) -> bytes:
    """``figure`` as deterministic SVG or 2x PNG bytes, at its own size."""
    buffer = io.BytesIO()
    figure.draw_without_rendering()  # tick labels exist only once drawn
    about = description(figure)
    if fmt == "svg":
        metadata: dict[str, Any] = {"Date": None, "Description": about}
        dpi = 72  # SVG's unit is the point; the size is in inches anyway
    else:
        metadata = {"Description": about}
        dpi = CSS_PX_PER_INCH * PNG_SCALE
    with mpl.rc_context({"svg.hashsalt": SVG_SALT}):
        figure.savefig(
            buffer,
            format=fmt,
            dpi=dpi,
            metadata=metadata,
            facecolor=figure.get_facecolor(),
            bbox_inches=None,
        )
    return buffer.getvalue()


def figure_output(figure: Figure) -> tuple[dict[str, Any], dict[str, Any]]:
    """The lighter of SVG and 2x PNG, as IPython display data and metadata."""
    svg, png = render(figure, "svg"), render(figure, "png")
    if len(svg) <= len(png):
        return {"image/svg+xml": svg.decode("utf-8")}, {}
    width, height = (round(x * CSS_PX_PER_INCH) for x in figure.get_size_inches())
    data = {"image/png": base64.b64encode(png).decode("ascii")}
    return data, {"image/png": {"width": width, "height": height}}


def _display(figure: Figure) -> None:
    from IPython.display import publish_display_data

    data, metadata = figure_output(figure)
    publish_display_data(data, metadata)


def load_ipython_extension(ipython: Any) -> None:
    """Show every Matplotlib Figure as :func:`figure_output` makes it.

    IPython's ``ipython_display_formatter`` runs before the per-format
    formatters (the inline backend's PNG among them), for a figure that is
    a cell's value and for one that pyplot shows at the end of a cell.
    """
    formatter = ipython.display_formatter.ipython_display_formatter
    formatter.for_type(Figure, _display)
