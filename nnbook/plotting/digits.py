"""Figures of images: digit grids, misclassified digits, first-layer weights.

Taught in Chapter 4, Classifying handwritten digits. Every function returns
a :class:`matplotlib.figure.Figure` made with the object-oriented API (no
``pyplot`` state), in the book's figure style
(:mod:`nnbook.plotting.style`): as wide as every figure of the book, with
titles no smaller than its smallest text, so that they stay legible when a
phone shrinks the figure to its column. Images are columns of 64 pixels
(features x samples), as :func:`nnbook.digits.load_digits` returns them,
drawn as 8 x 8 squares.
"""

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnbook._validation import as_float_array, check_int
from nnbook.plotting.style import WIDTH, drawn_in_book_style

__all__ = ["plot_digit_grid", "plot_misclassified", "plot_weight_images"]

#: Height in inches of a line of title text above an image (11.5 pt and its
#: padding).
_TITLE_LINE = 0.22


def _image_columns(images: ArrayLike, name: str, *, func: str) -> np.ndarray:
    array = as_float_array(images, name, func=func, ndim=2)
    if array.shape[0] != 64 or array.shape[1] == 0:
        msg = (
            f"{func}(): argument {name!r} must have shape (64, n_images), one "
            f"8 x 8 image per column; got shape {array.shape}. If the images "
            "are rows, pass their transpose."
        )
        raise ValueError(msg)
    return array


def _grid(n_images: int, ncols: int, row_height: float) -> tuple[Figure, np.ndarray]:
    nrows = -(-n_images // ncols)
    figure = Figure(figsize=(WIDTH, row_height * nrows))
    axes = np.atleast_1d(figure.subplots(nrows, ncols, squeeze=False)).ravel()
    for ax in axes:
        ax.set_axis_off()
    return figure, axes


@drawn_in_book_style
def plot_digit_grid(
    pixels: ArrayLike,
    titles: Sequence[str] | None = None,
    *,
    ncols: int = 10,
) -> Figure:
    """Draw 8 x 8 images in a grid, dark ink on white, with a title each.

    Parameters
    ----------
    pixels : array-like of shape (64, n_images)
        Grey levels (0 is white), one image per column.
    titles : sequence of str, optional
        One title per image, e.g. its label.
    ncols : int, default 10
        Images per row.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``pixels`` is not 64 x n, or there is not one title per image.

    Examples
    --------
    >>> fig = plot_digit_grid(np.zeros((64, 3)), ["0", "1", "2"])
    >>> len([ax for ax in fig.axes if ax.images])
    3
    """
    func = "plot_digit_grid"
    images = _image_columns(pixels, "pixels", func=func)
    ncols = check_int(ncols, "ncols", func=func, min_value=1)
    n_images = images.shape[1]
    if titles is not None and len(titles) != n_images:
        msg = (
            f"{func}(): argument 'titles' must hold one title per image "
            f"({n_images}); got {len(titles)}."
        )
        raise ValueError(msg)
    lines = 0 if titles is None else 1
    figure, axes = _grid(n_images, ncols, WIDTH / ncols + lines * _TITLE_LINE)
    top = images.max()
    for i in range(n_images):
        axes[i].imshow(images[:, i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=top or 1)
        if titles is not None:
            axes[i].set_title(titles[i])
    return figure


@drawn_in_book_style
def plot_misclassified(
    pixels: ArrayLike,
    labels: ArrayLike,
    probabilities: ArrayLike,
    *,
    ncols: int = 5,
    max_images: int = 20,
) -> Figure:
    r"""Draw the images a classifier got wrong: true label, guess, probability.

    Parameters
    ----------
    pixels : array-like of shape (64, n_images)
        The images.
    labels : array-like of shape (n_images,)
        The true classes.
    probabilities : array-like of shape (n_classes, n_images)
        The classifier's predicted probabilities, classes x samples.
    ncols : int, default 5
        Images per row.
    max_images : int, default 20
        Draw at most this many wrong images, the most confident first.

    Returns
    -------
    matplotlib.figure.Figure
        Titles read ``true -> predicted`` with the predicted class's
        probability below; one empty panel if every image is right.

    Examples
    --------
    >>> P = np.array([[0.9, 0.2], [0.1, 0.8]])
    >>> fig = plot_misclassified(np.zeros((64, 2)), [0, 0], P)
    >>> [ax.get_title() for ax in fig.axes if ax.images]
    ['true 0 → 1\np = 0.80']
    """
    func = "plot_misclassified"
    images = _image_columns(pixels, "pixels", func=func)
    y = as_float_array(labels, "labels", func=func, ndim=1).astype(np.int64)
    P = as_float_array(probabilities, "probabilities", func=func, ndim=2)
    if y.size != images.shape[1] or P.shape[1] != images.shape[1]:
        msg = (
            f"{func}(): 'pixels', 'labels' and 'probabilities' must describe the "
            f"same images; got {images.shape[1]} images, {y.size} labels and "
            f"{P.shape[1]} columns of probabilities (classes x samples)."
        )
        raise ValueError(msg)
    predicted = P.argmax(axis=0)
    wrong = np.flatnonzero(predicted != y)
    # The most confident mistakes first: those say most about the model.
    wrong = wrong[np.argsort(-P[predicted[wrong], wrong], kind="stable")]
    wrong = wrong[: check_int(max_images, "max_images", func=func, min_value=1)]
    ncols = check_int(ncols, "ncols", func=func, min_value=1)
    figure, axes = _grid(max(wrong.size, 1), ncols, WIDTH / ncols + 2 * _TITLE_LINE)
    for ax, i in zip(axes, wrong, strict=False):
        ax.imshow(images[:, i].reshape(8, 8), cmap="gray_r", vmin=0)
        ax.set_title(f"true {y[i]} → {predicted[i]}\np = {P[predicted[i], i]:.2f}")
    return figure


@drawn_in_book_style
def plot_weight_images(
    W: ArrayLike, *, ncols: int = 8, label: str = "weight"
) -> Figure:
    """Draw each row of a first-layer weight matrix as an 8 x 8 image.

    Parameters
    ----------
    W : array-like of shape (n_units, 64)
        First-layer weights: row ``k`` is what unit ``k`` looks for.
    ncols : int, default 8
        Images per row.
    label : str, default "weight"
        The colour bar's label, e.g. ``"change of weight"`` for
        ``W - W_initial``.

    Returns
    -------
    matplotlib.figure.Figure
        Blue for positive weights, red for negative, white for 0; one colour
        scale for all units, so that their strengths compare.

    Examples
    --------
    >>> fig = plot_weight_images(np.ones((3, 64)))
    >>> len([ax for ax in fig.axes if ax.images])
    3
    """
    func = "plot_weight_images"
    weights = _image_columns(np.asarray(W).T, "W.T", func=func)
    ncols = check_int(ncols, "ncols", func=func, min_value=1)
    figure, axes = _grid(weights.shape[1], ncols, WIDTH / ncols)
    bound = np.abs(weights).max() or 1.0
    for k in range(weights.shape[1]):
        image = axes[k].imshow(
            weights[:, k].reshape(8, 8), cmap="RdBu", vmin=-bound, vmax=bound
        )
    bar = figure.colorbar(image, ax=axes.tolist(), shrink=0.8)
    bar.set_label(label)
    return figure
