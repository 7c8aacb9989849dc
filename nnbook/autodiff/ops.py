r"""Arithmetic, broadcasting and the matrix product of :class:`~nnbook.autodiff.Tensor`.

Taught in Chapter 3, section :ref:`nn-autodiff-arrays`. Every operation
computes its result and defines, right beside it, its **backward rule**:
given :math:`G = \partial L / \partial\,\text{out}`, the gradient of each
input. The rule is a vector-Jacobian product, computed without ever forming
the Jacobian.

Broadcasting copies an input along some axes, so its gradient is the sum of
the copies' gradients over those axes (:func:`unbroadcast`): the bias
:math:`b` of shape ``(n, 1)`` added to ``Z`` of shape ``(n, m)`` gets
:math:`db = \sum_i G_{:,i}`, the row sums of Chapter 2.
"""

from typing import Any

import numpy as np

from nnbook.autodiff.tensor import Tensor, as_tensor

__all__ = ["add", "matmul", "mul", "neg", "reshape", "transpose", "unbroadcast"]


def unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum ``grad`` over the axes that broadcasting added to an input of ``shape``.

    Examples
    --------
    >>> unbroadcast(np.ones((2, 3)), (2, 1))
    array([[3.],
           [3.]])
    >>> unbroadcast(np.ones((2, 3)), (3,))
    array([2., 2., 2.])
    """
    grad = grad.sum(axis=tuple(range(grad.ndim - len(shape))))  # axes put in front
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    return grad.sum(axis=stretched, keepdims=True) if stretched else grad


def _broadcast(a: Tensor, b: Tensor, func: str) -> None:
    """Raise a clear error if the shapes of ``a`` and ``b`` do not broadcast."""
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        msg = (
            f"{func}(): shapes {a.shape} and {b.shape} do not broadcast: compared "
            "from the right, each pair of sizes must be equal or one of them 1. "
            "For a bias of shape (n,) added to Z of shape (n, m), use "
            "b.reshape(-1, 1)."
        )
        raise ValueError(msg) from None


def add(a: Any, b: Any) -> Tensor:
    r"""Add ``a + b``, with NumPy broadcasting.

    Backward: :math:`\partial L/\partial a = G`, summed over the broadcast axes
    (:func:`unbroadcast`); the same for ``b``.

    Examples
    --------
    >>> Z = add(Tensor([[1.0, 2.0], [3.0, 4.0]]), b := Tensor([[10.0], [20.0]]))
    >>> Z.sum().backward()
    >>> b.grad
    array([[2.],
           [2.]])
    """
    a, b = as_tensor(a, "a", func="add"), as_tensor(b, "b", func="add")
    _broadcast(a, b, "add")

    def rule(G: np.ndarray) -> tuple[np.ndarray, ...]:
        return unbroadcast(G, a.shape), unbroadcast(G, b.shape)

    with np.errstate(over="ignore"):
        out = a.data + b.data
    return Tensor.from_op(finite_result(out, "add"), (a, b), rule, "+")


def mul(a: Any, b: Any) -> Tensor:
    r"""Multiply ``a * b``, entry by entry, with NumPy broadcasting.

    Backward: :math:`\partial L/\partial a = G \odot b`,
    :math:`\partial L/\partial b = G \odot a` (each unbroadcast).

    Examples
    --------
    >>> x = Tensor([1.0, 2.0])
    >>> mul(x, x).sum().backward()  # d(x^2)/dx = 2x: both uses add up
    >>> x.grad
    array([2., 4.])
    """
    a, b = as_tensor(a, "a", func="mul"), as_tensor(b, "b", func="mul")
    _broadcast(a, b, "mul")

    def rule(G: np.ndarray) -> tuple[np.ndarray, ...]:
        return unbroadcast(G * b.data, a.shape), unbroadcast(G * a.data, b.shape)

    with np.errstate(over="ignore"):
        out = a.data * b.data
    return Tensor.from_op(finite_result(out, "mul"), (a, b), rule, "*")


def neg(a: Any) -> Tensor:
    """Negate: ``-a``. Backward: :math:`-G`.

    Examples
    --------
    >>> neg(Tensor([1.0, -2.0])).data
    array([-1.,  2.])
    """
    a = as_tensor(a, "a", func="neg")
    return Tensor.from_op(-a.data, (a,), lambda G: (-G,), "neg")


def matmul(A: Any, B: Any) -> Tensor:
    r"""Multiply two 2-D tensors: the matrix product ``A @ B``.

    Backward: :math:`\partial L/\partial A = G B^\top`,
    :math:`\partial L/\partial B = A^\top G`: for ``W @ A_prev`` these are
    Chapter 2's :math:`dW = dZ\,A_{\text{prev}}^\top` and
    :math:`dA_{\text{prev}} = W^\top dZ`.

    Raises
    ------
    ValueError
        If a tensor is not 2-D, or ``A``'s columns differ from ``B``'s rows
        (the message names both shapes).

    Examples
    --------
    >>> W, X = Tensor([[1.0, 2.0]]), Tensor([[3.0], [4.0]])
    >>> matmul(W, X).data
    array([[11.]])
    """
    A, B = as_tensor(A, "A", func="matmul"), as_tensor(B, "B", func="matmul")
    if A.data.ndim != 2 or B.data.ndim != 2:
        msg = (
            f"matmul(): both tensors must be 2-D; got shapes {A.shape} and "
            f"{B.shape}. Make a vector a column with x.reshape(-1, 1)."
        )
        raise ValueError(msg)
    if A.shape[1] != B.shape[0]:
        msg = (
            f"matmul(): shapes {A.shape} and {B.shape} do not fit: A has "
            f"{A.shape[1]} columns but B has {B.shape[0]} rows. In the book's "
            "layout (features x samples) a layer computes W @ A_prev."
        )
        raise ValueError(msg)

    def rule(G: np.ndarray) -> tuple[np.ndarray, ...]:
        return G @ B.data.T, A.data.T @ G

    with np.errstate(over="ignore", invalid="ignore"):
        out = A.data @ B.data
    return Tensor.from_op(finite_result(out, "matmul"), (A, B), rule, "@")


def transpose(A: Any) -> Tensor:
    r"""``A.T``. Backward: :math:`G^\top`.

    Examples
    --------
    >>> transpose(Tensor([[1.0, 2.0]])).shape
    (2, 1)
    """
    A = as_tensor(A, "A", func="transpose")
    return Tensor.from_op(A.data.T, (A,), lambda G: (G.T,), "T")


def reshape(a: Any, shape: tuple[int, ...]) -> Tensor:
    """Reshape ``a`` to ``shape``. Backward: ``G`` in ``a``'s shape.

    Examples
    --------
    >>> reshape(Tensor([1.0, 2.0]), (-1, 1)).shape
    (2, 1)
    """
    a = as_tensor(a, "a", func="reshape")
    try:
        out = a.data.reshape(shape)
    except ValueError:
        msg = (
            f"reshape(): cannot reshape a tensor of shape {a.shape} "
            f"({a.data.size} values) into shape {tuple(shape)}."
        )
        raise ValueError(msg) from None
    return Tensor.from_op(out, (a,), lambda G: (G.reshape(a.shape),), "reshape")


def finite_result(out: np.ndarray, func: str) -> np.ndarray:
    """Raise if a result of finite operands overflowed float64."""
    if not np.all(np.isfinite(out)):
        msg = (
            f"{func}(): the result overflows float64 (beyond +-1.8e308). Scale "
            "the inputs down."
        )
        raise ValueError(msg)
    return out
