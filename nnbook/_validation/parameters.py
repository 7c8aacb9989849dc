"""Checks of a network's description: layer widths and parameter dicts.

Part of :mod:`nnbook._validation`. A parameter dict holds exactly
``"W1", "b1", ..., "WL", "bL"`` with ``W{l}`` of shape ``(n_l, n_{l-1})`` and
``b{l}`` of shape ``(n_l,)`` or ``(n_l, 1)``: the book's layout.
"""

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from nnbook._validation.arrays import as_float_array
from nnbook._validation.scalars import is_int

__all__ = ["check_layer_sizes", "check_parameters", "count_layers"]

_PARAMETER_KEY = re.compile(r"([Wb])([1-9][0-9]*)")


def check_layer_sizes(layer_sizes: Any, *, func: str) -> tuple[int, ...]:
    """Return ``layer_sizes`` as a tuple of ints, or raise a helpful error."""
    if isinstance(layer_sizes, str | bytes) or not isinstance(
        layer_sizes, Sequence | np.ndarray
    ):
        msg = (
            f"{func}(): argument 'layer_sizes' must be a list of layer widths "
            f"such as [2, 4, 1]; got {type(layer_sizes).__name__}."
        )
        raise TypeError(msg)
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        msg = (
            f"{func}(): argument 'layer_sizes' must list at least two widths "
            f"(inputs and outputs), e.g. [2, 4, 1]; got {sizes!r}."
        )
        raise ValueError(msg)
    for position, size in enumerate(sizes):
        if not is_int(size):
            msg = (
                f"{func}(): argument 'layer_sizes' must hold integers; entry "
                f"{position} is {size!r} ({type(size).__name__})."
            )
            raise TypeError(msg)
        if size < 1:
            msg = (
                f"{func}(): argument 'layer_sizes' must hold positive widths; "
                f"entry {position} is {size}. Every layer needs at least one unit."
            )
            raise ValueError(msg)
    return tuple(int(size) for size in sizes)


def count_layers(parameters: Any, *, func: str) -> int:
    """Return L for a dict holding exactly W1, b1, ..., WL, bL, or raise."""
    if not isinstance(parameters, Mapping):
        msg = (
            f"{func}(): argument 'parameters' must be a dict with keys 'W1', "
            f"'b1', 'W2', 'b2', ...; got {type(parameters).__name__}."
        )
        raise TypeError(msg)
    layers = set()
    unexpected = []
    for key in parameters:
        match = _PARAMETER_KEY.fullmatch(key) if isinstance(key, str) else None
        if match is None:
            unexpected.append(key)
        else:
            layers.add(int(match[2]))
    if unexpected:
        msg = (
            f"{func}(): argument 'parameters' may only hold keys 'W1', 'b1', "
            f"..., 'WL', 'bL'; got unexpected keys {unexpected!r}. Keep "
            "other values (learning rate, cache, ...) in a separate dict."
        )
        raise ValueError(msg)
    if not layers:
        msg = (
            f"{func}(): argument 'parameters' is empty; it needs at least 'W1' "
            "and 'b1'. Create one with nnbook.initialize_parameters."
        )
        raise ValueError(msg)
    n_layers = max(layers)
    expected = [f"{kind}{layer}" for layer in range(1, n_layers + 1) for kind in "Wb"]
    missing = [key for key in expected if key not in parameters]
    if missing:
        msg = (
            f"{func}(): argument 'parameters' must hold 'W1', 'b1', ..., "
            f"'W{n_layers}', 'b{n_layers}' for its {n_layers} layers; missing "
            f"{missing!r} (got {len(parameters)} keys: {sorted(parameters)!r}). "
            "Every layer needs both a weight matrix and a bias."
        )
        raise ValueError(msg)
    return n_layers


def check_parameters(
    parameters: Any, *, func: str, copy: bool = False
) -> tuple[dict[str, np.ndarray], tuple[int, ...]]:
    """Check a parameter dict's keys and shapes; return it as float64 and the widths.

    Every ``W{l}`` must be 2-D with as many columns as ``W{l-1}`` has rows,
    and every ``b{l}`` must have one entry per row of ``W{l}``; a transposed
    weight matrix is named, with the fix.

    Parameters
    ----------
    parameters : dict of str to array-like
        ``"W1", "b1", ..., "WL", "bL"``.
    func : str
        The public function being called, for messages.
    copy : bool, default False
        Return copies (for a caller that keeps or modifies them).

    Returns
    -------
    arrays : dict of str to ndarray
        The same keys, in the order ``W1, b1, W2, ...``, as finite float64.
    layer_sizes : tuple of int
        The widths n_0, ..., n_L.

    Raises
    ------
    TypeError
        If ``parameters`` is not a dict or a value is not numeric.
    ValueError
        If a key is missing or unexpected, a value is not finite, or two
        shapes do not fit together.

    Examples
    --------
    >>> _, sizes = check_parameters({"W1": np.ones((4, 2)), "b1": np.zeros(4)},
    ...                             func="Network")
    >>> sizes
    (2, 4)
    >>> check_parameters({"W1": np.ones((2, 4)), "b1": np.zeros(4)}, func="Network")
    Traceback (most recent call last):
        ...
    ValueError: Network(): argument 'parameters' has b1 of shape (4,) but W1 of
    shape (2, 4): b1 needs one entry per row of W1. W1 looks transposed: pass its
    transpose, of shape (4, 2).
    """
    n_layers = count_layers(parameters, func=func)
    arrays: dict[str, np.ndarray] = {}
    sizes: list[int] = []
    for layer in range(1, n_layers + 1):
        w_key, b_key = f"W{layer}", f"b{layer}"
        W = as_float_array(
            parameters[w_key],
            w_key,
            func=func,
            ndim=2,
            shape_desc="(n_units, n_inputs)",
        )
        b = as_float_array(
            parameters[b_key], b_key, func=func, ndim=(1, 2), shape_desc="(n_units,)"
        )
        if W.size == 0:
            msg = (
                f"{func}(): argument 'parameters' has an empty {w_key} of shape "
                f"{W.shape}; every layer needs at least one unit and one input."
            )
            raise ValueError(msg)
        n_units, n_inputs = W.shape
        if b.shape not in {(n_units,), (n_units, 1)}:
            transposed = b.shape in {(n_inputs,), (n_inputs, 1)} and n_inputs != n_units
            msg = (
                f"{func}(): argument 'parameters' has {b_key} of shape {b.shape} "
                f"but {w_key} of shape {W.shape}: {b_key} needs one entry per row "
                f"of {w_key}."
                + (
                    f" {w_key} looks transposed: pass its transpose, of shape "
                    f"{(n_inputs, n_units)}."
                    if transposed
                    else f" Give {b_key} the shape ({n_units},)."
                )
            )
            raise ValueError(msg)
        if sizes and n_inputs != sizes[-1]:
            prev = f"W{layer - 1}"
            msg = (
                f"{func}(): argument 'parameters' has {w_key} of shape {W.shape} "
                f"but {prev} has {sizes[-1]} rows (units): {w_key} needs "
                f"{sizes[-1]} columns, one per unit of layer {layer - 1}, i.e. "
                f"shape ({n_units}, {sizes[-1]})."
            )
            raise ValueError(msg)
        if not sizes:
            sizes.append(n_inputs)
        sizes.append(n_units)
        arrays[w_key] = W.copy() if copy else W
        arrays[b_key] = b.copy() if copy else b
    return arrays, tuple(sizes)
