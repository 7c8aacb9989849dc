r"""Dense networks in PyTorch, built reproducibly.

Taught in Chapter 1, Neural network basics, section
:ref:`nn-basics-simple-network`. PyTorch uses the layout **samples x features**: a batch
is a tensor of shape ``(n_samples, n_features)``, the transpose of the NumPy
chapters' ``X``.

Randomness: the models here draw their initial weights from a
:class:`torch.Generator` built from ``generator`` (an int seed, a generator,
or ``None`` for :data:`nnbook.initialization.DEFAULT_SEED`). Layers are
created on PyTorch's ``meta`` device and then filled, so building a model
neither reads nor advances the global random state (``torch.manual_seed``).
"""

import math
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

import torch
from torch import nn

from nnbook._validation import (
    check_layer_sizes,
    check_name,
    check_parameters,
    check_torch_generator,
)
from nnbook.pytorch.activations import ACTIVATIONS

__all__ = ["SimpleNetwork", "build_network", "load_parameters"]


def _check_dtype(dtype: Any, *, func: str) -> torch.dtype | None:
    """``None`` or a floating-point ``torch.dtype``; anything else raises."""
    if dtype is None or (isinstance(dtype, torch.dtype) and dtype.is_floating_point):
        return dtype
    msg = (
        f"{func}(): argument 'dtype' must be a floating-point torch.dtype such as "
        f"torch.float64, or None; got {dtype!r}."
    )
    raise TypeError(msg)


def _materialize(model: nn.Module, generator: torch.Generator) -> nn.Module:
    """Allocate a meta-device model on the CPU and draw its Linear layers."""
    model.to_empty(device="cpu")
    with torch.no_grad():
        for layer in model.modules():
            if isinstance(layer, nn.Linear):
                # nn.Linear's own default, U(-1/sqrt(fan_in), 1/sqrt(fan_in)),
                # drawn from our generator instead of the global one.
                bound = 1.0 / math.sqrt(layer.in_features)
                nn.init.uniform_(layer.weight, -bound, bound, generator=generator)
                nn.init.uniform_(layer.bias, -bound, bound, generator=generator)
    return model


