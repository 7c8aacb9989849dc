"""Label checks: probabilities, one-hot columns, and the class axis.

Part of :mod:`nnbook._validation`; every helper takes ``func``, the public
function the caller called, so messages name it.
"""

from typing import Any

import numpy as np

from nnbook._validation.arrays import _join

__all__ = ["ONE_HOT_TOL", "check_axis", "check_one_hot", "check_probabilities"]

#: Tolerance for "sums to one": loose enough for rows built by float division.
ONE_HOT_TOL = 1e-6


def check_probabilities(
    p: np.ndarray, name: str, *, func: str, hint: str | None = None
) -> None:
    """Raise ``ValueError`` unless every value of ``p`` lies in ``[0, 1]``.

    The default hint suggests the usual cause: logits passed where
    probabilities were expected.
    """
    p = np.asarray(p)
    inside = (p >= 0.0) & (p <= 1.0)
    if not inside.all():
        if hint is None:
            hint = (
                "Did you pass logits (raw scores)? Apply sigmoid/softmax first, "
                f"or use {func}_with_logits."
                if not func.endswith("_with_logits")
                else None
            )
        msg = _join(
            f"{func}(): argument {name!r} must contain probabilities in [0, 1]; "
            f"got values from {np.min(p):g} to {np.max(p):g} "
            f"({int((~inside).sum())} outside).",
            hint,
        )
        raise ValueError(msg)


def check_one_hot(y: np.ndarray, name: str, *, func: str, axis: int) -> None:
    """Raise ``ValueError`` unless ``y`` holds distributions along ``axis``.

    Every vector along ``axis`` (one per sample) must be non-negative and
    sum to one within ``ONE_HOT_TOL``: one-hot labels pass, and so do soft
    labels such as ``[0.9, 0.1]``.
    """
    y = np.asarray(y)
    axis = check_axis(axis, y, name, func=func)
    rows = np.moveaxis(y, axis, -1)
    with np.errstate(over="ignore", invalid="ignore"):  # huge sums are not 1 anyway
        sums = rows.sum(axis=-1)
    bad = (rows < 0).any(axis=-1) | (np.abs(sums - 1.0) > ONE_HOT_TOL)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        label = index[0] if len(index) == 1 else index
        msg = (
            f"{func}(): argument {name!r} must hold one-hot (or probability) "
            f"vectors along axis {axis}: non-negative and summing to 1. Sample "
            f"{label} sums to {sums[index]:g}"
            f"{' and has negative entries' if (rows[index] < 0).any() else ''}. "
            f"{_axis_hint(y, axis, name)}"
        )
        raise ValueError(msg)


def _is_distribution(y: np.ndarray, axis: int) -> bool:
    rows = np.moveaxis(y, axis, -1)
    with np.errstate(over="ignore", invalid="ignore"):  # huge sums are not 1 anyway
        sums_ok = np.abs(rows.sum(axis=-1) - 1.0) <= ONE_HOT_TOL
    return bool(sums_ok.all() and (rows >= 0).all())


def _axis_hint(y: np.ndarray, axis: int, name: str) -> str:
    """Suggest the axis along which ``y`` *is* valid, the usual mistake."""
    for other in range(y.ndim):
        if other != axis and _is_distribution(y, other):
            return (
                f"{name} (shape {y.shape}) is valid along axis {other}: "
                f"pass axis={other} if the classes lie along that axis."
            )
    return f"Check the values and the axis ({name} has shape {y.shape})."


def check_axis(axis: Any, array: np.ndarray, name: str, *, func: str) -> int:
    """Return ``axis`` as a non-negative int, or raise if it is out of range.

    Raises
    ------
    TypeError
        If ``axis`` is not an integer.
    ValueError
        If ``axis`` is not a valid axis of ``array``.
    """
    ndim = np.ndim(array)
    if isinstance(axis, bool) or not isinstance(axis, int | np.integer):
        msg = f"{func}(): axis must be an integer; got {axis!r}."
        raise TypeError(msg)
    if not -ndim <= axis < ndim:
        msg = (
            f"{func}(): axis={axis} is out of range for argument {name!r} of "
            f"shape {np.shape(array)}; use an axis between {-ndim} and {ndim - 1}."
        )
        raise ValueError(msg)
    return int(axis) % ndim
