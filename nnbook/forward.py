r"""Forward propagation: a neuron, a layer and a network, in NumPy.

Taught in Chapter 1, "Neural network basics". Arrays use the book's layout,
**features x samples**: a batch of ``m`` samples with ``n`` features is an
array ``X`` of shape ``(n, m)``, one sample per column. PyTorch uses the
transpose; see :mod:`nnbook.pytorch`.

An activation is given by name (``"relu"``, ``"sigmoid"``, ...) or as an
:class:`nnbook.Activation`. An unknown name raises ``ValueError`` listing the
known ones; nothing silently falls back to the identity.
"""

from typing import Any

import numpy as np

from nnbook._validation import (
    as_float_array,
    as_float_scalar,
    check_finite_result,
    check_parameters,
    resolve_activation,
)
from nnbook.activations import Activation
from nnbook.cache import ForwardCache
from nnbook.heads import resolve_output

__all__ = ["forward_layer", "forward_network", "forward_neuron"]


def _check_inputs(X: Any, *, func: str) -> np.ndarray:
    return as_float_array(
        X,
        "X",
        func=func,
        ndim=2,
        shape_desc="(n_features, n_samples)",
        hint="For a single sample x, pass x.reshape(-1, 1).",
    )


def _affine(
    A_prev: np.ndarray,
    W: np.ndarray,
    b: np.ndarray,
    names: tuple[str, str, str],
    *,
    func: str,
) -> np.ndarray:
    """Compute ``W @ A_prev + b`` with a column bias, from checked float arrays."""
    a_name, w_name, b_name = names
    n_units, n_features = W.shape
    if n_features != A_prev.shape[0]:
        # Only the input can arrive in PyTorch's layout by mistake.
        is_input = a_name in {"X", "A0"}
        msg = (
            f"{func}(): {w_name} has {n_features} columns but {a_name} has "
            f"{A_prev.shape[0]} rows (features); {w_name} must have shape "
            f"({n_units}, {A_prev.shape[0]})."
            + (" If X is samples x features, pass X.T." if is_input else "")
        )
        raise ValueError(msg)
    if b.shape not in {(n_units,), (n_units, 1)}:
        msg = (
            f"{func}(): {b_name} must have shape ({n_units},) or ({n_units}, 1), "
            f"one bias per row of {w_name}; got shape {b.shape}."
        )
        raise ValueError(msg)
    with np.errstate(over="ignore", invalid="ignore"):  # reported just below
        Z = W @ A_prev + b.reshape(n_units, 1)
    return check_finite_result(
        Z,
        f"{w_name} @ {a_name} + {b_name}",
        func=func,
        hint="Scale the inputs or the weights down.",
    )


