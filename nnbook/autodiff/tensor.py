r"""An automatic-differentiation engine on NumPy arrays: :class:`Tensor`.

Taught in Chapter 3, section :ref:`nn-autodiff-arrays`. A :class:`Tensor`
holds a float64 array and, if an operation made it, its parents and a
**backward rule**: a function that takes the gradient of the loss with
respect to the result and returns one gradient per parent. The operations
themselves live in :mod:`nnbook.autodiff.ops` (arithmetic, broadcasting,
matrix product), :mod:`nnbook.autodiff.elementwise`,
:mod:`nnbook.autodiff.reductions` and :mod:`nnbook.autodiff.losses`, each
forward beside its backward; the operators and methods here call them
(``a + b`` is :func:`~nnbook.autodiff.ops.add`, ``a @ b`` is
:func:`~nnbook.autodiff.ops.matmul`, ``a.sum()`` is
:func:`~nnbook.autodiff.reductions.reduce_sum`).

Arrays use the book's layout, **features x samples**, as :mod:`nnbook`.
NumPy functions do not record the graph, so applying one to a Tensor
(``np.exp(x)``) raises instead of silently losing the gradient.
"""

from collections.abc import Callable
from typing import Any

import numpy as np

from nnbook._validation import as_float_array
from nnbook.autodiff.graph import backpropagate, topological_order

__all__ = ["Tensor", "as_tensor"]

BackwardRule = Callable[[np.ndarray], tuple[np.ndarray, ...]]


