r"""Binary cross-entropy, from probabilities and from logits, with its gradients.

Taught in Chapter 1, section :ref:`nn-basics-losses` (the losses), and
Chapter 2, section :ref:`nn-training-loss-gradients` (the gradients and the
fused sigmoid-BCE pair). Labels and predictions have the same shape; any
layout works, since every entry is its own term.

No ``clip(p, 1e-15, 1 - 1e-15)``: clipping silently changes the loss. A
probability of exactly 0 on the true class gives ``inf``, which is the true
value; the ``*_with_logits`` form is the one to train with, and it stays
finite for any finite logit.
"""

import numpy as np
from numpy.typing import ArrayLike

from nnbook._validation import check_finite_result, check_probabilities
from nnbook.activations.smooth import sigmoid
from nnbook.losses._common import LABEL_HINT, mean_of, pair, xlogy

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_gradient",
    "binary_cross_entropy_with_logits",
    "sigmoid_bce_backward",
]


def check_labels(Y: np.ndarray, name: str, *, func: str) -> None:
    """Raise unless every label lies in ``[0, 1]``."""
    check_probabilities(Y, name, func=func, hint=LABEL_HINT)


def bce_with_logits_terms(y_true: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Per-entry BCE of ``sigmoid(z)``; each term lies in ``[0, |z| + log 2]``."""
    return np.maximum(z, 0.0) - y_true * z + np.log1p(np.exp(-np.abs(z)))


def sigmoid_bce_dz(Y: np.ndarray, Z: np.ndarray) -> np.ndarray:
    r"""Return the fused output gradient :math:`(\sigma(Z) - Y) / N`."""
    return (sigmoid(Z) - Y) / Y.size


def bce_gradient(y_true: np.ndarray, y_pred: np.ndarray, *, func: str) -> np.ndarray:
    r"""Return :math:`\partial L / \partial \hat Y` of checked arrays, or raise."""
    infinite = ((y_pred == 0) & (y_true > 0)) | ((y_pred == 1) & (y_true < 1))
    if infinite.any():
        where = tuple(int(i) for i in np.argwhere(infinite)[0])
        msg = (
            f"{func}(): y_pred is exactly {y_pred[where]:g} at index "
            f"{where} where the label is {y_true[where]:g}: the loss is infinite "
            "there and so is its gradient. Compute the gradient from the logits "
            "with sigmoid_bce_backward(Y, Z), which stays finite."
        )
        raise ValueError(msg)
    # Divide only where the label weight is non-zero (no 0/0, no warning);
    # a subnormal prediction can still overflow the ratio: reported below.
    with np.errstate(over="ignore"):
        pos = np.divide(y_true, y_pred, out=np.zeros_like(y_pred), where=y_true > 0)
        neg = np.divide(
            1.0 - y_true, 1.0 - y_pred, out=np.zeros_like(y_pred), where=y_true < 1
        )
        dA = (neg - pos) / y_true.size
    return check_finite_result(
        dA,
        "the gradient (1 - y_true) / (1 - y_pred) - y_true / y_pred",
        func=func,
        hint="Compute it from the logits with sigmoid_bce_backward(Y, Z).",
    )


def binary_cross_entropy(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    r"""Binary cross-entropy of predicted probabilities.

    Parameters
    ----------
    y_true : array-like
        Labels in ``[0, 1]`` (usually exactly 0 or 1).
    y_pred : array-like
        Predicted probabilities in ``[0, 1]``, same shape as ``y_true``.

    Returns
    -------
    float
        The mean over all entries, ``>= 0``; ``inf`` if some ``y_pred`` is
        exactly 0 where ``y_true > 0`` (or exactly 1 where ``y_true < 1``).

    Raises
    ------
    ValueError
        If the shapes differ, or a label or probability is outside ``[0, 1]``.

    See Also
    --------
    binary_cross_entropy_with_logits : the stable form, for training.

    Notes
    -----
    .. math:: L = -\frac{1}{m} \sum_{i=1}^{m}
              \left[ y_i \log \hat{y}_i + (1 - y_i) \log(1 - \hat{y}_i) \right]

    Terms with :math:`y_i = 0` contribute 0 even at :math:`\hat{y}_i = 0`
    (the limit :math:`0 \log 0 = 0`). A confidently wrong prediction costs
    :math:`-\log 0 = \infty`; clipping ``y_pred`` to
    ``[1e-15, 1 - 1e-15]``, a common shortcut, would silently report about
    34.5 instead (Chapter 1 shows this). PyTorch's
    ``binary_cross_entropy`` clamps each log at -100. Rather than pick
    such a cap, train on logits with
    :func:`binary_cross_entropy_with_logits`, which never needs one.

    Examples
    --------
    >>> y_true = [1, 0, 1, 1, 0]
    >>> round(binary_cross_entropy(y_true, [0.9, 0.1, 0.8, 0.7, 0.2]), 4)
    0.2027
    >>> round(binary_cross_entropy(y_true, [0.3, 0.6, 0.4, 0.2, 0.8]), 4)
    1.2511
    >>> binary_cross_entropy([1, 0], [1.0, 0.0])
    0.0
    >>> binary_cross_entropy([1, 0], [0.0, 0.0])
    inf
    """
    func = "binary_cross_entropy"
    y_true, y_pred = pair(y_true, y_pred, ("y_true", "y_pred"), func=func)
    check_probabilities(y_true, "y_true", func=func, hint=LABEL_HINT)
    check_probabilities(y_pred, "y_pred", func=func)
    log_likelihood = xlogy(y_true, y_pred) + xlogy(1.0 - y_true, 1.0 - y_pred)
    return mean_of(-log_likelihood, y_true.size)


def binary_cross_entropy_with_logits(y_true: ArrayLike, logits: ArrayLike) -> float:
    r"""Binary cross-entropy of ``sigmoid(logits)``, computed stably.

    Parameters
    ----------
    y_true : array-like
        Labels in ``[0, 1]``.
    logits : array-like
        Pre-sigmoid scores :math:`z`, finite, same shape as ``y_true``.

    Returns
    -------
    float
        The mean over all entries, finite and ``>= 0``.

    Raises
    ------
    ValueError
        If the shapes differ, a label is outside ``[0, 1]``, or a logit is
        NaN or infinite.

    See Also
    --------
    binary_cross_entropy, nnbook.activations.sigmoid

    Notes
    -----
    With :math:`\hat{y} = \sigma(z)`, the loss per entry simplifies to

    .. math:: \ell(y, z) = \log(1 + e^{z}) - y z
              = \max(z, 0) - y z + \log\left(1 + e^{-|z|}\right)

    The right-hand form never overflows (:math:`e^{-|z|} \le 1`) and never
    computes :math:`\log 0`, so it is finite at :math:`z = \pm 1000` where
    :math:`\sigma(z)` rounds to exactly 0 or 1. It is the form PyTorch's
    ``binary_cross_entropy_with_logits`` uses.

    Examples
    --------
    >>> round(binary_cross_entropy_with_logits([1, 0], [0.0, 0.0]), 4)
    0.6931
    >>> binary_cross_entropy_with_logits([1, 1], [1000.0, -1000.0])
    500.0
    """
    func = "binary_cross_entropy_with_logits"
    y_true, z = pair(y_true, logits, ("y_true", "logits"), func=func)
    check_probabilities(y_true, "y_true", func=func, hint=LABEL_HINT)
    return mean_of(bce_with_logits_terms(y_true, z), y_true.size)


def binary_cross_entropy_gradient(y_true: ArrayLike, y_pred: ArrayLike) -> np.ndarray:
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
    y_true, y_pred = pair(y_true, y_pred, ("y_true", "y_pred"), func=func)
    check_probabilities(y_true, "y_true", func=func, hint=LABEL_HINT)
    check_probabilities(y_pred, "y_pred", func=func)
    return bce_gradient(y_true, y_pred, func=func)


def sigmoid_bce_backward(Y: ArrayLike, Z: ArrayLike) -> np.ndarray:
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
    Y, Z = pair(Y, Z, ("Y", "Z"), func=func)
    check_probabilities(Y, "Y", func=func, hint=LABEL_HINT)
    return (sigmoid(Z) - Y) / Y.size
