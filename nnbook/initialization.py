r"""Initial weights and biases for a dense network.

Taught in Chapter 1, "Neural network basics" (random initial weights); the
failure of all-zero weights is shown in Chapter 2.

Every function that draws random numbers takes ``rng``: an ``int`` seed, a
:class:`numpy.random.Generator`, or ``None`` for the fixed seed
:data:`DEFAULT_SEED`. Nothing here touches NumPy's global random state, so a
chapter gives the same numbers on every build.
"""

import math
import re
from collections.abc import Mapping, Sequence
from itertools import pairwise

import numpy as np

from nnbook._validation import check_choice

__all__ = ["DEFAULT_SEED", "METHODS", "initialize_parameters"]

#: The seed used when ``rng=None``, so that code without a seed is still
#: reproducible (42, as in many tutorials).
DEFAULT_SEED = 42

#: The initialisation schemes that :func:`initialize_parameters` knows.
METHODS = ("normal", "glorot", "he", "zeros")

#: Scale of the weights for ``method="normal"`` when ``scale`` is not given.
DEFAULT_SCALE = 0.1

_PARAMETER_KEY = re.compile(r"([Wb])([1-9][0-9]*)")


def _as_generator(rng, *, func: str) -> np.random.Generator:
    """Turn ``rng`` (seed, Generator or None) into a Generator, or raise."""
    if rng is None:
        return np.random.default_rng(DEFAULT_SEED)
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, int | np.integer) and not isinstance(rng, bool):
        if rng < 0:
            msg = f"{func}(): argument 'rng' must be a non-negative seed; got {rng}."
            raise ValueError(msg)
        return np.random.default_rng(int(rng))
    msg = (
        f"{func}(): argument 'rng' must be an int seed, a numpy.random.Generator "
        f"or None; got {type(rng).__name__}. Create a generator with "
        "np.random.default_rng(seed)."
    )
    raise TypeError(msg)


def _is_int(value) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def _check_layer_sizes(layer_sizes, *, func: str) -> tuple[int, ...]:
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
        if not _is_int(size):
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


def _count_layers(parameters, *, func: str) -> int:
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


def _check_scale(scale, method: str, *, func: str) -> float:
    if scale is None:
        return DEFAULT_SCALE
    if method != "normal":
        msg = (
            f"{func}(): argument 'scale' applies only to method='normal'; "
            f"method={method!r} sets its scale from the layer widths. Leave "
            "scale out, or use method='normal'."
        )
        raise ValueError(msg)
    if isinstance(scale, bool) or not isinstance(scale, int | float | np.number):
        msg = (
            f"{func}(): argument 'scale' must be a positive number; got "
            f"{type(scale).__name__}."
        )
        raise TypeError(msg)
    if not (math.isfinite(scale) and scale > 0):
        msg = f"{func}(): argument 'scale' must be positive and finite; got {scale}."
        raise ValueError(msg)
    return float(scale)


