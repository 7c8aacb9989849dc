"""Softmax and log-softmax: turning a vector of scores into probabilities.

Taught in Chapter 1, section :ref:`nn-basics-cce`. Unlike the element-wise
activations in :mod:`nnbook.activations`, these map a whole vector: each output
depends on every score along the class axis. ``axis`` names that axis; the
default ``axis=0`` is the book's classes x samples layout (use ``axis=-1`` for
samples x classes, as in PyTorch).
"""

import numpy as np
from numpy.typing import ArrayLike

from nnbook._validation import as_float_array, check_axis

__all__ = ["log_softmax", "softmax"]


def _shifted(Z: np.ndarray, axis: int) -> np.ndarray:
    """``Z`` minus its maximum along ``axis``: every value ``<= 0``.

    Scores more than the largest float apart (``-1e308`` beside ``1e308``)
    overflow to ``-inf`` here, whose exponential is exactly the 0 it should
    be; the overflow is expected, so it is not reported.
    """
    with np.errstate(over="ignore"):
        return Z - Z.max(axis=axis, keepdims=True)


def _as_logits(Z, func: str, axis) -> tuple[np.ndarray, int]:
    Z = as_float_array(Z, "Z", func=func, ndim=(1, 2, 3, 4))
    if Z.size == 0:
        msg = f"{func}(): argument 'Z' is empty (shape {Z.shape}); pass some scores."
        raise ValueError(msg)
    return Z, check_axis(axis, Z, "Z", func=func)


def softmax(Z: ArrayLike, axis: int = 0) -> np.ndarray:
    r"""Softmax along ``axis``: probabilities that sum to 1 over the classes.

    Parameters
    ----------
    Z : array-like of shape (n_classes, n_samples)
        Logits, finite. Any 1-D to 4-D array works with a matching ``axis``.
    axis : int, default 0
        The class axis. 0 suits the book's classes x samples layout; pass
        ``axis=-1`` for PyTorch's samples x classes layout.

    Returns
    -------
    numpy.ndarray
        Same shape as ``Z``, in ``[0, 1]``, summing to 1 along ``axis``.

    Raises
    ------
    ValueError
        If ``Z`` is 0-D or not finite, or ``axis`` is out of range.

    See Also
    --------
    log_softmax, nnbook.losses.categorical_cross_entropy_with_logits

    Notes
    -----
    .. math:: \operatorname{softmax}(z)_k = \frac{e^{z_k}}{\sum_j e^{z_j}}
              = \frac{e^{z_k - m}}{\sum_j e^{z_j - m}}, \quad m = \max_j z_j

    Subtracting the maximum changes nothing mathematically but keeps every
    exponent :math:`\le 0`, so ``exp`` cannot overflow.

    Examples
    --------
    >>> softmax([1000.0, 0.0, -1000.0])
    array([1., 0., 0.])
    >>> softmax([[1.0, 0.0], [1.0, 0.0]])  # two classes, two samples
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    Z, axis = _as_logits(Z, "softmax", axis)
    E = np.exp(_shifted(Z, axis))
    return E / E.sum(axis=axis, keepdims=True)


def log_softmax(Z: ArrayLike, axis: int = 0) -> np.ndarray:
    r"""Logarithm of :func:`softmax`, computed with log-sum-exp.

    Parameters
    ----------
    Z : array-like of shape (n_classes, n_samples)
        Logits, finite.
    axis : int, default 0
        The class axis, as for :func:`softmax`.

    Returns
    -------
    numpy.ndarray
        Same shape as ``Z``, all values ``<= 0``.

    Raises
    ------
    ValueError
        If ``Z`` is 0-D or not finite, or ``axis`` is out of range.

    See Also
    --------
    softmax

    Notes
    -----
    .. math:: \log\operatorname{softmax}(z)_k = z_k - m
              - \log \sum_j e^{z_j - m}, \quad m = \max_j z_j

    ``np.log(softmax(Z))`` gives ``-inf`` (and a warning) wherever the
    softmax underflows to 0; this form stays finite.

    Examples
    --------
    >>> log_softmax([1000.0, 0.0, -1000.0])
    array([    0., -1000., -2000.])
    """
    Z, axis = _as_logits(Z, "log_softmax", axis)
    shifted = _shifted(Z, axis)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