class Tensor:
    r"""A float64 array that records how it was computed.

    Parameters
    ----------
    data : array-like
        The values, converted to float64 (finite numbers only).
    label : str, optional
        A name for messages and diagrams.

    Attributes
    ----------
    data : numpy.ndarray
        The values computed in the forward pass.
    grad : numpy.ndarray or None
        :math:`\partial L / \partial` this tensor, of the same shape, added
        up by every :meth:`backward` since the last :meth:`zero_grad` (None
        before the first).
    parents : tuple of Tensor
        The tensors this one was computed from (none for a leaf).
    op : str
        The operation that made it (``""`` for a leaf).

    Raises
    ------
    TypeError, ValueError
        If ``data`` is not an array of finite real numbers.

    Examples
    --------
    >>> W = Tensor([[1.0, 2.0]])
    >>> x = Tensor([[3.0], [4.0]])
    >>> loss = (W @ x).sum()
    >>> loss.backward()
    >>> W.grad
    array([[3., 4.]])
    """

    __slots__ = ("_rule", "data", "grad", "label", "op", "parents")

    def __array_ufunc__(
        self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any
    ) -> Any:
        """``array + tensor`` works; ``np.exp(tensor)`` raises a clear error."""
        from nnbook.autodiff import ops

        operators = {np.add: ops.add, np.multiply: ops.mul, np.matmul: ops.matmul}
        if method == "__call__" and not kwargs and ufunc in operators:
            return operators[ufunc](*inputs)
        if method == "__call__" and not kwargs and ufunc is np.subtract:
            return ops.add(inputs[0], ops.neg(inputs[1]))
        msg = (
            f"np.{ufunc.__name__}() is not an operation of nnbook.autodiff.Tensor: "
            "NumPy functions do not record the graph, so the gradient would be "
            "lost. Use the engine's function instead (nnbook.autodiff.exp(x), "
            "nnbook.autodiff.relu(x), ...), or add an operation with its backward "
            "rule as in Chapter 3's first exercise."
        )
        raise TypeError(msg)

    def __init__(self, data: Any, label: str = "") -> None:
        self.data = as_float_array(data, "data", func="Tensor")
        self.grad: np.ndarray | None = None
        self.label = label
        self.parents: tuple[Tensor, ...] = ()
        self.op = ""
        self._rule: BackwardRule | None = None

    @classmethod
    def from_op(
        cls,
        data: np.ndarray,
        parents: tuple["Tensor", ...],
        rule: BackwardRule,
        op: str,
    ) -> "Tensor":
        """Record ``data``, the result of ``op`` on ``parents``, and its rule."""
        out = cls.__new__(cls)  # data is already a checked float64 array
        out.data, out.grad, out.label = data, None, ""
        out.parents, out.op, out._rule = parents, op, rule
        return out

    def __repr__(self) -> str:
        made = f", op={self.op!r}" if self.op else ""
        return f"Tensor(shape={self.data.shape}{made})"

    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of ``data``."""
        return self.data.shape

    # --- the chain rule ------------------------------------------------------

    def backward_rule(self, grad: np.ndarray) -> tuple[np.ndarray, ...]:
        """Return the gradients of the parents, given the gradient of this tensor."""
        return () if self._rule is None else self._rule(grad)

    def backward(self, gradient: Any = None) -> None:
        r"""Backpropagate from this tensor and add the gradients to every ``.grad``.

        Parameters
        ----------
        gradient : array-like, optional
            :math:`\partial L / \partial\,\text{self}`, of this tensor's
            shape. Needed unless the tensor holds one number (a loss), for
            which it is 1.

        Raises
        ------
        ValueError
            If the tensor holds more than one number and ``gradient`` is not
            given, or ``gradient`` has another shape.
        """
        func = "Tensor.backward"
        if gradient is None:
            if self.data.size != 1:
                msg = (
                    f"{func}(): this tensor has shape {self.shape}, not a single "
                    "number, so its gradient with respect to its inputs is a "
                    "Jacobian, not an array. Pass gradient=, an array of shape "
                    f"{self.shape} (dL/dself), or reduce it first, e.g. "
                    "x.sum().backward()."
                )
                raise ValueError(msg)
            seed = np.ones_like(self.data)
        else:
            seed = as_float_array(gradient, "gradient", func=func)
            if seed.shape != self.shape:
                msg = (
                    f"{func}(): argument 'gradient' must have the tensor's shape "
                    f"{self.shape}; got shape {seed.shape}."
                )
                raise ValueError(msg)
        grads = backpropagate(self, seed)
        for node in topological_order(self):  # like PyTorch: add to what is there
            share = np.array(grads[id(node)], dtype=float)  # an array of its own
            node.grad = share if node.grad is None else node.grad + share

    def zero_grad(self) -> None:
        """Forget the gradients of this tensor and of everything it depends on."""
        for node in topological_order(self):
            node.grad = None

    # --- operators and methods: see the ops modules --------------------------

    def __add__(self, other: Any) -> "Tensor":
        from nnbook.autodiff.ops import add

        return add(self, other)

    def __radd__(self, other: Any) -> "Tensor":
        from nnbook.autodiff.ops import add

        return add(other, self)

    def __sub__(self, other: Any) -> "Tensor":
        from nnbook.autodiff.ops import add, neg

        return add(self, neg(other))

    def __rsub__(self, other: Any) -> "Tensor":
        from nnbook.autodiff.ops import add, neg

        return add(other, neg(self))

    def __mul__(self, other: Any) -> "Tensor":
        from nnbook.autodiff.ops import mul

        return mul(self, other)

    def __rmul__(self, other: Any) -> "Tensor":
        from nnbook.autodiff.ops import mul

        return mul(other, self)

    def __neg__(self) -> "Tensor":
        from nnbook.autodiff.ops import neg

        return neg(self)

    def __matmul__(self, other: Any) -> "Tensor":
        from nnbook.autodiff.ops import matmul

        return matmul(self, other)

    def __rmatmul__(self, other: Any) -> "Tensor":
        from nnbook.autodiff.ops import matmul

        return matmul(other, self)

    @property
    def T(self) -> "Tensor":  # noqa: N802 (NumPy's name)
        """The transpose, :func:`~nnbook.autodiff.ops.transpose`."""
        from nnbook.autodiff.ops import transpose

        return transpose(self)

    def reshape(self, *shape: int) -> "Tensor":
        """Reshape, as :func:`~nnbook.autodiff.ops.reshape`."""
        from nnbook.autodiff.ops import reshape

        return reshape(self, shape)

    def sum(self, axis: int | None = None, *, keepdims: bool = False) -> "Tensor":
        """Sum, as :func:`~nnbook.autodiff.reductions.reduce_sum`."""
        from nnbook.autodiff.reductions import reduce_sum

        return reduce_sum(self, axis, keepdims=keepdims)

    def mean(self, axis: int | None = None, *, keepdims: bool = False) -> "Tensor":
        """Average, as :func:`~nnbook.autodiff.reductions.reduce_mean`."""
        from nnbook.autodiff.reductions import reduce_mean

        return reduce_mean(self, axis, keepdims=keepdims)


def as_tensor(value: Any, name: str, *, func: str) -> Tensor:
    """Return ``value`` if it is a Tensor, else a constant leaf made from it.

    Examples
    --------
    >>> as_tensor(2.0, "b", func="add").data
    array(2.)
    """
    if isinstance(value, Tensor):
        return value
    return Tensor(as_float_array(value, name, func=func))
