"""Activation functions and their derivatives.

Taught in Chapter 1, section :ref:`nn-basics-activations`. Each function sits
beside its derivative, in a module by kind (:mod:`nnbook.activations.smooth`:
sigmoid and tanh; :mod:`nnbook.activations.piecewise`: ReLU, leaky ReLU and
the identity), and :data:`ACTIVATIONS` registers them by name so that
layers, figures and tests loop over all of them.

Conventions shared by every function here:

* Input ``z`` is any real scalar or array-like; the result is always a
  float64 :class:`numpy.ndarray` of the same shape -- a 0-D array for a
  scalar input (use ``float(...)`` to get a Python number).
* ``*_derivative(z)`` is the derivative with respect to ``z``, evaluated at
  ``z`` (not at the activation ``a``).
* ``+inf`` and ``-inf`` are accepted, because the limits are meaningful
  (``sigmoid(inf) == 1``); NaN raises ``ValueError``, since it always means a
  bug upstream.

Softmax, which maps a whole vector rather than each element, is in
:mod:`nnbook.probability`.
"""

import types
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from nnbook._validation import check_name
from nnbook.activations.piecewise import (
    leaky_relu,
    leaky_relu_derivative,
    linear,
    linear_derivative,
    relu,
    relu_derivative,
)
from nnbook.activations.smooth import (
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)

__all__ = ["ACTIVATIONS", "Activation", "get_activation"]


class Activation(NamedTuple):
    r"""An activation function with its name and derivative.

    Attributes
    ----------
    name : str
        The key in :data:`ACTIVATIONS`.
    function : callable
        ``a = function(z)``.
    derivative : callable
        ``da/dz = derivative(z)``.
    title : str
        The name in figures, e.g. ``"Leaky ReLU"`` (default: ``name``).
    symbol : str
        Its Matplotlib mathtext symbol, e.g. ``r"\sigma"`` (default:
        ``name`` upright).
    """

    name: str
    function: Callable[..., np.ndarray]
    derivative: Callable[..., np.ndarray]
    title: str = ""
    symbol: str = ""


#: Read-only registry ``name -> Activation`` of the element-wise activations.
ACTIVATIONS = types.MappingProxyType(
    {
        act.name: act
        for act in (
            Activation("sigmoid", sigmoid, sigmoid_derivative, "Sigmoid", r"\sigma"),
            Activation("tanh", tanh, tanh_derivative, "Tanh", r"\tanh"),
            Activation("relu", relu, relu_derivative, "ReLU", r"\mathrm{ReLU}"),
            Activation(
                "leaky_relu",
                leaky_relu,
                leaky_relu_derivative,
                "Leaky ReLU",
                r"\mathrm{LeakyReLU}",
            ),
            Activation("linear", linear, linear_derivative, "Linear", r"\mathrm{id}"),
        )
    }
)


def get_activation(name: str) -> Activation:
    """Look up an activation by name in :data:`ACTIVATIONS`.

    Parameters
    ----------
    name : str
        A key of :data:`ACTIVATIONS`, such as ``"relu"``.

    Returns
    -------
    Activation
        The name, function and derivative (and display names).

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If ``name`` is unknown; the message lists the known names.

    Notes
    -----
    A common shortcut treats any name it does not know as ``"linear"``, so
    a typo such as ``"sigmiod"`` silently removes the non-linearity and the
    network quietly becomes linear. Here a typo is an error.

    Examples
    --------
    >>> get_activation("relu").function([-1.0, 1.0])
    array([0., 1.])
    """
    check_name(name, "name", ACTIVATIONS, func="get_activation", example="relu")
    return ACTIVATIONS[name]
