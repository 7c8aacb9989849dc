r"""What the NumPy models share: score, predict and train by mini-batches.

Taught in Chapter 2, section :ref:`nn-training-loop`, and shared since
Chapter 6 by :class:`nnbook.Network` and :class:`nnbook.sequential.Sequential`:
a subclass provides the forward pass (``_forward``, which keeps the output
logits), its input check and the output head, and inherits
:meth:`Model.evaluate`, :meth:`Model.predict` and :meth:`Model.fit`, whose
loop is :func:`nnbook.fitting.fit_loop`. Arrays are features x samples.
"""

from collections.abc import Callable
from typing import Any

import numpy as np

from nnbook.fitting import fit_loop
from nnbook.heads import Head
from nnbook.optim.base import Optimizer
from nnbook.training import prepare_targets

__all__ = ["Model"]


class Model:
    """Base class of the NumPy models: evaluate, predict, fit."""

    _head: Head

    @property
    def _n_outputs(self) -> int:
        raise NotImplementedError

    def _check_inputs(self, X: Any, func: str) -> np.ndarray:
        raise NotImplementedError

    def _forward(self, X: Any, *, func: str) -> np.ndarray:
        raise NotImplementedError

    def _output_logits(self) -> np.ndarray:
        raise NotImplementedError

    def _name(self, method: str) -> str:
        return f"{type(self).__name__}.{method}"

    def forward(self, X: Any) -> np.ndarray:
        """Run the model on ``X`` (features x samples); keep what backward needs.

        Returns
        -------
        ndarray of shape (n_outputs, n_samples)
            The output :math:`A^{[L]}`.
        """
        return self._forward(X, func=self._name("forward"))

    def evaluate(self, X: Any, Y: Any) -> tuple[float, float | None]:
        """Return ``(loss, accuracy)`` on ``(X, Y)``; accuracy is None for MSE."""
        func = self._name("evaluate")
        X = self._check_inputs(X, func)
        Y = prepare_targets(Y, self._head, self._n_outputs, X.shape[1], func=func)
        return self._evaluate(X, Y, func=func)

    def _evaluate(
        self, X: np.ndarray, Y: np.ndarray, *, func: str
    ) -> tuple[float, float | None]:
        A = self._forward(X, func=func)
        Z = self._output_logits()
        value = self._head.loss_from_logits(Y, Z, func=func)
        metric = self._head.loss.metric
        return value, None if metric is None else metric(Y, A)

    def predict(self, X: Any) -> np.ndarray:
        """Predict: 0/1 labels (binary), class indices of shape (1, m), or values."""
        return self._head.loss.predict(self._forward(X, func=self._name("predict")))

    def fit(
        self,
        X: Any,
        Y: Any,
        *,
        epochs: int,
        learning_rate: float | None = None,
        batch_size: int | None = None,
        rng: int | np.random.Generator | None = None,
        optimizer: Optimizer | str | None = None,
        schedule: Callable[[int], float] | None = None,
    ) -> dict[str, list]:
        r"""Train by (mini-batch) gradient descent and return the history.

        Parameters
        ----------
        X : array-like of shape (n_features, n_samples)
            Training inputs.
        Y : array-like of shape (n_outputs, n_samples)
            Targets; class indices of shape (n_samples,) also work for the
            categorical loss.
        epochs : int
            Passes over the data, at least 1.
        learning_rate : float
            Step size :math:`\eta > 0` (not with an optimizer object, which
            has its own).
        batch_size : int or None, default None
            Samples per step; ``None`` is full-batch gradient descent.
        rng : int, numpy.random.Generator or None
            Shuffles the mini-batches (see :func:`nnbook.training.minibatches`).
        optimizer : nnbook.optim.Optimizer, str or None, default None
            The update rule (Chapter 5); ``None`` is plain gradient descent,
            a name of :data:`nnbook.optim.OPTIMIZERS` uses ``learning_rate``.
            An optimizer object keeps its state between calls of ``fit``.
        schedule : callable or None, default None
            Step number -> factor of the learning rate (e.g.
            :class:`nnbook.optim.Cosine`); counted in the optimizer's steps.

        Returns
        -------
        dict
            ``"epoch"`` (0 to ``epochs``), ``"loss"`` on all of ``(X, Y)``
            before training and after each epoch, and ``"accuracy"`` likewise
            for classification losses.

        Raises
        ------
        ValueError
            For a non-positive or non-finite learning rate (or one given
            twice, or none), ``epochs < 1``, a batch size outside
            ``[1, n_samples]``, or unsuitable targets.
        TypeError
            If ``optimizer`` or ``schedule`` is of the wrong kind.
        FloatingPointError
            If training diverges: the message names the epoch and the
            learning rate, and says what to try. Nothing returns NaN.
        """
        func = self._name("fit")
        X = self._check_inputs(X, func)
        Y = prepare_targets(Y, self._head, self._n_outputs, X.shape[1], func=func)
        self._check_batches(X.shape[1], batch_size, func)
        return fit_loop(
            self,
            X,
            Y,
            head=self._head,
            evaluate=lambda X, Y: self._evaluate(X, Y, func=func),
            epochs=epochs,
            learning_rate=learning_rate,
            batch_size=batch_size,
            rng=rng,
            optimizer=optimizer,
            schedule=schedule,
            func=func,
        )

    def _check_batches(self, n_samples: int, batch_size: Any, func: str) -> None:
        """Refuse mini-batches the model cannot train on (none by default)."""
