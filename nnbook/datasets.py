"""Small data sets for the book's worked examples.

Taught in Chapter 1, "Neural network basics": XOR is the smallest problem
that a single perceptron cannot solve and a network with one hidden layer can.
"""

import numpy as np
from numpy.typing import DTypeLike

__all__ = ["make_xor"]


def make_xor(dtype: DTypeLike = float) -> tuple[np.ndarray, np.ndarray]:
    r"""Return the four points of the XOR problem, features x samples.

    Parameters
    ----------
    dtype : data-type, default float
        Data type of both arrays (``np.float64`` by default; pass
        ``np.float32`` to match PyTorch's default).

    Returns
    -------
    X : ndarray of shape (2, 4)
        Inputs, one sample per column: (0, 0), (0, 1), (1, 0), (1, 1).
    y : ndarray of shape (1, 4)
        Targets, ``[[0, 1, 1, 0]]``: 1 exactly when the two inputs differ.

    See Also
    --------
    nnbook.forward_network : Takes ``X`` in this layout.

    Notes
    -----
    The target is the exclusive or of the two inputs,

    .. math:: y = x_1 \oplus x_2 = x_1 + x_2 - 2 x_1 x_2 ,

    and no line in the plane separates the two classes, which is why the
    problem needs a hidden layer.

    The arrays use the book's layout, features x samples. PyTorch's
    ``nn.Linear`` expects samples x features, so transpose before converting:
    ``torch.from_numpy(X.T)`` has shape (4, 2) and ``torch.from_numpy(y.T)``
    has shape (4, 1).

    Examples
    --------
    >>> X, y = make_xor()
    >>> X.shape, y.shape
    ((2, 4), (1, 4))
    >>> X.T.tolist()
    [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    >>> y.tolist()
    [[0.0, 1.0, 1.0, 0.0]]
    """
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=dtype).T
    y = np.logical_xor(X[0], X[1]).astype(dtype).reshape(1, -1)
    # Fresh C-contiguous arrays: callers may modify them, and torch.from_numpy
    # of the transpose then shares memory with a plain, writable array.
    return np.ascontiguousarray(X), y
