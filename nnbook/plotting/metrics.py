"""Figures of a classifier's quality: the confusion matrix, learning curves.

Taught in Chapter 4, Classifying handwritten digits. Every function returns
a :class:`matplotlib.figure.Figure` made with the object-oriented API. The
panels are stacked vertically, at most 7 inches wide, with text of 12 points
or more, so that a phone that shrinks them to half size still shows about
9-pixel text.
"""

from collections.abc import Mapping

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnbook._validation import as_float_array
from nnbook.plotting.style import LINESTYLES, PALETTE

__all__ = ["plot_confusion_matrix", "plot_learning_curves"]


def plot_confusion_matrix(counts: ArrayLike, *, size: float = 6.0) -> Figure:
    """Draw a confusion matrix, every count written in its cell.

    Parameters
    ----------
    counts : array-like of shape (n_classes, n_classes)
        ``counts[t, p]``: samples of true class ``t`` predicted as ``p``, as
        :func:`nnbook.metrics.confusion_matrix` returns them.
    size : float, default 6
        Width and height in inches.

    Returns
    -------
    matplotlib.figure.Figure
        Rows are true classes, columns predicted ones; the shade is the count
        on a logarithmic-like scale (the square root), so that single
        mistakes show beside the large diagonal.

    Raises
    ------
    ValueError
        If ``counts`` is not a square matrix.

    Examples
    --------
    >>> fig = plot_confusion_matrix([[5, 1], [0, 4]])
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['5', '1', '', '4']
    """
    func = "plot_confusion_matrix"
    C = as_float_array(counts, "counts", func=func, ndim=2)
    if C.shape[0] != C.shape[1]:
        msg = (
            f"{func}(): argument 'counts' must be square, one row and one column "
            f"per class; got shape {C.shape}."
        )
        raise ValueError(msg)
    n = C.shape[0]
    figure = Figure(figsize=(size, size), layout="constrained")
    ax = figure.subplots()
    shade = np.sqrt(C)
    ax.imshow(shade, cmap="Blues", vmin=0)
    threshold = shade.max() / 2
    for t in range(n):
        for p in range(n):
            # Zeros are left blank: the eye finds the few mistakes faster.
            text = f"{C[t, p]:.0f}" if C[t, p] else ""
            colour = "white" if shade[t, p] > threshold else "black"
            ax.text(p, t, text, ha="center", va="center", color=colour, fontsize=13)
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xlabel("Predicted class", fontsize=13)
    ax.set_ylabel("True class", fontsize=13)
    ax.tick_params(labelsize=12)
    return figure


def plot_learning_curves(
    histories: Mapping[str, Mapping[str, list]], *, figsize=(7.0, 7.0)
) -> Figure:
    """Draw loss and accuracy per epoch, training (solid) and validation (dashed).

    Parameters
    ----------
    histories : mapping of str to history
        ``name -> history`` with ``"epoch"``, ``"loss"``, ``"accuracy"``,
        ``"val_loss"`` and ``"val_accuracy"``, as
        :func:`nnbook.monitoring.fit_with_validation` returns them; at most
        five.
    figsize : tuple of float, default (7, 7)
        Size in inches; the loss panel is above the accuracy panel.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If a history lacks one of the keys, or there are more than five.

    Examples
    --------
    >>> h = {"epoch": [0, 1], "loss": [1.0, 0.5], "accuracy": [0.5, 0.9],
    ...      "val_loss": [1.1, 0.6], "val_accuracy": [0.4, 0.8]}
    >>> len(plot_learning_curves({"model": h}).axes)
    2
    """
    func = "plot_learning_curves"
    keys = ("epoch", "loss", "accuracy", "val_loss", "val_accuracy")
    if not 1 <= len(histories) <= len(PALETTE):
        msg = f"{func}(): pass 1 to {len(PALETTE)} histories; got {len(histories)}."
        raise ValueError(msg)
    for name, history in histories.items():
        missing = [key for key in keys if key not in history]
        if missing:
            msg = (
                f"{func}(): history {name!r} lacks {missing}; pass what "
                "fit_with_validation() or train_classifier() returns."
            )
            raise ValueError(msg)
    figure = Figure(figsize=figsize, layout="constrained")
    loss_ax, acc_ax = figure.subplots(2, 1, sharex=True)
    for colour, (name, history) in zip(PALETTE, histories.items(), strict=False):
        for prefix, style, part in (
            ("", LINESTYLES[0], "train"),
            ("val_", LINESTYLES[1], "validation"),
        ):
            label = f"{name}, {part}"
            loss_ax.plot(
                history["epoch"],
                history[f"{prefix}loss"],
                color=colour,
                linestyle=style,
                linewidth=2,
                label=label,
            )
            acc_ax.plot(
                history["epoch"],
                history[f"{prefix}accuracy"],
                color=colour,
                linestyle=style,
                linewidth=2,
                label=label,
            )
    loss_ax.set_yscale("log")
    loss_ax.set_ylabel("Loss (log scale)", fontsize=13)
    acc_ax.set_ylabel("Accuracy", fontsize=13)
    acc_ax.set_xlabel("Epoch", fontsize=13)
    for ax in (loss_ax, acc_ax):
        ax.grid(visible=True, alpha=0.3)
        ax.tick_params(labelsize=12)
    loss_ax.legend(fontsize=12)
    return figure
