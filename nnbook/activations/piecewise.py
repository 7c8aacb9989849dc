r"""The piecewise-linear activations: ReLU, leaky ReLU and the identity.

Taught in Chapter 1, section :ref:`nn-basics-activations`; the conventions
of every activation are in :mod:`nnbook.activations`. Each function sits
beside its derivative.
"""

import numpy as np
from numpy.typing import ArrayLike

from nnbook._validation import as_float_scalar
from nnbook.activations._input import as_z

__all__ = [
    "leaky_relu",
    "leaky_relu_derivative",
    "linear",
    "linear_derivative",
    "relu",
    "relu_derivative",
]


def relu(z: ArrayLike) -> np.ndarray:
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
    return np.asarray(np.maximum(0.0, as_z(z, "relu")))


def relu_derivative(z: ArrayLike) -> np.ndarray:
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
    return np.asarray(as_z(z, "relu_derivative") > 0, dtype=np.float64)


def _as_alpha(alpha, func: str) -> float:
    alpha = as_float_scalar(alpha, "alpha", func=func)
    if not 0.0 <= alpha < 1.0:
        msg = (
            f"{func}(): argument 'alpha' must satisfy 0 <= alpha < 1; got "
            f"{alpha!r}. The usual value is 0.01; alpha=0 gives relu."
        )
        raise ValueError(msg)
    return alpha


def leaky_relu(z: ArrayLike, alpha: float = 0.01) -> np.ndarray:
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
    z = as_z(z, "leaky_relu")
    alpha = _as_alpha(alpha, "leaky_relu")
    # 0 * -inf is NaN, so alpha = 0 (plain ReLU) must not multiply.
    negative = alpha * z if alpha > 0 else np.zeros_like(z)
    return np.where(z > 0, z, negative)


def leaky_relu_derivative(z: ArrayLike, alpha: float = 0.01) -> np.ndarray:
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
    z = as_z(z, "leaky_relu_derivative")
    alpha = _as_alpha(alpha, "leaky_relu_derivative")
    return np.where(z > 0, 1.0, alpha)


def linear(z: ArrayLike) -> np.ndarray:
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
    return as_z(z, "linear").copy()


def linear_derivative(z: ArrayLike) -> np.ndarray:
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
    return np.ones_like(as_z(z, "linear_derivative"))
