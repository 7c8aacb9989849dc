r"""The book's figure style: sizes, fonts, colours, and axes every figure shares.

Every figure of the book is drawn for a page, not a screen of its own:

* **Sizes.** A figure is :data:`WIDTH` inches wide, which a web page shows
  at ``WIDTH * 96`` CSS px (CSS fixes 96 px to the inch): 480 px, about
  two thirds of the ~700 px text column on a desktop, and scaled down to
  the column, about 340 px, on a 390 px phone. :data:`FIGSIZES` gives the
  heights of the book's layouts; panels that would be too narrow side by
  side are stacked.
* **Text.** No text is smaller than :data:`MIN_TEXT_PT` (11.5 pt, 15.3 CSS
  px at the design width, about the page's own 16 px), so that on a phone,
  scaled to the column, it is still at least :data:`MIN_TEXT_PX` (9 CSS
  px): ``15.3 * 340 / 480 = 10.9``, and 9.2 in a folded solution's
  narrower column (288 px). :func:`smallest_text_px` measures it.
* **Colours.** The Okabe-Ito palette, which stays distinguishable under the
  common colour-vision deficiencies; only its entries with at least 3:1
  contrast against white are used, and lines also differ in dash style so
  that no figure relies on colour alone.
* **Light and dark pages.** Figures have an opaque white background and
  black text. A transparent one would leave black text on the dark page;
  instead the dark theme shows the figure as a light card (the book's
  theme dims images in dark mode, which keeps the text's contrast above
  10:1 and the colours apart).

:data:`BOOK_STYLE` holds it all as Matplotlib rcParams: the functions of
:mod:`nnbook.plotting` draw with it, and a chapter that draws its own figure
starts with ``plt.style.use(BOOK_STYLE)`` and takes its size from
:data:`FIGSIZES`.
"""

import functools
from collections.abc import Callable
from typing import Any, ParamSpec

from cycler import cycler
from matplotlib import style
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

__all__ = [
    "BOOK_STYLE",
    "FIGSIZES",
    "MIN_TEXT_PT",
    "MIN_TEXT_PX",
    "PALETTE",
    "PHONE_COLUMN_PX",
    "WIDTH",
    "book_figure",
    "smallest_text_px",
]

#: Okabe-Ito blue, vermillion, bluish green, reddish purple, and black.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000")

LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)))
REFERENCE: dict[str, Any] = {"color": "0.45", "linestyle": "--", "linewidth": 1}
MARKERS = ("o", "s", "^", "D", "v")

#: CSS pixels per inch: CSS fixes it, whatever the screen's density.
CSS_PX_PER_INCH = 96
#: The width, in inches, of every figure: 480 CSS px on the page.
WIDTH = 5.0
#: Width of the text column on a 390 px phone, in CSS px (the theme's
#: margins take the rest; measured in Chromium by the browser tests).
PHONE_COLUMN_PX = 340
#: The smallest text a reader should have to read on a phone, in CSS px.
MIN_TEXT_PX = 9.0
#: The smallest font size of :data:`BOOK_STYLE`, in points.
MIN_TEXT_PT = 11.5

#: (width, height) in inches of the book's figure layouts:
#: ``"wide"`` one panel of lines; ``"square"`` one panel of the plane
#: (decision regions); ``"stacked"`` two panels one above the other,
#: sharing their horizontal axis; ``"pair"`` two small square panels side
#: by side; ``"grid"`` four small square panels, two by two.
FIGSIZES: dict[str, tuple[float, float]] = {
    "wide": (WIDTH, 3.2),
    "square": (WIDTH, 4.4),
    "stacked": (WIDTH, 5.2),
    "pair": (WIDTH, 2.9),
    "grid": (WIDTH, 5.0),
}

#: The book's Matplotlib style, as rcParams (``plt.style.use(BOOK_STYLE)``).
BOOK_STYLE: dict[str, Any] = {
    "figure.figsize": FIGSIZES["wide"],
    "figure.dpi": CSS_PX_PER_INCH,  # shown at its design size in Jupyter too
    "figure.constrained_layout.use": True,
    "figure.facecolor": "white",  # opaque: see "Light and dark pages" above
    "savefig.facecolor": "white",
    "savefig.dpi": 2 * CSS_PX_PER_INCH,  # sharp on a high-density screen
    "font.family": "DejaVu Sans",  # ships with Matplotlib: same on every machine
    "font.size": 12.0,
    "axes.titlesize": 12.0,
    "axes.labelsize": 12.0,
    "xtick.labelsize": MIN_TEXT_PT,
    "ytick.labelsize": MIN_TEXT_PT,
    "legend.fontsize": MIN_TEXT_PT,
    "legend.title_fontsize": MIN_TEXT_PT,
    "figure.titlesize": 12.0,
    "mathtext.fontset": "dejavusans",
    "axes.prop_cycle": cycler(color=PALETTE[:4], linestyle=LINESTYLES[:4]),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.titlepad": 4.0,
    "lines.linewidth": 2.0,
    "lines.markersize": 4.5,
    "legend.framealpha": 0.9,
    "legend.borderaxespad": 0.3,
    # Determinism of SVG output: ids from a fixed salt, not from random uuids.
    "svg.hashsalt": "nnbook",
}


