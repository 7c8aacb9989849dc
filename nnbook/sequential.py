r"""A model made of layers in a row, trained like :class:`nnbook.Network`.

Taught in Chapter 6, Deep networks, section :ref:`nn-deep-layers`.
:class:`Sequential` runs its :mod:`nnbook.layers` one after the other; the
last one gives the logits :math:`Z^{[L]}`, and the output head (the output
activation with its loss, :data:`nnbook.heads.HEADS`) turns them into
predictions and starts the backward pass, exactly as in
:class:`nnbook.Network`. With dense and activation layers only it *is* a
``Network`` (the tests check: the same outputs, gradients and training
history); it can also hold batch normalisation (this chapter) and dropout
(Chapter 7), which behave differently in training and in evaluation: hence
:meth:`Sequential.train` and :meth:`Sequential.eval`, as in PyTorch.
Arrays use the book's layout, **features x samples**.
"""

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nnbook.activations import Activation
from nnbook.heads import Head, resolve_head
from nnbook.layers.base import Layer, check_widths
from nnbook.model import Model
from nnbook.optim.base import Optimizer
from nnbook.training import check_inputs, prepare_targets

__all__ = ["Hook", "Sequential"]

#: ``hook(index, layer, array)``, called with each layer's output (forward
#: hooks) or with the gradient arriving at its output (backward hooks).
Hook = Callable[[int, Layer, np.ndarray], None]


