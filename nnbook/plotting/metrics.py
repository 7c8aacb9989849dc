"""Figures of a classifier's quality: the confusion matrix, learning curves.

Taught in Chapter 4, Classifying handwritten digits. Every function returns
a :class:`matplotlib.figure.Figure` made with the object-oriented API, in the
book's figure style (:mod:`nnbook.plotting.style`): its sizes, its palette
and dash styles, and text that stays legible on a phone.
"""

from collections.abc import Mapping

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnbook._validation import as_float_array
from nnbook.plotting.style import FIGSIZES, PALETTE, drawn_in_book_style

__all__ = ["plot_confusion_matrix", "plot_learning_curves"]


@drawn_in_book_style
def plot_confusion_matrix(counts: ArrayLike) -> Figure:
    """Draw a confusion matrix, every count written in its cell.

    Parameters
    ----------
    counts : array-like of shape (n_classes, n_classes)
        ``counts[t, p]``: samples of true class ``t`` predicted as ``p``, as
        :func:`nnbook.metrics.confusion_matrix` returns them.

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
    figure = Figure(figsize=FIGSIZES["square"])
    ax = figure.subplots()
    ax.grid(visible=False)  # grid lines would cross the cells' counts
    shade = np.sqrt(C)
    ax.imshow(shade, cmap="Blues", vmin=0)
    threshold = shade.max() / 2
    for t in range(n):
        for p in range(n):
            # Zeros are left blank: the eye finds the few mistakes faster.
            text = f"{C[t, p]:.0f}" if C[t, p] else ""
            colour = "white" if shade[t, p] > threshold else "black"
            ax.text(p, t, text, ha="center", va="center", color=colour)
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xlabel("Predicted class")
    ax.set_ylabel("True class")
    return figure


@drawn_in_book_style
def plot_learning_curves(histories: Mapping[str, Mapping[str, list]]) -> Figure:
    """Draw loss and accuracy per epoch, training (solid) and validation (dashed).

    Parameters
    ----------
    histories : mapping of str to history
        ``name -> history`` with ``"epoch"``, ``"loss"``, ``"accuracy"``,
        ``"val_loss"`` and ``"val_accuracy"``, as
        :func:`nnbook.monitoring.fit_with_validation` returns them; at most
        five.

    Returns
    -------
    matplotlib.figure.Figure
        The loss panel above the accuracy panel; one colour per model.

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
    figure = Figure(figsize=FIGSIZES["stacked"])
    loss_ax, acc_ax = figure.subplots(2, 1, sharex=True)
    for colour, (name, history) in zip(PALETTE, histories.items(), strict=False):
        parts = (("", "-", "train"), ("val_", "--", "validation"))
        for prefix, linestyle, part in parts:
            label = f"{name}, {part}"
            loss_ax.plot(
                history["epoch"],
                history[f"{prefix}loss"],
                color=colour,
                linestyle=linestyle,
                label=label,
            )
            acc_ax.plot(
                history["epoch"],
                history[f"{prefix}accuracy"],
                color=colour,
                linestyle=linestyle,
                label=label,
            )
    loss_ax.set_yscale("log")
    loss_ax.set_ylabel("Loss (log scale)")
    acc_ax.set_ylabel("Accuracy")
    acc_ax.set_xlabel("Epoch")
    loss_ax.legend()
    return figure
