"""Activation functions and their derivatives.

Taught in Chapter 1, section :ref:`nn-basics-activations`. Each function sits
beside its derivative, and :data:`ACTIVATIONS` registers them by name so that
layers, and tests, can loop over all of them.

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

from nnbook._validation import as_float_array, as_float_scalar, check_name

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "get_activation",
    "leaky_relu",
    "leaky_relu_derivative",
    "linear",
    "linear_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
]


def _as_z(z, func: str) -> np.ndarray:
    return as_float_array(z, "z", func=func, allow_inf=True)


def sigmoid(z):
    r"""Logistic sigmoid, computed without overflow.

    Parameters
    ----------
    z : float or array-like
        Pre-activations; +-inf allowed.

    Returns
    -------
    numpy.ndarray
        :math:`\sigma(z)` in ``[0, 1]``, same shape as ``z``.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.
    TypeError
        If ``z`` is not real-valued.

    See Also
    --------
    sigmoid_derivative, tanh

    Notes
    -----
    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}}
              = \frac{e^{z}}{1 + e^{z}}

    The naive form overflows in ``exp(-z)`` for ``z < -709`` (a
    ``RuntimeWarning``). With :math:`e = e^{-|z|} \le 1`, the two branches
    :math:`1/(1+e)` for :math:`z \ge 0` and :math:`e/(1+e)` for :math:`z < 0`
    never overflow and round to exactly 0 or 1 only where float64 must.

    Examples
    --------
    >>> sigmoid(0.0)
    array(0.5)
    >>> sigmoid([-1000.0, -1.0, 1000.0])
    array([0.        , 0.26894142, 1.        ])
    """
    z = _as_z(z, "sigmoid")
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(z):
    r"""Differentiate :func:`sigmoid` with respect to ``z``, at ``z``.

    Parameters
    ----------
    z : float or array-like
        Pre-activations; +-inf allowed.

    Returns
    -------
    numpy.ndarray
        :math:`\sigma'(z)` in ``[0, 1/4]``, same shape as ``z``.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.

    See Also
    --------
    sigmoid

    Notes
    -----
    .. math:: \sigma'(z) = \sigma(z)\,(1 - \sigma(z)) = \sigma(z)\,\sigma(-z)

    The second form is used: :math:`1 - \sigma(z)` rounds to 0 for
    :math:`z > 37`, while :math:`\sigma(-z)` keeps the tiny true value.

    Examples
    --------
    >>> sigmoid_derivative([0.0, 1000.0])
    array([0.25, 0.  ])
    """
    z = _as_z(z, "sigmoid_derivative")
    return np.asarray(sigmoid(z) * sigmoid(-z))


def tanh(z):
    r"""Hyperbolic tangent, :func:`numpy.tanh` with nnbook's input checks.

    Parameters
    ----------
    z : float or array-like
        Pre-activations; +-inf allowed.

    Returns
    -------
    numpy.ndarray
        :math:`\tanh(z)` in ``[-1, 1]``, same shape as ``z``.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.

    See Also
    --------
    tanh_derivative, sigmoid

    Notes
    -----
    .. math:: \tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\sigma(2z) - 1

    The exponential form overflows for large ``|z|``; ``np.tanh`` does not.

    Examples
    --------
    >>> tanh([-1000.0, 0.0, 0.5])
    array([-1.        ,  0.        ,  0.46211716])
    """
    return np.asarray(np.tanh(_as_z(z, "tanh")))


def tanh_derivative(z):
    r"""Differentiate :func:`tanh` with respect to ``z``, at ``z``.

    Parameters
    ----------
    z : float or array-like
        Pre-activations; +-inf allowed, NaN raises ``ValueError``.

    Returns
    -------
    numpy.ndarray
        :math:`\tanh'(z)` in ``[0, 1]``, same shape as ``z``.

    See Also
    --------
    tanh

    Notes
    -----
    .. math:: \tanh'(z) = 1 - \tanh^2(z)

    Examples
    --------
    >>> tanh_derivative([0.0, 1000.0])
    array([1., 0.])
    """
    return np.asarray(1.0 - np.tanh(_as_z(z, "tanh_derivative")) ** 2)


def relu(z):
    r"""Rectified linear unit, :math:`\max(0, z)`.

    Parameters
    ----------
    z : float or array-like
        Pre-activations; +-inf allowed.

    Returns
    -------
    numpy.ndarray
        Same shape as ``z``, non-negative.

    Raises
    ------
    ValueError
        If ``z`` contains NaN.

    See Also
    --------
    relu_derivative, leaky_relu

    Notes
    -----
    .. math:: \operatorname{ReLU}(z) = \max(0, z)

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    return np.asarray(np.maximum(0.0, _as_z(z, "relu")))


