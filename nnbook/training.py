r"""What every training loop needs: checks, mini-batches, a stop at divergence.

Taught in Chapter 2, Training feedforward networks, section
:ref:`nn-training-loop`. These helpers are shared by the NumPy
:class:`nnbook.network.Network` and the PyTorch
:func:`nnbook.pytorch.train_network`, so that both compute the same numbers
from the same mini-batches in the same order, and fail the same way. Arrays
use the book's layout, **features x samples**.
"""

import math
from typing import Any

import numpy as np

from nnbook._validation import (
    as_float_array,
    check_int,
    check_positive,
    check_random_state,
)
from nnbook.heads import Head

__all__ = [
    "check_divergence",
    "check_inputs",
    "check_schedule",
    "divergence_error",
    "minibatches",
    "new_history",
    "prepare_targets",
]


def prepare_targets(
    Y: Any, head: Head, n_outputs: int, n_samples: int, *, func: str
) -> np.ndarray:
    """Check targets against the head's loss; class indices become one-hot columns.

    Parameters
    ----------
    Y : array-like
        ``(n_outputs, n_samples)`` targets; for a loss with classes (at least
        two outputs) also class indices of shape ``(n_samples,)`` or
        ``(1, n_samples)``.
    head : Head
        The output head the targets are for.
    n_outputs, n_samples : int
        The output width and the number of samples in ``X``.
    func : str
        The public function being called, for messages.

    Returns
    -------
    ndarray of shape (n_outputs, n_samples)
        float64 targets.

    Raises
    ------
    ValueError
        If the shape is wrong, classification labels are not 0 or 1 (the
        accuracy needs hard labels), or class indices are not integers in
        ``[0, n_outputs)``.

    Examples
    --------
    >>> from nnbook.heads import HEADS
    >>> head = HEADS["softmax", "categorical_cross_entropy"]
    >>> prepare_targets([2, 0], head, 3, 2, func="fit")
    array([[0., 1.],
           [0., 0.],
           [1., 0.]])
    """
    Y = as_float_array(Y, "Y", func=func, ndim=(1, 2))
    classes = head.loss.min_outputs > 1 and n_outputs > 1
    if classes and Y.shape in {(n_samples,), (1, n_samples)}:
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
        fix = (
            "for 1-D labels y pass y.reshape(1, -1)"
            if Y.ndim == 1
            else "if Y is samples x outputs, pass Y.T"
            if Y.shape == (n_samples, n_outputs)
            else "give one row per output unit"
        )
        msg = (
            f"{func}(): argument 'Y' must have shape (n_outputs, n_samples) = "
            f"({n_outputs}, {n_samples}); got shape {Y.shape}. Labels are one row "
            f"per output unit and one column per sample, like X: {fix}."
        )
        raise ValueError(msg)
    head.loss.check_targets(Y, "Y", func=func)
    if head.loss.metric is not None and not np.isin(Y, (0.0, 1.0)).all():
        msg = (
            f"{func}(): labels 'Y' for loss={head.loss.name!r} must be 0 or 1 so "
            f"that accuracy is defined; got values {np.unique(Y)[:5].tolist()}. "
            "For class indices 0..K-1 use loss='categorical_cross_entropy' with "
            "a softmax output of K units."
        )
        raise ValueError(msg)
    return Y


def check_inputs(X: Any, n_features: int, *, func: str) -> np.ndarray:
    """Check a model's input: a 2-D float array with ``n_features`` rows.

    Examples
    --------
    >>> check_inputs([[1.0, 2.0]], 2, func="fit")
    Traceback (most recent call last):
        ...
    ValueError: fit(): argument 'X' must have 2 rows (one per input feature); got
    shape (1, 2). If X is samples x features, pass X.T.
    """
    X = as_float_array(X, "X", func=func, ndim=2, shape_desc="(n_features, n_samples)")
    if X.shape[0] != n_features:
        msg = (
            f"{func}(): argument 'X' must have {n_features} rows (one per "
            f"input feature); got shape {X.shape}. If X is samples x features, "
            "pass X.T."
        )
        raise ValueError(msg)
    return X


