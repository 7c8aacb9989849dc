"""Scalar checks: whole numbers, positive numbers, and random generators.

Part of :mod:`nnbook._validation`. NumPy integers and floats are accepted
wherever Python's are (``np.int64(12)`` is an int); bools are not numbers
here, because ``True`` as a layer width or a learning rate is always a slip.
"""

import math
from typing import Any

import numpy as np

__all__ = [
    "DEFAULT_SEED",
    "check_fraction",
    "check_int",
    "check_nonnegative",
    "check_positive",
    "check_random_state",
    "check_torch_generator",
    "is_int",
]

#: The seed used when ``rng=None``, so that code without a seed is still
#: reproducible (42, as in many tutorials).
DEFAULT_SEED = 42


def is_int(value: Any) -> bool:
    """Whether ``value`` is a Python or NumPy integer (bools excluded)."""
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def check_int(
    value: Any,
    name: str,
    *,
    func: str,
    min_value: int | None = None,
    max_value: int | None = None,
    hint: str | None = None,
) -> int:
    """Return ``value`` as an ``int`` in ``[min_value, max_value]``, or raise.

    Raises
    ------
    TypeError
        If ``value`` is not an integer (a float such as ``2.0`` included).
    ValueError
        If it lies outside the range.

    Examples
    --------
    >>> check_int(np.int64(12), "epochs", func="fit", min_value=1)
    12
    >>> check_int(0, "epochs", func="fit", min_value=1)
    Traceback (most recent call last):
        ...
    ValueError: fit(): argument 'epochs' must be an integer >= 1; got 0.
    """
    if min_value is not None and max_value is not None:
        wanted = f"an integer from {min_value} to {max_value}"
    elif min_value is not None:
        wanted = f"an integer >= {min_value}"
    else:
        wanted = "an integer"
    if not is_int(value):
        msg = (
            f"{func}(): argument {name!r} must be {wanted}; got "
            f"{type(value).__name__} {value!r}."
        )
        if isinstance(value, float) and value.is_integer():
            msg += f" Pass {int(value)} instead."
        raise TypeError(msg)
    too_small = min_value is not None and value < min_value
    if too_small or (max_value is not None and value > max_value):
        msg = f"{func}(): argument {name!r} must be {wanted}; got {int(value)}."
        if hint:
            msg += f" {hint}"
        raise ValueError(msg)
    return int(value)


