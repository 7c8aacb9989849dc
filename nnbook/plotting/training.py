"""Figures of training: decision regions and loss curves.

Taught in Chapter 2, section :ref:`nn-training-xor`. Every function returns
a :class:`matplotlib.figure.Figure` made with Matplotlib's object-oriented
API: nothing is registered with ``pyplot``, so figures never leak from one
chapter cell to the next and need no ``plt.close``.
"""

from collections.abc import Callable
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnbook._validation import as_float_array, as_float_scalar, check_int
from nnbook.plotting.style import (
    FIGSIZES,
    MARKERS,
    PALETTE,
    drawn_in_book_style,
    new_or_given_axes,
    round_ticks,
)

__all__ = ["plot_decision_boundary", "plot_training_curve"]


@drawn_in_book_style
def plot_decision_boundary(
    predict: Callable[[np.ndarray], ArrayLike],
    X: ArrayLike,
    y: ArrayLike,
    *,
    ax: Axes | None = None,
    resolution: int = 200,
    padding: float = 0.5,
    legend: bool = True,
    figsize: tuple[float, float] = FIGSIZES["square"],
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
    legend : bool, default True
        Whether to name the classes in a legend; in a grid of small panels,
        one legend (or the caption) is enough.
    figsize : tuple of float, default ``FIGSIZES["square"]``
        Size in inches of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes, in the book's style
        (:mod:`nnbook.plotting.style`).

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
    resolution = check_int(
        resolution, "resolution", func=func, min_value=2, max_value=2000
    )
    padding = as_float_scalar(padding, "padding", func=func)
    if padding < 0:
        msg = (
            f"{func}(): argument 'padding' must be >= 0 (a margin around the "
            f"data); got {padding:g}."
        )
        raise ValueError(msg)
    figure, ax = new_or_given_axes(ax, figsize, func=func)

    lows, highs = X.min(axis=1) - padding, X.max(axis=1) + padding
    with np.errstate(over="ignore"):  # a span beyond float64 is reported below
        spans = highs - lows
    if not np.all(np.isfinite(spans)):
        msg = (
            f"{func}(): arguments 'X' and 'padding' span more than float64 can "
            "hold; the grid of the plane cannot be drawn. Scale X first, or "
            "use a smaller padding."
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
            marker=MARKERS[k],
            edgecolors="black",
            linewidths=0.5,
            label=f"class {k}",
        )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("Decision regions")
    ax.grid(visible=False)  # the regions' edges are the lines to see
    ax.set_aspect("equal")  # the plane as it is: a circle stays round
    round_ticks(ax.xaxis, ax.yaxis)
    if legend:
        ax.legend()
    return figure


@drawn_in_book_style
def plot_training_curve(
    history: dict[str, Any],
    *,
    ax: Axes | None = None,
    figsize: tuple[float, float] = FIGSIZES["wide"],
) -> Figure:
    r"""Draw the loss per epoch, and the accuracy if the history has it.

    Parameters
    ----------
    history : dict
        As returned by ``Network.fit`` or
        :func:`nnbook.pytorch.train_network`: ``"loss"`` (a list of floats,
        one per epoch), optionally ``"epoch"`` and ``"accuracy"``.
    ax : matplotlib Axes, optional
        Where to draw the loss; the accuracy goes on a twin axis on the right.
    figsize : tuple of float, default ``FIGSIZES["wide"]``
        Size in inches of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes, in the book's style
        (:mod:`nnbook.plotting.style`).

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
    if not (isinstance(history, dict) and "loss" in history):  # type: ignore[redundant-expr] # checked at run time
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
        if ((acc < 0) | (acc > 1)).any():
            msg = (
                f"{func}(): argument 'history' has accuracies outside [0, 1] "
                f"(from {acc.min():g} to {acc.max():g}); they would be drawn off "
                "the axis. Pass fractions, not percentages."
            )
            raise ValueError(msg)
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
    figure, ax = new_or_given_axes(ax, figsize, func=func)
    ax.plot(epochs, loss, color=PALETTE[0], linestyle="-", label="loss")
    ax.set_xlabel("Epoch")
    ax.set_ylabel("Loss")
    ax.set_title("Training curve")
    if acc is not None:
        ax_acc = ax.twinx()
        ax_acc.grid(visible=False)  # one grid, the loss axis's
        ax_acc.plot(epochs, acc, color=PALETTE[1], linestyle="--", label="accuracy")
        ax_acc.set_ylabel("Accuracy")
        ax_acc.set_ylim(-0.05, 1.05)
        handles = ax.get_lines() + ax_acc.get_lines()
        ax.legend(handles, [str(h.get_label()) for h in handles], loc="center right")
    return figure
