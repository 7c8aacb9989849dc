r"""The learning-rate range test: sweep the rate up until the loss blows up.

Taught in Chapter 5, Optimization, section :ref:`nn-optimization-schedules`.
Smith's test trains for a few hundred mini-batches while the learning rate
grows geometrically from tiny to huge, and records the loss of each batch:
it falls slowly at first, fastest somewhere in the middle, then shoots up.
A good rate lies a little below where the fall is fastest. The loop is a
few lines of :class:`nnbook.network.Network` and an optimizer, written here
so that it stops cleanly, with the losses so far, where the run diverges.
"""

from collections.abc import Iterable
from typing import Any

import numpy as np

from nnbook._validation import check_int, check_positive
from nnbook.network import Network
from nnbook.optim.base import Optimizer
from nnbook.optim.schedules import Exponential

__all__ = ["lr_range_test"]


def lr_range_test(
    net: Network,
    X: np.ndarray,
    Y: np.ndarray,
    batches: Iterable[Any],
    optimizer: Optimizer,
    *,
    max_rate: float,
    steps: int,
    stop_factor: float = 4.0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Raise the rate from the optimizer's own to ``max_rate``; record losses.

    Parameters
    ----------
    net : Network
        Trained in place (use a copy made with
        :meth:`nnbook.network.Network.from_parameters`).
    X, Y : ndarray
        Training inputs (features x samples) and one-hot targets.
    batches : iterable of ndarray of int
        At least ``steps`` mini-batches of sample indices.
    optimizer : nnbook.optim.Optimizer
        Its ``learning_rate`` is where the sweep starts.
    max_rate : float
        Where the sweep would end after ``steps`` steps.
    steps : int
        Length of the sweep, at least 2.
    stop_factor : float, default 4
        Stop once a batch loss exceeds this many times the smallest so far.

    Returns
    -------
    rates, losses : ndarray
        The rate of each step and the loss of its batch before the step;
        they end with the first loss above ``stop_factor`` times the
        smallest, or before the first that is not finite.

    Raises
    ------
    ValueError
        If ``max_rate`` is not above the starting rate, or ``steps < 2``.

    References
    ----------
    .. [1] L. N. Smith, "Cyclical learning rates for training neural
       networks", *WACV*, pp. 464-472, 2017.

    Examples
    --------
    >>> from nnbook.optim import SGD
    >>> X = np.array([[0.0, 1.0, 2.0, 3.0]])
    >>> Y = np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0]])
    >>> net = Network([1, 2], output_activation="softmax",
    ...               loss="categorical_cross_entropy", rng=0)
    >>> rates, losses = lr_range_test(net, X, Y, [np.arange(4)] * 60,
    ...                               SGD(1e-3), max_rate=1e3, steps=60)
    >>> bool(losses.min() < losses[0]), bool(rates[-1] < 1e3)
    (True, True)
    """
    func = "lr_range_test"
    steps = check_int(steps, "steps", func=func, min_value=2)
    max_rate = check_positive(max_rate, "max_rate", func=func)
    stop_factor = check_positive(stop_factor, "stop_factor", func=func)
    if max_rate <= optimizer.learning_rate:
        msg = (
            f"{func}(): argument 'max_rate' ({max_rate:g}) must be above the "
            f"optimizer's learning rate ({optimizer.learning_rate:g}), where "
            "the sweep starts."
        )
        raise ValueError(msg)
    sweep = Exponential((max_rate / optimizer.learning_rate) ** (1 / (steps - 1)))
    rates: list[float] = []
    losses: list[float] = []
    for t, batch in zip(range(steps), batches, strict=False):
        rate = optimizer.learning_rate * sweep(t)
        try:
            loss, _ = net.evaluate(X[:, batch], Y[:, batch])  # keeps the cache
        except (ValueError, FloatingPointError):  # overflow: the run diverged
            break
        if not np.isfinite(loss):
            break
        rates.append(rate)
        losses.append(loss)
        if loss > stop_factor * min(losses):  # blown up: keep this last loss
            break
        try:
            net.backward(Y[:, batch])
            net.update(optimizer, rate)
        except (ValueError, FloatingPointError):
            break
    return np.array(rates), np.array(losses)
