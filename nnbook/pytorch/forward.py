r"""Forward propagation in PyTorch, keeping the same cache as the NumPy version.

Taught in Chapter 1, "Neural network basics". This mirrors
:func:`nnbook.forward_network` line for line, in PyTorch's **samples x
features** layout, so that autograd can check the gradients that Chapter 2
derives by hand.
"""

from collections.abc import Mapping
from typing import Any

import torch

from nnbook._validation import as_float_array, check_name, count_layers
from nnbook.pytorch.activations import ACTIVATIONS
from nnbook.pytorch.heads import OUTPUTS

__all__ = ["forward_network"]


def _as_tensor(
    value: Any,
    name: str,
    *,
    func: str,
    ndim: tuple[int, ...],
    dtype: tuple[torch.dtype, str],
) -> torch.Tensor:
    """Keep a tensor as it is (with its autograd graph); convert the rest.

    Arrays and lists become tensors of ``dtype`` (that of the first tensor
    argument, float64 if none). A tensor of another dtype raises: mixing
    them would fail inside ``@`` with a message about neither argument.
    """
    wanted, first = dtype
    if isinstance(value, torch.Tensor):
        if not value.is_floating_point():
            msg = (
                f"{func}(): argument {name!r} must be a floating-point tensor; got "
                f"dtype {value.dtype}. Convert it, e.g. {name}.to(torch.float64)."
            )
            raise TypeError(msg)
        if value.dtype != wanted:
            msg = (
                f"{func}(): argument {name!r} has dtype {value.dtype} but {first} "
                f"has {wanted}; convert one, e.g. {name}.to({wanted})."
            )
            raise TypeError(msg)
        tensor = value
    else:
        tensor = torch.as_tensor(as_float_array(value, name, func=func), dtype=wanted)
    if tensor.dim() not in ndim:
        msg = (
            f"{func}(): argument {name!r} must have {' or '.join(map(str, ndim))} "
            f"dimensions; got shape {tuple(tensor.shape)}."
        )
        raise ValueError(msg)
    if not bool(torch.isfinite(tensor.detach()).all()):
        msg = (
            f"{func}(): argument {name!r} contains NaN or infinite values; remove "
            "or replace them before calling."
        )
        raise ValueError(msg)
    return tensor


def _common_dtype(X: Any, parameters: Mapping[str, Any]) -> tuple[torch.dtype, str]:
    """Return the dtype of the first floating-point tensor, and its name."""
    for name, value in (("X", X), *parameters.items()):
        if isinstance(value, torch.Tensor) and value.is_floating_point():
            return value.dtype, name
    return torch.float64, "float64 (no argument is a tensor)"


