"""Checks of a training run's arguments, shared by the NumPy and PyTorch loops.

Chapter 2, Training feedforward networks. Private: the public entry points
are :meth:`nnbook.network.Network.fit` and
:func:`nnbook.pytorch.train_network`, whose error messages these write.
"""

import math

import numpy as np

from nnbook._validation import as_float_array, check_choice
from nnbook.backward import LOSS_GRADIENTS, OUTPUT_ACTIVATIONS

__all__ = [
    "CLASSIFICATION_LOSSES",
    "check_pairing",
    "check_schedule",
    "prepare_targets",
]

#: Losses whose targets are classes, so that accuracy means something.
CLASSIFICATION_LOSSES = ("binary_cross_entropy", "categorical_cross_entropy")

#: The output activation each classification loss is meant for.
_OUTPUT_FOR_LOSS = dict(zip(CLASSIFICATION_LOSSES, ("sigmoid", "softmax"), strict=True))


def check_pairing(output_activation, loss, n_outputs, *, func):
    """Raise ``ValueError`` unless the output activation and loss belong together.

    Binary cross-entropy needs a sigmoid output, categorical cross-entropy a
    softmax output of at least two units; MSE takes any output. Names are
    checked first, and an unknown one is listed with the known ones.
    """
    check_choice(output_activation, "output_activation", OUTPUT_ACTIVATIONS, func=func)
    check_choice(loss, "loss", LOSS_GRADIENTS, func=func)
    wanted = _OUTPUT_FOR_LOSS.get(loss, output_activation)
    if output_activation != wanted:
        msg = (
            f"{func}(): loss={loss!r} needs output_activation={wanted!r}; got "
            f"{output_activation!r}. Use output_activation={wanted!r}, or loss='mse'."
        )
        raise ValueError(msg)
    if loss == "categorical_cross_entropy" and n_outputs < 2:
        msg = (
            f"{func}(): softmax with categorical cross-entropy needs one output "
            f"unit per class, at least 2; got {n_outputs}. For two classes, use "
            "1 sigmoid unit with binary cross-entropy."
        )
        raise ValueError(msg)


def prepare_targets(Y, n_outputs, n_samples, *, loss, func):
    """Check targets against the loss; class indices become one-hot columns.

    Parameters
    ----------
    Y : array-like
        ``(n_outputs, n_samples)`` targets; for the categorical loss also
        class indices of shape ``(n_samples,)`` or ``(1, n_samples)``.
    n_outputs, n_samples : int
        The output width and the number of samples in ``X``.
    loss : str
        The loss the targets are for.
    func : str
        The public function being called, for messages.

    Returns
    -------
    ndarray of shape (n_outputs, n_samples)
        float64 targets.

    Raises
    ------
    ValueError
        If the shape is wrong, binary labels are not 0 or 1, or class indices
        are not integers in ``[0, n_outputs)``.

    Examples
    --------
    >>> prepare_targets([2, 0], 3, 2, loss="categorical_cross_entropy", func="fit")
    array([[0., 1.],
           [0., 0.],
           [1., 0.]])
    """
    Y = as_float_array(Y, "Y", func=func, ndim=(1, 2))
    indices = loss == "categorical_cross_entropy" and Y.size == n_samples
    if indices and Y.shape in {(n_samples,), (1, n_samples)} and n_outputs > 1:
        labels = Y.ravel()
        bad = (labels != np.round(labels)) | (labels < 0) | (labels >= n_outputs)
        if bad.any():
            msg = (
                f"{func}(): class labels in 'Y' must be integers 0 to "
                f"{n_outputs - 1} for {n_outputs} output units; got "
                f"{labels[bad][0]:g} (at sample {int(np.argmax(bad))}). Check the "
                "labels, or widen the output layer to the number of classes."
            )
            raise ValueError(msg)
        return np.eye(n_outputs)[labels.astype(np.int64)].T
    if Y.shape != (n_outputs, n_samples):
        msg = (
            f"{func}(): argument 'Y' must have shape (n_outputs, n_samples) = "
            f"({n_outputs}, {n_samples}); got shape {Y.shape}. Labels are one row "
            "per output unit and one column per sample, like X: for 1-D labels y "
            "pass y.reshape(1, -1)."
        )
        raise ValueError(msg)
    if loss == "binary_cross_entropy" and not np.isin(Y, (0.0, 1.0)).all():
        msg = (
            f"{func}(): binary cross-entropy labels 'Y' must be 0 or 1 so that "
            f"accuracy is defined; got values {np.unique(Y)[:5].tolist()}. For "
            "class indices 0..K-1 use loss='categorical_cross_entropy' with a "
            "softmax output of K units."
        )
        raise ValueError(msg)
    if loss == "categorical_cross_entropy" and not (
        np.isin(Y, (0.0, 1.0)).all() and (Y.sum(axis=0) == 1).all()
    ):
        msg = (
            f"{func}(): categorical labels 'Y' must be one-hot columns of shape "
            f"({n_outputs}, {n_samples}) or class indices of shape ({n_samples},); "
            "got a column that is not one-hot."
        )
        raise ValueError(msg)
    return Y


def check_schedule(epochs, learning_rate, batch_size, n_samples, *, func):
    """Check the training schedule; return ``(epochs, learning_rate, batch_size)``.

    Raises
    ------
    ValueError
        If ``epochs < 1``, the learning rate is not positive and finite, or
        ``batch_size`` is not in ``[1, n_samples]`` (``None`` means all).
    """
    if isinstance(epochs, bool) or not isinstance(epochs, int | np.integer):
        msg = f"{func}(): argument 'epochs' must be an integer; got {epochs!r}."
        raise TypeError(msg)
    if epochs < 1:
        msg = f"{func}(): argument 'epochs' must be at least 1; got {epochs}."
        raise ValueError(msg)
    if isinstance(learning_rate, bool) or not isinstance(
        learning_rate, int | float | np.number
    ):
        msg = (
            f"{func}(): argument 'learning_rate' must be a number; got "
            f"{learning_rate!r}."
        )
        raise TypeError(msg)
    if not (math.isfinite(learning_rate) and learning_rate > 0):
        msg = (
            f"{func}(): argument 'learning_rate' must be positive and finite; got "
            f"{learning_rate}. Typical values lie between 0.001 and 1."
        )
        raise ValueError(msg)
    check_batch_size(batch_size, n_samples, func=func)
    return int(epochs), float(learning_rate), batch_size


def check_batch_size(batch_size, n_samples, *, func):
    """Check ``n_samples >= 1`` and ``batch_size`` in ``[1, n_samples]`` or None.

    Raises
    ------
    ValueError
        If either is not a whole number in its range.
    """
    if (
        isinstance(n_samples, bool)
        or not isinstance(n_samples, int | np.integer)
        or n_samples < 1
    ):
        msg = (
            f"{func}(): the number of samples must be a positive integer; "
            f"got {n_samples!r}."
        )
        raise ValueError(msg)
    if batch_size is not None and (
        isinstance(batch_size, bool)
        or not isinstance(batch_size, int | np.integer)
        or not 1 <= batch_size <= n_samples
    ):
        msg = (
            f"{func}(): argument 'batch_size' must be an integer from 1 to the "
            f"number of samples, {n_samples}, or None for full-batch training; "
            f"got {batch_size!r}."
        )
        raise ValueError(msg)
