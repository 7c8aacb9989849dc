r"""What every training loop needs: the loss, the accuracy, mini-batches.

Taught in Chapter 2, Training feedforward networks, section
:ref:`nn-training-loop`. These
helpers are shared by the NumPy :class:`nnbook.network.Network` and the
PyTorch :func:`nnbook.pytorch.train_network`, so that both compute the same
numbers from the same mini-batches in the same order. Arrays use the book's
layout, **features x samples**.
"""

import numpy as np

from nnbook._training_checks import CLASSIFICATION_LOSSES, check_batch_size
from nnbook._validation import check_choice
from nnbook.backward import LOSS_GRADIENTS, OUTPUT_ACTIVATIONS
from nnbook.forward import forward_network
from nnbook.initialization import _as_generator
from nnbook.losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    categorical_cross_entropy,
    categorical_cross_entropy_with_logits,
    mse_loss,
)
from nnbook.probability import softmax

__all__ = [
    "accuracy",
    "forward_pass",
    "loss_from_output",
    "minibatches",
]


def forward_pass(
    X, parameters, *, hidden_activation="relu", output_activation="sigmoid"
):
    r"""Run :func:`nnbook.forward_network`, also for a softmax output layer.

    Parameters
    ----------
    X : array-like of shape (n_features, n_samples)
        The inputs.
    parameters : dict of str to ndarray
        ``"W1", "b1", ..., "WL", "bL"``.
    hidden_activation : str, default "relu"
        Activation of layers 1 to L - 1.
    output_activation : str, default "sigmoid"
        A name in :data:`nnbook.backward.OUTPUT_ACTIVATIONS`.

    Returns
    -------
    cache : dict of str to ndarray
        ``"A0", "Z1", "A1", ..., "ZL", "AL"`` as for
        :func:`nnbook.forward_network`.

    Raises
    ------
    ValueError
        As :func:`nnbook.forward_network`, or for an unknown output name.

    See Also
    --------
    nnbook.forward_network

    Notes
    -----
    Softmax acts on each column (sample) as a whole, so it is applied to
    :math:`Z^{[L]}` after a linear output layer:
    :math:`A^{[L]} = \operatorname{softmax}(Z^{[L]})`.

    Examples
    --------
    >>> params = {"W1": np.zeros((3, 2)), "b1": np.zeros(3)}
    >>> forward_pass(np.ones((2, 1)), params, output_activation="softmax")["A1"]
    array([[0.33333333],
           [0.33333333],
           [0.33333333]])
    """
    func = "forward_pass"
    check_choice(output_activation, "output_activation", OUTPUT_ACTIVATIONS, func=func)
    is_softmax = output_activation == "softmax"
    cache = forward_network(
        X,
        parameters,
        hidden_activation=hidden_activation,
        output_activation="linear" if is_softmax else output_activation,
    )
    if is_softmax:
        last = max(int(key[1:]) for key in cache if key.startswith("Z"))
        cache[f"A{last}"] = softmax(cache[f"Z{last}"], axis=0)
    return cache


