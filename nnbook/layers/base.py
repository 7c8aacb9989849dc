r"""What every layer shares: ``forward``, ``backward``, and named arrays.

Taught in Chapter 6, Deep networks, section :ref:`nn-deep-layers`. Chapter 2's
:class:`nnbook.Network` is one fixed kind of model, a stack of dense layers
with one activation. To put other things between the dense layers (batch
normalisation here, dropout in Chapter 7) the model is cut into **layers**,
each with two methods:

* ``forward(X, training=...)`` computes the output and keeps, in its own
  cache, what the backward pass will need;
* ``backward(dY)`` takes the gradient of the loss with respect to that
  output, fills ``grads`` with the gradients of the layer's parameters, and
  returns the gradient with respect to the input, for the layer below.

Arrays use the book's layout, **features x samples**. ``params`` holds the
learnable arrays (an optimizer updates them in place), ``grads`` their
gradients under the same keys, and ``buffers`` arrays that the layer changes
itself but no optimizer touches (batch normalisation's running statistics).
This is the design of ``torch.nn.Module``, cut to what the book needs.
"""

from collections.abc import Sequence
from typing import Any

import numpy as np

from nnbook._validation import as_float_array

__all__ = ["Layer", "check_widths"]


class Layer:
    """Base class of a layer: a forward pass that caches, a backward pass that reads it.

    Attributes
    ----------
    params : dict of str to ndarray
        The learnable arrays (empty for a layer without any).
    grads : dict of str to ndarray
        Their gradients from the last :meth:`backward`, same keys.
    buffers : dict of str to ndarray
        Arrays the layer updates itself, not learned (e.g. running means).
    in_features, out_features : int or None
        The widths the layer needs and gives; ``None`` for a layer that
        works on any width and keeps it (an activation).
    min_training_batch : int
        The fewest samples a training batch may have (1; 2 for batch norm).

    Notes
    -----
    A subclass writes :meth:`forward` and :meth:`backward`; it stores what
    the backward pass needs with :meth:`_remember` and reads it back with
    :meth:`_recall`, which says clearly when ``forward`` was not called.
    """

    in_features: int | None = None
    out_features: int | None = None
    #: The fewest samples a batch needs in training mode (2 for batch norm).
    min_training_batch: int = 1

    def __init__(self) -> None:
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.buffers: dict[str, np.ndarray] = {}
        self._cache: dict[str, Any] | None = None

    def forward(self, X: Any, *, training: bool) -> np.ndarray:
        """Return the layer's output for ``X`` (features x samples)."""
        raise NotImplementedError

    def backward(self, dY: Any) -> np.ndarray:
        """Return ``dX`` from ``dY``, the gradient of the loss w.r.t. the output."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._describe()})"

    def _describe(self) -> str:
        return ""

    def _input(self, X: Any) -> np.ndarray:
        """Check ``X``: a finite 2-D float array with ``in_features`` rows."""
        func = f"{type(self).__name__}.forward"
        X = as_float_array(
            X, "X", func=func, ndim=2, shape_desc="(n_features, n_samples)"
        )
        if self.in_features is not None and X.shape[0] != self.in_features:
            msg = (
                f"{func}(): argument 'X' must have {self.in_features} rows (one "
                f"per feature); got shape {X.shape}. If X is samples x features, "
                "pass X.T."
            )
            raise ValueError(msg)
        return X

    def _remember(self, **arrays: Any) -> None:
        self._cache = arrays

    def _recall(self, dY: Any) -> tuple[dict[str, Any], np.ndarray]:
        """Return the cache of the last forward and ``dY`` checked against it."""
        func = f"{type(self).__name__}.backward"
        if self._cache is None:
            msg = f"{func}(): call forward(X) first; backward reads its cache."
            raise ValueError(msg)
        dY = as_float_array(dY, "dY", func=func, ndim=2)
        expected = self._cache["output_shape"]
        if dY.shape != expected:
            msg = (
                f"{func}(): argument 'dY' must have the shape of the last "
                f"output, {expected}; got {dY.shape}."
            )
            raise ValueError(msg)
        return self._cache, dY


def check_widths(layers: Sequence["Layer"], *, func: str) -> tuple[int, int]:
    """Check that the widths of neighbouring layers fit; return (n_in, n_out)."""
    n_in = width = None
    for index, layer in enumerate(layers):
        if not isinstance(layer, Layer):
            msg = (
                f"{func}(): argument 'layers' must hold nnbook.layers objects; "
                f"item {index} is {type(layer).__name__}. Use e.g. Dense(64, 32) "
                "or ActivationLayer('relu')."
            )
            raise TypeError(msg)
        if layer.in_features is not None:
            if width is not None and width != layer.in_features:
                msg = (
                    f"{func}(): layer {index}, {layer!r}, takes {layer.in_features} "
                    f"features but the layer before it gives {width}. Make the "
                    "widths of neighbouring layers agree."
                )
                raise ValueError(msg)
            n_in = layer.in_features if n_in is None else n_in
            width = layer.out_features
    if n_in is None or width is None:
        msg = f"{func}(): argument 'layers' needs at least one Dense layer."
        raise ValueError(msg)
    return n_in, width