def initialize_parameters(
    layer_sizes: Sequence[int],
    *,
    method: str = "normal",
    scale: float | None = None,
    rng: int | np.random.Generator | None = None,
) -> dict[str, np.ndarray]:
    r"""Draw the weights and biases of a dense network.

    Parameters
    ----------
    layer_sizes : sequence of int
        Widths :math:`n_0, n_1, \dots, n_L`: the number of input features,
        then the units of each layer. ``[3, 4, 2]`` is 3 inputs, 4 hidden
        units and 2 outputs.
    method : {"normal", "glorot", "he", "zeros"}, default "normal"
        How to draw the weights (see Notes).
    scale : float, optional
        Standard deviation of the weights for ``method="normal"``; 0.1 when
        not given, as in Chapter 1. The other methods derive their scale from
        the layer widths, so passing ``scale`` with them is an error.
    rng : int, numpy.random.Generator or None, default None
        Source of randomness: a seed, a generator (which is advanced), or
        ``None`` for :data:`DEFAULT_SEED`.

    Returns
    -------
    dict of str to ndarray
        ``"W1", "b1", ..., "WL", "bL"`` in that order. ``W{l}`` has shape
        ``(n_l, n_{l-1})`` (one row per unit, one column per input, as in
        :func:`nnbook.forward_layer`); ``b{l}`` has shape ``(n_l,)`` and is
        zero.

    Raises
    ------
    TypeError
        If ``layer_sizes`` is not a sequence of integers (bools included),
        ``scale`` is not a number or ``rng`` is not a seed or Generator.
    ValueError
        If ``layer_sizes`` has fewer than two entries or a width below 1,
        ``method`` is unknown, ``scale`` is not positive and finite or is
        given with a method other than ``"normal"``, or ``rng`` is negative.

    See Also
    --------
    nnbook.forward_network : Runs a network with these parameters.
    nnbook.pytorch.load_parameters : Copies them into a PyTorch model.

    Notes
    -----
    With :math:`n_{\text{in}} = n_{l-1}` and :math:`n_{\text{out}} = n_l`:

    ``"normal"``
        :math:`W_{ij} = s\,\varepsilon_{ij}`, :math:`\varepsilon_{ij} \sim
        \mathcal{N}(0, 1)`: Chapter 1's ``np.random.randn(n_out, n_in) * 0.1``.
    ``"glorot"``
        The uniform "normalized initialization" of [1]_, which keeps the
        variance of activations and gradients roughly constant across layers
        of tanh or sigmoid units:

        .. math:: W_{ij} \sim \mathcal{U}\left(-\sqrt{\tfrac{6}{n_{\text{in}}
                  + n_{\text{out}}}},\; \sqrt{\tfrac{6}{n_{\text{in}}
                  + n_{\text{out}}}}\right)
    ``"he"``
        The normal initialisation of [2]_ for ReLU layers, which zero half
        their inputs: :math:`W_{ij} \sim \mathcal{N}(0,\, 2 / n_{\text{in}})`.
    ``"zeros"``
        :math:`W = 0`. Every unit of a layer then computes the same output and
        receives the same gradient, so the units never become different;
        Chapter 2 uses this to show why initial weights must be random.

    Biases start at zero for every method: the random weights already make
    the units differ. (Chapter 1's first example also drew random biases;
    that is harmless but not needed.) Layers are drawn in order, ``W1`` first,
    so the same seed always gives the same network.

    References
    ----------
    .. [1] X. Glorot and Y. Bengio, "Understanding the difficulty of training
       deep feedforward neural networks", *Proceedings of AISTATS*, PMLR 9,
       pp. 249-256, 2010.
    .. [2] K. He, X. Zhang, S. Ren and J. Sun, "Delving deep into
       rectifiers: surpassing human-level performance on ImageNet
       classification", *Proceedings of ICCV*, pp. 1026-1034, 2015.

    Examples
    --------
    >>> params = initialize_parameters([3, 4, 2], rng=0)
    >>> {name: value.shape for name, value in params.items()}
    {'W1': (4, 3), 'b1': (4,), 'W2': (2, 4), 'b2': (2,)}
    >>> params_again = initialize_parameters([3, 4, 2], rng=0)
    >>> bool(np.array_equal(params["W1"], params_again["W1"]))
    True
    >>> bound = np.sqrt(6 / (3 + 4))
    >>> W1 = initialize_parameters([3, 4, 2], method="glorot")["W1"]
    >>> bool(np.all(np.abs(W1) <= bound))
    True
    """
    func = "initialize_parameters"
    sizes = _check_layer_sizes(layer_sizes, func=func)
    check_choice(method, "method", METHODS, func=func)
    std = _check_scale(scale, method, func=func)
    generator = _as_generator(rng, func=func)

    parameters: dict[str, np.ndarray] = {}
    for layer, (n_in, n_out) in enumerate(pairwise(sizes), start=1):
        shape = (n_out, n_in)
        if method == "normal":
            W = std * generator.standard_normal(shape)
        elif method == "glorot":
            limit = math.sqrt(6.0 / (n_in + n_out))
            W = generator.uniform(-limit, limit, size=shape)
        elif method == "he":
            W = math.sqrt(2.0 / n_in) * generator.standard_normal(shape)
        else:
            W = np.zeros(shape)
        parameters[f"W{layer}"] = W
        parameters[f"b{layer}"] = np.zeros(n_out)
    return parameters
