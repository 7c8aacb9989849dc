r"""PyTorch's dropout, with its random mask made visible.

Taught in Chapter 7, Generalisation and regularisation, section
:ref:`nn-regularisation-dropout`. ``torch.nn.functional.dropout`` draws its
mask inside the call, from PyTorch's global generator, and does not return
it. To compare it with :func:`nnbook.dropout_forward` on the *same* mask,
:func:`torch_dropout` seeds that generator, and :func:`torch_dropout_mask`
recovers the mask the same seed draws by dropping a tensor of ones (kept
units come out as :math:`1/(1 - p)`, dropped ones as 0). Both run inside
``torch.random.fork_rng()``, so PyTorch's global random state is left as it
was. Layout: PyTorch's, **samples x features**.
"""

from typing import Any

import numpy as np

from nnbook._validation import check_int
from nnbook.dropout import check_dropout_rate

__all__ = ["torch_dropout", "torch_dropout_mask"]


def _checked(A: Any, p: Any, seed: Any, *, func: str) -> tuple[Any, float, int]:
    import torch

    if not isinstance(A, torch.Tensor):
        msg = (
            f"{func}(): argument 'A' must be a torch.Tensor (samples x features); "
            f"got {type(A).__name__}. Convert it with torch.from_numpy(A.T)."
        )
        raise TypeError(msg)
    p = check_dropout_rate(p, func=func)
    seed = check_int(seed, "seed", func=func, min_value=0, max_value=2**63 - 1)
    return A, p, seed


def torch_dropout(A: Any, p: float, *, seed: int) -> Any:
    """Run ``torch.nn.functional.dropout`` in training mode with a seeded mask.

    Parameters
    ----------
    A : torch.Tensor
        Activations, samples x features (gradients flow through).
    p : float
        Drop probability, in ``[0, 1)``.
    seed : int
        Seed of PyTorch's generator for this one call.

    Returns
    -------
    torch.Tensor
        ``F.dropout(A, p, training=True)``.

    Raises
    ------
    TypeError
        If ``A`` is not a tensor.
    ValueError
        If ``p`` is outside ``[0, 1)`` or ``seed`` is not a whole number >= 0.

    Examples
    --------
    >>> import torch
    >>> out = torch_dropout(torch.ones(2, 3, dtype=torch.float64), 0.5, seed=0)
    >>> sorted(set(out.flatten().tolist()))
    [0.0, 2.0]
    """
    import torch

    A, p, seed = _checked(A, p, seed, func="torch_dropout")
    with torch.random.fork_rng(devices=[]):  # the global state is left alone
        torch.manual_seed(seed)
        return torch.nn.functional.dropout(A, p, training=True)


def torch_dropout_mask(A: Any, p: float, *, seed: int) -> np.ndarray:
    """Return the mask that :func:`torch_dropout` draws for ``A`` and ``seed``.

    Parameters
    ----------
    A : torch.Tensor
        The tensor that will be dropped, samples x features. Only its shape,
        dtype and memory layout matter: PyTorch fills the mask in memory
        order, so a transposed (non-contiguous) tensor gets another mask.
    p : float
        Drop probability, in ``[0, 1)``.
    seed : int
        The seed given to :func:`torch_dropout`.

    Returns
    -------
    ndarray of bool of the shape of ``A``
        True where PyTorch keeps the unit. Transpose it (``.T``) for the
        book's layout.

    Raises
    ------
    TypeError
        If ``A`` is not a tensor.
    ValueError
        If ``p`` is outside ``[0, 1)`` or ``seed`` is not a whole number >= 0.

    Examples
    --------
    >>> import torch
    >>> A = torch.arange(1.0, 7.0, dtype=torch.float64).reshape(2, 3)
    >>> mask = torch_dropout_mask(A, 0.5, seed=0)
    >>> bool(((torch_dropout(A, 0.5, seed=0) != 0).numpy() == mask).all())
    True
    """
    import torch

    A, p, seed = _checked(A, p, seed, func="torch_dropout_mask")
    ones = torch.ones_like(A, requires_grad=False)  # A's dtype and strides
    return (torch_dropout(ones, p, seed=seed) != 0).numpy()
