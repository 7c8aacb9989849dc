"""Loss functions: how wrong a prediction is, as one number.

Taught in Chapter 1, section :ref:`nn-basics-losses`.

Conventions shared by every loss here:

* ``y_true`` and the prediction must have the **same shape**; nothing is
  broadcast, because ``(3,)`` against ``(3, 1)`` would broadcast to
  ``(3, 3)`` and give a plausible but wrong number.
* The result is the mean over samples, returned as a Python ``float``.
* No ``clip(p, 1e-15, 1 - 1e-15)``: clipping silently changes the loss.
  A probability of exactly 0 on the true class gives ``inf``, which is the
  true value; the ``*_with_logits`` forms are the ones to train with, and
  they stay finite for any finite logit.
* The categorical losses take the class axis as ``axis``. The default,
  ``axis=-1``, is the samples x classes layout of the chapter's loss
  example (and of PyTorch). For the network's classes x samples layout
  (the output of :func:`nnbook.forward_network`), pass ``axis=0``.
"""

import numpy as np

from nnbook._validation import (
    as_float_array,
    check_axis,
    check_one_hot,
    check_probabilities,
    check_same_shape,
)
from nnbook.probability import log_softmax

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "categorical_cross_entropy",
    "categorical_cross_entropy_with_logits",
    "mse_loss",
]

_LABEL_HINT = "Labels must be 0 or 1 (or soft labels between them)."


def _pair(y_true, y_pred, pred_name: str, func: str) -> tuple[np.ndarray, np.ndarray]:
    """Convert and check a (target, prediction) pair; cheap checks first."""
    y_true = as_float_array(y_true, "y_true", func=func)
    y_pred = as_float_array(y_pred, pred_name, func=func)
    check_same_shape(y_true, "y_true", y_pred, pred_name, func=func)
    if y_true.size == 0:
        msg = (
            f"{func}(): arguments 'y_true' and {pred_name!r} are empty; "
            "pass at least one sample."
        )
        raise ValueError(msg)
    return y_true, y_pred