def relu_derivative(z):
    r"""Differentiate :func:`relu`: 1 where ``z > 0``, else 0.

    Parameters
    ----------
    z : float or array-like
        Pre-activations; +-inf allowed, NaN raises ``ValueError``.

    Returns
    -------
    numpy.ndarray
        Zeros and ones, same shape as ``z``.

    See Also
    --------
    relu

    Notes
    -----
    .. math:: \operatorname{ReLU}'(z) = \begin{cases} 1 & z > 0 \\
              0 & z \le 0 \end{cases}

    ReLU has no derivative at 0; like the book (and PyTorch) we use the
    left derivative, 0.

    Examples
    --------
    >>> relu_derivative([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    return np.asarray(_as_z(z, "relu_derivative") > 0, dtype=np.float64)


def _as_alpha(alpha, func: str) -> float:
    alpha = as_float_scalar(alpha, "alpha", func=func)
    if not 0.0 <= alpha < 1.0:
        msg = (
            f"{func}(): argument 'alpha' must satisfy 0 <= alpha < 1; got "
            f"{alpha!r}. The usual value is 0.01; alpha=0 gives relu."
        )
        raise ValueError(msg)
    return alpha


def leaky_relu(z, alpha=0.01):
    r"""Leaky ReLU: ``z`` where positive, ``alpha * z`` elsewhere.

    Parameters
    ----------
    z : float or array-like
        Pre-activations; +-inf allowed.
    alpha : float, default 0.01
        Slope for negative ``z``; must satisfy ``0 <= alpha < 1``.

    Returns
    -------
    numpy.ndarray
        Same shape as ``z``.

    Raises
    ------
    ValueError
        If ``z`` contains NaN, or ``alpha`` is not a finite number in
        ``[0, 1)``.

    See Also
    --------
    leaky_relu_derivative, relu

    Notes
    -----
    .. math:: \operatorname{LeakyReLU}(z) = \max(\alpha z, z), \quad 0 \le \alpha < 1

    The small negative slope keeps a gradient flowing through units that
    would be "dead" under ReLU.

    References
    ----------
    .. [1] A. L. Maas, A. Y. Hannun and A. Y. Ng, "Rectifier nonlinearities
       improve neural network acoustic models", ICML Workshop, 2013.

    Examples
    --------
    >>> leaky_relu([-2.0, -1.0, 0.0, 1.0, 2.0])
    array([-0.02, -0.01,  0.  ,  1.  ,  2.  ])
    """
    z = _as_z(z, "leaky_relu")
    alpha = _as_alpha(alpha, "leaky_relu")
    # 0 * -inf is NaN, so alpha = 0 (plain ReLU) must not multiply.
    negative = alpha * z if alpha > 0 else np.zeros_like(z)
    return np.where(z > 0, z, negative)


def leaky_relu_derivative(z, alpha=0.01):
    r"""Differentiate :func:`leaky_relu`: 1 where ``z > 0``, else ``alpha``.

    Parameters
    ----------
    z : float or array-like
        Pre-activations; +-inf allowed, NaN raises ``ValueError``.
    alpha : float, default 0.01
        The negative slope, as for :func:`leaky_relu`.

    Returns
    -------
    numpy.ndarray
        Ones and ``alpha``, same shape as ``z``.

    Raises
    ------
    ValueError
        If ``alpha`` is not a finite number in ``[0, 1)``.

    See Also
    --------
    leaky_relu

    Notes
    -----
    .. math:: \operatorname{LeakyReLU}'(z) = \begin{cases} 1 & z > 0 \\
              \alpha & z \le 0 \end{cases}

    At ``z = 0`` we use the left derivative, ``alpha``, as for
    :func:`relu_derivative` (and PyTorch).

    Examples
    --------
    >>> leaky_relu_derivative([-1.0, 0.0, 2.0])
    array([0.01, 0.01, 1.  ])
    """
    z = _as_z(z, "leaky_relu_derivative")
    alpha = _as_alpha(alpha, "leaky_relu_derivative")
    return np.where(z > 0, 1.0, alpha)


def linear(z):
    r"""Identity activation, :math:`f(z) = z` (a regression output layer).

    Parameters
    ----------
    z : float or array-like
        Pre-activations; +-inf allowed, NaN raises ``ValueError``.

    Returns
    -------
    numpy.ndarray
        A float copy of ``z``.

    See Also
    --------
    linear_derivative

    Notes
    -----
    .. math:: f(z) = z

    A network whose layers are all linear is itself one linear map, which
    is why hidden layers need a non-linear activation.

    Examples
    --------
    >>> linear([-1, 2])
    array([-1.,  2.])
    """
    return _as_z(z, "linear").copy()


def linear_derivative(z):
    r"""Differentiate :func:`linear`: ones, shaped like ``z``.

    Parameters
    ----------
    z : float or array-like
        Pre-activations; +-inf allowed, NaN raises ``ValueError``.

    Returns
    -------
    numpy.ndarray
        Ones, same shape as ``z``.

    See Also
    --------
    linear

    Examples
    --------
    >>> linear_derivative([-1.0, 2.0])
    array([1., 1.])
    """
    return np.ones_like(_as_z(z, "linear_derivative"))


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


def get_activation(name):
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