def check_schedule(
    epochs: Any, learning_rate: Any, batch_size: Any, n_samples: int, *, func: str
) -> tuple[int, float, int | None]:
    """Check the training schedule; return ``(epochs, learning_rate, batch_size)``.

    Raises
    ------
    TypeError
        If ``epochs`` or ``batch_size`` is not an integer, or the learning
        rate not a number.
    ValueError
        If ``epochs < 1``, the learning rate is not positive and finite, or
        ``batch_size`` is not in ``[1, n_samples]`` (``None`` means all).

    Examples
    --------
    >>> check_schedule(10, 0.5, None, 4, func="fit")
    (10, 0.5, None)
    """
    epochs = check_int(epochs, "epochs", func=func, min_value=1)
    learning_rate = check_positive(
        learning_rate,
        "learning_rate",
        func=func,
        hint="Typical values lie between 0.001 and 1.",
    )
    return epochs, learning_rate, check_batch_size(batch_size, n_samples, func=func)


def check_batch_size(batch_size: Any, n_samples: Any, *, func: str) -> int | None:
    """Check ``n_samples >= 1`` and ``batch_size`` in ``[1, n_samples]`` or None."""
    n_samples = check_int(n_samples, "n_samples", func=func, min_value=1)
    if batch_size is None:
        return None
    return check_int(
        batch_size,
        "batch_size",
        func=func,
        min_value=1,
        max_value=n_samples,
        hint="Pass None for full-batch training.",
    )


def new_history(head: Head) -> dict[str, list]:
    """Return the empty history of a run: epoch, loss, and the head's metric."""
    history: dict[str, list] = {"epoch": [], "loss": []}
    if head.loss.metric is not None:
        history["accuracy"] = []
    return history


def divergence_error(
    loss: float, epoch: int, learning_rate: float, *, func: str
) -> FloatingPointError:
    """Return the error that stops a diverging run, saying where and what to try.

    Examples
    --------
    >>> print(divergence_error(float("nan"), 3, 50.0, func="fit"))
    fit(): training diverged at epoch 3 with learning_rate=50.0: the loss is nan.
    Try a learning rate 10 times smaller (5), scale the inputs to about unit size,
    or use a smaller initialisation.
    """
    return FloatingPointError(
        f"{func}(): training diverged at epoch {epoch} with learning_rate="
        f"{learning_rate}: the loss is {loss}. Try a learning rate 10 times "
        f"smaller ({learning_rate / 10:g}), scale the inputs to about unit "
        "size, or use a smaller initialisation."
    )


def check_divergence(
    loss: float, epoch: int, learning_rate: float, *, func: str
) -> None:
    """Stop training at the first non-finite loss (see :func:`divergence_error`).

    Raises
    ------
    FloatingPointError
        If ``loss`` is NaN or infinite: gradient descent diverged.
    """
    if not math.isfinite(loss):
        raise divergence_error(loss, epoch, learning_rate, func=func)


def minibatches(
    n_samples: int,
    batch_size: int | None = None,
    rng: int | np.random.Generator | None = None,
) -> list[np.ndarray]:
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
    TypeError
        If ``n_samples`` or ``batch_size`` is not an integer.
    ValueError
        If ``n_samples`` is not positive, or ``batch_size`` is not None or an
        integer from 1 to ``n_samples``.

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
    batch_size = check_batch_size(batch_size, n_samples, func="minibatches")
    n_samples = int(n_samples)
    if batch_size is None:
        return [np.arange(n_samples)]
    order = check_random_state(rng, func="minibatches").permutation(n_samples)
    return [
        order[start : start + batch_size] for start in range(0, n_samples, batch_size)
    ]
