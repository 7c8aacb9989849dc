r"""Figures of activation functions and their derivatives.

Taught in Chapter 1, section :ref:`nn-basics-activations` (and Chapter 2,
section :ref:`nn-training-xor`, for the training figures). Every function
returns a :class:`matplotlib.figure.Figure` made with Matplotlib's
object-oriented API: nothing is registered with ``pyplot``, so figures never
leak from one chapter cell to the next and need no ``plt.close``. In a
notebook, end the cell with the figure (or call ``display(fig)``) to show it.

Colours come from the Okabe-Ito palette, which stays distinguishable under
the common colour-vision deficiencies; only its entries with at least 3:1
contrast against white are used, and lines also differ in dash style so that
no figure relies on colour alone.
"""

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

from nnbook._validation import as_float_array, resolve_activation
from nnbook.activations import Activation

__all__ = [
    "PALETTE",
    "plot_activation_comparison",
    "plot_decision_boundary",
    "plot_function_and_derivative",
    "plot_training_curve",
]

#: Okabe-Ito blue, vermillion, bluish green, reddish purple, and black.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000")

_LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)))
_REFERENCE: dict[str, Any] = {"color": "0.45", "linestyle": "--", "linewidth": 1}


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
        figure = Figure(figsize=figsize, layout="constrained")
        return figure, figure.subplots(1, 2)
    axes = list(np.ravel(np.asarray(axes, dtype=object)))
    if len(axes) != 2 or not all(isinstance(ax, Axes) for ax in axes):
        msg = (
            f"{func}(): argument 'axes' must be two matplotlib Axes (function, "
            f"derivative); got {len(axes)} objects. Make them with "
            "Figure().subplots(1, 2), or leave axes=None."
        )
        raise ValueError(msg)
    return axes[0].figure, axes


def _style(ax: Axes, title: str, ylabel: str) -> None:
    ax.grid(visible=True, alpha=0.3)
    ax.set_xlabel("$z$")
    ax.set_ylabel(ylabel)
    ax.set_title(title)


