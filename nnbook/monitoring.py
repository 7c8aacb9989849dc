r"""Training with a validation set watched after every epoch.

Taught in Chapter 4, Classifying handwritten digits, section
:ref:`nn-digits-baseline`. :func:`fit_with_validation` is the loop of
:meth:`nnbook.network.Network.fit` (forward, backward, step, one mini-batch
at a time), plus the loss and accuracy on data the network does not train
on, so that the curves show when it starts to fit the training images
better than new ones. Arrays use the book's layout, **features x samples**;
its PyTorch twin is :func:`nnbook.pytorch.train_classifier`.
"""

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from nnbook._validation import check_int, reraise_as
from nnbook.fitting import Trainable, in_mode
from nnbook.network import Network
from nnbook.optim.base import Optimizer
from nnbook.optim.registry import resolve_training
from nnbook.training import check_divergence, divergence_error

__all__ = ["fit_with_validation"]


def fit_with_validation(
    net: Trainable,
    train: tuple[Any, Any],
    validation: tuple[Any, Any],
    *,
    epochs: int,
    learning_rate: float | None = None,
    batches: Callable[[], Iterable[Any]],
    optimizer: Optimizer | str | None = None,
    schedule: Callable[[int], float] | None = None,
    patience: int | None = None,
) -> dict[str, Any]:
    r"""Train ``net`` by mini-batch gradient descent; evaluate after each epoch.

    Parameters
    ----------
    net : Network or Sequential
        A classifier (e.g. softmax output, categorical cross-entropy); it is
        trained in place.
    train, validation : tuple of (X, Y)
        Inputs (features x samples) and one-hot targets (classes x samples).
    epochs : int
        Passes over the training data, at least 1.
    learning_rate : float
        Step size :math:`\eta > 0` (not with an optimizer object).
    batches : callable
        Called once per epoch; returns that epoch's mini-batches, each an
        array of training sample indices, e.g.
        ``lambda: nnbook.minibatches(m, 32, rng)``.
    optimizer, schedule : optional
        As for :meth:`nnbook.network.Network.fit`: the update rule (default
        plain gradient descent) and the factor of the rate at each step.
    patience : int or None, default None
        Early stopping (Chapter 7, :ref:`nn-regularisation-early-stopping`):
        stop once the validation loss has not improved on its best for
        ``patience`` epochs in a row (at least 1), then put back the weights
        of the best epoch. ``None`` trains for all ``epochs``.

    Returns
    -------
    dict
        ``"epoch"`` (0 to ``epochs``), and ``"loss"``, ``"accuracy"``,
        ``"val_loss"``, ``"val_accuracy"`` before training and after each
        epoch, as :meth:`nnbook.network.Network.evaluate` computes them.
        With ``patience``, also ``"best_epoch"``, the epoch whose weights
        ``net`` holds on return (the lists stop at the last epoch trained).

    Raises
    ------
    TypeError
        If ``net`` is not a model (:class:`nnbook.fitting.Trainable`, e.g. a
        ``Network`` or ``Sequential``), ``batches`` is not callable, or
        ``train`` or ``validation`` is not a pair.
    ValueError
        For a bad schedule, or data that does not suit the network (as
        :meth:`nnbook.network.Network.evaluate` reports).
    FloatingPointError
        If training diverges, naming the epoch and the learning rate.

    Notes
    -----
    A model with modes (a ``Sequential``) is trained in training mode and
    scored in evaluation mode, and is given back in the mode it arrived in,
    as a PyTorch loop leaves ``model.training`` to its caller. A new
    ``Sequential`` starts in training mode, so call ``net.eval()`` before
    using a trained one on new data, or dropout stays on.

    Examples
    --------
    >>> from nnbook import Network
    >>> from nnbook.training import minibatches
    >>> X = np.array([[0.0, 1.0, 2.0, 3.0]])
    >>> Y = np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0]])
    >>> net = Network([1, 2], output_activation="softmax",
    ...               loss="categorical_cross_entropy", rng=0)
    >>> history = fit_with_validation(net, (X, Y), (X, Y), epochs=200,
    ...                               learning_rate=1.0,
    ...                               batches=lambda: minibatches(4, 2, rng=0))
    >>> history["accuracy"][-1], history["val_accuracy"][-1]
    (1.0, 1.0)
    """
    func = "fit_with_validation"
    if not isinstance(net, Trainable):
        msg = (
            f"{func}(): argument 'net' must be an nnbook Network or Sequential; got "
            f"{type(net).__name__}. Make one with Network([64, 32, 10], ...)."
        )
        raise TypeError(msg)
    if not callable(batches):
        msg = (
            f"{func}(): argument 'batches' must be a function that returns one "
            f"epoch's mini-batches; got {type(batches).__name__}. Wrap it: "
            "batches=lambda: nnbook.minibatches(m, 32, rng)."
        )
        raise TypeError(msg)
    epochs = check_int(epochs, "epochs", func=func, min_value=1)
    if patience is not None:
        patience = check_int(
            patience,
            "patience",
            func=func,
            min_value=1,
            hint="It counts epochs without a better validation loss; "
            "None turns early stopping off.",
        )
    optimizer, schedule = resolve_training(
        learning_rate, optimizer, schedule, func=func
    )
    rate = optimizer.learning_rate  # eta, for messages
    parts: dict[str, Any] = {"train": train, "validation": validation}
    for name, part in parts.items():
        if not isinstance(part, tuple | list) or len(part) != 2:
            msg = (
                f"{func}(): argument {name!r} must be a pair (X, Y) of inputs "
                f"(features x samples) and targets; got {type(part).__name__}."
            )
            raise TypeError(msg)
    history: dict[str, list] = {
        key: [] for key in ("epoch", "loss", "accuracy", "val_loss", "val_accuracy")
    }
    stopper = None if patience is None else EarlyStopping(net, patience)
    with reraise_as(func), in_mode(net, False):  # errors named as this function's
        for part in parts.values():
            net.evaluate(*part)
        X, Y = (np.asarray(a, dtype=np.float64) for a in train)
    for epoch in range(epochs + 1):
        try:
            if epoch > 0:
                with in_mode(net, True):
                    for batch in batches():
                        rows = np.asarray(batch)
                        net.forward(X[:, rows])
                        net.backward(Y[:, rows])
                        net.update(optimizer, rate * schedule(optimizer.t))
            with in_mode(net, False):  # scores use running statistics
                scores = [net.evaluate(*part) for part in parts.values()]
        except (ValueError, FloatingPointError) as err:  # float64 overflowed
            raise divergence_error(np.inf, epoch, rate, func=func) from err
        for prefix, (loss, acc) in zip(("", "val_"), scores, strict=True):
            check_divergence(loss, epoch, rate, func=func)
            history[f"{prefix}loss"].append(loss)
            history[f"{prefix}accuracy"].append(acc)
        history["epoch"].append(epoch)
        if stopper is not None and stopper.should_stop(epoch, history["val_loss"][-1]):
            break
    if stopper is None:
        return history
    return {**history, "best_epoch": stopper.restore_best()}


