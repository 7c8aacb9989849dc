r"""A scalar automatic-differentiation engine: :class:`Value`.

Taught in Chapter 3, section :ref:`nn-autodiff-scalar`; in the spirit of
micrograd. A :class:`Value` holds a number, the values it was computed from
(``parents``) and the **local derivatives** :math:`\partial\,\text{out} /
\partial\,\text{parent}`, computed in the forward pass beside the value
itself. That is all the chain rule needs: :meth:`Value.backward` multiplies
the incoming gradient by each local derivative
(:meth:`Value.backward_rule`) and :func:`nnbook.autodiff.graph.backpropagate`
adds up the shares in reverse topological order.

A number that is not a :class:`Value` (``2 * x``) is a constant: it gets no
node and no gradient, and appears in the operation's name instead.
"""

import math
from typing import Any

from nnbook._validation import as_float_scalar
from nnbook.autodiff.graph import backpropagate, topological_order

__all__ = ["Value"]

_EXP_MAX = math.log(1.7976931348623157e308)  # e**x overflows float64 beyond


class Value:
    r"""A scalar that records how it was computed, for reverse-mode autodiff.

    Parameters
    ----------
    data : float
        The number.
    label : str, optional
        A name shown by :func:`nnbook.diagrams.draw_graph` (``"w1"``).

    Attributes
    ----------
    data : float
        The value computed in the forward pass.
    grad : float
        :math:`\partial L / \partial` this value, added up by every
        :meth:`backward` since the last :meth:`zero_grad` (0 before).
    parents : tuple of Value
        The values this one was computed from (none for a leaf).
    local_grads : tuple of float
        :math:`\partial\,\text{self} / \partial\,\text{parent}`, one per
        parent, computed in the forward pass.
    op : str
        The operation that made it (``"*"``, ``"sigmoid"``; ``""`` for a leaf).

    Raises
    ------
    TypeError, ValueError
        If ``data`` (or an operand) is not a finite real number, the
        exponent of ``**`` is a :class:`Value`, or :meth:`log` gets a
        non-positive value.

    Examples
    --------
    >>> w, x = Value(-2.0, label="w"), Value(3.0, label="x")
    >>> z = w * x + 1.0
    >>> z.backward()
    >>> z.data, w.grad, x.grad
    (-5.0, 3.0, -2.0)
    """

    __slots__ = ("data", "grad", "label", "local_grads", "op", "parents")

    def __init__(
        self,
        data: Any,
        label: str = "",
    ) -> None:
        self.data = as_float_scalar(data, "data", func="Value")
        self.grad = 0.0
        self.label = label
        self.parents: tuple[Value, ...] = ()
        self.local_grads: tuple[float, ...] = ()
        self.op = ""

    def __repr__(self) -> str:
        name = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g}{name})"

    # --- the chain rule ------------------------------------------------------

    def backward_rule(self, grad: float) -> tuple[float, ...]:
        """Share ``grad`` out to the parents: ``grad * local derivative``."""
        return tuple(grad * local for local in self.local_grads)

    def backward(self, grad: float = 1.0) -> None:
        r"""Add ``grad`` times :math:`\partial\,\text{self} / \partial v` to ``v.grad``.

        Examples
        --------
        >>> x = Value(3.0)
        >>> y = x * x
        >>> y.backward()
        >>> x.grad
        6.0
        """
        seed = as_float_scalar(grad, "grad", func="Value.backward")
        nodes = topological_order(self)
        grads = backpropagate(self, seed)
        for node in nodes:  # like PyTorch: add to what is there
            node.grad += grads[id(node)]

    def zero_grad(self) -> None:
        """Set ``grad`` to 0 on this value and on everything it depends on."""
        for node in topological_order(self):
            node.grad = 0.0

    # --- operations: each value beside its local derivatives ----------------

    @staticmethod
    def _new(data: float, parents: tuple, local_grads: tuple, op: str) -> "Value":
        if not math.isfinite(data):  # operands are finite: the result overflowed
            msg = (
                f"Value {op}: the result overflows float64 (beyond +-1.8e308). "
                "Scale the inputs down."
            )
            raise ValueError(msg)
        out = Value.__new__(Value)  # the operands were checked when created
        out.data, out.grad, out.label = data, 0.0, ""
        out.parents, out.local_grads, out.op = parents, local_grads, op
        return out

    def __add__(self, other: Any) -> "Value":
        if isinstance(other, Value):
            return self._new(self.data + other.data, (self, other), (1.0, 1.0), "+")
        c = _constant(other, "+")
        return self._new(self.data + c, (self,), (1.0,), f"+ {c:g}")

    def __mul__(self, other: Any) -> "Value":
        if isinstance(other, Value):
            return self._new(
                self.data * other.data, (self, other), (other.data, self.data), "*"
            )
        c = _constant(other, "*")
        return self._new(self.data * c, (self,), (c,), f"* {c:g}")

    def __pow__(self, exponent: Any) -> "Value":
        if isinstance(exponent, Value):
            msg = (
                "Value ** Value: the exponent must be a constant real number, "
                "not a Value. For a variable exponent write (x.log() * y).exp()."
            )
            raise TypeError(msg)
        k = _constant(exponent, "**")
        return self._new(
            self.data**k, (self,), (k * self.data ** (k - 1),), f"** {k:g}"
        )

    def __neg__(self) -> "Value":
        return self._new(-self.data, (self,), (-1.0,), "neg")

    def __rsub__(self, other: Any) -> "Value":  # c - x: one node, slope -1
        c = _constant(other, "-")
        return self._new(c - self.data, (self,), (-1.0,), f"{c:g} -")

    def __sub__(self, other: Any) -> "Value":
        return self + (-other)

    def __truediv__(self, other: Any) -> "Value":
        return self * other**-1

    def __rtruediv__(self, other: Any) -> "Value":
        return self**-1 * other

    __radd__ = __add__
    __rmul__ = __mul__

    def exp(self) -> "Value":
        """Take :math:`e^x`, whose derivative is itself."""
        if self.data > _EXP_MAX:
            msg = (
                f"Value.exp(): e**x overflows float64 for x = {self.data:g} (the "
                f"largest is x = {_EXP_MAX:.2f}). Scale the inputs down."
            )
            raise ValueError(msg)
        out = math.exp(self.data)
        return self._new(out, (self,), (out,), "exp")

    def log(self) -> "Value":
        r"""Take :math:`\log x` for :math:`x > 0`; its derivative is :math:`1/x`."""
        if self.data <= 0:
            msg = (
                f"Value.log(): the argument must be positive; got {self.data:g}. "
                "Compute the loss from logits (a log-sigmoid) instead of log(a)."
            )
            raise ValueError(msg)
        return self._new(math.log(self.data), (self,), (1.0 / self.data,), "log")

    def sigmoid(self) -> "Value":
        r"""Apply the sigmoid; its derivative is :math:`\sigma(x)(1 - \sigma(x))`."""
        x = self.data  # the two-branch form never overflows
        s = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
        return self._new(s, (self,), (s * (1.0 - s),), "sigmoid")

    def tanh(self) -> "Value":
        r"""Apply :math:`\tanh`; its derivative is :math:`1 - \tanh^2 x`."""
        t = math.tanh(self.data)
        return self._new(t, (self,), (1.0 - t * t,), "tanh")

    def relu(self) -> "Value":
        r"""Apply ReLU, :math:`\max(0, x)`, whose derivative is 1 for x > 0, else 0."""
        return self._new(max(self.data, 0.0), (self,), (float(self.data > 0),), "relu")


def _constant(other: Any, op: str) -> float:
    """Return a number used with a Value, or raise a clear TypeError."""
    if isinstance(other, bool) or not isinstance(other, int | float):
        msg = (
            f"Value {op} {type(other).__name__}: the other operand must be a "
            f"Value or a real number (int or float); got {other!r}. Wrap a "
            "NumPy scalar with float(...)."
        )
        raise TypeError(msg)
    return as_float_scalar(other, "other", func=f"Value {op}")