def plot_function_and_derivative(
    activation, z=None, *, axes=None, figsize=(12.0, 4.0)
) -> Figure:
    r"""Draw an activation function beside its derivative.

    Parameters
    ----------
    activation : str or Activation
        Name in :data:`nnbook.ACTIVATIONS` (e.g. ``"sigmoid"``) or an
        :class:`nnbook.Activation`.
    z : array-like of shape (n_points,), optional
        Where to evaluate; ``np.linspace(-10, 10, 200)`` if not given.
    axes : sequence of two matplotlib Axes, optional
        Where to draw (function, derivative); a new figure if not given.
    figsize : tuple of float, default (12, 4)
        Size in inches of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the two panels.

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
    The left panel shows :math:`a = g(z)`, the right one :math:`g'(z)`, the
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

    ax_f.plot(z, act.function(z), color=PALETTE[0], linewidth=2, gid="function")
    ax_f.axhline(float(act.function(0.0)), gid="reference", **_REFERENCE)
    _style(ax_f, f"{title} function", f"${symbol}(z)$")

    ax_d.plot(z, act.derivative(z), color=PALETTE[1], linewidth=2, gid="derivative")
    _style(ax_d, f"{title} derivative", f"${symbol}'(z)$")
    return figure


def plot_activation_comparison(
    names=("sigmoid", "tanh", "relu"), z=None, *, axes=None, figsize=(14.0, 5.0)
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
    figsize : tuple of float, default (14, 5)
        Size in inches of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the two panels, each with a legend.

    Raises
    ------
    TypeError
        If ``names`` is a single string or holds something other than names
        and Activations.
    ValueError
        If ``names`` is empty or has more entries than :data:`PALETTE`, a name
        is unknown, or ``z`` or ``axes`` is invalid.

    See Also
    --------
    plot_function_and_derivative : One activation, larger.

    Notes
    -----
    Activation :math:`k` is drawn as :math:`g_k(z)` on the left and
    :math:`g_k'(z)` on the right, in the same colour and dash style, so the
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

    for act, color, linestyle in zip(acts, PALETTE, _LINESTYLES, strict=False):
        style: dict[str, Any] = {
            "color": color,
            "linestyle": linestyle,
            "linewidth": 2,
        }
        label = _names(act)[0]
        ax_f.plot(z, act.function(z), label=label, **style)
        ax_d.plot(z, act.derivative(z), label=label, **style)
    _style(ax_f, "Activation functions", "Activation $g(z)$")
    _style(ax_d, "Derivatives (gradients)", "Derivative $g'(z)$")
    ax_f.legend()
    ax_d.legend()
    return figure


# --- Chapter 2, Training feedforward networks: what training did ----------

_MARKERS = ("o", "s", "^", "D", "v")


def _new_or_given_axes(ax, figsize, *, func: str) -> tuple[Figure, Axes]:
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


def plot_decision_boundary(
    predict, X, y, *, ax=None, resolution=200, padding=0.5, figsize=(6.0, 5.0)
) -> Figure:
    r"""Shade the class a model predicts over the plane, and draw the data.

    Parameters
    ----------
    predict : callable
        Maps points of shape ``(2, n_points)`` (features x samples) to
        ``n_points`` integer class labels in any shape, e.g.
        ``Network.predict``.
    X : array-like of shape (2, n_samples)
        The data, one point per column.
    y : array-like of shape (1, n_samples) or (n_samples,)
        Integer class labels 0, 1, ..., at most five classes.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if not given.
    resolution : int, default 200
        Grid points per axis (``resolution**2`` calls of the model in one
        batch).
    padding : float, default 0.5
        Margin around the data, in data units.
    figsize : tuple of float, default (6, 5)
        Size in inches of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes.

    Raises
    ------
    TypeError
        If ``predict`` is not callable or ``ax`` is not an Axes.
    ValueError
        If ``X`` is not 2 x n, ``y`` does not hold one integer label per
        sample (0 to 4), ``resolution < 2``, or ``predict`` returns the wrong
        number of labels.

    See Also
    --------
    plot_training_curve

    Notes
    -----
    The shaded regions are :math:`\{x : \hat{c}(x) = k\}` on a grid; their
    edges are the decision boundary. Each class has its own colour *and*
    marker, so the figure reads without colour too.

    Examples
    --------
    >>> X = np.array([[0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0]])
    >>> fig = plot_decision_boundary(lambda P: P[0] > 0.5, X, [0, 1, 0, 1],
    ...                              resolution=20)
    >>> ax = fig.axes[0]
    >>> ax.get_xlabel(), [t.get_text() for t in ax.get_legend().get_texts()]
    ('$x_1$', ['class 0', 'class 1'])
    """
    func = "plot_decision_boundary"
    if not callable(predict):
        msg = f"{func}(): argument 'predict' must be callable, e.g. net.predict."
        raise TypeError(msg)
    X = as_float_array(X, "X", func=func, ndim=2, shape_desc="(2, n_samples)")
    labels = as_float_array(y, "y", func=func, ndim=(1, 2)).ravel()
    if X.shape[0] != 2 or labels.size != X.shape[1]:
        msg = (
            f"{func}(): X must have shape (2, n_samples) and y one label per "
            f"sample; got X of shape {X.shape} and y with {labels.size} labels. "
            "If X is samples x features, pass X.T."
        )
        raise ValueError(msg)
    if not np.isin(labels, np.arange(len(PALETTE))).all():
        msg = (
            f"{func}(): argument 'y' must hold integer class labels 0 to "
            f"{len(PALETTE) - 1}; got values {np.unique(labels)[:6].tolist()}."
        )
        raise ValueError(msg)
    if (
        isinstance(resolution, bool)
        or not isinstance(resolution, int)
        or resolution < 2
    ):
        msg = f"{func}(): argument 'resolution' must be an int >= 2; got {resolution}."
        raise ValueError(msg)
    figure, ax = _new_or_given_axes(ax, figsize, func=func)

    lows, highs = X.min(axis=1) - padding, X.max(axis=1) + padding
    with np.errstate(over="ignore"):  # a span beyond float64 is reported below
        spans = highs - lows
    if not np.all(np.isfinite(spans)):
        msg = (
            f"{func}(): argument 'X' spans more than float64 can hold; the grid "
            "of the plane cannot be drawn. Scale X first."
        )
        raise ValueError(msg)
    g1, g2 = np.meshgrid(
        *(np.linspace(lo, hi, resolution) for lo, hi in zip(lows, highs, strict=True))
    )
    try:
        predicted = predict(np.vstack([g1.ravel(), g2.ravel()]))
    except (ValueError, TypeError, FloatingPointError) as err:
        msg = (
            f"{func}(): argument 'predict' failed on the grid around X (from "
            f"{lows.min():g} to {highs.max():g}): {err}"
        )
        raise ValueError(msg) from err
    grid_labels = np.asarray(predicted, dtype=float)
    if grid_labels.size != g1.size:
        msg = (
            f"{func}(): predict returned {grid_labels.size} values for {g1.size} "
            "points; it must return one class label per column of its input."
        )
        raise ValueError(msg)
    n_classes = int(max(labels.max(), grid_labels.max())) + 1
    levels = np.arange(n_classes + 1) - 0.5
    ax.contourf(
        g1,
        g2,
        grid_labels.reshape(g1.shape),
        levels=levels,
        colors=PALETTE[:n_classes],
        alpha=0.25,
    )
    for k in range(int(labels.max()) + 1):
        points = X[:, labels == k]
        ax.scatter(
            *points,
            color=PALETTE[k],
            marker=_MARKERS[k],
            edgecolors="black",
            linewidths=0.5,
            label=f"class {k}",
        )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("Decision regions")
    ax.legend()
    return figure


def plot_training_curve(history, *, ax=None, figsize=(7.0, 4.0)) -> Figure:
    r"""Draw the loss per epoch, and the accuracy if the history has it.

    Parameters
    ----------
    history : dict
        As returned by ``Network.fit`` or
        :func:`nnbook.pytorch.train_network`: ``"loss"`` (a list of floats,
        one per epoch), optionally ``"epoch"`` and ``"accuracy"``.
    ax : matplotlib Axes, optional
        Where to draw the loss; the accuracy goes on a twin axis on the right.
    figsize : tuple of float, default (7, 4)
        Size in inches of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes.

    Raises
    ------
    TypeError
        If ``history`` is not a dict with a ``"loss"`` entry.
    ValueError
        If the lists are empty, of different lengths, or not finite.

    See Also
    --------
    plot_decision_boundary

    Notes
    -----
    The loss :math:`L(\theta_t)` after epoch :math:`t` should fall; with
    full-batch gradient descent and a small enough learning rate it falls
    at every epoch.

    Examples
    --------
    >>> history = {"loss": [0.7, 0.5, 0.2], "accuracy": [0.5, 0.75, 1.0]}
    >>> fig = plot_training_curve(history)
    >>> [ax.get_ylabel() for ax in fig.axes]
    ['Loss', 'Accuracy']
    """
    func = "plot_training_curve"
    if not (isinstance(history, dict) and "loss" in history):
        msg = (
            f"{func}(): argument 'history' must be a dict with a 'loss' list, as "
            f"returned by Network.fit; got {type(history).__name__}."
        )
        raise TypeError(msg)
    loss = as_float_array(history["loss"], "history['loss']", func=func, ndim=1)
    epochs = as_float_array(
        history.get("epoch", np.arange(loss.size)),
        "history['epoch']",
        func=func,
        ndim=1,
    )
    acc = history.get("accuracy")
    if acc is not None:
        acc = as_float_array(acc, "history['accuracy']", func=func, ndim=1)
    if (
        loss.size == 0
        or epochs.size != loss.size
        or (acc is not None and acc.size != loss.size)
    ):
        msg = (
            f"{func}(): history must hold one value per epoch in every list; got "
            f"{loss.size} losses, {epochs.size} epochs and "
            f"{'no' if acc is None else acc.size} accuracies."
        )
        raise ValueError(msg)
    figure, ax = _new_or_given_axes(ax, figsize, func=func)
    ax.plot(epochs, loss, color=PALETTE[0], linewidth=2, label="loss")
    ax.set_xlabel("Epoch")
    ax.set_ylabel("Loss")
    ax.set_title("Training curve")
    ax.grid(visible=True, alpha=0.3)
    if acc is not None:
        ax_acc = ax.twinx()
        ax_acc.plot(
            epochs, acc, color=PALETTE[1], linestyle="--", linewidth=2, label="accuracy"
        )
        ax_acc.set_ylabel("Accuracy")
        ax_acc.set_ylim(-0.05, 1.05)
        handles = ax.get_lines() + ax_acc.get_lines()
        ax.legend(handles, [h.get_label() for h in handles], loc="center right")
    return figure
