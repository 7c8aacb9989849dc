r"""Categorical cross-entropy, from probabilities and from logits, with gradients.

Taught in Chapter 1, section :ref:`nn-basics-cce` (the losses), and Chapter
2, section :ref:`nn-training-loss-gradients` (the gradients and the fused
softmax-CCE pair).

The class axis is ``axis``, and its default is the package's one layout
convention (see :mod:`nnbook`): **classes x samples**, ``axis=0``, as the
output of :func:`nnbook.forward_network` and :func:`nnbook.softmax`'s default.
For PyTorch's samples x classes, pass ``axis=-1``. The gradients take the
network's classes x samples layout only.
"""

import numpy as np
from numpy.typing import ArrayLike

from nnbook._validation import (
    check_axis,
    check_finite_result,
    check_one_hot,
    check_probabilities,
)
from nnbook.losses._common import mean_of, pair, xlogy
from nnbook.probability import log_softmax, softmax

__all__ = [
    "categorical_cross_entropy",
    "categorical_cross_entropy_gradient",
    "categorical_cross_entropy_with_logits",
    "softmax_cce_backward",
]


def _n_samples(y: np.ndarray, axis: int) -> int:
    return y.size // y.shape[axis]


def cce_with_logits_terms(
    y_true: np.ndarray, Z: np.ndarray, axis: int, *, func: str
) -> np.ndarray:
    """Per-entry terms ``-y log softmax(Z)``; a zero label costs exactly 0.

    A log-probability below -1.8e308 (logits more than the largest float
    apart) is ``-inf``; it counts only where its label is non-zero, and then
    the loss is beyond float64, which is reported.
    """
    log_probs = log_softmax(Z, axis=axis)
    terms = -(y_true * np.where(y_true > 0, log_probs, 0.0))
    return check_finite_result(
        terms,
        "the cross-entropy",
        func=func,
        hint="The logits of a true class lie more than 1.8e308 below the largest.",
    )


def softmax_cce_dz(Y: np.ndarray, Z: np.ndarray) -> np.ndarray:
    r"""Return the fused output gradient :math:`(\operatorname{softmax}(Z) - Y) / m`."""
    return (softmax(Z, axis=0) - Y) / Y.shape[1]


def cce_gradient(y_true: np.ndarray, y_pred: np.ndarray, *, func: str) -> np.ndarray:
    r"""Return :math:`-Y / (m \hat Y)` of checked classes x samples arrays, or raise."""
    if ((y_pred == 0) & (y_true > 0)).any():
        msg = (
            f"{func}(): y_pred is exactly 0 for a true class: the loss is infinite "
            "there and so is its gradient. Compute the gradient from the "
            "logits with softmax_cce_backward(Y, Z), which stays finite."
        )
        raise ValueError(msg)
    with np.errstate(over="ignore"):  # a subnormal probability: reported below
        ratio = np.divide(y_true, y_pred, out=np.zeros_like(y_pred), where=y_true > 0)
        dA = -ratio / y_true.shape[1]
    return check_finite_result(
        dA,
        "the gradient -y_true / y_pred",
        func=func,
        hint="Compute it from the logits with softmax_cce_backward(Y, Z).",
    )


def categorical_cross_entropy(
    y_true: ArrayLike, y_pred: ArrayLike, axis: int = 0
) -> float:
    r"""Categorical cross-entropy of predicted class probabilities.

    Parameters
    ----------
    y_true : array-like of shape (n_classes, n_samples)
        One-hot labels (or soft labels): non-negative, summing to 1 along
        ``axis``.
    y_pred : array-like of shape (n_classes, n_samples)
        Predicted probabilities, summing to 1 along ``axis``.
    axis : int, default 0
        The class axis. The default is the book's classes x samples layout
        (the network's output); pass ``axis=-1`` for samples x classes, as in
        Chapter 1's example and PyTorch.

    Returns
    -------
    float
        The mean over samples of the per-sample loss, ``>= 0``; ``inf`` if
        a true class has predicted probability exactly 0.

    Raises
    ------
    ValueError
        If the shapes differ, ``axis`` is out of range, or either argument
        does not sum to 1 along ``axis`` (the message suggests the axis
        along which it does).

    See Also
    --------
    categorical_cross_entropy_with_logits : the stable form, for training.

    Notes
    -----
    .. math:: L = -\frac{1}{m} \sum_{i=1}^{m} \sum_{c=1}^{C}
              y_{i,c} \log \hat{y}_{i,c}

    with :math:`0 \log 0 = 0` and no clipping, as in
    :func:`nnbook.binary_cross_entropy`.

    Examples
    --------
    >>> y_true = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]
    >>> y_pred = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1],
    ...           [0.2, 0.2, 0.6], [0.8, 0.1, 0.1]]
    >>> round(categorical_cross_entropy(y_true, y_pred, axis=-1), 4)  # rows
    0.3284
    >>> Y, P = np.transpose(y_true), np.transpose(y_pred)  # classes x samples
    >>> round(categorical_cross_entropy(Y, P), 4)
    0.3284
    """
    func = "categorical_cross_entropy"
    y_true, y_pred = pair(y_true, y_pred, ("y_true", "y_pred"), func=func)
    axis = check_axis(axis, y_true, "y_true", func=func)
    check_one_hot(y_true, "y_true", func=func, axis=axis)
    check_probabilities(y_pred, "y_pred", func=func)
    check_one_hot(y_pred, "y_pred", func=func, axis=axis)
    return mean_of(-xlogy(y_true, y_pred), _n_samples(y_true, axis))


