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

from collections.abc import Callable
from typing import Any

import numpy as np

from nnbook._validation import (
    as_float_array,
    as_float_scalar,
    check_parameters,
    check_positive,
    check_same_shape,
    reraise_as,
)
from nnbook.backward import backward_network
from nnbook.forward import forward_network
from nnbook.heads import resolve_head

__all__ = ["gradient_check", "numerical_gradient", "relative_error"]


def numerical_gradient(
    f: Callable[[], float], x: np.ndarray, eps: float = 1e-6
) -> np.ndarray:
    r"""Estimate the gradient of a scalar function by central differences.

    Parameters
    ----------
    f : callable
        ``f()`` returns a float and reads ``x`` (which this function nudges in
        place, one entry at a time).
    x : numpy.ndarray of float64
        The variable; restored exactly before returning, also when ``f``
        raises.
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
        If ``eps`` is not positive and finite, is so small that ``x + eps``
        rounds back to ``x`` for some entry, or ``f`` returns a non-finite
        value.

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
    if not (isinstance(x, np.ndarray) and x.dtype == np.float64):  # type: ignore[redundant-expr] # checked at run time
        msg = (
            f"{func}(): argument 'x' must be a float64 numpy array that f reads; "
            f"got {type(x).__name__} of dtype {getattr(x, 'dtype', None)}. Use "
            "x = np.asarray(x, dtype=np.float64) and let f use that array."
        )
        raise TypeError(msg)
    eps = check_positive(eps, "eps", func=func, hint="Try 1e-6.")
    with np.errstate(over="ignore"):  # x + eps beyond float64: reported below
        unresolved = (x + eps == x) | (x - eps == x) | ~np.isfinite(x + eps)
    if unresolved.any():
        where = tuple(int(i) for i in np.argwhere(unresolved)[0])
        msg = (
            f"{func}(): argument 'eps'={eps:g} is below the resolution of x at "
            f"index {where} (x = {x[where]:g}): x + eps rounds back to x, so the "
            f"difference would be 0. Use an eps of at least "
            f"{np.spacing(abs(x[where])) * 1e6:g}, or rescale x."
        )
        raise ValueError(msg)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        try:
            # An f that overflows near x is reported below, not as a warning.
            with np.errstate(over="ignore", invalid="ignore"):
                x[index] = original + eps
                f_plus = f()
                x[index] = original - eps
                f_minus = f()
        finally:
            x[index] = original  # restore exactly (no "+ eps - eps" rounding)
        with np.errstate(over="ignore", invalid="ignore"):
            grad[index] = (f_plus - f_minus) / (2.0 * eps)
    if not np.all(np.isfinite(grad)):
        msg = (
            f"{func}(): f returned a non-finite value near x; the difference "
            "quotient is undefined there. Check f at x +- eps."
        )
        raise ValueError(msg)
    return grad


def relative_error(a: Any, b: Any, *, floor: float = 0.0) -> float:
    r"""Relative difference of two arrays, in ``[0, 1]``.

    Parameters
    ----------
    a, b : array-like
        Arrays of the same shape, e.g. an analytic and a numerical gradient.
    floor : float, default 0.0
        An absolute floor for the denominator: differences between arrays
        whose norms are below it are measured against ``floor``, so tiny
        gradients (a saturated output) that differ only by the rounding of
        the finite difference are not reported as wrong.

    Returns
    -------
    float
        0 when equal (also when both are zero), 1 when opposite.

    Raises
    ------
    ValueError
        If the shapes differ, a value is not finite, or ``floor`` is negative.

    See Also
    --------
    gradient_check

    Notes
    -----
    .. math:: \frac{\lVert a - b \rVert}
              {\max(\lVert a \rVert + \lVert b \rVert,\ \text{floor},
              \ \text{tiny})}

    with Euclidean (Frobenius) norms and tiny the smallest normal float64.
    The norms are taken of the arrays divided by their largest entry, so
    nothing overflows even at :math:`\pm 10^{308}`.
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
    check_same_shape(a, "a", b, "b", func=func)
    floor = as_float_scalar(floor, "floor", func=func)
    if floor < 0:
        msg = f"{func}(): argument 'floor' must be >= 0; got {floor}."
        raise ValueError(msg)
    scale = max(
        float(np.max(np.abs(a), initial=0.0)), float(np.max(np.abs(b), initial=0.0))
    )
    if scale == 0.0:
        return 0.0
    if scale < 1e150:  # the plain formula, which the book's numbers come from
        norms = float(np.linalg.norm(a) + np.linalg.norm(b))
        tiny = float(np.finfo(np.float64).tiny)
        return float(np.linalg.norm(a - b)) / max(norms, floor, tiny)
    a, b = a / scale, b / scale  # every entry in [-1, 1]: no overflow below
    norms = float(np.linalg.norm(a) + np.linalg.norm(b))
    return float(np.linalg.norm(a - b)) / max(norms, floor / scale)


