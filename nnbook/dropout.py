r"""Inverted dropout, as three small functions: the mask, forward, backward.

Taught in Chapter 7, Generalisation and regularisation, section
:ref:`nn-regularisation-dropout`. During training each unit of a layer's
output is kept with probability :math:`1 - p` and set to zero otherwise;
the kept ones are divided by :math:`1 - p`, so that the expected output is
unchanged and evaluation needs no correction (*inverted* dropout). The mask
is an explicit, seeded array, so that the chapter can hand the very same
mask to PyTorch and compare. Arrays use the book's layout, **features x
samples**.
"""

from typing import Any

import numpy as np

from nnbook._validation import (
    as_float_array,
    check_finite_result,
    check_fraction,
    check_int,
    check_random_state,
    check_same_shape,
)

#: More units than this in one mask is surely a mistake.
_MAX_UNITS = 2**31

__all__ = ["check_dropout_rate", "dropout_backward", "dropout_forward", "dropout_mask"]


def check_dropout_rate(p: Any, *, func: str) -> float:
    """Return the drop probability ``p`` as a float in ``[0, 1)``, or raise.

    Raises
    ------
    TypeError
        If ``p`` is not a real number.
    ValueError
        If ``p`` is outside ``[0, 1)``: at 1 every unit is dropped and the
        scale :math:`1/(1 - p)` is infinite.

    Examples
    --------
    >>> check_dropout_rate(0.5, func="Dropout")
    0.5
    """
    return check_fraction(
        p,
        "p",
        func=func,
        hint="p is the probability of dropping a unit; 0.1 to 0.5 are usual, "
        "and 0 turns dropout off.",
    )


def dropout_mask(
    shape: tuple[int, ...], p: float, rng: int | np.random.Generator | None = None
) -> np.ndarray:
    """Draw which units are kept: True with probability ``1 - p``.

    Parameters
    ----------
    shape : tuple of int
        The shape of the activations, e.g. ``(n_units, m)``.
    p : float
        Drop probability, in ``[0, 1)``.
    rng : int, numpy.random.Generator or None
        The random draw; ``None`` is the package's fixed seed.

    Returns
    -------
    ndarray of bool of the given shape

    Raises
    ------
    ValueError
        If ``p`` is outside ``[0, 1)``.

    Examples
    --------
    >>> dropout_mask((2, 4), 0.5, rng=0)
    array([[ True, False, False, False],
           [ True,  True,  True,  True]])
    """
    func = "dropout_mask"
    if not isinstance(shape, tuple | list):
        msg = (
            f"{func}(): argument 'shape' must be a tuple of sizes, e.g. A.shape; "
            f"got {type(shape).__name__} {shape!r}."
        )
        raise TypeError(msg)
    sizes = tuple(
        check_int(n, "shape", func=func, min_value=0, max_value=_MAX_UNITS)
        for n in shape
    )
    if int(np.prod(sizes, dtype=float)) > _MAX_UNITS:
        msg = f"{func}(): argument 'shape' asks for more than 2**31 units; got {sizes}."
        raise ValueError(msg)
    p = check_dropout_rate(p, func=func)
    generator = check_random_state(rng, func=func)
    return generator.random(sizes) >= p


def _apply(A: np.ndarray, name: str, mask: Any, p: float, *, func: str) -> np.ndarray:
    """Return ``A * (mask / (1 - p))``, checking the mask and the result."""
    mask = np.asarray(mask)
    if mask.dtype != np.bool_:
        msg = (
            f"{func}(): argument 'mask' must be a boolean array (True = kept); "
            f"got dtype {mask.dtype}. Make one with dropout_mask(shape, p, rng)."
        )
        raise TypeError(msg)
    check_same_shape(A, name, mask, "mask", func=func)
    with np.errstate(over="ignore"):  # checked just below
        # The mask scaled first, as PyTorch does, so that both round alike.
        out = A * (mask / (1.0 - p))
    return check_finite_result(
        out,
        f"the scaled {name}",
        func=func,
        hint=f"Rescale {name}, or use a smaller p.",
    )


def dropout_forward(A: Any, mask: Any, p: float) -> np.ndarray:
    r"""Apply inverted dropout with a given mask: :math:`A \odot M / (1 - p)`.

    Parameters
    ----------
    A : array-like
        Activations, features x samples.
    mask : ndarray of bool, same shape as ``A``
        True where a unit is kept (from :func:`dropout_mask`).
    p : float
        The drop probability the mask was drawn with, in ``[0, 1)``.

    Returns
    -------
    ndarray
        Kept units scaled by :math:`1/(1 - p)`, dropped units 0.

    Raises
    ------
    TypeError
        If ``mask`` is not boolean.
    ValueError
        If ``p`` is outside ``[0, 1)`` or the shapes differ.

    Notes
    -----
    With :math:`M_{ij} \sim \text{Bernoulli}(1 - p)`,

    .. math:: \mathbb{E}\!\left[\frac{M_{ij}}{1 - p} A_{ij}\right] = A_{ij},

    so the layer's expected output in training equals its output in
    evaluation, where dropout is the identity.

    References
    ----------
    .. [1] N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever and
       R. Salakhutdinov, "Dropout: a simple way to prevent neural networks
       from overfitting", *JMLR* 15, pp. 1929-1958, 2014.

    Examples
    --------
    >>> dropout_forward(np.array([[1.0, 2.0, 3.0, 4.0]]),
    ...                 np.array([[True, False, True, True]]), p=0.5)
    array([[2., 0., 6., 8.]])
    """
    func = "dropout_forward"
    p = check_dropout_rate(p, func=func)
    A = as_float_array(A, "A", func=func)
    return _apply(A, "A", mask, p, func=func)


def dropout_backward(dA: Any, mask: Any, p: float) -> np.ndarray:
    r"""Backpropagate through dropout: same mask and scale :math:`dA \odot M/(1-p)`.

    Parameters
    ----------
    dA : array-like
        Gradient of the loss with respect to the dropout's output.
    mask : ndarray of bool, same shape as ``dA``
        The mask of the forward pass.
    p : float
        Its drop probability.

    Returns
    -------
    ndarray
        Gradient with respect to the dropout's input; dropped units get 0.

    Raises
    ------
    TypeError, ValueError
        As for :func:`dropout_forward`.

    Examples
    --------
    >>> dropout_backward(np.ones((1, 3)), np.array([[True, False, True]]), p=0.75)
    array([[4., 0., 4.]])
    """
    func = "dropout_backward"
    p = check_dropout_rate(p, func=func)
    dA = as_float_array(dA, "dA", func=func)
    return _apply(dA, "dA", mask, p, func=func)
