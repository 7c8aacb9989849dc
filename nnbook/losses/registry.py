r"""The losses a network can be trained with, as the output heads need them.

Taught in Chapter 2, section :ref:`nn-training-loss-gradients`.
:data:`LOSSES` registers each loss by name with what a training loop asks of
it beyond its value and gradient: how to check the targets, how to turn an
output into a prediction, and the metric. :data:`nnbook.heads.HEADS` joins
each loss with its output activation. Arrays are classes x samples, already
checked; ``func`` names the public function for messages.
"""

import types
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from nnbook._validation import check_one_hot
from nnbook.losses._common import mean_of, xlogy
from nnbook.losses.binary import bce_gradient, check_labels
from nnbook.losses.categorical import cce_gradient
from nnbook.losses.mse import mse_gradient, mse_terms

__all__ = ["LOSSES", "Loss"]

Array = np.ndarray


def _no_check(Y: Array, name: str, *, func: str) -> None:
    """Regression targets are any finite numbers."""


def _check_one_hot_columns(Y: Array, name: str, *, func: str) -> None:
    check_one_hot(Y, name, func=func, axis=0)


def _predict_binary(A: Array) -> Array:
    return (A >= 0.5).astype(np.int64)


def _predict_class(A: Array) -> Array:
    return np.argmax(A, axis=0).reshape(1, -1)


def _predict_value(A: Array) -> Array:
    return A


def _accuracy_binary(Y: Array, A: Array) -> float:
    return float(np.mean((A >= 0.5) == (Y == 1)))


def _accuracy_class(Y: Array, A: Array) -> float:
    return float(np.mean(np.argmax(A, axis=0) == np.argmax(Y, axis=0)))


class Loss(NamedTuple):
    r"""A loss as a head needs it; arrays are checked, classes x samples.

    Attributes
    ----------
    name : str
        The key in :data:`LOSSES`.
    value : callable
        ``value(Y, A, func=...)``: the mean loss of the output ``A``.
    gradient : callable
        ``gradient(Y, A, func=...)``: :math:`\partial L / \partial A`.
    check_targets : callable
        ``check_targets(Y, name, func=...)`` raises for unsuitable targets.
    predict : callable
        ``predict(A)``: labels, class indices of shape (1, m), or values.
    metric : callable or None
        ``metric(Y, A)``: the accuracy, or ``None`` for regression.
    min_outputs : int
        The fewest output units the loss makes sense with.
    """

    name: str
    value: Callable[..., float]
    gradient: Callable[..., Array]
    check_targets: Callable[..., None]
    predict: Callable[[Array], Array]
    metric: Callable[[Array, Array], float] | None
    min_outputs: int = 1


def _mse_value(Y: Array, A: Array, *, func: str) -> float:
    return mean_of(mse_terms(Y, A, func=func), Y.size)


def _bce_value(Y: Array, A: Array, *, func: str) -> float:
    return mean_of(-(xlogy(Y, A) + xlogy(1.0 - Y, 1.0 - A)), Y.size)


def _cce_value(Y: Array, A: Array, *, func: str) -> float:
    return mean_of(-xlogy(Y, A), Y.shape[1])


#: ``name -> Loss``: the losses a network can be trained with.
LOSSES = types.MappingProxyType(
    {
        "mse": Loss("mse", _mse_value, mse_gradient, _no_check, _predict_value, None),
        "binary_cross_entropy": Loss(
            "binary_cross_entropy",
            _bce_value,
            bce_gradient,
            check_labels,
            _predict_binary,
            _accuracy_binary,
        ),
        "categorical_cross_entropy": Loss(
            "categorical_cross_entropy",
            _cce_value,
            cce_gradient,
            _check_one_hot_columns,
            _predict_class,
            _accuracy_class,
            min_outputs=2,
        ),
    }
)