def categorical_cross_entropy_with_logits(
    y_true: ArrayLike, logits: ArrayLike, axis: int = 0
) -> float:
    r"""Categorical cross-entropy of ``softmax(logits)``, computed stably.

    Parameters
    ----------
    y_true : array-like of shape (n_classes, n_samples)
        One-hot labels (or soft labels) along ``axis``.
    logits : array-like of shape (n_classes, n_samples)
        Pre-softmax scores, finite.
    axis : int, default 0
        The class axis, as for :func:`categorical_cross_entropy`; pass
        ``axis=-1`` for samples x classes.

    Returns
    -------
    float
        The mean over samples, finite and ``>= 0``.

    Raises
    ------
    ValueError
        If the shapes differ, ``axis`` is out of range, ``y_true`` does not
        sum to 1 along ``axis``, or a logit is NaN or infinite.

    See Also
    --------
    categorical_cross_entropy, nnbook.probability.log_softmax

    Notes
    -----
    .. math:: L = -\frac{1}{m} \sum_{i=1}^{m} \sum_{c=1}^{C}
              y_{i,c} \left( z_{i,c} - \log \sum_{k} e^{z_{i,k}} \right)

    The bracket is :func:`~nnbook.probability.log_softmax`, computed with
    log-sum-exp: it stays finite when ``softmax`` would round a probability
    to 0, and a class whose label is 0 costs exactly 0 even when its
    log-probability is below float64's range. This is what PyTorch's
    ``cross_entropy`` computes (it also takes logits).

    Examples
    --------
    >>> round(categorical_cross_entropy_with_logits([[0], [1]], [[0.0], [0.0]]), 4)
    0.6931
    >>> categorical_cross_entropy_with_logits([[1], [0], [0]],
    ...                                       [[-1000.0], [0.0], [1000.0]])
    2000.0
    """
    func = "categorical_cross_entropy_with_logits"
    y_true, Z = pair(y_true, logits, ("y_true", "logits"), func=func)
    axis = check_axis(axis, y_true, "y_true", func=func)
    check_one_hot(y_true, "y_true", func=func, axis=axis)
    terms = cce_with_logits_terms(y_true, Z, axis, func=func)
    return mean_of(terms, _n_samples(y_true, axis))


def categorical_cross_entropy_gradient(
    y_true: ArrayLike, y_pred: ArrayLike
) -> np.ndarray:
    r"""Gradient of the categorical cross-entropy with respect to ``y_pred``.

    Parameters
    ----------
    y_true : array-like of shape (n_classes, n_samples)
        One-hot (or soft) labels, one column per sample.
    y_pred : array-like of shape (n_classes, n_samples)
        Predicted probabilities.

    Returns
    -------
    numpy.ndarray
        :math:`\partial L / \partial \hat{Y}`, shape ``(n_classes, n_samples)``.

    Raises
    ------
    ValueError
        If the arrays are not 2-D of the same shape, a column of ``y_true`` is
        not a distribution, or a true class has predicted probability 0 (an
        infinite gradient: use :func:`softmax_cce_backward`).

    See Also
    --------
    softmax_cce_backward, nnbook.categorical_cross_entropy

    Notes
    -----
    The loss is ``categorical_cross_entropy(Y, P, axis=0)``, a mean over the
    :math:`m` samples:

    .. math:: \frac{\partial L}{\partial \hat{y}_{c,i}}
              = -\frac{1}{m}\,\frac{y_{c,i}}{\hat{y}_{c,i}}

    Examples
    --------
    >>> categorical_cross_entropy_gradient([[1.0, 0.0], [0.0, 1.0]],
    ...                                    [[0.5, 0.2], [0.5, 0.8]])
    array([[-1.    , -0.    ],
           [-0.    , -0.625]])
    """
    func = "categorical_cross_entropy_gradient"
    y_true, y_pred = pair(y_true, y_pred, ("y_true", "y_pred"), func=func, ndim=2)
    check_one_hot(y_true, "y_true", func=func, axis=0)
    check_probabilities(y_pred, "y_pred", func=func)
    return cce_gradient(y_true, y_pred, func=func)


def softmax_cce_backward(Y: ArrayLike, Z: ArrayLike) -> np.ndarray:
    r"""Gradient of the categorical cross-entropy of ``softmax(Z)`` w.r.t. ``Z``.

    Parameters
    ----------
    Y : array-like of shape (n_classes, n_samples)
        One-hot (or soft) labels, one column per sample.
    Z : array-like of shape (n_classes, n_samples)
        Output logits, finite.

    Returns
    -------
    dZ : numpy.ndarray
        :math:`(\operatorname{softmax}(Z) - Y) / m`, shape ``(n_classes, m)``.

    Raises
    ------
    ValueError
        If the arrays are not 2-D of the same shape, ``Z`` is not finite or a
        column of ``Y`` is not a distribution.

    See Also
    --------
    categorical_cross_entropy_gradient, nnbook.probability.softmax

    Notes
    -----
    With :math:`a = \operatorname{softmax}(z)` and labels summing to 1,

    .. math:: \frac{\partial L}{\partial z_k}
              = -\frac{1}{m}\sum_c \frac{y_c}{a_c}\, a_c(\delta_{ck} - a_k)
              = \frac{a_k - y_k}{m}.

    References
    ----------
    .. [1] D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning
       representations by back-propagating errors", *Nature* 323,
       pp. 533-536, 1986.

    Examples
    --------
    >>> softmax_cce_backward([[1.0], [0.0]], [[0.0], [0.0]])
    array([[-0.5],
           [ 0.5]])
    """
    func = "softmax_cce_backward"
    Y, Z = pair(Y, Z, ("Y", "Z"), func=func, ndim=2)
    check_one_hot(Y, "Y", func=func, axis=0)
    return (softmax(Z, axis=0) - Y) / Y.shape[1]
