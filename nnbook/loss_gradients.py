r"""Gradients of the losses, where backpropagation starts.

Taught in Chapter 2, section :ref:`nn-training-loss-gradients`. Each
function differentiates a loss of :mod:`nnbook.losses` with respect to the
network's output.

Conventions shared by every function here:

* Arrays use the network's layout, **outputs x samples** (``(n_outputs, m)``),
  the layout of :func:`nnbook.forward_network`'s cache.
* **The 1/m of the mean lives here.** Each loss is a mean, so its gradient
  carries the factor :math:`1/N`, where :math:`N` is the number of terms the
  loss averages: every entry for :func:`mse_loss_gradient` and
  :func:`binary_cross_entropy_gradient` (as in :func:`nnbook.mse_loss` and
  PyTorch), the ``m`` samples for the categorical loss. With one output unit
  :math:`N = m`. :func:`nnbook.backward.dense_backward` then sums over samples
  and never divides again.
* Targets and predictions must have the same shape; nothing is broadcast.
"""

import numpy as np

from nnbook._validation import (
    as_float_array,
    check_one_hot,
    check_probabilities,
    check_same_shape,
)
from nnbook.activations import sigmoid
from nnbook.probability import softmax

__all__ = [
    "binary_cross_entropy_gradient",
    "categorical_cross_entropy_gradient",
    "mse_loss_gradient",
    "sigmoid_bce_backward",
    "softmax_cce_backward",
]

_LABEL_HINT = "Labels must be 0 or 1 (or soft labels between them)."


def _pair(first, second, names: tuple[str, str], func: str, *, ndim=None):
    """Convert a (target, prediction) pair and check that the shapes match."""
    first = as_float_array(first, names[0], func=func, ndim=ndim)
    second = as_float_array(second, names[1], func=func, ndim=ndim)
    check_same_shape(first, names[0], second, names[1], func=func)
    if first.size == 0:
        msg = f"{func}(): arguments {names[0]!r} and {names[1]!r} are empty."
        raise ValueError(msg)
    return first, second


def _classes_x_samples(first, second, names: tuple[str, str], func: str):
    """As :func:`_pair`, 2-D, with a distribution in every column of ``first``."""
    first, second = _pair(first, second, names, func, ndim=2)
    check_one_hot(first, names[0], func=func, axis=0)
    return first, second


def mse_loss_gradient(y_true, y_pred):
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
    y_true, y_pred = _pair(y_true, y_pred, ("y_true", "y_pred"), "mse_loss_gradient")
    return 2.0 * (y_pred - y_true) / y_true.size


def binary_cross_entropy_gradient(y_true, y_pred):
    r"""Gradient of :func:`nnbook.binary_cross_entropy` with respect to ``y_pred``.

    Parameters
    ----------
    y_true : array-like of shape (n_outputs, n_samples)
        Labels in ``[0, 1]``.
    y_pred : array-like of shape (n_outputs, n_samples)
        Predicted probabilities in ``[0, 1]``.

    Returns
    -------
    numpy.ndarray
        :math:`\partial L / \partial \hat{Y}`, shape of ``y_pred``.

    Raises
    ------
    ValueError
        If the shapes differ, a value is outside ``[0, 1]``, or a prediction
        is exactly 0 or 1 against a label that disagrees: the loss is
        infinite there and so is its gradient. Train on logits with
        :func:`sigmoid_bce_backward` instead, which is always finite.

    See Also
    --------
    sigmoid_bce_backward : The same gradient taken through the sigmoid.

    Notes
    -----
    .. math:: \frac{\partial L}{\partial \hat{y}}
              = \frac{1}{N}\left(-\frac{y}{\hat{y}}
              + \frac{1 - y}{1 - \hat{y}}\right)
              = \frac{1}{N}\,\frac{\hat{y} - y}{\hat{y}(1 - \hat{y})}

    The first form is used, and a term whose label weight is 0 counts as 0
    (as :math:`0 \log 0 = 0` in the loss), so ``y_pred = 0`` with label 0
    has the finite gradient :math:`1/N`.

    Examples
    --------
    >>> binary_cross_entropy_gradient([[1.0, 0.0]], [[0.5, 0.5]])
    array([[-1.,  1.]])
    >>> binary_cross_entropy_gradient([[0.0]], [[0.0]])
    array([[1.]])
    """
    func = "binary_cross_entropy_gradient"
    y_true, y_pred = _pair(y_true, y_pred, ("y_true", "y_pred"), func)
    check_probabilities(y_true, "y_true", func=func, hint=_LABEL_HINT)
    check_probabilities(y_pred, "y_pred", func=func)
    infinite = ((y_pred == 0) & (y_true > 0)) | ((y_pred == 1) & (y_true < 1))
    if infinite.any():
        where = tuple(int(i) for i in np.argwhere(infinite)[0])
        msg = (
            f"{func}(): y_pred is exactly {y_pred[where]:g} at index {where} where "
            f"the label is {y_true[where]:g}: the loss is infinite there and so is "
            "its gradient. Compute the gradient from the logits with "
            "sigmoid_bce_backward(Y, Z), which stays finite."
        )
        raise ValueError(msg)
    # Divide only where the label weight is non-zero (no 0/0, no warning).
    pos = np.divide(y_true, y_pred, out=np.zeros_like(y_pred), where=y_true > 0)
    neg = np.divide(
        1.0 - y_true, 1.0 - y_pred, out=np.zeros_like(y_pred), where=y_true < 1
    )
    return (neg - pos) / y_true.size