class Sequential(Model):
    r"""Layers applied in order, then an output head.

    Parameters
    ----------
    layers : sequence of Layer
        E.g. ``[Dense(64, 32), ActivationLayer("relu"), Dense(32, 10)]``;
        the last gives the logits.
    output_activation, loss : str
        The output head, as for :class:`nnbook.Network` (default sigmoid
        with binary cross-entropy).

    Attributes
    ----------
    layers : list of Layer
    training : bool
        The mode: True after :meth:`train` (the default), False after
        :meth:`eval`.
    forward_hooks, backward_hooks : list of Hook
        Functions called with each layer's output, or with the gradient at
        each layer's output (see :mod:`nnbook.layers.statistics`).

    Raises
    ------
    TypeError
        If an item of ``layers`` is not a layer.
    ValueError
        If the widths of neighbouring layers differ, or the head is unknown
        or does not suit the output width.

    Examples
    --------
    >>> from nnbook.datasets import make_xor
    >>> from nnbook.layers import ActivationLayer, Dense
    >>> rng = np.random.default_rng(0)
    >>> model = Sequential([Dense(2, 4, rng=rng), ActivationLayer("relu"),
    ...                     Dense(4, 1, rng=rng)])
    >>> sorted(model.parameters)
    ['0.W', '0.b', '2.W', '2.b']
    >>> X, y = make_xor()
    >>> history = model.fit(X, y, epochs=1000, learning_rate=0.5)
    >>> history["accuracy"][-1], model.predict(X).tolist()
    (1.0, [[0, 1, 1, 0]])
    """

    def __init__(
        self,
        layers: Sequence[Layer],
        *,
        output_activation: str | Activation = "sigmoid",
        loss: str = "binary_cross_entropy",
    ):
        func = "Sequential"
        if isinstance(layers, Layer) or not isinstance(layers, Sequence):
            msg = (
                f"{func}(): argument 'layers' must be a list of layers; got "
                f"{type(layers).__name__}. Wrap it: Sequential([layer])."
            )
            raise TypeError(msg)
        self.layers = list(layers)
        self.n_inputs, self.n_outputs = check_widths(self.layers, func=func)
        self._head: Head = resolve_head(
            output_activation, loss, func=func, n_outputs=self.n_outputs
        )
        self.output_activation, self.loss = output_activation, loss
        self.training = True
        self.forward_hooks: list[Hook] = []
        self.backward_hooks: list[Hook] = []
        self._logits: np.ndarray | None = None

    def __repr__(self) -> str:
        inner = ",\n".join(
            f"  {index}: {layer!r}" for index, layer in enumerate(self.layers)
        )
        return f"Sequential(\n{inner}\n)"

    def _named(self, kind: str) -> dict[str, np.ndarray]:
        return {
            f"{index}.{name}": array
            for index, layer in enumerate(self.layers)
            for name, array in getattr(layer, kind).items()
        }

    @property
    def parameters(self) -> dict[str, np.ndarray]:
        """Return the learnable arrays by ``"index.name"`` (live, not copies)."""
        return self._named("params")

    @property
    def grads(self) -> dict[str, np.ndarray]:
        """Return the gradients of the last :meth:`backward`, like ``parameters``."""
        return self._named("grads")

    @property
    def buffers(self) -> dict[str, np.ndarray]:
        """Return the layers' non-learnable arrays (running statistics)."""
        return self._named("buffers")

    def train(self) -> "Sequential":
        """Switch to training mode (batch statistics, dropout on); return self."""
        self.training = True
        return self

    def eval(self) -> "Sequential":
        """Switch to evaluation mode (running statistics, dropout off); return self."""
        self.training = False
        return self

    @property
    def _n_outputs(self) -> int:
        return self.n_outputs

    def _check_inputs(self, X: Any, func: str) -> np.ndarray:
        return check_inputs(X, self.n_inputs, func=func)

    def _output_logits(self) -> np.ndarray:
        if self._logits is None:  # _forward always sets it; this narrows the type
            msg = "Sequential.evaluate(): call forward(X) first."
            raise ValueError(msg)
        return self._logits

    def _forward(self, X: Any, *, func: str) -> np.ndarray:
        A = self._check_inputs(X, func)
        # A layer's own error names the layer (e.g. BatchNorm.forward()).
        for index, layer in enumerate(self.layers):
            A = layer.forward(A, training=self.training)
            for hook in self.forward_hooks:
                hook(index, layer, A)
        self._logits = A
        return self._head.activation.function(A)

    def backward(self, Y: Any) -> dict[str, np.ndarray]:
        """Backpropagate from targets ``Y``; return the gradients (see ``grads``)."""
        func = "Sequential.backward"
        if self._logits is None:
            msg = f"{func}(): call forward(X) first; backward reads its cache."
            raise ValueError(msg)
        Y = prepare_targets(
            Y, self._head, self.n_outputs, self._logits.shape[1], func=func
        )
        dA = self._head.output_gradient(Y, self._logits, func=func)
        for index in range(len(self.layers) - 1, -1, -1):
            for hook in self.backward_hooks:
                hook(index, self.layers[index], dA)
            dA = self.layers[index].backward(dA)
        return self.grads

    def update(self, optimizer: Optimizer, learning_rate: float | None = None) -> None:
        """Apply ``optimizer`` to the last gradients, as ``Network.update`` does."""
        grads = self.grads
        if set(grads) != set(self.parameters) or not grads:
            msg = (
                "Sequential.update(): call forward(X) and backward(Y) first; "
                "there are no gradients."
            )
            raise ValueError(msg)
        optimizer.step(self.parameters, grads, learning_rate=learning_rate)

    def _check_batches(self, n_samples: int, batch_size: Any, func: str) -> None:
        """Refuse a schedule whose last mini-batch a layer cannot train on."""
        size = n_samples if batch_size is None else batch_size
        smallest = n_samples % size if isinstance(size, int) and size > 0 else 0
        needs = [layer for layer in self.layers if layer.min_training_batch > 1]
        if needs and (smallest == 1 or size == 1):
            msg = (
                f"{func}(): with {n_samples} samples and batch_size={batch_size} "
                f"a mini-batch has 1 sample, and {needs[0]!r} cannot train on a "
                "single sample. Choose a batch size for which n_samples % "
                "batch_size is not 1."
            )
            raise ValueError(msg)
