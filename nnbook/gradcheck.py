r"""Gradient checking: backpropagation against central finite differences.

Taught in Chapter 2, Training feedforward networks, section
:ref:`nn-training-gradcheck`.
Backpropagation is easy to get almost right; a wrong gradient still lowers
the loss for a while, so training alone does not reveal the bug. Comparing
with a numerical derivative does.

Work in float64. A central difference has truncation error
:math:`O(\varepsilon^2)` and rounding error :math:`O(u/\varepsilon)`, with
unit roundoff :math:`u`; the total is smallest near
:math:`\varepsilon \approx u^{1/3}`. In float64 (:math:`u \approx 1.1 \times
10^{-16}`) that is about :math:`10^{-6}`, and errors of about
:math:`10^{-10}` are left: far below a bug. In float32
(:math:`u \approx 6 \times 10^{-8}`) the best achievable is about
:math:`10^{-5}`, too close to what a small bug gives.
"""

import numpy as np

from nnbook._validation import as_float_array, as_float_scalar
from nnbook.backward import backward_network
from nnbook.forward import _count_layers
from nnbook.training import forward_pass, loss_from_output

__all__ = ["gradient_check", "numerical_gradient", "relative_error"]


def numerical_gradient(f, x, eps=1e-6):
    r"""Estimate the gradient of a scalar function by central differences.

    Parameters
    ----------
    f : callable
        ``f()`` returns a float and reads ``x`` (which this function nudges in
        place, one entry at a time).
    x : numpy.ndarray of float64
        The variable; restored exactly before returning.
    eps : float, default 1e-6
        The step :math:`\varepsilon`.

    Returns
    -------
    numpy.ndarray
        :math:`\partial f / \partial x`, same shape as ``x``.

    Raises
    ------
    TypeError
        If ``x`` is not a float64 ndarray (a copy could not be nudged in place,
        and float32 is too coarse; see the module docstring).
    ValueError
        If ``eps`` is not positive and finite.

    See Also
    --------
    relative_error, gradient_check

    Notes
    -----
    .. math:: \frac{\partial f}{\partial x_i} \approx
              \frac{f(x + \varepsilon e_i) - f(x - \varepsilon e_i)}{2\varepsilon}

    The error is :math:`O(\varepsilon^2)`, against :math:`O(\varepsilon)`
    for the one-sided difference :math:`(f(x + \varepsilon e_i) - f(x)) /
    \varepsilon`.

    Examples
    --------
    >>> x = np.array([1.0, 2.0])
    >>> g = numerical_gradient(lambda: float(np.sum(x**3)), x)
    >>> np.round(g, 6), x
    (array([ 3., 12.]), array([1., 2.]))
    """
    func = "numerical_gradient"
    if not (isinstance(x, np.ndarray) and x.dtype == np.float64):
        msg = (
            f"{func}(): argument 'x' must be a float64 numpy array that f reads; "
            f"got {type(x).__name__} of dtype {getattr(x, 'dtype', None)}. Use "
            "x = np.asarray(x, dtype=np.float64) and let f use that array."
        )
        raise TypeError(msg)
    eps = as_float_scalar(eps, "eps", func=func)
    if eps <= 0:
        msg = f"{func}(): argument 'eps' must be positive; got {eps}. Try 1e-6."
        raise ValueError(msg)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        f_plus = f()
        x[index] = original - eps
        f_minus = f()
        x[index] = original  # restore exactly: no "+ eps - eps" rounding
        grad[index] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def relative_error(a, b):
    r"""Relative difference of two arrays, in ``[0, 1]``.

    Parameters
    ----------
    a, b : array-like
        Arrays of the same shape, e.g. an analytic and a numerical gradient.

    Returns
    -------
    float
        0 when equal (also when both are zero), 1 when opposite.

    Raises
    ------
    ValueError
        If the shapes differ or a value is not finite.

    See Also
    --------
    gradient_check

    Notes
    -----
    .. math:: \frac{\lVert a - b \rVert}
              {\max(\lVert a \rVert + \lVert b \rVert,\ \text{tiny})}

    with Euclidean (Frobenius) norms and tiny the smallest normal float64.
    Being relative, it does not depend on the size of the gradient. In
    float64, about :math:`10^{-7}` or less means correct, around
    :math:`10^{-5}` deserves a look (a kink of ReLU between
    :math:`x \pm \varepsilon` can cause it), and more than :math:`10^{-3}`
    is almost always a bug -- unless a pre-activation sits exactly on
    ReLU's kink, where the two one-sided slopes differ and the central
    difference averages them: then even 0.5 is possible with correct code
    (Chapter 2 shows one on XOR's initial weights).

    Examples
    --------
    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    >>> relative_error([0.0, 0.0], [0.0, 0.0])
    0.0
    >>> relative_error([1.0], [-1.0])
    1.0
    """
    func = "relative_error"
    a = as_float_array(a, "a", func=func)
    b = as_float_array(b, "b", func=func)
    if a.shape != b.shape:
        msg = (
            f"{func}(): a and b must have the same shape; got {a.shape} and {b.shape}."
        )
        raise ValueError(msg)
    scale = max(np.linalg.norm(a) + np.linalg.norm(b), np.finfo(np.float64).tiny)
    return float(np.linalg.norm(a - b) / scale)