def categorical_cross_entropy_gradient(y_true, y_pred):
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
    y_true, y_pred = _classes_x_samples(y_true, y_pred, ("y_true", "y_pred"), func)
    check_probabilities(y_pred, "y_pred", func=func)
    if ((y_pred == 0) & (y_true > 0)).any():
        msg = (
            f"{func}(): y_pred is exactly 0 for a true class: the loss is infinite "
            "there and so is its gradient. Compute the gradient from the logits "
            "with softmax_cce_backward(Y, Z), which stays finite."
        )
        raise ValueError(msg)
    ratio = np.divide(y_true, y_pred, out=np.zeros_like(y_pred), where=y_true > 0)
    return -ratio / y_true.shape[1]


def sigmoid_bce_backward(Y, Z):
    r"""Gradient of the binary cross-entropy of ``sigmoid(Z)`` with respect to ``Z``.

    Parameters
    ----------
    Y : array-like of shape (n_outputs, n_samples)
        Labels in ``[0, 1]``.
    Z : array-like of shape (n_outputs, n_samples)
        Output pre-activations (logits), finite.

    Returns
    -------
    dZ : numpy.ndarray
        :math:`(\sigma(Z) - Y) / N`, shape of ``Z``; always finite.

    Raises
    ------
    ValueError
        If the shapes differ, a label is outside ``[0, 1]`` or ``Z`` is not
        finite.

    See Also
    --------
    binary_cross_entropy_gradient, nnbook.binary_cross_entropy_with_logits

    Notes
    -----
    With :math:`a = \sigma(z)` and :math:`\sigma'(z) = a(1 - a)`, the chain
    rule cancels the denominator of the BCE gradient:

    .. math:: \frac{\partial L}{\partial z}
              = \frac{1}{N}\,\frac{a - y}{a(1 - a)} \cdot a(1 - a)
              = \frac{a - y}{N}.

    The fused form is cheaper, has no division, and stays finite where
    :math:`a` rounds to exactly 0 or 1.

    References
    ----------
    .. [1] D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning
       representations by back-propagating errors", *Nature* 323,
       pp. 533-536, 1986.

    Examples
    --------
    >>> sigmoid_bce_backward([[1.0, 0.0]], [[0.0, 1000.0]])
    array([[-0.25,  0.5 ]])
    """
    func = "sigmoid_bce_backward"
    Y, Z = _pair(Y, Z, ("Y", "Z"), func)
    check_probabilities(Y, "Y", func=func, hint=_LABEL_HINT)
    return (sigmoid(Z) - Y) / Y.size


def softmax_cce_backward(Y, Z):
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
    Y, Z = _classes_x_samples(Y, Z, ("Y", "Z"), "softmax_cce_backward")
    return (softmax(Z, axis=0) - Y) / Y.shape[1]
