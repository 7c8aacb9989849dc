"""The forward pass's cache, and the checks that backpropagation reads it right.

Taught in Chapter 2, section :ref:`nn-training-backprop`. A cache is a dict
of ``"A0", "Z1", "A1", ...`` that also records the activations that made
it, so that :func:`nnbook.backward_network` backpropagates through the same
model, and checks that the arrays fit the parameters it is given.
"""

from typing import Any

import numpy as np

from nnbook._validation import as_float_array
from nnbook.activations import Activation
from nnbook.heads import OutputActivation

__all__ = ["ForwardCache", "cache_samples", "cached_array", "recorded_activation"]


class ForwardCache(dict[str, np.ndarray]):
    """The dict :func:`nnbook.forward_network` returns, which remembers its activations.

    A plain ``dict`` of ``"A0", "Z1", "A1", ...``, plus two attributes that
    :func:`nnbook.backward_network` reads, so that it backpropagates through
    the activations that produced the cache and cannot silently compute the
    gradients of another model.

    Attributes
    ----------
    hidden_activation : Activation
        The activation of layers 1 to L - 1.
    output_activation : OutputActivation
        The activation of layer L (``"softmax"`` included).
    """

    def __init__(
        self,
        values: dict[str, np.ndarray],
        *,
        hidden_activation: Activation,
        output_activation: OutputActivation,
    ):
        super().__init__(values)
        self.hidden_activation = hidden_activation
        self.output_activation = output_activation


def recorded_activation(cache: Any, given: Any, attribute: str, *, func: str) -> Any:
    """Return the activation to backpropagate through: the cache's, or a match.

    A :class:`nnbook.cache.ForwardCache` records its activations, and a
    different one given here is an error, not the gradients of another
    model. A plain dict records nothing, so the activation must be given.
    """
    recorded = getattr(cache, attribute, None)
    if recorded is None:
        if given is None:
            msg = (
                f"{func}(): argument {attribute!r} is needed: 'cache' is a plain "
                "dict that does not record the activations that produced it. Pass "
                "the cache nnbook.forward_network returned, or name "
                f"{attribute}=... as in the forward pass."
            )
            raise ValueError(msg)
        return given
    if given is None:
        return recorded
    given_name = getattr(given, "name", given)
    if given_name != recorded.name:
        msg = (
            f"{func}(): argument {attribute!r} is {given_name!r} but 'cache' was "
            f"computed with {attribute}={recorded.name!r}; backpropagating through "
            "another activation would give another model's gradients. Leave "
            f"{attribute} out (the cache's is used), or rerun forward_network "
            f"with {attribute}={given_name!r}."
        )
        raise ValueError(msg)
    return given


def cached_array(
    cache: Any, key: str, shape: tuple[int, int], *, func: str
) -> np.ndarray:
    """Return ``cache[key]`` as float64 of ``shape``, or say whose cache it is."""
    try:
        value = cache[key]
    except (KeyError, TypeError, IndexError):
        msg = (
            f"{func}(): argument 'cache' has no {key!r}; pass the dict that "
            "nnbook.forward_network returned for the same parameters."
        )
        raise ValueError(msg) from None
    value = as_float_array(value, f"cache[{key!r}]", func=func, ndim=2)
    if value.shape != shape:
        msg = (
            f"{func}(): cache[{key!r}] has shape {value.shape} but the parameters "
            f"and the cache's input give {shape}: the cache comes from other "
            "parameters or inputs. Run forward_network with these parameters."
        )
        raise ValueError(msg)
    return value


def cache_samples(cache: Any, *, func: str) -> int:
    """Return the number of samples in the cache's input; checked first."""
    if not isinstance(cache, dict):
        msg = (
            f"{func}(): argument 'cache' must be the dict nnbook.forward_network "
            f"returned; got {type(cache).__name__}."
        )
        raise TypeError(msg)
    if "A0" not in cache:
        msg = (
            f"{func}(): argument 'cache' has no 'A0'; pass the dict that "
            "nnbook.forward_network returned for the same parameters."
        )
        raise ValueError(msg)
    A0 = as_float_array(
        cache["A0"],
        "cache['A0']",
        func=func,
        ndim=2,
        shape_desc="(n_features, n_samples)",
    )
    return A0.shape[1]
