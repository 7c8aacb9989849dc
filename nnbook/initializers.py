r"""Glorot (Xavier) and He (Kaiming) initialisation, as ``torch.nn.init`` defines them.

Taught in Chapter 6, Deep networks, section :ref:`nn-deep-variance`. Each
function draws a weight matrix of shape ``(fan_out, fan_in)``, the layout of
:class:`nnbook.layers.Dense` and of ``torch.nn.Linear.weight``, with the
scale that keeps the variance of the signals (Glorot: forward and backward
together; He: forward, or backward, through rectifiers) from layer to
layer. The formulas, the gains and the ``mode`` argument are those of
``torch.nn.init``, so that a PyTorch reader finds the same numbers; the
tests check the scales against PyTorch with the same random draws.
:func:`nnbook.initialize_parameters`'s ``"glorot"`` is :func:`xavier_uniform`
and its ``"he"`` is :func:`kaiming_normal` with ``nonlinearity="relu"``.
"""

import math
from typing import Any

import numpy as np

from nnbook._validation import (
    check_choice,
    check_int,
    check_nonnegative,
    check_positive,
    check_random_state,
)

__all__ = [
    "GAINS",
    "calculate_gain",
    "kaiming_normal",
    "kaiming_uniform",
    "xavier_normal",
    "xavier_uniform",
]

#: The gain of each nonlinearity, as ``torch.nn.init.calculate_gain``:
#: the factor that undoes how much the activation shrinks the variance.
GAINS = {
    "linear": 1.0,
    "sigmoid": 1.0,
    "tanh": 5.0 / 3,
    "relu": math.sqrt(2.0),
    "leaky_relu": None,  # sqrt(2 / (1 + slope**2)), see calculate_gain
}

_MODES = ("fan_in", "fan_out")


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    r"""Return the gain for an activation, as ``torch.nn.init.calculate_gain``.

    Parameters
    ----------
    nonlinearity : {"linear", "sigmoid", "tanh", "relu", "leaky_relu"}
        The activation after the layer.
    param : float, optional
        The negative slope of leaky ReLU (0.01 if not given).

    Returns
    -------
    float
        1 for linear and sigmoid, 5/3 for tanh, :math:`\sqrt 2` for ReLU,
        :math:`\sqrt{2 / (1 + a^2)}` for leaky ReLU of slope :math:`a`.

    Examples
    --------
    >>> calculate_gain("relu") == math.sqrt(2.0), calculate_gain("tanh")
    (True, 1.6666666666666667)
    """
    func = "calculate_gain"
    check_choice(nonlinearity, "nonlinearity", tuple(GAINS), func=func)
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else check_nonnegative(param, "param", func=func)
        return math.sqrt(2.0 / (1 + slope**2))
    gain = GAINS[nonlinearity]
    if gain is None:  # pragma: no cover - only leaky_relu has no fixed gain
        raise AssertionError(nonlinearity)
    return gain


def _shape(shape: Any, func: str) -> tuple[int, int]:
    if not isinstance(shape, tuple | list) or len(shape) != 2:
        msg = (
            f"{func}(): argument 'shape' must be (fan_out, fan_in), two integers; "
            f"got {shape!r}. For a layer from n_in to n_out units pass "
            "(n_out, n_in)."
        )
        raise TypeError(msg)
    fan_out = check_int(shape[0], "shape[0]", func=func, min_value=1)
    fan_in = check_int(shape[1], "shape[1]", func=func, min_value=1)
    return fan_out, fan_in


def _gain(gain: Any, func: str) -> float:
    return check_positive(gain, "gain", func=func)