def gradient_check(parameters, X, Y, *, eps=1e-6, **network_kwargs):
    r"""Compare :func:`nnbook.backward_network` with central differences.

    Parameters
    ----------
    parameters : dict of str to array-like
        ``"W1", "b1", ..., "WL", "bL"``; not modified (a float64 copy is
        nudged).
    X : array-like of shape (n_features, n_samples)
        Inputs.
    Y : array-like of shape (n_outputs, n_samples)
        Targets.
    eps : float, default 1e-6
        Finite-difference step.
    **network_kwargs
        ``hidden_activation``, ``output_activation`` and ``loss``, as for
        :func:`nnbook.backward_network` (same defaults).

    Returns
    -------
    dict of str to float
        ``"W1", "b1", ...`` -> :func:`relative_error` between the
        backpropagated and the numerical gradient of that parameter.

    Raises
    ------
    ValueError
        As :func:`nnbook.backward_network`; ``TypeError`` for an unknown
        keyword.

    See Also
    --------
    numerical_gradient, relative_error

    Notes
    -----
    Costs two forward passes per parameter, so check small networks on a few
    samples. Values of about :math:`10^{-7}` or less mean the backward pass
    is right (see :func:`relative_error`).

    References
    ----------
    .. [1] D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning
       representations by back-propagating errors", *Nature* 323,
       pp. 533-536, 1986.

    Examples
    --------
    >>> from nnbook import initialize_parameters
    >>> params = initialize_parameters([2, 3, 1], method="glorot", rng=0)
    >>> X = np.array([[0.5, -1.0, 2.0], [1.5, 0.3, -0.7]])
    >>> errors = gradient_check(params, X, np.array([[1.0, 0.0, 1.0]]),
    ...                         hidden_activation="tanh")
    >>> sorted(errors), max(errors.values()) < 1e-7
    (['W1', 'W2', 'b1', 'b2'], True)
    """
    func = "gradient_check"
    unknown = set(network_kwargs) - {"hidden_activation", "output_activation", "loss"}
    if unknown:
        msg = (
            f"{func}() got unexpected keyword arguments {sorted(unknown)}; it takes "
            "hidden_activation, output_activation and loss."
        )
        raise TypeError(msg)
    kwargs = {
        "hidden_activation": "relu",
        "output_activation": "sigmoid",
        "loss": "binary_cross_entropy",
    } | network_kwargs
    n_layers = _count_layers(parameters, func=func)
    params = {
        key: as_float_array(value, key, func=func).copy()
        for key, value in parameters.items()
    }
    X = as_float_array(X, "X", func=func, ndim=2)
    Y = as_float_array(Y, "Y", func=func, ndim=2)
    forward_kwargs = {k: kwargs[k] for k in ("hidden_activation", "output_activation")}

    def loss():
        cache = forward_pass(X, params, **forward_kwargs)
        Z, A = cache[f"Z{n_layers}"], cache[f"A{n_layers}"]
        return loss_from_output(
            Y, Z, A, output_activation=kwargs["output_activation"], loss=kwargs["loss"]
        )

    grads = backward_network(
        forward_pass(X, params, **forward_kwargs), params, Y, **kwargs
    )
    return {
        key: relative_error(
            grads[f"d{key}"], numerical_gradient(loss, params[key], eps)
        )
        for key in params
    }
