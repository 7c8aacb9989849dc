"""Name checks: a choice among known strings, and registry look-ups.

Part of :mod:`nnbook._validation`. An unknown name raises ``ValueError``
listing the known ones; nothing silently falls back to a default.
"""

import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only for the annotations: the registries import this module
    from nnbook.activations import Activation

__all__ = ["check_choice", "check_name", "reraise_as", "resolve_activation"]


def check_choice(value: Any, name: str, choices: Collection[str], *, func: str) -> None:
    """Raise ``ValueError`` unless ``value`` is one of ``choices``.

    Examples
    --------
    >>> check_choice("sigmoid", "name", {"relu", "sigmoid"}, func="get_activation")
    >>> check_choice("softplus", "name", {"relu", "sigmoid"}, func="get_activation")
    Traceback (most recent call last):
        ...
    ValueError: get_activation(): argument 'name' must be one of 'relu', 'sigmoid';
    got 'softplus'.
    """
    try:
        known_value = value in choices
    except TypeError:  # unhashable value tested against a set
        known_value = False
    if not known_value:
        known = ", ".join(repr(c) for c in sorted(choices))
        msg = f"{func}(): argument {name!r} must be one of {known}; got {value!r}."
        raise ValueError(msg)


def check_name(
    value, name: str, choices: Collection[str], *, func: str, example: str
) -> None:
    """Raise unless ``value`` is a string among ``choices`` (a registry's keys).

    Raises
    ------
    TypeError
        If ``value`` is not a string.
    ValueError
        If it is not one of ``choices``; the message lists them.

    Examples
    --------
    >>> check_name(3, "name", {"relu"}, func="get_activation", example="relu")
    Traceback (most recent call last):
        ...
    TypeError: get_activation(): argument 'name' must be a string such as 'relu';
    got int 3.
    """
    if not isinstance(value, str):
        msg = (
            f"{func}(): argument {name!r} must be a string such as {example!r}; "
            f"got {type(value).__name__} {value!r}."
        )
        raise TypeError(msg)
    check_choice(value, name, choices, func=func)


def resolve_activation(value: Any, name: str, *, func: str) -> "Activation":
    """Return the :class:`nnbook.Activation` that ``value`` names, or raise.

    ``value`` is a name in :data:`nnbook.ACTIVATIONS` or an ``Activation``.
    The message names ``func``'s own argument ``name``, not the registry's
    ``get_activation``.

    Examples
    --------
    >>> resolve_activation("relu", "activation", func="forward_layer").name
    'relu'
    >>> resolve_activation("sigmiod", "activation", func="forward_layer")
    Traceback (most recent call last):
        ...
    ValueError: forward_layer(): argument 'activation' must be one of 'leaky_relu',
    'linear', 'relu', 'sigmoid', 'tanh'; got 'sigmiod'.
    """
    # Imported here: nnbook.activations itself imports this package.
    from nnbook.activations import ACTIVATIONS, Activation

    if isinstance(value, Activation):
        return value
    check_name(value, name, ACTIVATIONS, func=func, example="relu")
    return ACTIVATIONS[value]


@contextmanager
def reraise_as(func: str) -> Iterator[None]:
    """Re-raise another public function's error under the name ``func``.

    A public function that calls another (``Network.forward`` calls
    ``forward_network``) wraps the call in this, so that an error the inner
    function finds is reported as the caller's: ``forward(): ...`` rather
    than the name of a function the reader never called.

    Examples
    --------
    >>> with reraise_as("fit"):
    ...     raise ValueError("forward_network(): W1 @ A0 + b1 overflows.")
    Traceback (most recent call last):
        ...
    ValueError: fit(): W1 @ A0 + b1 overflows.
    """
    try:
        yield
    except (ValueError, TypeError) as err:
        inner, sep, rest = str(err).partition("(): ")
        if sep and inner != func and re.fullmatch(r"[\w.]+", inner):
            msg = f"{func}(): {rest}"
            raise type(err)(msg) from err
        raise