def _live_arrays(net: Any) -> dict[str, np.ndarray]:
    """Return the model's own arrays (not copies): weights, and any buffers."""
    if isinstance(net, Network):
        return dict(net._parameters)  # its public ``parameters`` are copies
    arrays = dict(net.parameters)  # live for a Sequential
    # Running statistics (batch normalisation) belong to the best epoch too.
    arrays.update({f"buffer {k}": v for k, v in getattr(net, "buffers", {}).items()})
    return arrays


class EarlyStopping:
    """Remember the weights of the best validation loss; say when to stop.

    Used by :func:`fit_with_validation` with ``patience``. The best weights
    (and buffers, such as running statistics) are copied each time the
    validation loss improves (strictly), and copied back into the model's
    own arrays by :meth:`restore_best`, so that an optimizer holding them
    sees the restored values.
    """

    def __init__(self, net: Any, patience: int):
        self.net, self.patience = net, patience
        self.best_loss, self.best_epoch, self.wait = np.inf, 0, 0
        self.best_weights: dict[str, np.ndarray] = {}

    def should_stop(self, epoch: int, val_loss: float) -> bool:
        """Record epoch ``epoch``'s validation loss; True once patience runs out."""
        if val_loss < self.best_loss:
            self.best_loss, self.best_epoch, self.wait = val_loss, epoch, 0
            self.best_weights = {
                key: value.copy() for key, value in _live_arrays(self.net).items()
            }
            return False
        self.wait += 1
        return self.wait >= self.patience

    def restore_best(self) -> int:
        """Copy the best weights back into the network; return their epoch."""
        live = _live_arrays(self.net)
        for key, value in self.best_weights.items():
            live[key][...] = value  # in place: the model keeps its arrays
        return self.best_epoch
