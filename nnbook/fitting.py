r"""The training loop that every NumPy model shares.

Taught in Chapter 2, section :ref:`nn-training-loop`; shared since Chapter 6
by :meth:`nnbook.network.Network.fit` and
:meth:`nnbook.sequential.Sequential.fit`, so that both run the same
mini-batches in the same order and stop the same way. A model is anything
with the methods of :class:`Trainable`. Arrays are features x samples.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, runtime_checkable

import numpy as np

from nnbook._validation import check_int, check_random_state
from nnbook.heads import Head
from nnbook.optim.base import Optimizer
from nnbook.optim.registry import resolve_training
from nnbook.training import (
    check_batch_size,
    check_divergence,
    divergence_error,
    minibatches,
    new_history,
)

__all__ = ["Trainable", "fit_loop", "in_mode"]


@runtime_checkable
class Trainable(Protocol):
    """What a training loop calls: a forward and backward pass, an update, a score.

    :class:`nnbook.Network` and :class:`nnbook.sequential.Sequential` have
    these methods; :func:`nnbook.fit_with_validation` accepts either.
    """

    def forward(self, X: Any) -> np.ndarray:
        """Run the model on a batch, keeping what backward needs."""
        ...  # pragma: no cover

    def backward(self, Y: Any) -> Any:
        """Backpropagate from the targets of the last batch."""
        ...  # pragma: no cover

    def update(self, optimizer: Optimizer, learning_rate: float | None = None) -> None:
        """Apply the optimizer to the last gradients."""
        ...  # pragma: no cover

    def evaluate(self, X: Any, Y: Any) -> tuple[float, float | None]:
        """Return the loss and the accuracy (or None) on ``(X, Y)``."""
        ...  # pragma: no cover


@contextmanager
def in_mode(model: Any, training: bool) -> Iterator[None]:
    """Put a model with modes in training or evaluation mode for a ``with`` block.

    A model without modes (``Network``, which has no ``training``
    attribute) is left alone; one with them gets its mode back afterwards.
    Training steps run in training mode and scores in evaluation mode, as
    a PyTorch loop does with ``model.train()`` and ``model.eval()``.
    """
    saved = getattr(model, "training", None)
    if saved is None:
        yield
        return
    model.training = training
    try:
        yield
    finally:
        model.training = saved


def fit_loop(
    model: Trainable,
    X: np.ndarray,
    Y: np.ndarray,
    *,
    head: Head,
    evaluate: Callable[[np.ndarray, np.ndarray], tuple[float, float | None]],
    epochs: Any,
    learning_rate: Any,
    batch_size: Any,
    rng: Any,
    optimizer: Any,
    schedule: Any,
    func: str,
) -> dict[str, list]:
    """Run ``epochs`` passes of mini-batch training; return the history.

    ``X`` and ``Y`` are already checked (features x samples, targets as
    columns); ``evaluate`` scores the model on all of them after each
    epoch (and before the first). The other arguments are those of
    :meth:`nnbook.network.Network.fit`, checked here in its order.

    Examples
    --------
    >>> from nnbook import Network
    >>> from nnbook.datasets import make_xor
    >>> X, y = make_xor()
    >>> net = Network([2, 4, 1], rng=0)
    >>> history = fit_loop(net, X, y, head=net._head,
    ...     evaluate=lambda X, Y: net.evaluate(X, Y), epochs=2, learning_rate=0.5,
    ...     batch_size=None, rng=None, optimizer=None, schedule=None, func="fit")
    >>> history["epoch"]
    [0, 1, 2]
    """
    n_samples = X.shape[1]
    epochs = check_int(epochs, "epochs", func=func, min_value=1)
    optimizer, schedule = resolve_training(
        learning_rate, optimizer, schedule, func=func
    )
    batch_size = check_batch_size(batch_size, n_samples, func=func)
    rate = optimizer.learning_rate  # eta, for messages
    shuffle = check_random_state(rng, func=func)
    history = new_history(head)
    for epoch in range(epochs + 1):
        try:
            if epoch > 0:
                with in_mode(model, True):
                    for batch in minibatches(n_samples, batch_size, shuffle):
                        model.forward(X[:, batch])
                        model.backward(Y[:, batch])
                        model.update(optimizer, rate * schedule(optimizer.t))
            with in_mode(model, False):
                loss, acc = evaluate(X, Y)
        except (ValueError, FloatingPointError) as err:  # float64 overflowed
            raise divergence_error(np.inf, epoch, rate, func=func) from err
        check_divergence(loss, epoch, rate, func=func)
        history["epoch"].append(epoch)
        history["loss"].append(loss)
        if acc is not None:
            history["accuracy"].append(acc)
    return history
