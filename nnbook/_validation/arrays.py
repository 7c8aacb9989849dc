"""Array checks: convert to float64 and check shape, values and axes.

Part of :mod:`nnbook._validation`; every helper takes ``func``, the public
function the caller called, so messages name it.

Examples
--------
>>> as_float_array([1, 2, 3], "z", func="sigmoid")
array([1., 2., 3.])
>>> as_float_array([1, 2, 3], "X", func="forward_layer", ndim=2)
Traceback (most recent call last):
    ...
ValueError: forward_layer(): argument 'X' must be a 2-D array; got a 1-D array of
shape (3,).
"""

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = [
    "as_float_array",
    "as_float_scalar",
    "check_finite_result",
    "check_same_shape",
    "check_shape",
]

# dtype kinds that convert to float64 without losing meaning:
# bool, signed int, unsigned int, float.
_NUMERIC_KINDS = frozenset("biuf")


def _describe(array: np.ndarray) -> str:
    """Say what arrived, e.g. ``"a 1-D array of shape (3,)"``."""
    if array.ndim == 0:
        return "a scalar (0-D array)"
    return f"a {array.ndim}-D array of shape {array.shape}"


def _ndim_text(ndim: int | tuple[int, ...]) -> str:
    allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
    words = ["scalar (0-D)" if n == 0 else f"{n}-D" for n in allowed]
    return " or ".join(words)