def check_positive(
    value: Any, name: str, *, func: str, hint: str | None = None
) -> float:
    """Return ``value`` as a positive, finite ``float``, or raise.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If it is zero, negative, NaN or infinite.

    Examples
    --------
    >>> check_positive(0.5, "learning_rate", func="fit")
    0.5
    >>> check_positive(-1, "learning_rate", func="fit")
    Traceback (most recent call last):
        ...
    ValueError: fit(): argument 'learning_rate' must be positive and finite; got -1.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        shape = getattr(value, "shape", None)
        arrived = f"an array of shape {shape}" if shape else type(value).__name__
        msg = f"{func}(): argument {name!r} must be a positive number; got {arrived}."
        raise TypeError(msg)
    if isinstance(value, np.complexfloating):
        msg = f"{func}(): argument {name!r} must be a real number; got {value!r}."
        raise TypeError(msg)
    number = float(value)
    if not (math.isfinite(number) and number > 0):
        msg = f"{func}(): argument {name!r} must be positive and finite; got {value}."
        if hint:
            msg += f" {hint}"
        raise ValueError(msg)
    return number


def _real(value: Any, name: str, *, func: str, wanted: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        msg = (
            f"{func}(): argument {name!r} must be {wanted}; got "
            f"{type(value).__name__} {value!r}."
        )
        raise TypeError(msg)
    if isinstance(value, np.complexfloating):
        msg = f"{func}(): argument {name!r} must be a real number; got {value!r}."
        raise TypeError(msg)
    return float(value)


def check_nonnegative(
    value: Any, name: str, *, func: str, hint: str | None = None
) -> float:
    """Return ``value`` as a finite ``float >= 0``, or raise.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If it is negative, NaN or infinite.

    Examples
    --------
    >>> check_nonnegative(0, "weight_decay", func="Adam")
    0.0
    >>> check_nonnegative(-0.1, "weight_decay", func="Adam", hint="Use 0 for none.")
    Traceback (most recent call last):
        ...
    ValueError: Adam(): argument 'weight_decay' must be >= 0 and finite; got -0.1.
    Use 0 for none.
    """
    number = _real(value, name, func=func, wanted="a number >= 0")
    if not (math.isfinite(number) and number >= 0):
        msg = f"{func}(): argument {name!r} must be >= 0 and finite; got {value}."
        if hint:
            msg += f" {hint}"
        raise ValueError(msg)
    return number


def check_fraction(
    value: Any, name: str, *, func: str, hint: str | None = None
) -> float:
    """Return ``value`` as a ``float`` in ``[0, 1)``, or raise.

    Decay rates of running averages (momentum, Adam's betas) live there: at 1
    the average never forgets, and above it the average grows without bound.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If it is outside ``[0, 1)`` or NaN.

    Examples
    --------
    >>> check_fraction(0.9, "momentum", func="Momentum")
    0.9
    >>> check_fraction(1.0, "beta2", func="Adam")
    Traceback (most recent call last):
        ...
    ValueError: Adam(): argument 'beta2' must be in [0, 1); got 1.0.
    """
    number = _real(value, name, func=func, wanted="a number in [0, 1)")
    if not 0 <= number < 1:  # also False for NaN
        msg = f"{func}(): argument {name!r} must be in [0, 1); got {value}."
        if hint:
            msg += f" {hint}"
        raise ValueError(msg)
    return number


def check_random_state(
    rng: Any, *, func: str, name: str = "rng"
) -> np.random.Generator:
    """Turn ``rng`` (seed, Generator or None) into a NumPy Generator, or raise.

    ``None`` is :data:`DEFAULT_SEED`; a Generator is used (and advanced) as
    it is. Nothing touches NumPy's global random state.

    Examples
    --------
    >>> int(check_random_state(0, func="minibatches").integers(10))
    8
    >>> check_random_state(-1, func="minibatches")
    Traceback (most recent call last):
        ...
    ValueError: minibatches(): argument 'rng' must be a non-negative seed; got -1.
    """
    if rng is None:
        return np.random.default_rng(DEFAULT_SEED)
    if isinstance(rng, np.random.Generator):
        return rng
    if is_int(rng):
        if rng < 0:
            msg = f"{func}(): argument {name!r} must be a non-negative seed; got {rng}."
            raise ValueError(msg)
        return np.random.default_rng(int(rng))
    msg = (
        f"{func}(): argument {name!r} must be an int seed, a "
        f"numpy.random.Generator or None; got {type(rng).__name__}. Create a "
        "generator with np.random.default_rng(seed)."
    )
    raise TypeError(msg)


def check_torch_generator(generator: Any, *, func: str, name: str = "generator"):
    """As :func:`check_random_state`, for a :class:`torch.Generator`.

    Examples
    --------
    >>> check_torch_generator(None, func="build_network").initial_seed()
    42
    """
    import torch  # only the PyTorch functions call this

    if generator is None:
        return torch.Generator().manual_seed(DEFAULT_SEED)
    if isinstance(generator, torch.Generator):
        return generator
    if is_int(generator):
        if generator < 0:
            msg = (
                f"{func}(): argument {name!r} must be a non-negative seed; "
                f"got {generator}."
            )
            raise ValueError(msg)
        return torch.Generator().manual_seed(int(generator))
    msg = (
        f"{func}(): argument {name!r} must be an int seed, a torch.Generator "
        f"or None; got {type(generator).__name__}."
    )
    raise TypeError(msg)