P = ParamSpec("P")


def _fix_tick_sizes(figure: Figure) -> None:
    # Matplotlib makes tick labels lazily, at draw time, from the rcParams
    # in force then; stating their size keeps the style's outside the context.
    for ax in figure.axes:
        ax.tick_params(axis="x", labelsize=BOOK_STYLE["xtick.labelsize"])
        ax.tick_params(axis="y", labelsize=BOOK_STYLE["ytick.labelsize"])


def drawn_in_book_style(func: Callable[P, Figure]) -> Callable[P, Figure]:
    """Run a function that returns a Figure under :data:`BOOK_STYLE`."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with style.context(BOOK_STYLE):
            figure = func(*args, **kwargs)
        _fix_tick_sizes(figure)
        return figure

    return wrapper


def book_figure(
    figsize: tuple[float, float] | str = "wide",
    nrows: int = 1,
    ncols: int = 1,
    **subplots: Any,
) -> tuple[Figure, Any]:
    """Make a figure and its axes in the book's style, without ``pyplot``.

    Parameters
    ----------
    figsize : str or tuple of float, default "wide"
        A name in :data:`FIGSIZES`, or (width, height) in inches.
    nrows, ncols : int, default 1
        The grid of panels.
    **subplots
        Passed to :meth:`matplotlib.figure.Figure.subplots`, e.g.
        ``sharex=True``.

    Returns
    -------
    figure : matplotlib.figure.Figure
    axes : matplotlib.axes.Axes or array of Axes
        As :meth:`~matplotlib.figure.Figure.subplots` returns them.

    Examples
    --------
    >>> fig, ax = book_figure("wide")
    >>> [round(float(x), 1) for x in fig.get_size_inches()]
    [5.0, 3.2]
    >>> ax.xaxis.get_ticklabels()[0].get_fontsize()
    11.5
    """
    if isinstance(figsize, str) and figsize not in FIGSIZES:
        msg = (
            f"book_figure(): argument 'figsize' must be one of "
            f"{sorted(FIGSIZES)} or (width, height) in inches; got {figsize!r}."
        )
        raise ValueError(msg)
    size = FIGSIZES[figsize] if isinstance(figsize, str) else figsize
    with style.context(BOOK_STYLE):
        figure = Figure(figsize=size)
        axes = figure.subplots(nrows, ncols, **subplots)
    _fix_tick_sizes(figure)
    return figure, axes


def smallest_text_px(figure: Figure, column_px: float = PHONE_COLUMN_PX) -> float:
    """Measure the figure's smallest text as a page column shows it, in CSS px.

    A page scales a figure wider than its column down to the column, so
    that text of ``s`` points reads at ``s * 96 / 72 * scale`` CSS px.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure; invisible and empty texts are skipped (tick labels are
        empty until the figure is drawn).
    column_px : float, default PHONE_COLUMN_PX
        The width of the column that shows it, in CSS px.

    Returns
    -------
    float
        The smallest text's size in CSS px (``inf`` if there is no text).

    Examples
    --------
    >>> fig, ax = book_figure("wide")
    >>> fig.draw_without_rendering()  # makes the tick labels
    >>> round(smallest_text_px(fig), 1)  # 11.5 pt ticks, 480 px on 340 px
    10.9
    """
    sizes = [
        float(text.get_fontsize())
        for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip()
    ]
    width_px = figure.get_figwidth() * CSS_PX_PER_INCH
    scale = min(1.0, column_px / width_px)
    return float(min(sizes, default=float("inf")) * CSS_PX_PER_INCH / 72 * scale)


def round_ticks(*axes: Any) -> None:
    """Ticks at round steps (-10, -5, 0, 5, 10): few, short labels on a phone."""
    for axis in axes:
        axis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))


def style_axes(ax: Axes, title: str, ylabel: str, *, xlabel: str = "$z$") -> None:
    round_ticks(ax.xaxis)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)


def new_or_given_axes(ax, figsize, *, func: str) -> tuple[Figure, Axes]:
    if ax is None:
        return book_figure(figsize)
    if not isinstance(ax, Axes):
        msg = (
            f"{func}(): argument 'ax' must be a matplotlib Axes or None; got "
            f"{type(ax).__name__}."
        )
        raise TypeError(msg)
    parent: Figure | SubFigure = ax.figure
    while isinstance(parent, SubFigure):  # climb to the Figure that holds it
        parent = parent.figure
    return parent, ax
