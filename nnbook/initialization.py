r"""Initial weights and biases for a dense network.

Taught in Chapter 1, "Neural network basics" (random initial weights); the
failure of all-zero weights is shown in Chapter 2.

Every function that draws random numbers takes ``rng``: an ``int`` seed, a
:class:`numpy.random.Generator`, or ``None`` for the fixed seed
:data:`DEFAULT_SEED`. Nothing here touches NumPy's global random state, so a
chapter gives the same numbers on every build.
"""

import math
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from nnbook._validation import DEFAULT_SEED as _SEED
from nnbook._validation import (
    check_choice,
    check_finite_result,
    check_layer_sizes,
    check_positive,
    check_random_state,
)

__all__ = ["DEFAULT_SEED", "METHODS", "initialize_parameters"]

#: The seed used when ``rng=None``, so that code without a seed is still
#: reproducible (42, as in many tutorials). The rng helpers of the validation
#: home use it; it is documented here, beside the functions that draw.
DEFAULT_SEED = _SEED

#: The initialisation schemes that :func:`initialize_parameters` knows.
METHODS = ("normal", "glorot", "he", "zeros")

#: Scale of the weights for ``method="normal"`` when ``scale`` is not given.
DEFAULT_SCALE = 0.1


def check_scale(scale, method: str, *, func: str) -> float:
    if scale is None:
        return DEFAULT_SCALE
    if method != "normal":
        msg = (
            f"{func}(): argument 'scale' applies only to method='normal'; "
            f"method={method!r} sets its scale from the layer widths. Leave "
            "scale out, or use method='normal'."
        )
        raise ValueError(msg)
    return check_positive(scale, "scale", func=func)


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
    sizes = check_layer_sizes(layer_sizes, func=func)
    check_choice(method, "method", METHODS, func=func)
    std = check_scale(scale, method, func=func)
    generator = check_random_state(rng, func=func)

    parameters: dict[str, np.ndarray] = {}
    for layer, (n_in, n_out) in enumerate(pairwise(sizes), start=1):
        parameters[f"W{layer}"] = draw_weights(
            n_in, n_out, method, std, generator, func=func
        )
        parameters[f"b{layer}"] = np.zeros(n_out)
    return parameters


def draw_weights(
    n_in: int,
    n_out: int,
    method: str,
    std: float,
    generator: np.random.Generator,
    *,
    func: str,
) -> np.ndarray:
    """Draw one layer's ``(n_out, n_in)`` weights (arguments already checked).

    The one place the methods of :func:`initialize_parameters` draw, shared
    with :class:`nnbook.layers.Dense`, so that a stack of layers made with
    one generator holds exactly the weights of ``initialize_parameters``.
    """
    shape = (n_out, n_in)
    if method == "normal":
        with np.errstate(over="ignore"):  # a huge scale: reported below
            W = std * generator.standard_normal(shape)
        return check_finite_result(
            W,
            "scale times the normal draws",
            func=func,
            hint="Use a smaller scale.",
        )
    if method == "glorot":
        limit = math.sqrt(6.0 / (n_in + n_out))
        return generator.uniform(-limit, limit, size=shape)
    if method == "he":
        return math.sqrt(2.0 / n_in) * generator.standard_normal(shape)
    return np.zeros(shape)
