r"""Watch a deep network: every layer's output and gradient, through hooks.

Taught in Chapter 6, section :ref:`nn-deep-watching`. A
:class:`~nnbook.sequential.Sequential` calls its ``forward_hooks`` with each
layer's output and its ``backward_hooks`` with the gradient arriving at each
layer's output. :class:`LayerRecorder` is such a pair of hooks: while it is
active it keeps a copy of those arrays, so that the chapter can draw how the
spread of the activations and of the gradients changes from layer to layer
(``torch.nn.Module.register_forward_hook`` is the PyTorch counterpart).
Arrays are features x samples.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from nnbook.layers.base import Layer

__all__ = ["LayerRecorder", "record_layers"]


class LayerRecorder:
    """The outputs and output gradients of a model's layers, by layer index.

    Parameters
    ----------
    kinds : tuple of type, optional
        Record only layers of these classes (e.g. ``(ActivationLayer,)``);
        all layers by default.

    Attributes
    ----------
    outputs, gradients : dict of int to ndarray
        Copies of the last output of each recorded layer, and of the gradient
        of the loss with respect to it, keyed by the layer's index.
    """

    def __init__(self, kinds: tuple[type, ...] = (Layer,)):
        self.kinds = kinds
        self.outputs: dict[int, np.ndarray] = {}
        self.gradients: dict[int, np.ndarray] = {}

    def on_forward(self, index: int, layer: Layer, array: np.ndarray) -> None:
        """Forward hook: keep a copy of the layer's output."""
        if isinstance(layer, self.kinds):
            self.outputs[index] = array.copy()

    def on_backward(self, index: int, layer: Layer, array: np.ndarray) -> None:
        """Backward hook: keep a copy of the gradient at the layer's output."""
        if isinstance(layer, self.kinds):
            self.gradients[index] = array.copy()

    def summary(self) -> dict[str, list[Any]]:
        """Return per recorded layer: index, mean and std of outputs and gradients.

        Gradient entries are NaN for layers that had no backward pass.
        """
        rows: dict[str, list[Any]] = {
            key: [] for key in ("layer", "mean", "std", "grad_mean", "grad_std")
        }
        for index, A in sorted(self.outputs.items()):
            dA = self.gradients.get(index)
            rows["layer"].append(index)
            rows["mean"].append(float(A.mean()))
            rows["std"].append(float(A.std()))
            rows["grad_mean"].append(np.nan if dA is None else float(dA.mean()))
            rows["grad_std"].append(np.nan if dA is None else float(dA.std()))
        return rows


@contextmanager
def record_layers(
    model: Any, kinds: tuple[type, ...] = (Layer,)
) -> Iterator[LayerRecorder]:
    """Attach a :class:`LayerRecorder` to ``model`` for the ``with`` block.

    Parameters
    ----------
    model : Sequential
        The model to watch; its hooks are restored afterwards.
    kinds : tuple of type, optional
        As for :class:`LayerRecorder`.

    Yields
    ------
    LayerRecorder

    Examples
    --------
    >>> from nnbook.layers import ActivationLayer, Dense
    >>> from nnbook.sequential import Sequential
    >>> model = Sequential([Dense(2, 3, rng=0), ActivationLayer("tanh"),
    ...                     Dense(3, 1, rng=1)])
    >>> X, Y = np.ones((2, 4)), np.ones((1, 4))
    >>> with record_layers(model, (ActivationLayer,)) as record:
    ...     _ = model.forward(X)
    ...     _ = model.backward(Y)
    >>> sorted(record.outputs), record.gradients[1].shape
    ([1], (3, 4))
    """
    recorder = LayerRecorder(kinds)
    model.forward_hooks.append(recorder.on_forward)
    model.backward_hooks.append(recorder.on_backward)
    try:
        yield recorder
    finally:
        model.forward_hooks.remove(recorder.on_forward)
        model.backward_hooks.remove(recorder.on_backward)
