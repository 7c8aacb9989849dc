r"""A dense layer :math:`Z = W X + b` with its own weights.

Taught in Chapter 6, section :ref:`nn-deep-layers`: Chapter 2's
:func:`nnbook.forward_layer` and :func:`nnbook.dense_backward` as a
:class:`~nnbook.layers.base.Layer`, holding ``W`` and ``b``. Arrays are
features x samples.
"""

from collections.abc import Callable
from typing import Any

import numpy as np

from nnbook._validation import (
    as_float_array,
    check_choice,
    check_finite_result,
    check_int,
    check_random_state,
)
from nnbook.initialization import METHODS, check_scale, draw_weights
from nnbook.layers.base import Layer

__all__ = ["Dense"]


class Dense(Layer):
    r"""A fully connected layer: :math:`Z = W X + b`.

    Parameters
    ----------
    in_features, out_features : int
        :math:`n_{l-1}` and :math:`n_l`.
    init : {"glorot", "he", "normal", "zeros"} or callable, default "glorot"
        How ``W`` is drawn: a method of :func:`nnbook.initialize_parameters`,
        or a function ``init(shape, rng=generator)`` such as those of
        :mod:`nnbook.initializers` (wrap options with
        :func:`functools.partial`). ``b`` starts at zero.
    scale : float, optional
        Standard deviation for ``init="normal"`` (default 0.1).
    rng : int, numpy.random.Generator or None
        Source of the draws; pass one generator to every layer of a stack to
        get the weights :func:`nnbook.initialize_parameters` would draw.

    Notes
    -----
    Forward and backward, with :math:`dZ` the gradient from above:

    .. math:: Z = W X + b, \qquad dW = dZ\,X^\top, \qquad
              db = \textstyle\sum_i dZ_{:,i}, \qquad dX = W^\top dZ.

    Examples
    --------
    >>> layer = Dense.from_arrays([[1.0, -1.0]], [0.5])
    >>> layer.forward(np.array([[2.0], [1.0]]), training=True)
    array([[1.5]])
    >>> layer.backward(np.array([[1.0]]))
    array([[ 1.],
           [-1.]])
    >>> layer.grads
    {'W': array([[2., 1.]]), 'b': array([1.])}
    """

    def __init__(
        self,
        in_features: int,
        out_features: int,
        *,
        init: str | Callable[..., np.ndarray] = "glorot",
        scale: float | None = None,
        rng: int | np.random.Generator | None = None,
    ):
        super().__init__()
        func = "Dense"
        n_in = check_int(in_features, "in_features", func=func, min_value=1)
        n_out = check_int(out_features, "out_features", func=func, min_value=1)
        generator = check_random_state(rng, func=func)
        if callable(init):
            W = as_float_array(
                init((n_out, n_in), rng=generator), "init(...)", func=func
            )
            if W.shape != (n_out, n_in):
                msg = (
                    f"{func}(): argument 'init' must return weights of shape "
                    f"(out_features, in_features) = {(n_out, n_in)}; got {W.shape}."
                )
                raise ValueError(msg)
        else:
            check_choice(init, "init", METHODS, func=func)
            std = check_scale(scale, init, func=func)
            W = draw_weights(n_in, n_out, init, std, generator, func=func)
        self._set(W, np.zeros(n_out))

    @classmethod
    def from_arrays(cls, W: Any, b: Any) -> "Dense":
        """Make a layer holding copies of given ``W`` (n_out, n_in) and ``b`` (n_out,).

        Raises
        ------
        ValueError
            If ``W`` is not 2-D or ``b`` does not have one entry per row of ``W``.
        """
        func = "Dense.from_arrays"
        W = as_float_array(W, "W", func=func, ndim=2, shape_desc="(n_out, n_in)")
        b = as_float_array(b, "b", func=func, ndim=(1, 2))
        if b.size != W.shape[0]:
            msg = (
                f"{func}(): argument 'b' must have one entry per row of W, "
                f"{W.shape[0]}; got shape {b.shape}."
            )
            raise ValueError(msg)
        layer = cls.__new__(cls)
        Layer.__init__(layer)
        layer._set(W.copy(), b.reshape(-1).copy())
        return layer

    def _set(self, W: np.ndarray, b: np.ndarray) -> None:
        self.params = {"W": W, "b": b}
        self.out_features, self.in_features = W.shape

    def _describe(self) -> str:
        return f"{self.in_features}, {self.out_features}"

    def forward(self, X: Any, *, training: bool) -> np.ndarray:
        """Return :math:`Z = W X + b`; keep ``X`` for the backward pass."""
        X = self._input(X)
        W, b = self.params["W"], self.params["b"]
        with np.errstate(over="ignore", invalid="ignore"):  # reported just below
            Z = W @ X + b.reshape(-1, 1)
        check_finite_result(
            Z, "W @ X + b", func="Dense.forward", hint="Scale the inputs down."
        )
        self._remember(X=X, output_shape=Z.shape)
        return Z

    def backward(self, dY: Any) -> np.ndarray:
        r"""Fill ``grads`` with dW, db; return :math:`dX = W^\top dZ`."""
        cache, dZ = self._recall(dY)
        with np.errstate(over="ignore", invalid="ignore"):
            self.grads = {"W": dZ @ cache["X"].T, "b": dZ.sum(axis=1)}
            dX = self.params["W"].T @ dZ
        for name, grad in (*self.grads.items(), ("dX", dX)):
            check_finite_result(
                grad,
                name,
                func="Dense.backward",
                hint="Lower the learning rate or use a smaller initialisation.",
            )
        return dX
