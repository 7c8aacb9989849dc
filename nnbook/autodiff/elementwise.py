r"""Entry-by-entry functions of :class:`~nnbook.autodiff.Tensor`: activations, exp, log.

Taught in Chapter 3, section :ref:`nn-autodiff-arrays`. Each output entry
depends on its own input entry only, so the Jacobian is diagonal and the
backward rule is a product of entries, :math:`\partial L/\partial x = G
\odot f'(x)`: Chapter 2's :math:`dZ = dA \odot g'(Z)`. Where :math:`f'` is
cheapest from the output (:math:`e^x`, :math:`\sigma`, :math:`\tanh`) the
rule reads the output, as Chapter 2's backward pass reads the cache.
"""

from typing import Any

import numpy as np

from nnbook.activations import sigmoid as _sigmoid
from nnbook.autodiff.ops import finite_result
from nnbook.autodiff.tensor import Tensor, as_tensor

__all__ = ["exp", "log", "relu", "sigmoid", "softplus", "tanh"]


def exp(x: Any) -> Tensor:
    r""":math:`e^x`. Backward: :math:`G \odot e^x`, the output itself.

    Examples
    --------
    >>> exp(Tensor([0.0])).data
    array([1.])
    """
    x = as_tensor(x, "x", func="exp")
    with np.errstate(over="ignore"):
        out = finite_result(np.exp(x.data), "exp")
    return Tensor.from_op(out, (x,), lambda G: (G * out,), "exp")


def log(x: Any) -> Tensor:
    r""":math:`\log x` for :math:`x > 0`. Backward: :math:`G / x`.

    Raises
    ------
    ValueError
        If an entry is not positive.

    Examples
    --------
    >>> log(Tensor([1.0])).data
    array([0.])
    """
    x = as_tensor(x, "x", func="log")
    if np.any(x.data <= 0):
        msg = (
            f"log(): every entry must be positive; the smallest is "
            f"{x.data.min():g}. For a loss, work from the logits "
            "(softplus, log-sum-exp) instead of taking log of a probability."
        )
        raise ValueError(msg)
    return Tensor.from_op(np.log(x.data), (x,), lambda G: (G / x.data,), "log")


def relu(x: Any) -> Tensor:
    r""":math:`\max(0, x)`. Backward: :math:`G` where :math:`x > 0`, else 0.

    Examples
    --------
    >>> relu(Tensor([-1.0, 2.0])).data
    array([0., 2.])
    """
    x = as_tensor(x, "x", func="relu")
    return Tensor.from_op(
        np.maximum(x.data, 0.0), (x,), lambda G: (G * (x.data > 0),), "relu"
    )


def sigmoid(x: Any) -> Tensor:
    r""":math:`\sigma(x)`. Backward: :math:`G \odot \sigma(1 - \sigma)`.

    Examples
    --------
    >>> sigmoid(Tensor([0.0])).data
    array([0.5])
    """
    x = as_tensor(x, "x", func="sigmoid")
    s = _sigmoid(x.data)  # the stable two-branch form of Chapter 1
    return Tensor.from_op(s, (x,), lambda G: (G * s * (1.0 - s),), "sigmoid")


def tanh(x: Any) -> Tensor:
    r""":math:`\tanh x`. Backward: :math:`G \odot (1 - \tanh^2 x)`.

    Examples
    --------
    >>> tanh(Tensor([0.0])).data
    array([0.])
    """
    x = as_tensor(x, "x", func="tanh")
    t = np.tanh(x.data)
    return Tensor.from_op(t, (x,), lambda G: (G * (1.0 - t * t),), "tanh")


def softplus(x: Any) -> Tensor:
    r""":math:`\log(1 + e^x)`, without overflow. Backward: :math:`G \odot \sigma(x)`.

    Binary cross-entropy from the logit is :math:`\text{softplus}(z) - yz`
    (:func:`nnbook.autodiff.losses.binary_cross_entropy_with_logits`).

    Examples
    --------
    >>> float(softplus(Tensor([0.0])).data[0]) == float(np.log(2.0))
    True
    """
    x = as_tensor(x, "x", func="softplus")
    s = _sigmoid(x.data)
    return Tensor.from_op(
        np.logaddexp(0.0, x.data), (x,), lambda G: (G * s,), "softplus"
    )
