r"""Backpropagation: the gradients of a dense network, layer by layer.

Taught in Chapter 2, section :ref:`nn-training-backprop`.
Arrays use the book's layout, **features x samples**, and read the cache of
:func:`nnbook.forward_network`.

Where the 1/m lives: the loss is a mean over samples, and the factor
:math:`1/m` enters once, in the gradient of the loss
(:mod:`nnbook.losses`). Every ``dZ`` here therefore already carries
it, and :func:`dense_backward` *sums* over the samples without dividing
again. PyTorch's autograd gives the same numbers for a mean loss.
"""

from typing import Any

import numpy as np

from nnbook._validation import (
    as_float_array,
    check_finite_result,
    check_parameters,
    check_same_shape,
    resolve_activation,
)
from nnbook.activations import Activation
from nnbook.cache import cache_samples, cached_array, recorded_activation
from nnbook.heads import resolve_head, resolve_output

__all__ = ["activation_backward", "backward_network", "dense_backward"]

_RESULT_HINT = (
    "The gradients are beyond float64: scale the inputs or weights down, or "
    "lower the learning rate that produced these weights."
)


def activation_backward(dA: Any, Z: Any, activation: str | Activation) -> np.ndarray:
    r"""Backpropagate through an activation: ``dZ = dA * g'(Z)``.

    Parameters
    ----------
    dA : array-like of shape (n_units, n_samples)
        Gradient of the loss with respect to the activations :math:`A = g(Z)`.
    Z : array-like of shape (n_units, n_samples)
        The pre-activations saved by the forward pass.
    activation : str or Activation
        A name in :data:`nnbook.heads.OUTPUT_ACTIVATIONS` (``"softmax"`` acts
        on the columns) or an :class:`nnbook.Activation`.

    Returns
    -------
    dZ : numpy.ndarray
        Gradient with respect to ``Z``, same shape.

    Raises
    ------
    ValueError
        If the shapes differ, a value is not finite, or the name is unknown
        (the message lists the known names).

    See Also
    --------
    dense_backward, nnbook.ACTIVATIONS

    Notes
    -----
    Element-wise activations act on each entry alone, so the chain rule is a
    product of entries. Softmax mixes the entries of a column, and its
    Jacobian :math:`\partial a_c / \partial z_k = a_c(\delta_{ck} - a_k)` gives

    .. math:: dZ = dA \odot g'(Z), \qquad
              dZ_{\text{softmax}} = A \odot \Bigl(dA - \sum_c A_c\, dA_c\Bigr).

    Examples
    --------
    >>> activation_backward([[1.0, 1.0]], [[-2.0, 3.0]], "relu")
    array([[0., 1.]])
    >>> activation_backward([[1.0], [1.0]], [[0.0], [0.0]], "softmax")
    array([[0.],
           [0.]])
    """
    func = "activation_backward"
    dA = as_float_array(dA, "dA", func=func)
    Z = as_float_array(Z, "Z", func=func)
    check_same_shape(dA, "dA", Z, "Z", func=func)
    g = resolve_output(activation, func=func, name="activation")
    if g.name == "softmax" and Z.ndim != 2:
        msg = (
            f"{func}(): softmax needs 2-D (n_classes, n_samples) arrays 'dA' and "
            f"'Z'; got shape {Z.shape}."
        )
        raise ValueError(msg)
    with np.errstate(over="ignore", invalid="ignore"):  # reported just below
        dZ = g.backward(dA, Z)
    return check_finite_result(dZ, "dA * g'(Z)", func=func, hint=_RESULT_HINT)