def loss_from_output(Y, Z, A, *, output_activation, loss):
    r"""Compute the mean loss of a network's output, from the logits if possible.

    Parameters
    ----------
    Y : ndarray of shape (n_outputs, n_samples)
        Targets (one-hot columns for the categorical loss).
    Z, A : ndarray of shape (n_outputs, n_samples)
        The output layer's pre-activations and activations.
    output_activation : str
        The output layer's activation.
    loss : {"binary_cross_entropy", "categorical_cross_entropy", "mse"}
        The loss.

    Returns
    -------
    float
        The loss, averaged as in :mod:`nnbook.losses`.

    Raises
    ------
    ValueError
        If ``loss`` is unknown or the targets do not suit it.

    See Also
    --------
    nnbook.binary_cross_entropy_with_logits

    Notes
    -----
    For sigmoid with BCE and softmax with CCE the loss is computed from
    :math:`Z` with the stable ``*_with_logits`` forms, which stay finite
    where :math:`A` rounds to 0 or 1; PyTorch's ``BCEWithLogitsLoss`` and
    ``CrossEntropyLoss`` do the same:

    .. math:: \ell(y, z) = \max(z, 0) - y z + \log\bigl(1 + e^{-|z|}\bigr).

    Examples
    --------
    >>> Z = np.array([[0.0]])
    >>> round(loss_from_output([[1.0]], Z, Z, output_activation="sigmoid",
    ...                        loss="binary_cross_entropy"), 4)
    0.6931
    """
    check_choice(loss, "loss", LOSS_GRADIENTS, func="loss_from_output")
    if loss == "mse":
        return mse_loss(Y, A)
    if loss == "binary_cross_entropy":
        if output_activation == "sigmoid":
            return binary_cross_entropy_with_logits(Y, Z)
        return binary_cross_entropy(Y, A)
    if output_activation == "softmax":
        return categorical_cross_entropy_with_logits(Y, Z, axis=0)
    return categorical_cross_entropy(Y, A, axis=0)


def accuracy(Y, A, *, loss):
    r"""Return the fraction of correct predictions, or ``None`` for regression.

    Parameters
    ----------
    Y : array-like of shape (n_outputs, n_samples)
        Labels: 0/1 for binary cross-entropy, one-hot columns for the
        categorical loss.
    A : array-like of shape (n_outputs, n_samples)
        Predicted probabilities.
    loss : str
        The loss; only the classification losses have an accuracy.

    Returns
    -------
    float or None
        In ``[0, 1]``.

    See Also
    --------
    nnbook.network.Network.fit

    Notes
    -----
    Binary: :math:`\hat{y} = [a \ge 0.5]`, compared entry by entry. Several
    classes: :math:`\hat{c}_i = \arg\max_c a_{c,i}` against the true class.

    Examples
    --------
    >>> accuracy([[0, 1, 1]], [[0.2, 0.7, 0.4]], loss="binary_cross_entropy")
    0.6666666666666666
    """
    if loss not in CLASSIFICATION_LOSSES:
        return None
    Y, A = np.asarray(Y), np.asarray(A)
    if loss == "binary_cross_entropy":
        return float(np.mean((A >= 0.5) == (Y == 1)))
    return float(np.mean(np.argmax(A, axis=0) == np.argmax(Y, axis=0)))


def minibatches(n_samples, batch_size=None, rng=None):
    """Split the sample indices into one epoch's mini-batches, in order.

    Parameters
    ----------
    n_samples : int
        Number of samples.
    batch_size : int or None, default None
        Samples per batch (the last may be smaller); ``None`` is one batch of
        all samples, in their order, and draws no random numbers.
    rng : int, numpy.random.Generator or None
        Shuffles the samples (a generator is advanced, so successive epochs
        differ); ``None`` is the package's fixed seed.

    Returns
    -------
    list of ndarray of int
        One index array per batch; together a permutation of the samples.

    Raises
    ------
    ValueError
        If ``n_samples`` is not a positive integer, or ``batch_size`` is not
        None or an integer from 1 to ``n_samples``.

    See Also
    --------
    nnbook.network.Network.fit, nnbook.pytorch.train_network

    Examples
    --------
    >>> [b.tolist() for b in minibatches(5, 2, rng=np.random.default_rng(0))]
    [[2, 4], [3, 0], [1]]
    >>> [b.tolist() for b in minibatches(3)]
    [[0, 1, 2]]
    """
    check_batch_size(batch_size, n_samples, func="minibatches")
    if batch_size is None:
        return [np.arange(n_samples)]
    order = _as_generator(rng, func="minibatches").permutation(n_samples)
    return [
        order[start : start + batch_size] for start in range(0, n_samples, batch_size)
    ]
