"""Figures of activation functions and their derivatives.

Taught in Chapter 1, section :ref:`nn-basics-activations`. Every function
returns a :class:`matplotlib.figure.Figure` made with Matplotlib's object-
oriented API: nothing is registered with ``pyplot``, so figures never leak
from one chapter cell to the next and need no ``plt.close``.
"""

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnbook._validation import as_float_array, resolve_activation
from nnbook.activations import Activation
from nnbook.plotting.style import (
    FIGSIZES,
    LINESTYLES,
    PALETTE,
    REFERENCE,
    book_figure,
    drawn_in_book_style,
    style_axes,
)

__all__ = ["plot_activation_comparison", "plot_function_and_derivative"]


def _names(activation: Activation) -> tuple[str, str]:
    r"""Title and mathtext symbol from the registry, e.g. ``("Tanh", r"\tanh")``."""
    title = activation.title or activation.name
    return title, activation.symbol or rf"\mathrm{{{activation.name}}}"


def _grid_z(z, *, func: str) -> np.ndarray:
    if z is None:
        return np.linspace(-10.0, 10.0, 200)
    z = as_float_array(z, "z", func=func, ndim=1, shape_desc="(n_points,)")
    with np.errstate(over="ignore"):  # a span beyond float64 is reported below
        span = np.ptp(z) if z.size else 0.0
    if not np.isfinite(span):
        msg = (
            f"{func}(): argument 'z' spans more than float64 can hold (from "
            f"{z.min():g} to {z.max():g}); plot a narrower range."
        )
        raise ValueError(msg)
    if z.size < 2:
        msg = f"{func}(): argument 'z' must hold at least 2 points to draw a line."
        raise ValueError(msg)
    return z


def _two_axes(axes, figsize, *, func: str) -> tuple[Figure, Sequence[Axes]]:
    if axes is None:
        # One above the other, sharing z: on a phone, two panels side by
        # side would shrink their text below readability.
        return book_figure(figsize, 2, 1, sharex=True)
    axes = list(np.ravel(np.asarray(axes, dtype=object)))
    if len(axes) != 2 or not all(isinstance(ax, Axes) for ax in axes):
        msg = (
            f"{func}(): argument 'axes' must be two matplotlib Axes (function, "
            f"derivative); got {len(axes)} objects. Make them with "
            "Figure().subplots(2, 1), or leave axes=None."
        )
        raise ValueError(msg)
    return axes[0].figure, axes


def _top_xlabel(ax_f: Axes, ax_d: Axes) -> str:
    """Label the top panel's z axis only if it does not share it with the one below."""
    return "" if ax_f.get_shared_x_axes().joined(ax_f, ax_d) else "$z$"


@drawn_in_book_style
def plot_function_and_derivative(
    activation: str | Activation,
    z: ArrayLike | None = None,
    *,
    axes: Any = None,
    figsize: tuple[float, float] = FIGSIZES["stacked"],
) -> Figure:
    r"""Draw an activation function above its derivative.

    Parameters
    ----------
    activation : str or Activation
        Name in :data:`nnbook.ACTIVATIONS` (e.g. ``"sigmoid"``) or an
        :class:`nnbook.Activation`.
    z : array-like of shape (n_points,), optional
        Where to evaluate; ``np.linspace(-10, 10, 200)`` if not given.
    axes : sequence of two matplotlib Axes, optional
        Where to draw (function, derivative); a new figure if not given.
    figsize : tuple of float, default ``FIGSIZES["stacked"]``
        Size in inches of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the two panels, in the book's style
        (:mod:`nnbook.plotting.style`).

    Raises
    ------
    TypeError
        If ``activation`` is neither a string nor an Activation.
    ValueError
        If ``activation`` is unknown, ``z`` is not a finite 1-D array of at
        least 2 points, or ``axes`` is not two Axes.

    See Also
    --------
    plot_activation_comparison : Several activations in one figure.

    Notes
    -----
    The top panel shows :math:`a = g(z)`, the bottom one :math:`g'(z)`, the
    factor by which the activation scales the gradient during
    backpropagation. A dashed reference line marks :math:`g(0)` (for the
    sigmoid, :math:`\sigma(0) = 1/2`).

    Examples
    --------
    >>> fig = plot_function_and_derivative("sigmoid")
    >>> [ax.get_title() for ax in fig.axes]
    ['Sigmoid function', 'Sigmoid derivative']
    >>> fig.axes[1].get_ylabel()
    "$\\sigma'(z)$"
    """
    func = "plot_function_and_derivative"
    act = resolve_activation(activation, "activation", func=func)
    z = _grid_z(z, func=func)
    figure, (ax_f, ax_d) = _two_axes(axes, figsize, func=func)
    title, symbol = _names(act)

    ax_f.plot(z, act.function(z), color=PALETTE[0], gid="function")
    ax_f.axhline(float(act.function(0.0)), gid="reference", **REFERENCE)
    top_xlabel = _top_xlabel(ax_f, ax_d)
    style_axes(ax_f, f"{title} function", f"${symbol}(z)$", xlabel=top_xlabel)

    ax_d.plot(z, act.derivative(z), color=PALETTE[1], gid="derivative")
    style_axes(ax_d, f"{title} derivative", f"${symbol}'(z)$")
    return figure


