r"""Mean squared error, for regression, beside its gradient.

Taught in Chapter 1, section :ref:`nn-basics-losses` (the loss), and Chapter
2, section :ref:`nn-training-loss-gradients` (its gradient). Conventions of
every loss (see :mod:`nnbook.losses`): the same shape for targets and
predictions, nothing broadcast, the mean as a Python ``float``, and the
:math:`1/N` of the mean in the gradient.
"""

import numpy as np
from numpy.typing import ArrayLike

from nnbook._validation import check_finite_result
from nnbook.losses._common import mean_of, pair

__all__ = ["mse_loss", "mse_loss_gradient"]

_OVERFLOW_HINT = "Rescale the targets and predictions (e.g. standardise them)."


def mse_terms(y_true: np.ndarray, y_pred: np.ndarray, *, func: str) -> np.ndarray:
    """Squared errors, or a clear error where a difference overflows float64."""
    with np.errstate(over="ignore", under="ignore"):  # reported just below
        diff = y_pred - y_true
        check_finite_result(diff, "y_pred - y_true", func=func, hint=_OVERFLOW_HINT)
        scale = np.max(np.abs(diff))  # a NumPy float: its square may be inf
        if scale < 1e150:  # squares cannot overflow: the plain formula
            return diff**2
        # (d / s)^2 s^2 keeps every square finite until the product itself
        # is beyond float64, which is then reported.
        squares = (diff / scale) ** 2 * scale**2
    return check_finite_result(
        squares,
        "the squared error (y_pred - y_true)**2",
        func=func,
        hint=_OVERFLOW_HINT,
    )


def mse_loss(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    r"""Mean squared error, for regression.

    Parameters
    ----------
    y_true : array-like
        Targets, finite.
    y_pred : array-like
        Predictions, finite, same shape as ``y_true``.

    Returns
    -------
    float
        The mean over all entries, ``>= 0``.

    Raises
    ------
    ValueError
        If the shapes differ, the arrays are empty, or they contain NaN/inf.
    TypeError
        If either is not real-valued.

    See Also
    --------
    nnbook.binary_cross_entropy

    Notes
    -----
    .. math:: L = \frac{1}{m} \sum_{i=1}^{m} (y_i - \hat{y}_i)^2

    Examples
    --------
    >>> round(mse_loss([1.0, 2.0, 3.0], [1.1, 2.3, 2.8]), 4)
    0.0467
    """
    func = "mse_loss"
    y_true, y_pred = pair(y_true, y_pred, ("y_true", "y_pred"), func=func)
    return mean_of(mse_terms(y_true, y_pred, func=func), y_true.size)


def mse_gradient(y_true: np.ndarray, y_pred: np.ndarray, *, func: str) -> np.ndarray:
    r"""Return :math:`2(\hat Y - Y)/N` of checked arrays; overflow raises."""
    with np.errstate(over="ignore"):  # reported just below
        dA = (y_pred - y_true) * (2.0 / y_true.size)
    return check_finite_result(dA, "the MSE gradient", func=func, hint=_OVERFLOW_HINT)


def mse_loss_gradient(y_true: ArrayLike, y_pred: ArrayLike) -> np.ndarray:
    r"""Gradient of :func:`nnbook.mse_loss` with respect to ``y_pred``.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_outputs, n_samples)
        Targets and predictions, finite, of the same shape.

    Returns
    -------
    numpy.ndarray
        :math:`\partial L / \partial \hat{Y}`, shape of ``y_pred``.

    Raises
    ------
    ValueError
        If the shapes differ, the arrays are empty or not finite.

    See Also
    --------
    nnbook.mse_loss

    Notes
    -----
    With :math:`N` entries, :math:`L = \frac{1}{N}\sum (\hat{y} - y)^2`, so

    .. math:: \frac{\partial L}{\partial \hat{y}} = \frac{2}{N}(\hat{y} - y).

    The 2 stays: the book's (and PyTorch's) MSE has no :math:`\tfrac12`.

    Examples
    --------
    >>> mse_loss_gradient([[1.0, 2.0]], [[2.0, 2.0]])
    array([[1., 0.]])
    """
    func = "mse_loss_gradient"
    y_true, y_pred = pair(y_true, y_pred, ("y_true", "y_pred"), func=func)
    return mse_gradient(y_true, y_pred, func=func)
