"""Nodes, edges and weight styles shared by the diagrams (private).

A node is a piece of text in a box (:meth:`matplotlib.axes.Axes.text` with a
``bbox``), so it is as large as its label and no larger; an edge is a
:class:`~matplotlib.patches.FancyArrowPatch` clipped to the boxes of the two
nodes it joins, so it starts and ends on their outlines whatever the label's
size. Edges are drawn *after* the nodes (a higher ``zorder``): a text's box is
only placed when the text is drawn, and clipping needs it in place.

A weight is drawn with a colour for its sign (the blue and vermillion of
:data:`nnbook.plotting.PALETTE`, a pair that colour-blind readers tell
apart) and a dash style too, so the sign reads without colour, and a line
width proportional to its magnitude.
"""

from typing import Literal, NamedTuple

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text

from nnbook.plotting.style import PALETTE

#: Font size of every label in points. Diagrams are 6 inches wide, so at a
#: 390 px column a label is 12 / 72 / 6 * 390 = 10.8 CSS px high (>= 9).
FONT_SIZE = 12
#: Width in points of the edge of the largest weight.
MAX_LINEWIDTH = 6.0
#: Draw order: nodes, then edges (clipped to the nodes), then edge labels.
NODE_Z, EDGE_Z, LABEL_Z = 3, 4, 5


class WeightStyle(NamedTuple):
    """How an edge of weight ``w`` is drawn."""

    color: str
    linestyle: Literal["-", "--"]
    linewidth: float


POSITIVE = WeightStyle(PALETTE[0], "-", MAX_LINEWIDTH)
NEGATIVE = WeightStyle(PALETTE[1], "--", MAX_LINEWIDTH)


def weight_style(w: float, scale: float) -> WeightStyle:
    """Colour and dashes by the sign of ``w``, width ``|w| / scale`` of the maximum.

    Examples
    --------
    >>> weight_style(-0.5, 2.0)
    WeightStyle(color='#D55E00', linestyle='--', linewidth=1.5)
    """
    kind = NEGATIVE if w < 0 else POSITIVE
    return kind._replace(linewidth=MAX_LINEWIDTH * (abs(w) / scale))  # no overflow


def sign_legend(ax: Axes) -> None:
    """Say below the diagram what the colour, dashes and width of an edge mean."""
    handles = [
        Line2D([], [], color=s.color, linestyle=s.linestyle, linewidth=3, label=text)
        for s, text in ((POSITIVE, "$w > 0$"), (NEGATIVE, "$w < 0$"))
    ]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=2,
        title="edge width ∝ $|w|$",
        fontsize=FONT_SIZE,
        title_fontsize=FONT_SIZE,
        frameon=False,
        handlelength=2.5,
    )


def node(ax: Axes, xy: tuple[float, float], label: str, *, shape: str) -> Text:
    """Draw a node: ``label`` centred at ``xy`` in a ``"circle"`` or ``"round"`` box."""
    return ax.text(
        *xy,
        label,
        ha="center",
        va="center",
        fontsize=FONT_SIZE,
        zorder=NODE_Z,
        bbox={"boxstyle": f"{shape},pad=0.3", "facecolor": "white", "edgecolor": "0.2"},
    )


def edge(
    ax: Axes,
    start: Text,
    end: Text,
    *,
    style: WeightStyle | None = None,
    arrow: bool = True,
    name: str = "",
) -> FancyArrowPatch:
    """Join two nodes, black by default or in the ``style`` of a weight.

    ``name`` becomes the edge's label (``"W1[0, 1]"``), by which tests find
    it; it is not an SVG id, which could clash between two figures on a page.
    """
    style = style or WeightStyle("0.2", "-", 1.5)
    patch = FancyArrowPatch(
        start.get_position(),
        end.get_position(),
        arrowstyle="-|>,head_length=0.6,head_width=0.3" if arrow else "-",
        mutation_scale=12,
        patchA=start.get_bbox_patch(),
        patchB=end.get_bbox_patch(),
        shrinkA=1,
        shrinkB=1,
        color=style.color,
        linestyle=style.linestyle,
        linewidth=style.linewidth,
        zorder=EDGE_Z,
    )
    patch.set_label(name)
    ax.add_patch(patch)
    return patch


def edge_label(ax: Axes, xy: tuple[float, float], label: str) -> Text:
    """Write ``label`` at ``xy`` on a white patch, above the edges it crosses."""
    return ax.text(
        *xy,
        label,
        ha="center",
        va="center",
        fontsize=FONT_SIZE,
        zorder=LABEL_Z,
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
    )


def blank_axes(ax: Axes, xlim: tuple[float, float], ylim: tuple[float, float]) -> None:
    """Fix the data window of a diagram and hide the axes' frame and ticks."""
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_axis_off()
