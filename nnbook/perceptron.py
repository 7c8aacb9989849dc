r"""The perceptron: one neuron with weights it keeps.

Taught in Chapter 1, section :ref:`nn-basics-perceptron`.
"""

from typing import Any

import numpy as np

from nnbook._validation import (
    as_float_array,
    as_float_scalar,
    check_finite_result,
    check_int,
    check_random_state,
    resolve_activation,
)
from nnbook.activations import Activation
from nnbook.initialization import DEFAULT_SCALE

__all__ = ["Perceptron"]


class Perceptron:
    r"""A single neuron: weighted sum of the inputs plus a bias, then activation.

    Parameters
    ----------
    n_inputs : int
        Number of inputs :math:`n`, at least 1.
    rng : int, numpy.random.Generator or None, default None
        Source of the initial weights: a seed, a generator (which is
        advanced), or ``None`` for :data:`nnbook.initialization.DEFAULT_SEED`,
        so that a chapter prints the same numbers on every build.
    activation : str or Activation, default "linear"
        Applied by :meth:`forward`. The default returns the pre-activation
        :math:`z` itself, as in Chapter 1's first perceptron.

    Attributes
    ----------
    weights : ndarray of shape (n_inputs,)
        The weights :math:`w`, drawn as ``0.1 * N(0, 1)``.
    bias : float
        The bias :math:`b`, drawn as ``0.1 * N(0, 1)`` after the weights.
    activation : Activation
        The activation, resolved from its name.

    Raises
    ------
    TypeError
        If ``n_inputs`` is not an int (bools included) or ``rng`` is not a
        seed or Generator.
    ValueError
        If ``n_inputs < 1`` or ``activation`` is unknown.

    See Also
    --------
    nnbook.forward_neuron : The same computation as a function.
    nnbook.forward_layer : Many neurons at once.

    Notes
    -----
    .. math:: z = w^\top x + b = \sum_{j=1}^{n} w_j x_j + b, \qquad a = g(z)

    Examples
    --------
    >>> import numpy as np
    >>> p = Perceptron(3, rng=0)
    >>> p.weights.shape
    (3,)
    >>> q = Perceptron(3, rng=0)
    >>> bool(np.array_equal(p.weights, q.weights)) and p.bias == q.bias
    True

    Chapter 1's worked neuron, with given weights:

    >>> p = Perceptron.from_parameters([0.5, -0.2, 0.1], 0.3, activation="relu")
    >>> print(f"{p.forward([1.0, 2.0, 3.0]):.4f}")
    0.7000
    """

    def __init__(
        self,
        n_inputs: int,
        *,
        rng: int | np.random.Generator | None = None,
        activation: str | Activation = "linear",
    ):
        func = "Perceptron"
        n_inputs = check_int(n_inputs, "n_inputs", func=func, min_value=1)
        self.activation = resolve_activation(activation, "activation", func=func)
        generator = check_random_state(rng, func=func)
        self.weights = DEFAULT_SCALE * generator.standard_normal(int(n_inputs))
        self.bias = float(DEFAULT_SCALE * generator.standard_normal())

    @classmethod
    def from_parameters(
        cls, weights: Any, bias: Any, *, activation: str | Activation = "linear"
    ) -> "Perceptron":
        r"""Make a perceptron with the given weights and bias.

        Parameters
        ----------
        weights : array-like of shape (n_inputs,)
            The weights :math:`w`; copied.
        bias : float
            The bias :math:`b`.
        activation : str or Activation, default "linear"
            As for the constructor.

        Returns
        -------
        Perceptron
            A perceptron that draws no random numbers.

        Raises
        ------
        TypeError
            If ``weights`` or ``bias`` is not numeric.
        ValueError
            If ``weights`` is not a non-empty vector, a value is not finite,
            or ``activation`` is unknown.

        See Also
        --------
        nnbook.forward_neuron : The same neuron as a function of ``x, w, b``.

        Examples
        --------
        >>> p = Perceptron.from_parameters([1.0, 1.0], -1.5, activation="relu")
        >>> p.n_inputs, p.bias
        (2, -1.5)
        """
        func = "Perceptron.from_parameters"
        w = as_float_array(weights, "weights", func=func, ndim=1)
        if w.size == 0:
            msg = f"{func}(): argument 'weights' must hold at least one weight."
            raise ValueError(msg)
        b = as_float_scalar(bias, "bias", func=func)
        perceptron = cls.__new__(cls)
        perceptron.activation = resolve_activation(activation, "activation", func=func)
        perceptron.weights = w.copy()
        perceptron.bias = b
        return perceptron

    @property
    def n_inputs(self) -> int:
        """Number of inputs, the length of ``weights``."""
        return self.weights.shape[0]

    def forward(self, x: Any) -> float | np.ndarray:
        r"""Compute the output :math:`a = g(w^\top x + b)`.

        Parameters
        ----------
        x : array-like of shape (n_inputs,) or (n_inputs, n_samples)
            One sample, or a batch with one sample per column (the book's
            features x samples layout).

        Returns
        -------
        float or ndarray of shape (n_samples,)
            The activation, or the pre-activation :math:`z` when the
            activation is ``"linear"`` (the default): a float for one sample,
            one value per column for a batch.

        Raises
        ------
        TypeError
            If ``x`` is not numeric.
        ValueError
            If ``x`` does not have ``n_inputs`` rows, or is not finite.

        Notes
        -----
        .. math:: a = g\Bigl(\sum_{j=1}^{n} w_j x_j + b\Bigr)

        Examples
        --------
        >>> p = Perceptron.from_parameters([0.5, -0.2, 0.1], 0.3)
        >>> print(f"{p.forward([1.0, 2.0, 3.0]):.4f}")
        0.7000
        >>> import numpy as np
        >>> X = np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])  # 2 samples
        >>> print(np.round(p.forward(X), 4))
        [0.7 0.3]
        """
        func = "Perceptron.forward"
        x = as_float_array(x, "x", func=func, ndim=(1, 2))
        if x.shape[0] != self.n_inputs:
            msg = (
                f"{func}(): x has {x.shape[0]} entries along its first axis but "
                f"this perceptron has {self.n_inputs} inputs (weights of shape "
                f"{self.weights.shape}). Pass a vector of length {self.n_inputs}, "
                f"or a ({self.n_inputs}, n_samples) array for a batch; if your "
                "batch is samples x features, pass x.T."
            )
            raise ValueError(msg)
        with np.errstate(over="ignore", invalid="ignore"):  # reported just below
            z = self.weights @ x + self.bias
        check_finite_result(z, "w . x + b", func=func, hint="Scale x down.")
        a = self.activation.function(z)
        return float(a) if x.ndim == 1 else a

    def __repr__(self) -> str:
        return (
            f"Perceptron(n_inputs={self.n_inputs}, activation={self.activation.name!r})"
        )
