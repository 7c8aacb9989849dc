r"""Reductions of :class:`~nnbook.autodiff.Tensor`: sum, mean, log-sum-exp.

Taught in Chapter 3, section :ref:`nn-autodiff-arrays`. A reduction maps
many entries to one, so each input entry gets the output's gradient back
(copied along the reduced axis), times its own slope: 1 for a sum,
:math:`1/n` for a mean, the softmax for log-sum-exp.
"""

from typing import Any

import numpy as np

from nnbook._validation import check_axis
from nnbook.autodiff.ops import finite_result
from nnbook.autodiff.tensor import Tensor, as_tensor

__all__ = ["logsumexp", "reduce_mean", "reduce_sum"]


def _expand(G: np.ndarray, x: Tensor, axis: int | None, keepdims: bool) -> np.ndarray:
    """Copy the reduced gradient ``G`` back to every entry of ``x``."""
    if axis is not None and not keepdims:
        G = np.expand_dims(G, axis)
    return np.broadcast_to(G, x.shape)


def _axis(x: Tensor, axis: Any, func: str) -> int | None:
    return None if axis is None else check_axis(axis, x.data, "x", func=func)


def reduce_sum(x: Any, axis: int | None = None, *, keepdims: bool = False) -> Tensor:
    """Sum over ``axis`` (all entries if None). Backward: ``G`` copied back.

    Examples
    --------
    >>> x = Tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> reduce_sum(x, axis=1).data
    array([3., 7.])
    """
    x = as_tensor(x, "x", func="reduce_sum")
    axis = _axis(x, axis, "reduce_sum")
    with np.errstate(over="ignore"):
        out = finite_result(np.sum(x.data, axis=axis, keepdims=keepdims), "reduce_sum")
    return Tensor.from_op(
        np.asarray(out), (x,), lambda G: (_expand(G, x, axis, keepdims),), "sum"
    )


def reduce_mean(x: Any, axis: int | None = None, *, keepdims: bool = False) -> Tensor:
    """Average over ``axis`` (all if None). Backward: ``G / n`` copied back.

    Examples
    --------
    >>> reduce_mean(Tensor([1.0, 2.0, 6.0])).data
    array(3.)
    """
    x = as_tensor(x, "x", func="reduce_mean")
    axis = _axis(x, axis, "reduce_mean")
    n = x.data.size if axis is None else x.shape[axis]
    if n == 0:
        msg = f"reduce_mean(): the tensor of shape {x.shape} has no entries to average."
        raise ValueError(msg)
    out = np.asarray(np.mean(x.data, axis=axis, keepdims=keepdims))
    return Tensor.from_op(
        out, (x,), lambda G: (_expand(G / n, x, axis, keepdims),), "mean"
    )


def logsumexp(x: Any, axis: int = 0) -> Tensor:
    r""":math:`\log \sum_k e^{x_k}` along ``axis``, without overflow.

    Backward: :math:`G` times the softmax of ``x`` along ``axis``, since
    :math:`\partial / \partial x_c \log \sum_k e^{x_k} = e^{x_c} / \sum_k e^{x_k}`.
    The default axis 0 is the class axis of the book's layout.

    Examples
    --------
    >>> float(logsumexp(Tensor([[0.0], [0.0]])).data[0]) == float(np.log(2.0))
    True
    """
    x = as_tensor(x, "x", func="logsumexp")
    axis = check_axis(axis, x.data, "x", func="logsumexp")
    top = np.max(x.data, axis=axis, keepdims=True)  # shift: exp never overflows
    shifted = np.exp(x.data - top)
    total = np.sum(shifted, axis=axis, keepdims=True)
    out = np.squeeze(top + np.log(total), axis=axis)
    softmax = shifted / total
    return Tensor.from_op(
        out, (x,), lambda G: (np.expand_dims(G, axis) * softmax,), "logsumexp"
    )