def gradient_check(
    parameters: Any,
    X: Any,
    Y: Any,
    *,
    eps: float = 1e-6,
    floor: float | None = None,
    **network_kwargs: Any,
) -> dict[str, float]:
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
    floor : float, optional
        The absolute floor of :func:`relative_error`. By default
        :math:`10^{-4} \max(1, |L|)`, far above the rounding of the finite
        difference (about :math:`10^{-10} |L|`) and far below the gradients
        of a network that is learning: a saturated output, whose true
        gradients are tiny, then reads as correct instead of broken.
    **network_kwargs
        ``hidden_activation``, ``output_activation`` and ``loss``, as for
        :class:`nnbook.Network` (same defaults).

    Returns
    -------
    dict of str to float
        ``"W1", "b1", ...`` -> :func:`relative_error` between the
        backpropagated and the numerical gradient of that parameter.

    Raises
    ------
    TypeError
        For an unknown keyword.
    ValueError
        As :func:`nnbook.backward_network`, naming this function.

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
    # Everything is checked here, so that a message names gradient_check.
    eps = check_positive(eps, "eps", func=func, hint="Try 1e-6.")
    if floor is not None:
        floor = check_positive(floor, "floor", func=func)
    params, sizes = check_parameters(parameters, func=func, copy=True)
    n_layers = len(sizes) - 1
    head = resolve_head(
        kwargs["output_activation"], kwargs["loss"], func=func, n_outputs=sizes[-1]
    )
    X = as_float_array(X, "X", func=func, ndim=2, shape_desc="(n_features, n_samples)")
    if X.shape[0] != sizes[0]:
        msg = (
            f"{func}(): argument 'X' must have {sizes[0]} rows, one per column of "
            f"W1; got shape {X.shape}. If X is samples x features, pass X.T."
        )
        raise ValueError(msg)
    Y = as_float_array(Y, "Y", func=func, ndim=2, shape_desc="(n_outputs, n_samples)")
    check_shape_of_targets(Y, (sizes[-1], X.shape[1]), func=func)
    head.loss.check_targets(Y, "Y", func=func)
    forward_kwargs = {k: kwargs[k] for k in ("hidden_activation", "output_activation")}

    def loss() -> float:
        cache = forward_network(X, params, **forward_kwargs)
        return head.loss_from_logits(Y, cache[f"Z{n_layers}"], func=func)

    for key, value in params.items():
        with np.errstate(over="ignore"):  # value + eps beyond float64: reported
            unresolved = (value + eps == value) | ~np.isfinite(value + eps)
        if unresolved.any():
            msg = (
                f"{func}(): argument 'eps'={eps:g} is below the resolution of the "
                f"parameters: {key} + eps rounds back to {key} (largest |{key}| is "
                f"{np.max(np.abs(value)):g}). Use a larger eps, or smaller weights."
            )
            raise ValueError(msg)
    with reraise_as(func):  # an overflow deep inside is reported as ours
        if floor is None:
            floor = 1e-4 * max(1.0, abs(loss()))
        cache = forward_network(X, params, **forward_kwargs)
        grads = backward_network(cache, params, Y, loss=kwargs["loss"])
        return {
            key: relative_error(
                grads[f"d{key}"],
                numerical_gradient(loss, params[key], eps),
                floor=floor,
            )
            for key in params
        }


def check_shape_of_targets(
    Y: np.ndarray, expected: tuple[int, int], *, func: str
) -> None:
    """Raise unless ``Y`` is (n_outputs, n_samples), with the usual fix."""
    if Y.shape != expected:
        fix = (
            " If Y is samples x outputs, pass Y.T." if Y.shape == expected[::-1] else ""
        )
        msg = (
            f"{func}(): argument 'Y' must have shape (n_outputs, n_samples) = "
            f"{expected}; got shape {Y.shape}.{fix}"
        )
        raise ValueError(msg)