def forward_neuron(
    x: Any, w: Any, b: Any, activation: str | Activation = "relu"
) -> tuple[float, float]:
    r"""Compute one neuron's pre-activation and activation for one sample.

    Parameters
    ----------
    x : array-like of shape (n_features,)
        The inputs.
    w : array-like of shape (n_features,)
        The weights, one per input.
    b : float
        The bias.
    activation : str or Activation, default "relu"
        Name in :data:`nnbook.ACTIVATIONS` (e.g. ``"sigmoid"``, ``"linear"``)
        or an :class:`nnbook.Activation`.

    Returns
    -------
    z : float
        The pre-activation :math:`w \cdot x + b`.
    a : float
        The activation :math:`g(z)`.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If ``x`` or ``w`` is not a vector, their lengths differ, ``b`` is not
        a scalar, a value is not finite, or ``activation`` is unknown.

    See Also
    --------
    forward_layer : Many neurons and many samples at once.
    nnbook.Perceptron : The same computation, with weights it keeps.

    Notes
    -----
    .. math:: z = w^\top x + b = \sum_{j=1}^{n} w_j x_j + b, \qquad a = g(z)

    Examples
    --------
    Chapter 1's worked example: :math:`0.5 - 0.4 + 0.3 + 0.3 = 0.7`.

    >>> z, a = forward_neuron([1.0, 2.0, 3.0], [0.5, -0.2, 0.1], 0.3)
    >>> print(f"z = {z:.4f}, a = {a:.4f}")
    z = 0.7000, a = 0.7000
    >>> z, a = forward_neuron([1.0, 2.0, 3.0], [-0.5, -0.2, 0.1], 0.3)
    >>> print(f"z = {z:.4f}, a = {a:.4f}")
    z = -0.3000, a = 0.0000
    """
    func = "forward_neuron"
    g = resolve_activation(activation, "activation", func=func)
    x = as_float_array(x, "x", func=func, ndim=1, shape_desc="(n_features,)")
    w = as_float_array(w, "w", func=func, ndim=1, shape_desc="(n_features,)")
    b = as_float_scalar(b, "b", func=func)
    if x.shape != w.shape:
        msg = (
            f"{func}(): x has {x.size} entries but w has {w.size}; a neuron "
            "needs one weight per input."
        )
        raise ValueError(msg)
    with np.errstate(over="ignore", invalid="ignore"):  # reported just below
        z = float(np.dot(w, x) + b)
    check_finite_result(z, "w . x + b", func=func, hint="Scale x or w down.")
    return z, float(g.function(z))


def forward_layer(
    X: Any, W: Any, b: Any, activation: str | Activation = "relu"
) -> tuple[np.ndarray, np.ndarray]:
    r"""Compute a dense layer's pre-activations and activations for a batch.

    Parameters
    ----------
    X : array-like of shape (n_features, n_samples)
        The inputs, one sample per column.
    W : array-like of shape (n_units, n_features)
        The weights, one row per unit.
    b : array-like of shape (n_units,) or (n_units, 1)
        The biases, one per unit.
    activation : str or Activation, default "relu"
        Name in :data:`nnbook.ACTIVATIONS` or an :class:`nnbook.Activation`.

    Returns
    -------
    Z : ndarray of shape (n_units, n_samples)
        The pre-activations.
    A : ndarray of shape (n_units, n_samples)
        The activations :math:`g(Z)`.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If a shape is wrong (the message gives the expected shape), a value is
        not finite, or ``activation`` is unknown.

    See Also
    --------
    forward_neuron : One unit, one sample.
    forward_network : Several layers in sequence.

    Notes
    -----
    .. math:: Z = W X + b \mathbf{1}^\top, \qquad A = g(Z)

    Column :math:`i` of :math:`Z` is :math:`W x^{(i)} + b`. The bias is
    reshaped to a column of shape ``(n_units, 1)`` so that NumPy broadcasting
    adds it to every column (every sample); a 1-D ``b`` of shape
    ``(n_units,)`` would otherwise be broadcast along the rows, which is wrong
    (or fails) whenever ``n_samples != n_units``.

    Examples
    --------
    >>> X = np.array([[1.0, 2.0], [2.0, 3.0], [3.0, 4.0]])  # 3 features, 2 samples
    >>> W = np.array([[0.5, -0.2, 0.1], [-1.0, 0.0, 0.0]])  # 2 units
    >>> b = np.array([0.3, 0.5])
    >>> Z, A = forward_layer(X, W, b)
    >>> Z.shape
    (2, 2)
    >>> print(np.round(Z, 4))
    [[ 0.7  1.1]
     [-0.5 -1.5]]
    >>> print(np.round(A, 4))
    [[0.7 1.1]
     [0.  0. ]]
    """
    func = "forward_layer"
    g = resolve_activation(activation, "activation", func=func)
    X = _check_inputs(X, func=func)
    W = as_float_array(W, "W", func=func, ndim=2, shape_desc="(n_units, n_features)")
    b = as_float_array(b, "b", func=func, ndim=(1, 2), shape_desc="(n_units,)")
    Z = _affine(X, W, b, ("X", "W", "b"), func=func)
    return Z, g.function(Z)


