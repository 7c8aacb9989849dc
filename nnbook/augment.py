r"""Data augmentation for the 8x8 digits: new training images by small shifts.

Taught in Chapter 7, Generalisation and regularisation, section
:ref:`nn-regularisation-augmentation`. A digit moved by one pixel is still
the same digit, so shifted copies of the training images are extra,
correctly labelled examples that teach the network that position does not
matter. Arrays use the book's layout, **features x samples**: 64 pixel rows
(row-major, pixel ``(r, c)`` is row ``8 * r + c``), one column per image.

The shift is written here, rather than taken from ``scipy.ndimage.shift``,
because on 8 x 8 images it is only a slice with a border of zeros, which the
chapter shows; it works on the raw grey levels (0 is the background), before
standardisation. Rotations are left out on purpose: rotating an 8 x 8 image
by a few degrees needs interpolation, which at this resolution blurs the
strokes more than it turns them, so the "new" image is no longer one the
scanner could have produced.
"""

from typing import Any

import numpy as np

from nnbook._validation import (
    as_float_array,
    check_int,
    check_random_state,
    check_shape,
)

__all__ = ["augment_with_shifts", "shift_images"]

#: Side of the digit images, in pixels.
SIDE = 8


def _check_pixels(pixels: Any, *, func: str) -> np.ndarray:
    array = as_float_array(pixels, "pixels", func=func, ndim=2)
    check_shape(
        array,
        "pixels",
        (SIDE * SIDE, None),
        func=func,
        hint="Pass the raw grey levels, one 8x8 image per column, e.g. "
        "data.train.pixels.",
    )
    return array


def shift_images(pixels: Any, dx: Any, dy: Any) -> np.ndarray:
    r"""Move every image by whole pixels, filling the border with background.

    Parameters
    ----------
    pixels : array-like of shape (64, m)
        Raw grey levels, one 8 x 8 image per column (0 is the background).
    dx, dy : int or array-like of int of shape (m,)
        Columns to the right and rows down (negative: left and up), one pair
        for all images or one per image, each in ``[-7, 7]``.

    Returns
    -------
    ndarray of shape (64, m)
        The shifted images; what leaves the frame is lost, what enters it
        is 0.

    Raises
    ------
    ValueError
        If ``pixels`` is not 64 x m, or a shift is not a whole number in
        ``[-7, 7]`` or has the wrong length.

    Notes
    -----
    .. math:: x'_{r, c} = x_{r - \Delta y,\; c - \Delta x}
              \text{ if that pixel exists, else } 0.

    Examples
    --------
    >>> image = np.zeros((64, 1)); image[8 * 3 + 3] = 16.0  # one dot at (3, 3)
    >>> moved = shift_images(image, dx=1, dy=-2)
    >>> [divmod(int(i), 8) for i in np.flatnonzero(moved)]
    [(1, 4)]
    """
    func = "shift_images"
    images = _check_pixels(pixels, func=func).T.reshape(-1, SIDE, SIDE)
    m = images.shape[0]
    shifts = []
    for name, value in (("dx", dx), ("dy", dy)):
        array = as_float_array(value, name, func=func, ndim=(0, 1))
        if (
            array.size not in (1, m)
            or ((array != np.round(array)) | (np.abs(array) > SIDE - 1)).any()
        ):
            msg = (
                f"{func}(): argument {name!r} must be whole pixels in [-7, 7], "
                f"one value or one per image ({m}); got {value!r}."
            )
            raise ValueError(msg)
        shifts.append(np.broadcast_to(array, m).astype(np.int64))
    out = np.zeros_like(images)
    for i, (sx, sy) in enumerate(zip(*shifts, strict=True)):
        # Source rows/columns that land inside the frame after the move.
        rows = slice(max(0, -sy), SIDE - max(0, sy))
        cols = slice(max(0, -sx), SIDE - max(0, sx))
        out[i, max(0, sy) : SIDE + min(0, sy), max(0, sx) : SIDE + min(0, sx)] = images[
            i, rows, cols
        ]
    return out.reshape(m, -1).T


def augment_with_shifts(
    pixels: Any,
    labels: Any,
    *,
    max_shift: int = 1,
    copies: int = 1,
    rng: int | np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return the images and, after them, randomly shifted copies of each.

    Parameters
    ----------
    pixels : array-like of shape (64, m)
        Raw grey levels, one image per column.
    labels : array-like of shape (m,)
        The digit of each image; a shifted copy keeps its label.
    max_shift : int, default 1
        Each copy moves by ``dx, dy`` drawn uniformly from
        ``[-max_shift, max_shift]`` (in ``[1, 3]``: further, digits leave the
        frame).
    copies : int, default 1
        Shifted copies per image, at least 1.
    rng : int, numpy.random.Generator or None
        Draws the shifts; ``None`` is the package's fixed seed.

    Returns
    -------
    pixels : ndarray of shape (64, m * (1 + copies))
        The originals first, then the copies (copy ``k`` of image ``i`` is
        column ``m * (1 + k) + i``).
    labels : ndarray of int of shape (m * (1 + copies),)
        The labels in the same order.

    Raises
    ------
    ValueError
        For a bad ``pixels`` (see :func:`shift_images`), labels whose length
        is not ``m``, or ``max_shift`` or ``copies`` out of range.

    Examples
    --------
    >>> pixels = np.arange(64.0 * 3).reshape(64, 3)
    >>> big, y = augment_with_shifts(pixels, [4, 2, 7], copies=2, rng=0)
    >>> big.shape, y.tolist()
    ((64, 9), [4, 2, 7, 4, 2, 7, 4, 2, 7])
    """
    func = "augment_with_shifts"
    images = _check_pixels(pixels, func=func)
    y = np.asarray(labels)
    m = images.shape[1]
    if y.shape != (m,):
        msg = (
            f"{func}(): argument 'labels' must have one entry per image, shape "
            f"({m},); got shape {y.shape}. Pass the labels of the same subset."
        )
        raise ValueError(msg)
    max_shift = check_int(max_shift, "max_shift", func=func, min_value=1, max_value=3)
    copies = check_int(copies, "copies", func=func, min_value=1)
    generator = check_random_state(rng, func=func)
    parts = [images]
    for _ in range(copies):
        dx, dy = generator.integers(-max_shift, max_shift + 1, size=(2, m))
        parts.append(shift_images(images, dx, dy))
    return np.concatenate(parts, axis=1), np.tile(y.astype(np.int64), 1 + copies)