@drawn_in_book_style
def plot_activation_comparison(
    names: Sequence[str | Activation] = ("sigmoid", "tanh", "relu"),
    z: ArrayLike | None = None,
    *,
    axes: Any = None,
    figsize: tuple[float, float] = FIGSIZES["stacked"],
) -> Figure:
    r"""Draw several activations in one panel and their derivatives in another.

    Parameters
    ----------
    names : sequence of str or Activation, default ("sigmoid", "tanh", "relu")
        The activations, in legend order.
    z : array-like of shape (n_points,), optional
        Where to evaluate; ``np.linspace(-10, 10, 200)`` if not given.
    axes : sequence of two matplotlib Axes, optional
        Where to draw (functions, derivatives); a new figure if not given.
    figsize : tuple of float, default ``FIGSIZES["stacked"]``
        Size in inches of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the two panels, functions above derivatives, in
        the book's style; the top panel has the legend.

    Raises
    ------
    TypeError
        If ``names`` is a single string or holds something other than names
        and Activations.
    ValueError
        If ``names`` is empty or has more entries than
        :data:`nnbook.plotting.PALETTE`, a name is unknown, or ``z`` or
        ``axes`` is invalid.

    See Also
    --------
    plot_function_and_derivative : One activation, larger.

    Notes
    -----
    Activation :math:`k` is drawn as :math:`g_k(z)` at the top and
    :math:`g_k'(z)` at the bottom, in the same colour and dash style, so the
    derivatives can be matched to their functions: the sigmoid's never
    exceeds :math:`1/4`, tanh's peaks at 1, ReLU's is 0 or 1.

    Examples
    --------
    >>> fig = plot_activation_comparison()
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['Sigmoid', 'Tanh', 'ReLU']
    """
    func = "plot_activation_comparison"
    if isinstance(names, str | Activation) or not isinstance(names, Sequence):
        msg = (
            f"{func}(): argument 'names' must be a sequence of activation names, "
            f"e.g. ('sigmoid', 'relu'); got {names!r}. For one activation, pass "
            f"({names!r},) or use plot_function_and_derivative."
        )
        raise TypeError(msg)
    if not 1 <= len(names) <= len(PALETTE):
        msg = (
            f"{func}(): argument 'names' must hold 1 to {len(PALETTE)} "
            f"activations (one colour each); got {len(names)}."
        )
        raise ValueError(msg)
    acts = [resolve_activation(name, "names", func=func) for name in names]
    z = _grid_z(z, func=func)
    figure, (ax_f, ax_d) = _two_axes(axes, figsize, func=func)

    for act, color, linestyle in zip(acts, PALETTE, LINESTYLES, strict=False):
        style: dict[str, Any] = {"color": color, "linestyle": linestyle}
        label = _names(act)[0]
        ax_f.plot(z, act.function(z), label=label, **style)
        ax_d.plot(z, act.derivative(z), label=label, **style)
    style_axes(ax_f, "Activation functions", "$g(z)$", xlabel=_top_xlabel(ax_f, ax_d))
    style_axes(ax_d, "Derivatives (gradients)", "$g'(z)$")
    ax_f.legend()  # the derivatives share their functions' colour and dashes
    return figure


# --- Chapter 2, Training feedforward networks: what training did ----------