def forward_network(
    X: Any,
    parameters: Any,
    *,
    hidden_activation: str | Activation = "relu",
    output_activation: str | Activation = "linear",
) -> ForwardCache:
    r"""Run a dense network forward and keep every intermediate value.

    Parameters
    ----------
    X : array-like of shape (n_features, n_samples)
        The inputs, one sample per column.
    parameters : dict of str to array-like
        Exactly ``"W1", "b1", ..., "WL", "bL"``, with ``W{l}`` of shape
        ``(n_l, n_{l-1})`` and ``b{l}`` of shape ``(n_l,)`` or ``(n_l, 1)``,
        as made by :func:`nnbook.initialize_parameters`.
    hidden_activation : str or Activation, default "relu"
        Activation of layers 1 to L - 1.
    output_activation : str or Activation, default "linear"
        Activation of layer L, a name in :data:`nnbook.heads.OUTPUT_ACTIVATIONS`:
        ``"sigmoid"`` for a binary classifier such as Chapter 1's XOR network,
        ``"softmax"`` (over each column) for several classes.

    Returns
    -------
    cache : ForwardCache
        A dict of ``"A0"`` (the input, as float64) and ``"Z1", "A1", ...,
        "ZL", "AL"``, each of shape ``(n_l, n_samples)``. ``cache[f"A{L}"]``
        is the output; backpropagation (Chapter 2) reads the rest, and the
        activations the cache records.

    Raises
    ------
    TypeError
        If ``parameters`` is not a dict or a value is not numeric.
    ValueError
        If ``parameters`` lacks a key, has an unexpected one, or a shape does
        not match the previous layer (the message names both), an activation
        is unknown, or a pre-activation overflows float64.

    See Also
    --------
    forward_layer : One layer.
    nnbook.initialize_parameters : Makes ``parameters``.
    nnbook.pytorch.forward_network : The same in PyTorch, samples x features.

    Notes
    -----
    For :math:`l = 1, \dots, L`, with :math:`A^{[0]} = X`:

    .. math:: Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad
              A^{[l]} = g^{[l]}\bigl(Z^{[l]}\bigr),

    where :math:`g^{[l]}` is ``hidden_activation`` for :math:`l < L` and
    ``output_activation`` for :math:`l = L`.

    Examples
    --------
    A 2 -> 2 -> 1 network, small enough to check by hand.

    >>> params = {
    ...     "W1": np.array([[1.0, -1.0], [0.5, 0.5]]), "b1": np.array([0.0, -1.0]),
    ...     "W2": np.array([[2.0, 1.0]]), "b2": np.array([0.5]),
    ... }
    >>> X = np.array([[3.0], [1.0]])
    >>> cache = forward_network(X, params)
    >>> sorted(cache)
    ['A0', 'A1', 'A2', 'Z1', 'Z2']
    >>> print(cache["Z1"].ravel(), cache["A1"].ravel(), cache["A2"].ravel())
    [2. 1.] [2. 1.] [5.5]
    """
    func = "forward_network"
    arrays, sizes = check_parameters(parameters, func=func)
    hidden = resolve_activation(hidden_activation, "hidden_activation", func=func)
    output = resolve_output(output_activation, func=func)
    A = _check_inputs(X, func=func)
    cache = ForwardCache({"A0": A}, hidden_activation=hidden, output_activation=output)
    n_layers = len(sizes) - 1
    for layer in range(1, n_layers + 1):
        names = (f"A{layer - 1}", f"W{layer}", f"b{layer}")
        Z = _affine(A, arrays[names[1]], arrays[names[2]], names, func=func)
        g = output if layer == n_layers else hidden
        A = g.function(Z)
        cache[f"Z{layer}"] = Z
        cache[f"A{layer}"] = A
    return cache
