"""What every loss shares: the (target, prediction) pair and the mean.

Private to :mod:`nnbook.losses`. The means here survive the extremes of
float64: a sum of terms that overflows is taken again term by term divided
by the count, so the result is finite whenever the exact mean is.
"""

import numpy as np

from nnbook._validation import as_float_array, check_same_shape

__all__ = ["LABEL_HINT", "mean_of", "pair", "xlogy"]

LABEL_HINT = "Labels must be 0 or 1 (or soft labels between them)."


def pair(
    first: object,
    second: object,
    names: tuple[str, str],
    *,
    func: str,
    ndim: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Convert a (target, prediction) pair; same shape, not empty; cheap first."""
    a = as_float_array(first, names[0], func=func, ndim=ndim)
    b = as_float_array(second, names[1], func=func, ndim=ndim)
    check_same_shape(a, names[0], b, names[1], func=func)
    if a.size == 0:
        msg = (
            f"{func}(): arguments {names[0]!r} and {names[1]!r} are empty; "
            "pass at least one sample."
        )
        raise ValueError(msg)
    return a, b


def xlogy(x: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``x * log(p)`` with ``0 * log(0) = 0``, and without warnings.

    ``np.log(0)`` warns, so the log is only taken of positive ``p``; where
    ``p == 0`` the term is 0 if ``x == 0`` and ``-inf`` otherwise.
    """
    positive = p > 0
    logs = x * np.log(np.where(positive, p, 1.0))
    return np.where(positive, logs, np.where(x > 0, -np.inf, 0.0))


def mean_of(terms: np.ndarray, count: int) -> float:
    """``sum(terms) / count`` as a float, finite whenever the exact mean is.

    The plain sum is used when it is finite (the common case, and the
    numbers the book prints); if it overflows although every term is finite,
    the terms are divided by ``count`` first.
    """
    with np.errstate(over="ignore"):  # an overflowing sum is redone below
        total = np.sum(terms)
    if not np.isfinite(total) and np.all(np.isfinite(terms)):
        return float(np.sum(terms / count)) + 0.0
    # "+ 0.0" turns the -0.0 of a perfect prediction into 0.0.
    return float(total / count) + 0.0