class SimpleNetwork(nn.Module):
    r"""Chapter 1's XOR network: 2 inputs, 4 ReLU units, 1 sigmoid output.

    Parameters
    ----------
    generator : int, torch.Generator or None, default None
        Source of the initial weights (see the module docstring).
    dtype : torch.dtype, optional
        Parameter dtype; PyTorch's default (float32) if not given.

    Attributes
    ----------
    layer1 : torch.nn.Linear
        2 -> 4, weight of shape (4, 2).
    layer2 : torch.nn.Linear
        4 -> 1, weight of shape (1, 4).

    See Also
    --------
    build_network : Any widths and activations.

    Notes
    -----
    For a batch :math:`X` of shape ``(n_samples, 2)``,

    .. math:: \hat{Y} = \sigma\bigl(\operatorname{ReLU}(X W_1^\top + b_1)
              W_2^\top + b_2\bigr).

    Weights are drawn from PyTorch's default distribution for ``nn.Linear``,
    :math:`\mathcal{U}(-1/\sqrt{n_{\text{in}}}, 1/\sqrt{n_{\text{in}}})`.

    Examples
    --------
    >>> model = SimpleNetwork(generator=0)
    >>> X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> model(X).shape
    torch.Size([4, 1])
    >>> bool(torch.equal(model(X), SimpleNetwork(generator=0)(X)))
    True
    """

    def __init__(
        self,
        *,
        generator: int | torch.Generator | None = None,
        dtype: torch.dtype | None = None,
    ):
        super().__init__()
        rng = check_torch_generator(generator, func="SimpleNetwork")
        dtype = _check_dtype(dtype, func="SimpleNetwork")
        self.layer1 = nn.Linear(2, 4, device="meta", dtype=dtype)
        self.layer2 = nn.Linear(4, 1, device="meta", dtype=dtype)
        _materialize(self, rng)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Return the predicted probabilities, shape ``(n_samples, 1)``."""
        return torch.sigmoid(self.layer2(torch.relu(self.layer1(x))))


def build_network(
    layer_sizes: Sequence[int],
    *,
    hidden_activation: str = "relu",
    output_activation: str = "sigmoid",
    generator: int | torch.Generator | None = None,
    dtype: torch.dtype | None = None,
) -> nn.Sequential:
    r"""Build a dense network as ``Linear, activation, Linear, activation, ...``.

    Parameters
    ----------
    layer_sizes : sequence of int
        Widths :math:`n_0, \dots, n_L`, as for
        :func:`nnbook.initialize_parameters`: ``[2, 8, 4, 1]`` is Chapter 1's
        exercise 3.
    hidden_activation : str, default "relu"
        Name in :data:`nnbook.pytorch.activations.ACTIVATIONS` for layers 1 to L - 1.
    output_activation : str, default "sigmoid"
        Name for layer L; ``"linear"`` adds ``nn.Identity``.
    generator : int, torch.Generator or None, default None
        Source of the initial weights (see the module docstring).
    dtype : torch.dtype, optional
        Parameter dtype; PyTorch's default (float32) if not given.

    Returns
    -------
    torch.nn.Sequential
        ``2 L`` modules: layer ``l`` is ``model[2 * (l - 1)]`` (an
        ``nn.Linear`` with weight of shape ``(n_l, n_{l-1})``) followed by its
        activation. It maps ``(n_samples, n_0)`` to ``(n_samples, n_L)``.

    Raises
    ------
    TypeError
        If ``layer_sizes`` is not a sequence of ints, an activation is not a
        string, or ``generator`` has the wrong type.
    ValueError
        If ``layer_sizes`` is too short or has a width below 1, or an
        activation name is unknown (the message lists the known names).

    See Also
    --------
    SimpleNetwork : The fixed 2 -> 4 -> 1 network.
    load_parameters : Start from a NumPy ``initialize_parameters`` dict.

    Notes
    -----
    .. math:: A^{[l]} = g^{[l]}\bigl(A^{[l-1]} W^{[l]\top} + b^{[l]}\bigr),
              \qquad A^{[0]} = X

    Examples
    --------
    >>> model = build_network([2, 8, 4, 1], generator=0)
    >>> model
    Sequential(
      (0): Linear(in_features=2, out_features=8, bias=True)
      (1): ReLU()
      (2): Linear(in_features=8, out_features=4, bias=True)
      (3): ReLU()
      (4): Linear(in_features=4, out_features=1, bias=True)
      (5): Sigmoid()
    )
    >>> model(torch.zeros(5, 2)).shape
    torch.Size([5, 1])
    """
    func = "build_network"
    sizes = check_layer_sizes(layer_sizes, func=func)
    for name, value in (
        ("hidden_activation", hidden_activation),
        ("output_activation", output_activation),
    ):
        check_name(value, name, ACTIVATIONS, func=func, example="relu")
    hidden, output = ACTIVATIONS[hidden_activation], ACTIVATIONS[output_activation]
    rng = check_torch_generator(generator, func=func)
    dtype = _check_dtype(dtype, func=func)
    modules: list[nn.Module] = []
    for layer, (n_in, n_out) in enumerate(pairwise(sizes), start=1):
        modules.append(nn.Linear(n_in, n_out, device="meta", dtype=dtype))
        modules.append(output() if layer == len(sizes) - 1 else hidden())
    model = nn.Sequential(*modules)
    _materialize(model, rng)
    return model


def load_parameters(model: nn.Module, parameters: Mapping[str, Any]) -> nn.Module:
    r"""Copy a NumPy parameter dict into a model's ``nn.Linear`` layers.

    Parameters
    ----------
    model : torch.nn.Module
        A model whose ``nn.Linear`` layers, in registration order, are layers
        1 to L (true for :func:`build_network` and :class:`SimpleNetwork`).
    parameters : dict of str to array-like
        ``"W1", "b1", ..., "WL", "bL"`` as made by
        :func:`nnbook.initialize_parameters`.

    Returns
    -------
    torch.nn.Module
        ``model`` itself, modified in place, so that NumPy and PyTorch start
        from identical weights.

    Raises
    ------
    TypeError
        If ``model`` is not a ``torch.nn.Module`` or ``parameters`` is not a
        dict of numbers.
    ValueError
        If the keys are not exactly ``W1, b1, ..., WL, bL``, the number of
        layers differs, or a shape does not match its layer.

    See Also
    --------
    nnbook.initialize_parameters, build_network

    Notes
    -----
    No transpose is needed: ``nn.Linear`` stores its weight as
    ``(out_features, in_features)``, the same ``(n_l, n_{l-1})`` as the
    book's :math:`W^{[l]}`. It computes :math:`X W^\top + b` on a
    samples x features batch, which is the transpose of the book's
    :math:`W A + b`:

    .. math:: \bigl(W^{[l]} A^{[l-1]} + b^{[l]}\bigr)^\top
              = A^{[l-1]\top} W^{[l]\top} + b^{[l]\top}

    Values are converted to each layer's dtype (float32 by default, so use
    ``dtype=torch.float64`` for an exact comparison with NumPy).

    Examples
    --------
    >>> import numpy as np
    >>> from nnbook import initialize_parameters
    >>> params = initialize_parameters([2, 4, 1], rng=0)
    >>> model = load_parameters(build_network([2, 4, 1], dtype=torch.float64), params)
    >>> bool(np.array_equal(model[0].weight.detach().numpy(), params["W1"]))
    True
    """
    func = "load_parameters"
    if not isinstance(model, nn.Module):
        msg = (
            f"{func}(): argument 'model' must be a torch.nn.Module; got "
            f"{type(model).__name__}."
        )
        raise TypeError(msg)
    arrays, sizes = check_parameters(parameters, func=func)
    n_layers = len(sizes) - 1
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    if len(linears) != n_layers:
        msg = (
            f"{func}(): parameters describe {n_layers} layers (W1 to W{n_layers}) "
            f"but the model has {len(linears)} nn.Linear layers. Build the model "
            "from the same layer_sizes as the parameters."
        )
        raise ValueError(msg)
    for index, linear in enumerate(linears, start=1):
        expected = tuple(linear.weight.shape)
        W, b = arrays[f"W{index}"], arrays[f"b{index}"]
        if W.shape != expected:
            msg = (
                f"{func}(): W{index} has shape {W.shape} but layer {index} "
                f"of the model, {linear}, stores its weight as (out_features, "
                f"in_features) = {expected}."
            )
            raise ValueError(msg)
        if linear.bias is None:
            msg = (
                f"{func}(): layer {index} of the model, {linear}, has no bias "
                f"to receive b{index}; build it with bias=True."
            )
            raise ValueError(msg)
    with torch.no_grad():
        for index, linear in enumerate(linears, start=1):
            W, b = arrays[f"W{index}"], arrays[f"b{index}"]
            linear.weight.copy_(torch.from_numpy(W))
            linear.bias.copy_(torch.from_numpy(b.reshape(-1)))
    return model