def dense_backward(
    dZ: Any, A_prev: Any, W: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Backpropagate through a dense layer :math:`Z = W A_{\text{prev}} + b`.

    Parameters
    ----------
    dZ : array-like of shape (n_units, n_samples)
        Gradient of the (mean) loss with respect to ``Z``; it already holds
        the 1/m of the mean.
    A_prev : array-like of shape (n_features, n_samples)
        The layer's input saved by the forward pass.
    W : array-like of shape (n_units, n_features)
        The layer's weights.

    Returns
    -------
    dA_prev : numpy.ndarray of shape (n_features, n_samples)
        Gradient with respect to the input, passed to the previous layer.
    dW : numpy.ndarray of shape (n_units, n_features)
        Gradient with respect to ``W``.
    db : numpy.ndarray of shape (n_units,)
        Gradient with respect to ``b``, the shape
        :func:`nnbook.initialize_parameters` gives ``b``.

    Raises
    ------
    ValueError
        If an array is not 2-D, not finite, or the shapes do not fit.

    See Also
    --------
    activation_backward, backward_network

    Notes
    -----
    Each sample's column contributes its own outer product, and the sum over
    the :math:`m` columns is a matrix product:

    .. math:: dW = dZ\,A_{\text{prev}}^\top, \qquad
              db = \sum_{i=1}^{m} dZ_{:,i}, \qquad
              dA_{\text{prev}} = W^\top dZ.

    There is no :math:`1/m` here: it is already in ``dZ`` (see the module
    docstring). Books that put it here instead start from a ``dZ`` without
    it; the gradients are the same.

    Examples
    --------
    >>> dA_prev, dW, db = dense_backward([[1.0, 2.0]], [[1.0, 1.0], [0.0, 3.0]],
    ...                                  [[0.5, -1.0]])
    >>> dA_prev
    array([[ 0.5,  1. ],
           [-1. , -2. ]])
    >>> dW, db
    (array([[3., 6.]]), array([3.]))
    """
    func = "dense_backward"
    dZ = as_float_array(dZ, "dZ", func=func, ndim=2, shape_desc="(n_units, n_samples)")
    A_prev = as_float_array(
        A_prev, "A_prev", func=func, ndim=2, shape_desc="(n_features, n_samples)"
    )
    W = as_float_array(W, "W", func=func, ndim=2, shape_desc="(n_units, n_features)")
    if dZ.shape[1] != A_prev.shape[1]:
        msg = (
            f"{func}(): arguments 'dZ' and 'A_prev' must have the same number of "
            f"columns (samples); got dZ of shape {dZ.shape} and A_prev of shape "
            f"{A_prev.shape}. Pass the A_prev the forward pass saved for this dZ."
        )
        raise ValueError(msg)
    expected_W = (dZ.shape[0], A_prev.shape[0])
    if W.shape != expected_W:
        msg = (
            f"{func}(): shapes do not fit: dZ {dZ.shape} is (n_units, n_samples) "
            f"and A_prev {A_prev.shape} is (n_features, n_samples), so argument 'W' "
            f"must have shape {expected_W}; got W of shape {W.shape}."
            + (" Pass W, not W.T." if W.shape == expected_W[::-1] else "")
        )
        raise ValueError(msg)
    with np.errstate(over="ignore", invalid="ignore"):  # reported just below
        grads = W.T @ dZ, dZ @ A_prev.T, dZ.sum(axis=1)
    for grad in grads:
        check_finite_result(
            grad,
            "W.T @ dZ, dZ @ A_prev.T or the sum of dZ",
            func=func,
            hint=_RESULT_HINT,
        )
    return grads


def backward_network(
    cache: Any,
    parameters: Any,
    Y: Any,
    *,
    hidden_activation: str | Activation | None = None,
    output_activation: str | Activation | None = None,
    loss: str | None = None,
) -> dict[str, np.ndarray]:
    r"""Compute every gradient of a dense network by backpropagation.

    Parameters
    ----------
    cache : ForwardCache
        ``"A0", "Z1", "A1", ..., "ZL", "AL"`` from
        :func:`nnbook.forward_network` with the same ``parameters``; it
        records the activations that produced it.
    parameters : dict of str to ndarray
        ``"W1", "b1", ..., "WL", "bL"``.
    Y : array-like of shape (n_outputs, n_samples)
        Targets, shaped like ``cache[f"A{L}"]``.
    hidden_activation : str or Activation, optional
        Activation of layers 1 to L - 1. By default the cache's; if given, it
        must be the cache's (a plain dict as ``cache`` needs it given).
    output_activation : str or Activation, optional
        Activation of layer L, a name in
        :data:`nnbook.heads.OUTPUT_ACTIVATIONS`; as for ``hidden_activation``.
    loss : {"binary_cross_entropy", "categorical_cross_entropy", "mse"}, optional
        The loss, a mean over samples. By default the output's natural one:
        binary cross-entropy for sigmoid, categorical for softmax, MSE
        otherwise (see :func:`nnbook.heads.default_loss`).

    Returns
    -------
    grads : dict of str to ndarray
        ``"dW1", "db1", ..., "dWL", "dbL"``, each shaped like its parameter.

    Raises
    ------
    ValueError
        If a name is unknown (the message lists the known ones), an
        activation differs from the one the cache records, the cache lacks a
        key or does not fit the parameters, ``Y`` does not match the output,
        the labels do not suit the loss, or a gradient overflows float64.

    See Also
    --------
    nnbook.forward_network, dense_backward, activation_backward,
    nnbook.heads.HEADS : The output heads and their ``dZ``.
    nnbook.gradcheck.gradient_check : Checks the result numerically.

    Notes
    -----
    Starting from the output, for :math:`l = L, \dots, 1`:

    .. math:: dW^{[l]} = dZ^{[l]} A^{[l-1]\top}, \quad
              db^{[l]} = \textstyle\sum_i dZ^{[l]}_{:,i}, \quad
              dZ^{[l-1]} = \bigl(W^{[l]\top} dZ^{[l]}\bigr)
              \odot g'\bigl(Z^{[l-1]}\bigr).

    The output's :math:`dZ^{[L]}` comes from the output head: the fused form
    (sigmoid with BCE, softmax with CCE, linear with MSE, all
    :math:`\propto A - Y`) where the pair has one, and the general chain
    :math:`dZ^{[L]} = \partial L / \partial A^{[L]} \odot g'(Z^{[L]})`
    otherwise.

    References
    ----------
    .. [1] D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning
       representations by back-propagating errors", *Nature* 323,
       pp. 533-536, 1986.

    Examples
    --------
    >>> from nnbook import forward_network
    >>> params = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([0.0])}
    >>> X, Y = np.array([[2.0], [2.0]]), np.array([[1.0]])
    >>> cache = forward_network(X, params, output_activation="sigmoid")
    >>> backward_network(cache, params, Y)  # sigma(0) - 1 = -0.5
    {'dW1': array([[-1., -1.]]), 'db1': array([-0.5])}
    >>> backward_network(cache, params, Y, output_activation="linear")
    Traceback (most recent call last):
        ...
    ValueError: backward_network(): argument 'output_activation' is 'linear' but
    'cache' was computed with output_activation='sigmoid'; backpropagating through
    another activation would give another model's gradients. Leave
    output_activation out (the cache's is used), or rerun forward_network with
    output_activation='linear'.
    """
    func = "backward_network"
    m = cache_samples(cache, func=func)
    arrays, sizes = check_parameters(parameters, func=func)
    n_layers = len(sizes) - 1
    if hidden_activation is not None:  # names are checked before they are compared
        resolve_activation(hidden_activation, "hidden_activation", func=func)
    if output_activation is not None:
        resolve_output(output_activation, func=func)
    recorded = recorded_activation(
        cache, hidden_activation, "hidden_activation", func=func
    )
    hidden = resolve_activation(recorded, "hidden_activation", func=func)
    output = recorded_activation(
        cache, output_activation, "output_activation", func=func
    )
    head = resolve_head(output, loss, func=func, n_outputs=sizes[-1])
    layers = range(n_layers + 1)
    A = {i: cached_array(cache, f"A{i}", (sizes[i], m), func=func) for i in layers}
    Z = {i: cached_array(cache, f"Z{i}", (sizes[i], m), func=func) for i in layers[1:]}
    Y = as_float_array(Y, "Y", func=func, ndim=2, shape_desc="(n_outputs, n_samples)")
    check_same_shape(Y, "Y", A[n_layers], f"cache['A{n_layers}']", func=func)
    head.loss.check_targets(Y, "Y", func=func)

    grads = {}
    with np.errstate(over="ignore", invalid="ignore"):  # checked after the loop
        dZ = head.output_gradient(Y, Z[n_layers], func=func)
        for layer in range(n_layers, 0, -1):
            grads[f"dW{layer}"] = dZ @ A[layer - 1].T
            grads[f"db{layer}"] = dZ.sum(axis=1).reshape(arrays[f"b{layer}"].shape)
            if layer > 1:
                dA_prev = arrays[f"W{layer}"].T @ dZ
                dZ = dA_prev * hidden.derivative(Z[layer - 1])
    for key, grad in grads.items():
        check_finite_result(grad, key, func=func, hint=_RESULT_HINT)
    return {
        f"d{kind}{layer}": grads[f"d{kind}{layer}"]
        for layer in range(1, n_layers + 1)
        for kind in "Wb"
    }
