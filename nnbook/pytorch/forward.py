r"""Forward propagation in PyTorch, keeping the same cache as the NumPy version.

Taught in Chapter 1, "Neural network basics". This mirrors
:func:`nnbook.forward_network` line for line, in PyTorch's **samples x
features** layout, so that autograd can check the gradients that Chapter 2
derives by hand.
"""

from collections.abc import Mapping

import torch

from nnbook.initialization import _count_layers
from nnbook.pytorch.activations import get_activation

__all__ = ["forward_network"]


def _as_tensor(value, name: str, *, func: str, ndim: tuple[int, ...]) -> torch.Tensor:
    # as_tensor keeps a tensor (and its autograd graph) as it is.
    tensor = torch.as_tensor(value)
    if not (tensor.is_floating_point() and tensor.dim() in ndim):
        msg = (
            f"{func}(): argument {name!r} must be a floating-point tensor with "
            f"{' or '.join(map(str, ndim))} dimensions; got dtype {tensor.dtype} "
            f"and shape {tuple(tensor.shape)}."
        )
        raise ValueError(msg)
    return tensor


def forward_network(
    X: torch.Tensor,
    parameters: Mapping,
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
        Name for layer L, as in :func:`nnbook.forward_network`.

    Returns
    -------
    cache : dict of str to torch.Tensor
        ``"A0"`` (``X``) and ``"Z1", "A1", ..., "ZL", "AL"``, each of shape
        ``(n_samples, n_l)``: the transposes of the NumPy cache's arrays.

    Raises
    ------
    TypeError
        If ``parameters`` is not a dict or an activation is not a string.
    ValueError
        If the keys are not exactly ``W1, b1, ..., WL, bL``, a tensor is not
        floating point, a shape does not match, or an activation is unknown.

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
    n_layers = _count_layers(parameters, func=func)
    hidden = get_activation(hidden_activation)()
    output = get_activation(output_activation)()
    A = _as_tensor(X, "X", func=func, ndim=(2,))
    cache = {"A0": A}
    for layer in range(1, n_layers + 1):
        W = _as_tensor(parameters[f"W{layer}"], f"W{layer}", func=func, ndim=(2,))
        b = _as_tensor(parameters[f"b{layer}"], f"b{layer}", func=func, ndim=(1, 2))
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
        A = (output if layer == n_layers else hidden)(Z)
        cache[f"Z{layer}"] = Z
        cache[f"A{layer}"] = A
    return cache
