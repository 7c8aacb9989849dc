r"""Backpropagation: the gradients of a dense network, layer by layer.

Taught in Chapter 2, section :ref:`nn-training-backprop`.
Arrays use the book's layout, **features x samples**, and read the cache of
:func:`nnbook.forward_network`.

Where the 1/m lives: the loss is a mean over samples, and the factor
:math:`1/m` enters once, in the gradient of the loss
(:mod:`nnbook.loss_gradients`). Every ``dZ`` here therefore already carries
it, and :func:`dense_backward` *sums* over the samples without dividing
again. PyTorch's autograd gives the same numbers for a mean loss.
"""

import types

import numpy as np

from nnbook._validation import as_float_array, check_choice, check_same_shape
from nnbook.activations import ACTIVATIONS
from nnbook.forward import _activation, _count_layers
from nnbook.loss_gradients import (
    binary_cross_entropy_gradient,
    categorical_cross_entropy_gradient,
    mse_loss_gradient,
    sigmoid_bce_backward,
    softmax_cce_backward,
)
from nnbook.probability import softmax

__all__ = [
    "FUSED_PAIRS",
    "LOSS_GRADIENTS",
    "OUTPUT_ACTIVATIONS",
    "activation_backward",
    "backward_network",
    "dense_backward",
]

#: ``loss name -> gradient of that loss with respect to the output A``.
LOSS_GRADIENTS = types.MappingProxyType(
    {
        "mse": mse_loss_gradient,
        "binary_cross_entropy": binary_cross_entropy_gradient,
        "categorical_cross_entropy": categorical_cross_entropy_gradient,
    }
)

#: Output activation and loss pairs whose ``dZ`` has the short form A - Y
#: (over N; twice that for MSE): ``(activation, loss) -> dZ(Y, Z)``.
FUSED_PAIRS = types.MappingProxyType(
    {
        ("sigmoid", "binary_cross_entropy"): sigmoid_bce_backward,
        ("softmax", "categorical_cross_entropy"): softmax_cce_backward,
        ("linear", "mse"): mse_loss_gradient,  # g'(Z) = 1: nothing to fuse
    }
)

#: Names allowed for an output layer: the element-wise activations and softmax.
OUTPUT_ACTIVATIONS = (*sorted(ACTIVATIONS), "softmax")


