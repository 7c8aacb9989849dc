r"""A small dense network in NumPy that learns by gradient descent.

Taught in Chapter 2, section :ref:`nn-training-xor`.
:class:`Network` is nothing more than :func:`nnbook.training.forward_pass`,
:func:`nnbook.backward_network` and the update
:math:`\theta \leftarrow \theta - \eta\, \partial L / \partial \theta`, in a
loop. Arrays use the book's layout, **features x samples**.
"""

import numpy as np

from nnbook._training_checks import (
    CLASSIFICATION_LOSSES,
    check_pairing,
    check_schedule,
    prepare_targets,
)
from nnbook._validation import as_float_array, check_choice
from nnbook.backward import backward_network
from nnbook.forward import _activation, _count_layers
from nnbook.initialization import METHODS, _as_generator, initialize_parameters
from nnbook.training import accuracy, forward_pass, loss_from_output, minibatches

__all__ = ["Network"]


class Network:
    r"""A dense feedforward network trained by backpropagation.

    Parameters
    ----------
    layer_sizes : sequence of int
        Widths :math:`n_0, \dots, n_L`, e.g. ``[2, 4, 1]`` for XOR.
    hidden_activation : str, default "relu"
        Activation of layers 1 to L - 1, a name in :data:`nnbook.ACTIVATIONS`.
    output_activation : str, default "sigmoid"
        Activation of layer L: ``"sigmoid"`` with binary cross-entropy,
        ``"softmax"`` with categorical cross-entropy, any with ``"mse"``.
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
        layer_sizes,
        *,
        hidden_activation="relu",
        output_activation="sigmoid",
        loss="binary_cross_entropy",
        init="glorot",
        rng=None,
    ):
        check_choice(init, "init", METHODS, func="Network")
        params = initialize_parameters(layer_sizes, method=init, rng=rng)
        self._setup(params, hidden_activation, output_activation, loss, func="Network")

    @classmethod
    def from_parameters(
        cls,
        parameters,
        *,
        hidden_activation="relu",
        output_activation="sigmoid",
        loss="binary_cross_entropy",
    ):
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
            func="from_parameters",
        )
        return net

    def _setup(self, parameters, hidden, output, loss, *, func):
        n_layers = _count_layers(parameters, func=func)
        self._parameters = {
            key: as_float_array(parameters[key], key, func=func).copy()
            for key in (f"{kind}{i}" for i in range(1, n_layers + 1) for kind in "Wb")
        }
        _activation(hidden, "hidden_activation", func=func)
        check_pairing(output, loss, self.layer_sizes[-1], func=func)
        self.hidden_activation, self.output_activation, self.loss = hidden, output, loss
        self.cache = self.grads = None

    @property
    def layer_sizes(self):
        """Return the widths n_0, ..., n_L as a tuple of int."""
        n_layers = len(self._parameters) // 2
        W = [self._parameters[f"W{i}"] for i in range(1, n_layers + 1)]
        return (W[0].shape[1], *(w.shape[0] for w in W))

    @property
    def parameters(self):
        """Return a copy of the current weights and biases, ``"W1", "b1", ...``."""
        return {key: value.copy() for key, value in self._parameters.items()}

    def _check_inputs(self, X, func):
        X = as_float_array(
            X, "X", func=func, ndim=2, shape_desc="(n_features, n_samples)"
        )
        if X.shape[0] != self.layer_sizes[0]:
            msg = (
                f"{func}(): argument 'X' must have {self.layer_sizes[0]} rows (one per "
                f"input feature); got shape {X.shape}. If X is samples x features, "
                "pass X.T."
            )
            raise ValueError(msg)
        return X

    def forward(self, X):
        """Run the network on ``X`` (features x samples); keep the cache.

        Returns
        -------
        ndarray of shape (n_outputs, n_samples)
            The output :math:`A^{[L]}`.
        """
        X = self._check_inputs(X, "forward")
        self.cache = forward_pass(
            X,
            self._parameters,
            hidden_activation=self.hidden_activation,
            output_activation=self.output_activation,
        )
        return self.cache[f"A{len(self._parameters) // 2}"]

    def backward(self, Y):
        """Backpropagate from targets ``Y`` through the last forward pass.

        Returns
        -------
        dict of str to ndarray
            ``"dW1", "db1", ...``, also kept as the attribute ``grads``.
        """
        if self.cache is None:
            msg = "backward(): call forward(X) first; backward reads its cache."
            raise ValueError(msg)
        n_samples = self.cache["A0"].shape[1]
        Y = prepare_targets(
            Y, self.layer_sizes[-1], n_samples, loss=self.loss, func="backward"
        )
        self.grads = backward_network(
            self.cache,
            self._parameters,
            Y,
            hidden_activation=self.hidden_activation,
            output_activation=self.output_activation,
            loss=self.loss,
        )
        return self.grads

    def step(self, learning_rate):
        """Take one gradient-descent step with the last gradients."""
        if self.grads is None:
            msg = (
                "step(): call forward(X) and backward(Y) first; there are no gradients."
            )
            raise ValueError(msg)
        _, learning_rate, _ = check_schedule(1, learning_rate, None, 1, func="step")
        for key, value in self._parameters.items():
            value -= learning_rate * self.grads[f"d{key}"]

    def evaluate(self, X, Y):
        """Return ``(loss, accuracy)`` on ``(X, Y)``; accuracy is None for MSE."""
        X = self._check_inputs(X, "evaluate")
        Y = prepare_targets(
            Y, self.layer_sizes[-1], X.shape[1], loss=self.loss, func="evaluate"
        )
        A = self.forward(X)
        last = len(self._parameters) // 2
        value = loss_from_output(
            Y,
            self.cache[f"Z{last}"],
            A,
            output_activation=self.output_activation,
            loss=self.loss,
        )
        return value, accuracy(Y, A, loss=self.loss)

    def predict(self, X):
        """Predict: 0/1 labels (binary), class indices of shape (1, m), or values."""
        A = self.forward(X)
        if self.loss == "binary_cross_entropy":
            return (A >= 0.5).astype(np.int64)
        if self.loss == "categorical_cross_entropy":
            return np.argmax(A, axis=0).reshape(1, -1)
        return A

    def fit(self, X, Y, *, epochs, learning_rate, batch_size=None, rng=None):
        r"""Train by (mini-batch) gradient descent and return the history.

        Parameters
        ----------
        X : array-like of shape (n_features, n_samples)
            Training inputs.
        Y : array-like of shape (n_outputs, n_samples)
            Targets; class indices of shape (n_samples,) also work for the
            categorical loss.
        epochs : int
            Passes over the data, at least 1.
        learning_rate : float
            Step size :math:`\eta > 0`.
        batch_size : int or None, default None
            Samples per step; ``None`` is full-batch gradient descent.
        rng : int, numpy.random.Generator or None
            Shuffles the mini-batches (see :func:`nnbook.training.minibatches`).

        Returns
        -------
        dict
            ``"epoch"`` (0 to ``epochs``), ``"loss"`` on all of ``(X, Y)``
            before training and after each epoch, and ``"accuracy"`` likewise
            for classification losses.

        Raises
        ------
        ValueError
            For a non-positive or non-finite learning rate, ``epochs < 1``, a
            batch size outside ``[1, n_samples]``, or unsuitable targets.
        """
        func = "fit"
        X = self._check_inputs(X, func)
        n_samples = X.shape[1]
        Y = prepare_targets(
            Y, self.layer_sizes[-1], n_samples, loss=self.loss, func=func
        )
        epochs, learning_rate, batch_size = check_schedule(
            epochs, learning_rate, batch_size, n_samples, func=func
        )
        shuffle = _as_generator(rng, func=func)
        history = {"epoch": [], "loss": []}
        if self.loss in CLASSIFICATION_LOSSES:
            history["accuracy"] = []
        for epoch in range(epochs + 1):
            if epoch > 0:
                for batch in minibatches(n_samples, batch_size, shuffle):
                    self.forward(X[:, batch])
                    self.backward(Y[:, batch])
                    self.step(learning_rate)
            loss, acc = self.evaluate(X, Y)
            history["epoch"].append(epoch)
            history["loss"].append(loss)
            if acc is not None:
                history["accuracy"].append(acc)
        return history
