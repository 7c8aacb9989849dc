"""PyTorch counterparts of :data:`nnbook.ACTIVATIONS`, by the same names.

Taught in Chapter 1, Neural network basics, section
:ref:`nn-basics-torch-activations`. A name that works in the NumPy
functions works here too, so a chapter can build the same network both ways
from one configuration.
"""

import types

from torch import nn

from nnbook._validation import check_name

__all__ = ["ACTIVATIONS", "get_activation"]

#: Read-only registry ``name -> torch.nn.Module`` subclass, with the same
#: names as :data:`nnbook.ACTIVATIONS`. ``nn.LeakyReLU``'s default slope,
#: 0.01, equals :func:`nnbook.leaky_relu`'s default ``alpha``.
ACTIVATIONS: types.MappingProxyType[str, type[nn.Module]] = types.MappingProxyType(
    {
        "sigmoid": nn.Sigmoid,
        "tanh": nn.Tanh,
        "relu": nn.ReLU,
        "leaky_relu": nn.LeakyReLU,
        "linear": nn.Identity,
    }
)


def get_activation(name: str) -> type[nn.Module]:
    r"""Look up a PyTorch activation module class by name.

    Parameters
    ----------
    name : str
        A key of :data:`ACTIVATIONS`, the same keys as
        :data:`nnbook.ACTIVATIONS`.

    Returns
    -------
    type of torch.nn.Module
        The class, e.g. ``torch.nn.ReLU``; call it to make a layer.
        ``"linear"`` gives ``torch.nn.Identity``.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If ``name`` is unknown; the message lists the known names.

    See Also
    --------
    nnbook.get_activation : The NumPy counterpart.

    Notes
    -----
    Each module applies its function element-wise, e.g. ``nn.Sigmoid``
    computes

    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}}

    for every entry of its input.

    Examples
    --------
    >>> import torch
    >>> layer = get_activation("relu")()
    >>> layer
    ReLU()
    >>> layer(torch.tensor([-1.0, 2.0]))
    tensor([0., 2.])
    """
    check_name(name, "name", ACTIVATIONS, func="get_activation", example="relu")
    return ACTIVATIONS[name]
