r"""The smooth, squashing activations: sigmoid and tanh, each beside its derivative.

Taught in Chapter 1, section :ref:`nn-basics-activations`; the conventions
of every activation are in :mod:`nnbook.activations`.
"""

import numpy as np
from numpy.typing import ArrayLike

from nnbook.activations._input import as_z

__all__ = ["sigmoid", "sigmoid_derivative", "tanh", "tanh_derivative"]


def sigmoid(z: ArrayLike) -> np.ndarray:
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
    z = as_z(z, "sigmoid")
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(z: ArrayLike) -> np.ndarray:
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
    z = as_z(z, "sigmoid_derivative")
    return np.asarray(sigmoid(z) * sigmoid(-z))


def tanh(z: ArrayLike) -> np.ndarray:
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
    return np.asarray(np.tanh(as_z(z, "tanh")))


def tanh_derivative(z: ArrayLike) -> np.ndarray:
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
    return np.asarray(1.0 - np.tanh(as_z(z, "tanh_derivative")) ** 2)
