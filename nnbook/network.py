r"""A small dense network in NumPy that learns by gradient descent.

Taught in Chapter 2, section :ref:`nn-training-xor`.
:class:`Network` is nothing more than :func:`nnbook.forward_network`,
:func:`nnbook.backward_network` and the update
:math:`\theta \leftarrow \theta - \eta\, \partial L / \partial \theta`, in a
loop. Arrays use the book's layout, **features x samples**.
"""

from typing import Any

import numpy as np

from nnbook._validation import (
    check_choice,
    check_layer_sizes,
    check_parameters,
    check_positive,
    check_random_state,
    reraise_as,
    resolve_activation,
)
from nnbook.activations import Activation
from nnbook.backward import backward_network
from nnbook.cache import ForwardCache
from nnbook.forward import forward_network
from nnbook.heads import Head, resolve_head
from nnbook.initialization import METHODS, initialize_parameters
from nnbook.model import Model
from nnbook.optim.base import Optimizer
from nnbook.training import check_inputs, prepare_targets

__all__ = ["Network"]


class Network(Model):
    r"""A dense feedforward network trained by backpropagation.

    Parameters
    ----------
    layer_sizes : sequence of int
        Widths :math:`n_0, \dots, n_L`, e.g. ``[2, 4, 1]`` for XOR.
    hidden_activation : str, default "relu"
        Activation of layers 1 to L - 1, a name in :data:`nnbook.ACTIVATIONS`.
    output_activation : str, default "sigmoid"
        Activation of layer L: ``"sigmoid"`` with binary cross-entropy,
        ``"softmax"`` with categorical cross-entropy, any with ``"mse"``;
        the pair must be an output head of :data:`nnbook.heads.HEADS`.
    loss : {"binary_cross_entropy", "categorical_cross_entropy", "mse"}
        The loss, a mean over samples; default ``"binary_cross_entropy"``.
    init : {"glorot", "he", "normal", "zeros"}, default "glorot"
        Passed to :func:`nnbook.initialize_parameters` as ``method``.
    rng : int, numpy.random.Generator or None, default None
        Seed for the initial weights (``None``: the package's fixed seed).

    Attributes
    ----------
    cache : dict or None
        The last forward pass, read by :meth:`backward`.
    grads : dict or None
        The last gradients, applied by :meth:`step`.

    Raises
    ------
    TypeError
        If ``layer_sizes`` is not a sequence of integers or a name is not a
        string.
    ValueError
        If a name is unknown, or the loss does not suit the output activation
        (binary cross-entropy needs sigmoid, categorical needs softmax with at
        least two units).

    See Also
    --------
    nnbook.backward_network, nnbook.pytorch.train_network

    Notes
    -----
    One training step on a batch :math:`(X, Y)` with learning rate
    :math:`\eta`:

    .. math:: W^{[l]} \leftarrow W^{[l]} - \eta\, dW^{[l]}, \qquad
              b^{[l]} \leftarrow b^{[l]} - \eta\, db^{[l]}.

    References
    ----------
    .. [1] D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning
       representations by back-propagating errors", *Nature* 323,
       pp. 533-536, 1986.

    Examples
    --------
    XOR with the seed, learning rate and budget that Chapter 2 uses:

    >>> from nnbook.datasets import make_xor
    >>> X, y = make_xor()
    >>> net = Network([2, 4, 1], rng=0)
    >>> history = net.fit(X, y, epochs=1000, learning_rate=0.5)
    >>> history["accuracy"][-1], net.predict(X).tolist()
    (1.0, [[0, 1, 1, 0]])
    """

    def __init__(
        self,
        layer_sizes: Any,
        *,
        hidden_activation: str | Activation = "relu",
        output_activation: str | Activation = "sigmoid",
        loss: str = "binary_cross_entropy",
        init: str = "glorot",
        rng: int | np.random.Generator | None = None,
    ):
        func = "Network"
        # Checked here so that messages name Network, not a helper.
        check_layer_sizes(layer_sizes, func=func)
        check_choice(init, "init", METHODS, func=func)
        check_random_state(rng, func=func)  # only checked: ints and None are reused
        if isinstance(rng, np.random.Generator) or rng is None:
            params = initialize_parameters(layer_sizes, method=init, rng=rng)
        else:
            params = initialize_parameters(layer_sizes, method=init, rng=int(rng))
        self._setup(params, hidden_activation, output_activation, loss, func=func)

    @classmethod
    def from_parameters(
        cls,
        parameters: Any,
        *,
        hidden_activation: str | Activation = "relu",
        output_activation: str | Activation = "sigmoid",
        loss: str = "binary_cross_entropy",
    ) -> "Network":
        """Make a network that starts from given weights (they are copied).

        Parameters
        ----------
        parameters : dict of str to array-like
            ``"W1", "b1", ..., "WL", "bL"``, e.g. from
            :func:`nnbook.initialize_parameters`.
        hidden_activation, output_activation, loss : str
            As for :class:`Network`.

        Returns
        -------
        Network

        Raises
        ------
        ValueError
            As for :class:`Network`, and if the shapes of ``parameters`` do
            not fit together (the message names the two that disagree).

        Examples
        --------
        >>> params = {"W1": np.ones((1, 2)), "b1": np.zeros(1)}
        >>> Network.from_parameters(params).layer_sizes
        (2, 1)
        """
        net = cls.__new__(cls)
        net._setup(
            parameters,
            hidden_activation,
            output_activation,
            loss,
            func="Network.from_parameters",
        )
        return net

    def _setup(
        self, parameters: Any, hidden: Any, output: Any, loss: Any, *, func: str
    ) -> None:
        self._parameters, sizes = check_parameters(parameters, func=func, copy=True)
        resolve_activation(hidden, "hidden_activation", func=func)
        self._head: Head = resolve_head(output, loss, func=func, n_outputs=sizes[-1])
        self.hidden_activation, self.output_activation, self.loss = hidden, output, loss
        self.cache: ForwardCache | None = None
        self.grads: dict[str, np.ndarray] | None = None

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        """Return the widths n_0, ..., n_L as a tuple of int."""
        n_layers = len(self._parameters) // 2
        W = [self._parameters[f"W{i}"] for i in range(1, n_layers + 1)]
        return (W[0].shape[1], *(w.shape[0] for w in W))

    @property
    def parameters(self) -> dict[str, np.ndarray]:
        """Return a copy of the current weights and biases, ``"W1", "b1", ...``."""
        return {key: value.copy() for key, value in self._parameters.items()}

    def _check_inputs(self, X: Any, func: str) -> np.ndarray:
        return check_inputs(X, self.layer_sizes[0], func=func)

    def _forward(self, X: Any, *, func: str) -> np.ndarray:
        X = self._check_inputs(X, func)
        with reraise_as(func):  # e.g. an overflow, reported as the caller's
            self.cache = forward_network(
                X,
                self._parameters,
                hidden_activation=self.hidden_activation,
                output_activation=self.output_activation,
            )
        return self.cache[f"A{len(self._parameters) // 2}"]

    def backward(self, Y: Any) -> dict[str, np.ndarray]:
        """Backpropagate from targets ``Y`` through the last forward pass.

        Returns
        -------
        dict of str to ndarray
            ``"dW1", "db1", ...``, also kept as the attribute ``grads``.
        """
        if self.cache is None:
            msg = "Network.backward(): call forward(X) first; backward reads its cache."
            raise ValueError(msg)
        n_samples = self.cache["A0"].shape[1]
        Y = prepare_targets(
            Y, self._head, self.layer_sizes[-1], n_samples, func="Network.backward"
        )
        with reraise_as("Network.backward"):
            self.grads = backward_network(
                self.cache, self._parameters, Y, loss=self.loss
            )
        return self.grads

    def step(self, learning_rate: float) -> None:
        """Take one gradient-descent step with the last gradients."""
        if self.grads is None:
            msg = (
                "Network.step(): call forward(X) and backward(Y) first; there are "
                "no gradients."
            )
            raise ValueError(msg)
        learning_rate = check_positive(
            learning_rate, "learning_rate", func="Network.step"
        )
        with np.errstate(over="ignore", invalid="ignore"):  # checked just below
            updated = {
                key: value - learning_rate * self.grads[f"d{key}"]
                for key, value in self._parameters.items()
            }
        if not all(np.isfinite(value).all() for value in updated.values()):
            msg = (
                f"Network.step(): the update with learning_rate={learning_rate} "
                "overflows float64; the weights are left as they were. Try a "
                "smaller learning rate."
            )
            raise FloatingPointError(msg)
        for key, value in self._parameters.items():
            value[...] = updated[key]

    def update(self, optimizer: Optimizer, learning_rate: float | None = None) -> None:
        """Apply ``optimizer`` to the last gradients (chapter 5's ``step``).

        Parameters
        ----------
        optimizer : nnbook.optim.Optimizer
            Its state and step count advance.
        learning_rate : float, optional
            This step's rate; the optimizer's own if not given.

        Raises
        ------
        FloatingPointError
            If the step would make a weight non-finite (the weights are left
            as they were).
        """
        if self.grads is None:
            msg = (
                "Network.update(): call forward(X) and backward(Y) first; there "
                "are no gradients."
            )
            raise ValueError(msg)
        grads = {key: self.grads[f"d{key}"] for key in self._parameters}
        optimizer.step(self._parameters, grads, learning_rate=learning_rate)

    @property
    def _n_outputs(self) -> int:
        return self.layer_sizes[-1]

    def _output_logits(self) -> np.ndarray:
        if self.cache is None:  # _forward always sets it; this narrows the type
            msg = "Network.evaluate(): call forward(X) first."
            raise ValueError(msg)
        return self.cache[f"Z{len(self._parameters) // 2}"]