def xavier_uniform(
    shape: tuple[int, int], *, gain: float = 1.0, rng: Any = None
) -> np.ndarray:
    r"""Glorot's uniform initialisation, :math:`\mathcal U(-a, a)`.

    The bound is :math:`a = g\sqrt{6/(n_\text{in} + n_\text{out})}`.

    Parameters
    ----------
    shape : (int, int)
        ``(fan_out, fan_in)``.
    gain : float, default 1.0
        :math:`g`, e.g. ``calculate_gain("tanh")``.
    rng : int, numpy.random.Generator or None
        Source of the draws.

    Returns
    -------
    ndarray of shape ``shape``
        Variance :math:`g^2 \cdot 2 / (n_\text{in} + n_\text{out})`.

    Examples
    --------
    >>> W = xavier_uniform((300, 200), rng=0)
    >>> bool(np.abs(W).max() <= np.sqrt(6 / 500)), round(float(W.var() * 250), 2)
    (True, 1.0)
    """
    func = "xavier_uniform"
    fan_out, fan_in = _shape(shape, func)
    std = _gain(gain, func) * math.sqrt(2.0 / float(fan_in + fan_out))
    bound = math.sqrt(3.0) * std  # as torch: the uniform of that std
    return check_random_state(rng, func=func).uniform(-bound, bound, (fan_out, fan_in))


def xavier_normal(
    shape: tuple[int, int], *, gain: float = 1.0, rng: Any = None
) -> np.ndarray:
    r"""Glorot's normal initialisation.

    The weights are :math:`\mathcal N(0, g^2\, 2/(n_\text{in} + n_\text{out}))`.

    Parameters are as for :func:`xavier_uniform`.

    Examples
    --------
    >>> round(float(xavier_normal((300, 200), rng=0).var() * 250), 2)
    1.0
    """
    func = "xavier_normal"
    fan_out, fan_in = _shape(shape, func)
    std = _gain(gain, func) * math.sqrt(2.0 / float(fan_in + fan_out))
    return std * check_random_state(rng, func=func).standard_normal((fan_out, fan_in))


def _kaiming_std(
    shape: Any, a: Any, mode: Any, nonlinearity: Any, func: str
) -> tuple[tuple[int, int], float]:
    fan_out, fan_in = _shape(shape, func)
    check_choice(mode, "mode", _MODES, func=func)
    check_choice(nonlinearity, "nonlinearity", tuple(GAINS), func=func)
    a = check_nonnegative(a, "a", func=func)
    gain = calculate_gain(nonlinearity, a)
    fan = fan_in if mode == "fan_in" else fan_out
    return (fan_out, fan_in), gain / math.sqrt(fan)


def kaiming_normal(
    shape: tuple[int, int],
    *,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    rng: Any = None,
) -> np.ndarray:
    r"""He's normal initialisation: :math:`\mathcal N(0, g^2 / n)`, :math:`n` the fan.

    Parameters
    ----------
    shape : (int, int)
        ``(fan_out, fan_in)``.
    a : float, default 0
        Negative slope of leaky ReLU (used only with that nonlinearity).
    mode : {"fan_in", "fan_out"}, default "fan_in"
        ``"fan_in"`` keeps the variance of the forward signals, ``"fan_out"``
        that of the backward gradients.
    nonlinearity : str, default "leaky_relu"
        As for :func:`calculate_gain`; with ``a=0`` this is ReLU's
        :math:`\sqrt 2` (PyTorch's defaults).
    rng : int, numpy.random.Generator or None
        Source of the draws.

    Examples
    --------
    >>> W = kaiming_normal((400, 100), nonlinearity="relu", rng=0)
    >>> round(float(W.var() * 100 / 2), 2)
    1.0
    """
    func = "kaiming_normal"
    size, std = _kaiming_std(shape, a, mode, nonlinearity, func)
    return std * check_random_state(rng, func=func).standard_normal(size)


def kaiming_uniform(
    shape: tuple[int, int],
    *,
    a: float = 0.0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    rng: Any = None,
) -> np.ndarray:
    r"""He's uniform initialisation: :math:`\mathcal U(-b, b)`, :math:`b = g\sqrt{3/n}`.

    Parameters are as for :func:`kaiming_normal`.

    Examples
    --------
    >>> W = kaiming_uniform((400, 100), nonlinearity="relu", rng=0)
    >>> bool(np.abs(W).max() <= np.sqrt(6 / 100))
    True
    """
    func = "kaiming_uniform"
    size, std = _kaiming_std(shape, a, mode, nonlinearity, func)
    bound = math.sqrt(3.0) * std
    return check_random_state(rng, func=func).uniform(-bound, bound, size)