def _join(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


def _from_tensor(value):
    """Return a torch tensor as a NumPy array, without importing torch.

    NumPy functions never compute gradients, so a tensor that requires grad
    is detached (``np.asarray`` would raise); bfloat16, which NumPy lacks,
    is widened to float32 first. Anything else is returned unchanged.
    """
    if type(value).__module__.partition(".")[0] != "torch" or not hasattr(
        value, "detach"
    ):
        return value
    tensor = value.detach().cpu()
    if str(tensor.dtype) == "torch.bfloat16":
        tensor = tensor.float()
    return tensor.numpy()


def check_finite_result(array, what: str, *, func: str, hint: str) -> np.ndarray:
    """Raise ``ValueError`` if a computed result overflowed float64.

    Used after a computation run under ``np.errstate(over="ignore")``: finite
    inputs whose result lies beyond +-1.8e308 get a clear error instead of
    a RuntimeWarning and an ``inf``.
    """
    if not np.all(np.isfinite(array)):
        msg = (
            f"{func}(): {what} overflows float64 (beyond +-1.8e308) for these "
            f"inputs. {hint}"
        )
        raise ValueError(msg)
    return array


def _converted(value: Any, name: str, *, func: str) -> np.ndarray:
    """Convert anything but a float64 array, or raise (see as_float_array)."""
    value = _from_tensor(value)
    try:
        array = np.asarray(value)
    except ValueError as err:  # ragged nested lists
        msg = (
            f"{func}(): argument {name!r} must be a rectangular array of numbers; "
            f"could not convert it ({err}). Check that every row has the same "
            "length."
        )
        raise ValueError(msg) from err
    if array.dtype.kind not in _NUMERIC_KINDS:
        fix = (
            f"If the imaginary part is zero, pass {name}.real."
            if array.dtype.kind == "c"
            else f"Convert it first, e.g. np.asarray({name}, dtype=float)."
        )
        msg = (
            f"{func}(): argument {name!r} must contain real numbers; got an array "
            f"of dtype {array.dtype} (from {type(value).__name__}). {fix}"
        )
        raise TypeError(msg)
    return array.astype(np.float64, copy=False)


def as_float_array(
    value,
    name: str,
    *,
    func: str,
    ndim: int | tuple[int, ...] | None = None,
    allow_nonfinite: bool = False,
    allow_inf: bool = False,
    shape_desc: str | None = None,
    hint: str | None = None,
) -> np.ndarray:
    """Convert ``value`` to a float64 array, or raise a helpful error.

    Parameters
    ----------
    value : array-like or scalar
        Numbers: bools, integers and floats are accepted.
    name : str
        The argument's name in ``func``'s signature, used in messages.
    func : str
        The public function being called, used in messages.
    ndim : int or tuple of int, optional
        The allowed number(s) of dimensions. ``None`` accepts any.
    allow_nonfinite : bool, default False
        Accept NaN and +-inf.
    allow_inf : bool, default False
        Accept +-inf but still reject NaN (for functions with finite limits,
        such as ``sigmoid(inf) == 1``).
    shape_desc : str, optional
        The expected shape in words, e.g. ``"(n_features, n_samples)"``.
    hint : str, optional
        How to fix a wrong ``ndim``, appended to that message.

    Returns
    -------
    numpy.ndarray of float64
        May share memory with ``value``; callers must not write into it.

    Raises
    ------
    TypeError
        If ``value`` holds strings, objects or complex numbers.
    ValueError
        If ``value`` is ragged, has the wrong ``ndim``, or holds NaN/inf
        that is not allowed.
    """
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        array = value  # the common case, inside training loops: nothing to convert
    else:
        array = _converted(value, name, func=func)

    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if array.ndim not in allowed:
            shape_part = f" of shape {shape_desc}" if shape_desc else ""
            msg = _join(
                f"{func}(): argument {name!r} must be a {_ndim_text(ndim)} "
                f"array{shape_part}; got {_describe(array)}.",
                hint,
            )
            raise ValueError(msg)

    # One reduction in the common, all-finite case; the details only on error.
    finite = allow_nonfinite or (
        not np.isnan(array).any() if allow_inf else np.isfinite(array).all()
    )
    if not finite:
        bad = np.isnan(array) if allow_inf else ~np.isfinite(array)
        if bad.any():
            what = "NaN" if allow_inf else "NaN or infinite"
            where = np.argwhere(bad)[0]
            first = (
                f" (first at index {tuple(int(i) for i in where)})"
                if where.size
                else ""
            )
            msg = (
                f"{func}(): argument {name!r} contains {what} values: "
                f"{int(bad.sum())} of {array.size}{first}. Remove or replace them "
                "before calling; a NaN usually comes from an earlier overflow or "
                "from 0/0."
            )
            raise ValueError(msg)
    return array


def as_float_scalar(value, name: str, *, func: str) -> float:
    """Convert a finite real scalar to a Python ``float``, or raise.

    Parameters
    ----------
    value : float, int or 0-D array
        The scalar to check.
    name, func : str
        Used in messages, as for :func:`as_float_array`.

    Returns
    -------
    float
        The value.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If ``value`` is not a scalar or is not finite.
    """
    array = as_float_array(value, name, func=func, ndim=0)
    return float(array)


def _shape_text(expected: Sequence[int | None]) -> str:
    items = ["*" if n is None else str(n) for n in expected]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def check_shape(
    array: np.ndarray,
    name: str,
    expected: Sequence[int | None],
    *,
    func: str,
    hint: str | None = None,
) -> None:
    """Raise ``ValueError`` unless ``array.shape`` matches ``expected``.

    ``expected`` is a tuple of sizes where ``None`` matches any size, e.g.
    ``(4, None)`` for "4 rows, any number of columns".

    Examples
    --------
    >>> check_shape(np.zeros((4, 2)), "W", (4, None), func="forward_layer")
    >>> check_shape(np.zeros((3, 2)), "W", (4, None), func="forward_layer")
    Traceback (most recent call last):
        ...
    ValueError: forward_layer(): argument 'W' must have shape (4, *) (* = any
    size); got shape (3, 2).
    """
    shape = np.shape(array)
    matches = len(shape) == len(expected) and all(
        want is None or want == got for want, got in zip(expected, shape, strict=False)
    )
    if not matches:
        wildcard = " (* = any size)" if None in expected else ""
        msg = _join(
            f"{func}(): argument {name!r} must have shape {_shape_text(expected)}"
            f"{wildcard}; got shape {shape}.",
            hint,
        )
        raise ValueError(msg)


def check_same_shape(
    a: np.ndarray, a_name: str, b: np.ndarray, b_name: str, *, func: str
) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have the same shape.

    Broadcasting is deliberately not allowed: ``(3,)`` against ``(3, 1)``
    broadcasts to ``(3, 3)`` and gives a plausible but wrong loss.
    """
    a_shape, b_shape = np.shape(a), np.shape(b)
    if a_shape != b_shape:
        fix = (
            f"Both hold {np.size(a)} values: reshape one, e.g. "
            f"{b_name}.reshape({a_name}.shape)."
            if np.size(a) == np.size(b)
            else f"Pass one {a_name} value per {b_name} value."
        )
        msg = (
            f"{func}(): arguments {a_name!r} and {b_name!r} must have the same "
            f"shape; got {a_name} of shape {a_shape} and {b_name} of shape "
            f"{b_shape}. {fix}"
        )
        raise ValueError(msg)
