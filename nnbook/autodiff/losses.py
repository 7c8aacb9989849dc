r"""The losses of Chapters 1-2, written with the operations of :mod:`nnbook.autodiff`.

Taught in Chapter 3, section :ref:`nn-autodiff-arrays`. None of these has a
backward rule of its own: each is a short expression of operations that
do, so the engine differentiates it. Arrays are **classes x samples** as in
:mod:`nnbook.losses`, and each loss is the same mean, so the values and
gradients equal :func:`nnbook.mse_loss`,
:func:`nnbook.binary_cross_entropy_with_logits` and
:func:`nnbook.categorical_cross_entropy_with_logits`.
"""

from typing import Any

from nnbook._validation import check_same_shape
from nnbook.autodiff.elementwise import softplus
from nnbook.autodiff.reductions import logsumexp
from nnbook.autodiff.tensor import Tensor, as_tensor

__all__ = [
    "binary_cross_entropy_with_logits",
    "categorical_cross_entropy_with_logits",
    "mse_loss",
]


def _pair(prediction: Any, name: str, Y: Any, func: str) -> tuple[Tensor, Tensor]:
    out, Y = as_tensor(prediction, name, func=func), as_tensor(Y, "Y", func=func)
    check_same_shape(out.data, name, Y.data, "Y", func=func)
    return out, Y


def mse_loss(A: Any, Y: Any) -> Tensor:
    r"""Mean squared error, :math:`\frac1N \sum (A - Y)^2`, over all N entries.

    Examples
    --------
    >>> mse_loss(Tensor([[1.0, 3.0]]), [[0.0, 0.0]]).data
    array(5.)
    """
    A, Y = _pair(A, "A", Y, "mse_loss")
    error = A - Y
    return (error * error).mean()  # error is used twice: its gradients add


def binary_cross_entropy_with_logits(Z: Any, Y: Any) -> Tensor:
    r"""Binary cross-entropy of :math:`\sigma(Z)`, from the logits ``Z``.

    Per entry, :math:`-[y \log \sigma(z) + (1-y) \log(1 - \sigma(z))] =
    \operatorname{softplus}(z) - yz`, averaged over the N entries; the
    backward pass gives :math:`(\sigma(Z) - Y)/N`, Chapter 2's fused form.

    Examples
    --------
    >>> round(float(binary_cross_entropy_with_logits([[0.0]], [[1.0]]).data), 4)
    0.6931
    """
    Z, Y = _pair(Z, "Z", Y, "binary_cross_entropy_with_logits")
    return (softplus(Z) - Y * Z).mean()


def categorical_cross_entropy_with_logits(Z: Any, Y: Any) -> Tensor:
    r"""Categorical cross-entropy of :math:`\operatorname{softmax}(Z)` from the logits.

    ``Z`` and the one-hot ``Y`` are classes x samples. Per sample,
    :math:`-\sum_k y_k \log a_k = \log \sum_k e^{z_k} - \sum_k y_k z_k`
    (for one-hot :math:`y`), averaged over the m samples.

    Examples
    --------
    >>> Z, Y = Tensor([[0.0, 0.0], [0.0, 0.0]]), [[1.0, 0.0], [0.0, 1.0]]
    >>> round(float(categorical_cross_entropy_with_logits(Z, Y).data), 4)
    0.6931
    """
    Z, Y = _pair(Z, "Z", Y, "categorical_cross_entropy_with_logits")
    return (logsumexp(Z, axis=0) - (Y * Z).sum(axis=0)).mean()