def activation_backward(dA, Z, activation):
    r"""Backpropagate through an activation: ``dZ = dA * g'(Z)``.

    Parameters
    ----------
    dA : array-like of shape (n_units, n_samples)
        Gradient of the loss with respect to the activations :math:`A = g(Z)`.
    Z : array-like of shape (n_units, n_samples)
        The pre-activations saved by the forward pass.
    activation : str or Activation
        A name in :data:`OUTPUT_ACTIVATIONS` (``"softmax"`` acts on the
        columns) or an :class:`nnbook.Activation`.

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

    References
    ----------
    .. [1] D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning
       representations by back-propagating errors", *Nature* 323,
       pp. 533-536, 1986.

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
    if isinstance(activation, str):
        check_choice(activation, "activation", OUTPUT_ACTIVATIONS, func=func)
        if activation == "softmax":
            if Z.ndim != 2:
                msg = f"{func}(): softmax needs 2-D (n_classes, n_samples) arrays."
                raise ValueError(msg)
            A = softmax(Z, axis=0)
            return A * (dA - np.sum(A * dA, axis=0, keepdims=True))
    g = _activation(activation, "activation", func=func)
    return dA * g.derivative(Z)


def dense_backward(dZ, A_prev, W):
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

    References
    ----------
    .. [1] D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning
       representations by back-propagating errors", *Nature* 323,
       pp. 533-536, 1986.

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
    expected_W = (dZ.shape[0], A_prev.shape[0])
    if W.shape != expected_W or dZ.shape[1] != A_prev.shape[1]:
        msg = (
            f"{func}(): shapes do not fit: dZ {dZ.shape} is (n_units, n_samples) "
            f"and A_prev {A_prev.shape} is (n_features, n_samples), so W must be "
            f"{expected_W} and both need the same n_samples; got W {W.shape}."
        )
        raise ValueError(msg)
    return W.T @ dZ, dZ @ A_prev.T, dZ.sum(axis=1)


def _cached(cache, key: str, *, func: str) -> np.ndarray:
    try:
        return as_float_array(cache[key], f"cache[{key!r}]", func=func, ndim=2)
    except (KeyError, TypeError):
        msg = (
            f"{func}(): argument 'cache' has no {key!r}; pass the dict that "
            "nnbook.forward_network returned for the same parameters."
        )
        raise ValueError(msg) from None


def backward_network(
    cache,
    parameters,
    Y,
    *,
    hidden_activation="relu",
    output_activation="sigmoid",
    loss="binary_cross_entropy",
):
    r"""Compute every gradient of a dense network by backpropagation.

    Parameters
    ----------
    cache : dict of str to ndarray
        ``"A0", "Z1", "A1", ..., "ZL", "AL"`` from the forward pass with the
        same ``parameters`` and activations.
    parameters : dict of str to ndarray
        ``"W1", "b1", ..., "WL", "bL"``.
    Y : array-like of shape (n_outputs, n_samples)
        Targets, shaped like ``cache[f"A{L}"]``.
    hidden_activation : str or Activation, default "relu"
        Activation of layers 1 to L - 1.
    output_activation : str, default "sigmoid"
        Activation of layer L, a name in :data:`OUTPUT_ACTIVATIONS`.
    loss : {"binary_cross_entropy", "categorical_cross_entropy", "mse"}
        The loss, a mean over samples; default ``"binary_cross_entropy"``.

    Returns
    -------
    grads : dict of str to ndarray
        ``"dW1", "db1", ..., "dWL", "dbL"``, each shaped like its parameter.

    Raises
    ------
    ValueError
        If a name is unknown (the message lists the known ones), the cache
        lacks a key, ``Y`` does not match the output, or the labels do not
        suit the loss.

    See Also
    --------
    nnbook.forward_network, dense_backward, activation_backward,
    nnbook.gradcheck.gradient_check : Checks the result numerically.

    Notes
    -----
    Starting from the output, for :math:`l = L, \dots, 1`:

    .. math:: dW^{[l]} = dZ^{[l]} A^{[l-1]\top}, \quad
              db^{[l]} = \textstyle\sum_i dZ^{[l]}_{:,i}, \quad
              dZ^{[l-1]} = \bigl(W^{[l]\top} dZ^{[l]}\bigr)
              \odot g'\bigl(Z^{[l-1]}\bigr).

    The output's :math:`dZ^{[L]}` uses the fused form (sigmoid with BCE,
    softmax with CCE, linear with MSE, all :math:`\propto A - Y`; see
    :data:`FUSED_PAIRS`) when the pair matches, and the general chain
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
    """
    func = "backward_network"
    n_layers = _count_layers(parameters, func=func)
    check_choice(loss, "loss", LOSS_GRADIENTS, func=func)
    if isinstance(output_activation, str):
        check_choice(
            output_activation, "output_activation", OUTPUT_ACTIVATIONS, func=func
        )
    output_name = getattr(output_activation, "name", output_activation)
    hidden = _activation(hidden_activation, "hidden_activation", func=func)

    A_out = _cached(cache, f"A{n_layers}", func=func)
    Z_out = _cached(cache, f"Z{n_layers}", func=func)
    Y = as_float_array(Y, "Y", func=func, ndim=2, shape_desc="(n_outputs, n_samples)")
    check_same_shape(Y, "Y", A_out, f"cache['A{n_layers}']", func=func)
    fused = FUSED_PAIRS.get((output_name, loss))
    if fused is not None:
        dZ = fused(Y, Z_out)
    else:
        dA = LOSS_GRADIENTS[loss](Y, A_out)
        dZ = activation_backward(dA, Z_out, output_activation)

    grads = {}
    for layer in range(n_layers, 0, -1):
        A_prev = _cached(cache, f"A{layer - 1}", func=func)
        W = parameters[f"W{layer}"]
        dA_prev, dW, db = dense_backward(dZ, A_prev, W)
        grads[f"dW{layer}"] = dW
        grads[f"db{layer}"] = db.reshape(np.shape(parameters[f"b{layer}"]))
        if layer > 1:
            Z_prev = _cached(cache, f"Z{layer - 1}", func=func)
            dZ = activation_backward(dA_prev, Z_prev, hidden)
    return {
        f"d{kind}{layer}": grads[f"d{kind}{layer}"]
        for layer in range(1, n_layers + 1)
        for kind in "Wb"
    }