def forward_network(
    X: Any,
    parameters: Mapping[str, Any],
    *,
    hidden_activation: str = "relu",
    output_activation: str = "linear",
) -> dict[str, torch.Tensor]:
    r"""Run a dense network forward in PyTorch and keep every intermediate value.

    Parameters
    ----------
    X : torch.Tensor of shape (n_samples, n_features)
        The inputs, one sample per **row** (the transpose of the NumPy ``X``).
    parameters : dict of str to torch.Tensor or ndarray
        ``"W1", "b1", ..., "WL", "bL"`` with ``W{l}`` of shape
        ``(n_l, n_{l-1})`` -- the same dict as for
        :func:`nnbook.forward_network`, no transpose needed -- and ``b{l}`` of
        shape ``(n_l,)`` or ``(n_l, 1)``. Tensors with ``requires_grad=True``
        let autograd differentiate the output with respect to them.
    hidden_activation : str, default "relu"
        Name in :data:`nnbook.pytorch.activations.ACTIVATIONS` for layers 1 to L - 1.
    output_activation : str, default "linear"
        Name for layer L, as in :func:`nnbook.forward_network` (``"softmax"``
        acts on each row).

    Returns
    -------
    cache : dict of str to torch.Tensor
        ``"A0"`` (``X``) and ``"Z1", "A1", ..., "ZL", "AL"``, each of shape
        ``(n_samples, n_l)``: the transposes of the NumPy cache's arrays.

    Raises
    ------
    TypeError
        If ``parameters`` is not a dict, an activation is not a string, or a
        tensor is not floating point or has another dtype than the rest
        (arrays and lists are converted to the tensors' dtype, float64 if
        there are none).
    ValueError
        If the keys are not exactly ``W1, b1, ..., WL, bL``, a shape does not
        match, a value is NaN or infinite (also a pre-activation that
        overflows), or an activation is unknown.

    See Also
    --------
    nnbook.forward_network : The NumPy version, features x samples.
    nnbook.pytorch.build_network : The same network as an ``nn.Sequential``.

    Notes
    -----
    .. math:: Z^{[l]} = A^{[l-1]} W^{[l]\top} + b^{[l]}, \qquad
              A^{[l]} = g^{[l]}\bigl(Z^{[l]}\bigr), \qquad A^{[0]} = X

    which is :func:`nnbook.forward_network`'s
    :math:`Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}` transposed, and what
    ``nn.Linear`` computes.

    Examples
    --------
    The NumPy docstring's 2 -> 2 -> 1 network, now with one sample per row.

    >>> params = {
    ...     "W1": torch.tensor([[1.0, -1.0], [0.5, 0.5]]),
    ...     "b1": torch.tensor([0.0, -1.0]),
    ...     "W2": torch.tensor([[2.0, 1.0]]), "b2": torch.tensor([0.5]),
    ... }
    >>> cache = forward_network(torch.tensor([[3.0, 1.0]]), params)
    >>> cache["A1"], cache["A2"]
    (tensor([[2., 1.]]), tensor([[5.5000]]))
    """
    func = "forward_network"
    n_layers = count_layers(parameters, func=func)
    check_name(
        hidden_activation, "hidden_activation", ACTIVATIONS, func=func, example="relu"
    )
    check_name(
        output_activation, "output_activation", OUTPUTS, func=func, example="sigmoid"
    )
    hidden = ACTIVATIONS[hidden_activation]()
    output = OUTPUTS[output_activation]()
    dtype = _common_dtype(X, parameters)
    A = _as_tensor(X, "X", func=func, ndim=(2,), dtype=dtype)
    cache = {"A0": A}
    for layer in range(1, n_layers + 1):
        W, b = (
            _as_tensor(parameters[key], key, func=func, ndim=ndim, dtype=dtype)
            for key, ndim in ((f"W{layer}", (2,)), (f"b{layer}", (1, 2)))
        )
        n_units, n_features = W.shape
        if n_features != A.shape[1]:
            msg = (
                f"{func}(): W{layer} has {n_features} columns but A{layer - 1} "
                f"has {A.shape[1]} columns (features); W{layer} must have shape "
                f"({n_units}, {A.shape[1]}). PyTorch's layout is samples x "
                "features: if X is features x samples, pass X.T."
            )
            raise ValueError(msg)
        if tuple(b.shape) not in {(n_units,), (n_units, 1)}:
            msg = (
                f"{func}(): b{layer} must have shape ({n_units},) or "
                f"({n_units}, 1), one bias per row of W{layer}; got shape "
                f"{tuple(b.shape)}."
            )
            raise ValueError(msg)
        Z = A @ W.T + b.reshape(n_units)
        if not bool(torch.isfinite(Z.detach()).all()):
            msg = (
                f"{func}(): the pre-activation Z{layer} = A{layer - 1} @ W{layer}.T "
                f"+ b{layer} overflows (inf or NaN), with A0 = X; scale the inputs "
                "or the weights down."
            )
            raise ValueError(msg)
        A = (output if layer == n_layers else hidden)(Z)
        cache[f"Z{layer}"] = Z
        cache[f"A{layer}"] = A
    return cache