def _xlogy(x: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``x * log(p)`` with ``0 * log(0) = 0``, and without warnings.

    ``np.log(0)`` warns, so the log is only taken of positive ``p``; where
    ``p == 0`` the term is 0 if ``x == 0`` and ``-inf`` otherwise.
    """
    positive = p > 0
    logs = x * np.log(np.where(positive, p, 1.0))
    return np.where(positive, logs, np.where(x > 0, -np.inf, 0.0))


def _mean_loss(total: np.floating, n_samples: int) -> float:
    # "+ 0.0" turns the -0.0 of a perfect prediction into 0.0.
    return float(total / n_samples) + 0.0


def mse_loss(y_true, y_pred):
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
    binary_cross_entropy

    Notes
    -----
    .. math:: L = \frac{1}{n} \sum_{i=1}^{n} (y_i - \hat{y}_i)^2

    Examples
    --------
    >>> round(mse_loss([1.0, 2.0, 3.0], [1.1, 2.3, 2.8]), 4)
    0.0467
    """
    y_true, y_pred = _pair(y_true, y_pred, "y_pred", "mse_loss")
    return _mean_loss(np.sum((y_true - y_pred) ** 2), y_true.size)


def binary_cross_entropy(y_true, y_pred):
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
    .. math:: L = -\frac{1}{n} \sum_{i=1}^{n}
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
    y_true, y_pred = _pair(y_true, y_pred, "y_pred", func)
    check_probabilities(y_true, "y_true", func=func, hint=_LABEL_HINT)
    check_probabilities(y_pred, "y_pred", func=func)
    log_likelihood = _xlogy(y_true, y_pred) + _xlogy(1.0 - y_true, 1.0 - y_pred)
    return _mean_loss(-np.sum(log_likelihood), y_true.size)


def binary_cross_entropy_with_logits(y_true, logits):
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
    y_true, z = _pair(y_true, logits, "logits", func)
    check_probabilities(y_true, "y_true", func=func, hint=_LABEL_HINT)
    losses = np.maximum(z, 0.0) - y_true * z + np.log1p(np.exp(-np.abs(z)))
    return _mean_loss(np.sum(losses), y_true.size)


def _n_samples(y: np.ndarray, axis: int) -> int:
    return y.size // y.shape[axis]


def categorical_cross_entropy(y_true, y_pred, axis=-1):
    r"""Categorical cross-entropy of predicted class probabilities.

    Parameters
    ----------
    y_true : array-like of shape (n_samples, n_classes)
        One-hot labels (or soft labels): non-negative, summing to 1 along
        ``axis``.
    y_pred : array-like of shape (n_samples, n_classes)
        Predicted probabilities, summing to 1 along ``axis``.
    axis : int, default -1
        The class axis. The default suits samples x classes, as in the
        chapter's example; pass ``axis=0`` for the network's classes x
        samples output.

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
    .. math:: L = -\frac{1}{n} \sum_{i=1}^{n} \sum_{c=1}^{C}
              y_{i,c} \log \hat{y}_{i,c}

    with :math:`0 \log 0 = 0` and no clipping, as in
    :func:`binary_cross_entropy`.

    Examples
    --------
    >>> y_true = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]
    >>> y_pred = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1],
    ...           [0.2, 0.2, 0.6], [0.8, 0.1, 0.1]]
    >>> round(categorical_cross_entropy(y_true, y_pred), 4)
    0.3284
    >>> Y, P = np.transpose(y_true), np.transpose(y_pred)  # classes x samples
    >>> round(categorical_cross_entropy(Y, P, axis=0), 4)
    0.3284
    """
    func = "categorical_cross_entropy"
    y_true, y_pred = _pair(y_true, y_pred, "y_pred", func)
    axis = check_axis(axis, y_true, "y_true", func=func)
    check_one_hot(y_true, "y_true", func=func, axis=axis)
    check_probabilities(y_pred, "y_pred", func=func)
    check_one_hot(y_pred, "y_pred", func=func, axis=axis)
    return _mean_loss(-np.sum(_xlogy(y_true, y_pred)), _n_samples(y_true, axis))


def categorical_cross_entropy_with_logits(y_true, logits, axis=-1):
    r"""Categorical cross-entropy of ``softmax(logits)``, computed stably.

    Parameters
    ----------
    y_true : array-like of shape (n_samples, n_classes)
        One-hot labels (or soft labels) along ``axis``.
    logits : array-like of shape (n_samples, n_classes)
        Pre-softmax scores, finite.
    axis : int, default -1
        The class axis, as for :func:`categorical_cross_entropy`; pass
        ``axis=0`` for classes x samples.

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
    .. math:: L = -\frac{1}{n} \sum_{i=1}^{n} \sum_{c=1}^{C}
              y_{i,c} \left( z_{i,c} - \log \sum_{k} e^{z_{i,k}} \right)

    The bracket is :func:`~nnbook.probability.log_softmax`, computed with
    log-sum-exp: it stays finite when ``softmax`` would round a probability
    to 0. This is what PyTorch's ``cross_entropy`` computes (it also takes
    logits).

    Examples
    --------
    >>> round(categorical_cross_entropy_with_logits([[0, 1]], [[0.0, 0.0]]), 4)
    0.6931
    >>> categorical_cross_entropy_with_logits([[1, 0, 0]], [[-1000.0, 0.0, 1000.0]])
    2000.0
    """
    func = "categorical_cross_entropy_with_logits"
    y_true, Z = _pair(y_true, logits, "logits", func)
    axis = check_axis(axis, y_true, "y_true", func=func)
    check_one_hot(y_true, "y_true", func=func, axis=axis)
    log_probs = log_softmax(Z, axis=axis)
    return _mean_loss(-np.sum(y_true * log_probs), _n_samples(y_true, axis))
