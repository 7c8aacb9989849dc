r"""A diagram of a small dense network, drawn from its parameters.

Taught in Chapter 2, section :ref:`nn-training-xor`. :func:`draw_network`
reads a parameter dict ``{"W1": ..., "b1": ..., "W2": ...}`` (as made by
:func:`nnbook.initialize_parameters` or kept by :class:`nnbook.Network`) and
draws one node per unit and one edge per weight, the edge's colour and dash
style from the weight's sign and its width from the weight's magnitude: the
same network before and after training shows what training did.

Drawn with Matplotlib rather than Graphviz: ``nnbook`` depends only on NumPy,
PyTorch and Matplotlib, and Graphviz would add a Debian package and a Python
binding. A layered network needs no layout engine (layer :math:`l` is column
:math:`l`), and Matplotlib gives each edge the width and colour of a number
exactly, typesets the book's symbols (:math:`a^{[1]}_k`) and saves the figure
like every other figure of the book.
"""

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from nnbook._validation import check_parameters, check_positive
from nnbook.diagrams._drawing import (
    FONT_SIZE,
    blank_axes,
    edge,
    node,
    sign_legend,
    weight_style,
)
from nnbook.plotting.style import new_or_given_axes

__all__ = ["draw_network"]

#: More units than this in one layer do not fit one above the other.
MAX_UNITS = 12


def _node_label(layer: int, unit: int) -> str:
    """Label a unit with its symbol: inputs :math:`x_j`, the rest :math:`a^{[l]}_k`."""
    return f"$x_{{{unit + 1}}}$" if layer == 0 else f"$a^{{[{layer}]}}_{{{unit + 1}}}$"


def _layer_label(layer: int, n_units: int, n_layers: int) -> str:
    kind = "input" if layer == 0 else "output" if layer == n_layers else "hidden"
    return f"{kind}\n$n_{{{layer}}} = {n_units}$"


def _check_scale(weight_scale: Any, largest: float, *, func: str) -> float:
    """Return the ``|w|`` drawn at full width: the given one, or the largest."""
    if weight_scale is None:
        return largest or 1.0  # all weights zero: no edge has any width
    scale = check_positive(weight_scale, "weight_scale", func=func)
    if scale < largest:
        msg = (
            f"{func}(): argument 'weight_scale' must be at least the largest "
            f"|w| of the parameters, {largest:.4g}, which it draws at full "
            f"width; got {scale:.4g}. Leave it out, or pass the largest |w| "
            "of all the networks you compare."
        )
        raise ValueError(msg)
    return scale


def draw_network(
    parameters: dict[str, Any],
    *,
    weight_scale: float | None = None,
    title: str | None = None,
    legend: bool = True,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    r"""Draw a dense network's units and weights, edge widths from the weights.

    Parameters
    ----------
    parameters : dict of str to array-like
        ``"W1", "b1", ..., "WL", "bL"``, with ``W{l}`` of shape
        ``(n_l, n_{l-1})`` as made by :func:`nnbook.initialize_parameters`;
        at most 12 units per layer.
    weight_scale : float, optional
        The :math:`|w|` drawn at full width (6 pt); the largest
        :math:`|w|` of ``parameters`` if not given. Pass the same value to
        diagrams that are to be compared.
    title : str, optional
        Drawn above the diagram; the layer widths (``"2 → 4 → 1"``) if not
        given, nothing if ``""``.
    legend : bool, default True
        Say what the colours, dashes and widths of the edges mean.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if not given.
    figsize : tuple of float, optional
        Size in inches of a new figure; 6 inches wide (for a column about
        700 px wide) and as tall as the widest layer needs, if not given.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the diagram.

    Raises
    ------
    TypeError
        If ``parameters`` is not a dict of numeric arrays, ``weight_scale``
        is not a number or ``ax`` is not an Axes.
    ValueError
        If a key of ``parameters`` is missing or unexpected, two shapes do
        not fit together (the message names both), a value is not finite, a
        layer has more than 12 units, or ``weight_scale`` is not positive or
        is below the largest :math:`|w|`.

    See Also
    --------
    nnbook.initialize_parameters : Makes such a parameter dict.
    nnbook.diagrams.draw_neuron : One unit, with its arithmetic.

    Notes
    -----
    The edge from unit :math:`j` of layer :math:`l-1` to unit :math:`k` of
    layer :math:`l` stands for :math:`W^{[l]}_{kj}`: blue and solid when it is
    positive, vermillion and dashed when it is negative, with width
    :math:`6\,\mathrm{pt} \cdot |W^{[l]}_{kj}| / s` for the scale :math:`s`
    (``weight_scale``); a zero weight has no width. Biases are not drawn.

    Examples
    --------
    >>> from nnbook import initialize_parameters
    >>> fig = draw_network(initialize_parameters([2, 4, 1], rng=0))
    >>> ax = fig.axes[0]
    >>> ax.get_title(), len(ax.patches)
    ('2 → 4 → 1', 12)
    >>> draw_network({"W1": np.ones((4, 2)), "b1": np.zeros(3)})
    Traceback (most recent call last):
        ...
    ValueError: draw_network(): argument 'parameters' has b1 of shape (3,) but W1
    of shape (4, 2): b1 needs one entry per row of W1. Give b1 the shape (4,).
    """
    func = "draw_network"
    arrays, sizes = check_parameters(parameters, func=func)
    if max(sizes) > MAX_UNITS:
        msg = (
            f"{func}(): at most {MAX_UNITS} units per layer fit the diagram; the "
            f"parameters have layers of widths {sizes}. Draw a smaller network."
        )
        raise ValueError(msg)
    n_layers = len(sizes) - 1
    weights = [arrays[f"W{layer}"] for layer in range(1, n_layers + 1)]
    largest = max(float(np.abs(W).max()) for W in weights)
    scale = _check_scale(weight_scale, largest, func=func)
    if figsize is None:
        figsize = (6.0, 0.62 * max(sizes) + 1.6)
    figure, ax = new_or_given_axes(ax, figsize, func=func)

    tallest = max(sizes)
    blank_axes(ax, (-0.5, n_layers + 0.5), (-tallest / 2 - 0.55, tallest / 2))
    columns = [
        [
            node(
                ax,
                (layer, (n - 1) / 2 - unit),
                _node_label(layer, unit),
                shape="circle",
            )
            for unit in range(n)
        ]
        for layer, n in enumerate(sizes)
    ]
    for layer, W in enumerate(weights, start=1):
        for (k, j), w in np.ndenumerate(W):
            edge(
                ax,
                columns[layer - 1][j],
                columns[layer][k],
                style=weight_style(float(w), scale),
                arrow=False,
                name=f"W{layer}[{k}, {j}]",
            )
    for layer, n in enumerate(sizes):
        ax.text(
            layer,
            -tallest / 2 + 0.05,
            _layer_label(layer, n, n_layers),
            ha="center",
            va="top",
            fontsize=FONT_SIZE,
        )
    if title is None:
        title = " → ".join(str(n) for n in sizes)
    ax.set_title(title, fontsize=FONT_SIZE)
    if legend:
        sign_legend(ax)
    return figure
