"""What every figure shares: colours, dash styles, markers and axes.

Colours come from the Okabe-Ito palette, which stays distinguishable under
the common colour-vision deficiencies; only its entries with at least 3:1
contrast against white are used, and lines also differ in dash style so that
no figure relies on colour alone.
"""

from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

__all__ = ["PALETTE"]

#: Okabe-Ito blue, vermillion, bluish green, reddish purple, and black.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000")

LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)))
REFERENCE: dict[str, Any] = {"color": "0.45", "linestyle": "--", "linewidth": 1}


MARKERS = ("o", "s", "^", "D", "v")


def style_axes(ax: Axes, title: str, ylabel: str) -> None:
    ax.grid(visible=True, alpha=0.3)
    ax.set_xlabel("$z$")
    ax.set_ylabel(ylabel)
    ax.set_title(title)


def new_or_given_axes(ax, figsize, *, func: str) -> tuple[Figure, Axes]:
    if ax is None:
        figure = Figure(figsize=figsize, layout="constrained")
        return figure, figure.subplots()
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
