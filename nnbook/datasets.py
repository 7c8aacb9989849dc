"""Small data sets for the book's worked examples.

Taught in Chapter 1, "Neural network basics": XOR is the smallest problem
that a single perceptron cannot solve and a network with one hidden layer can.
"""

from typing import Any

import numpy as np
from numpy.typing import DTypeLike

from nnbook._validation import check_int, check_random_state

__all__ = ["make_moons", "make_spirals", "make_xor"]


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
    try:
        kind = np.dtype(dtype).kind
    except TypeError as err:
        msg = f"make_xor(): argument 'dtype' must be a NumPy data type; got {dtype!r}."
        raise TypeError(msg) from err
    if kind not in "biuf":  # strings or objects would not hold the labels 0/1
        msg = (
            f"make_xor(): argument 'dtype' must be a real numeric type such as "
            f"float or np.float32; got {np.dtype(dtype)}."
        )
        raise TypeError(msg)
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=dtype).T
    y = np.logical_xor(X[0], X[1]).astype(dtype).reshape(1, -1)
    # Fresh C-contiguous arrays: callers may modify them, and torch.from_numpy
    # of the transpose then shares memory with a plain, writable array.
    return np.ascontiguousarray(X), y


# --- Chapter 2, Training feedforward networks: two-dimensional data sets ---

#: Noise beyond this would drown points of size 1 and, near 1e308, overflow.
_MAX_NOISE = 1e100


def _check_sizes(n_samples: Any, n_classes: Any, noise: Any, *, func: str) -> float:
    n_classes = check_int(n_classes, "n_classes", func=func, min_value=2)
    check_int(
        n_samples,
        "n_samples",
        func=func,
        min_value=n_classes,
        hint="Every class needs at least one sample.",
    )
    if isinstance(noise, bool) or not isinstance(noise, int | float | np.number):
        msg = f"{func}(): argument 'noise' must be a number; got {noise!r}."
        raise TypeError(msg)
    if not (np.isfinite(noise) and 0 <= noise <= _MAX_NOISE):
        msg = (
            f"{func}(): argument 'noise' must be a finite standard deviation from "
            f"0 to {_MAX_NOISE:g}; got {noise}. Use 0 for noise-free points."
        )
        raise ValueError(msg)
    return float(noise)


def make_moons(
    n_samples: int = 200,
    *,
    noise: float = 0.1,
    rng: int | np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Two interleaving half circles, features x samples.

    Parameters
    ----------
    n_samples : int, default 200
        Number of points, at least 2; the upper moon (class 0) gets
        ``n_samples // 2`` of them.
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to each coordinate.
    rng : int, numpy.random.Generator or None, default None
        Source of the noise; ``None`` is the package's fixed seed, so the same
        call always gives the same points.

    Returns
    -------
    X : ndarray of shape (2, n_samples)
        The points, one per column, class 0 first.
    y : ndarray of shape (1, n_samples)
        Labels 0.0 and 1.0.

    Raises
    ------
    TypeError
        If ``n_samples`` is not an integer or ``noise`` not a number.
    ValueError
        If ``n_samples < 2`` or ``noise`` is negative or not finite.

    See Also
    --------
    make_spirals, make_xor

    Notes
    -----
    With :math:`t` evenly spaced in :math:`[0, \pi]`, class 0 lies on
    :math:`(\cos t, \sin t)` and class 1 on :math:`(1 - \cos t,
    \tfrac12 - \sin t)`. No straight line separates them; one small hidden
    layer does. The construction follows scikit-learn's ``make_moons``.

    Examples
    --------
    >>> X, y = make_moons(6, noise=0.0)
    >>> X.shape, y.tolist()
    ((2, 6), [[0.0, 0.0, 0.0, 1.0, 1.0, 1.0]])
    >>> np.round(X[:, 0], 6).tolist()  # t = 0 on the upper moon
    [1.0, 0.0]
    """
    func = "make_moons"
    noise = _check_sizes(n_samples, 2, noise, func=func)
    n_samples = int(n_samples)
    generator = check_random_state(rng, func=func)
    n_upper = n_samples // 2
    t_upper = np.linspace(0.0, np.pi, n_upper)
    t_lower = np.linspace(0.0, np.pi, n_samples - n_upper)
    X = np.hstack(
        [
            np.vstack([np.cos(t_upper), np.sin(t_upper)]),
            np.vstack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)]),
        ]
    )
    X = X + noise * generator.standard_normal(X.shape)
    y = np.repeat([0.0, 1.0], [n_upper, n_samples - n_upper]).reshape(1, -1)
    return X, y


def make_spirals(
    n_samples: int = 300,
    n_classes: int = 2,
    *,
    noise: float = 0.05,
    rng: int | np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Interleaved spiral arms, one per class, features x samples.

    Parameters
    ----------
    n_samples : int, default 300
        Number of points, shared as evenly as possible between the classes.
    n_classes : int, default 2
        Number of arms (classes), at least 2.
    noise : float, default 0.05
        Standard deviation of the Gaussian noise added to each coordinate.
    rng : int, numpy.random.Generator or None, default None
        Source of the noise; ``None`` is the package's fixed seed.

    Returns
    -------
    X : ndarray of shape (2, n_samples)
        The points, one per column, class 0 first.
    y : ndarray of shape (1, n_samples)
        Class indices ``0.0, 1.0, ..., n_classes - 1``. For two classes they
        are binary cross-entropy labels; for more, pass them to a softmax
        network (``nnbook.network.Network`` accepts class indices).

    Raises
    ------
    TypeError
        If ``n_samples`` or ``n_classes`` is not an integer, or ``noise`` not
        a number.
    ValueError
        If ``n_classes < 2``, ``n_samples < n_classes``, or ``noise`` is
        negative or not finite.

    See Also
    --------
    make_moons

    Notes
    -----
    Arm :math:`k` has radius :math:`r` evenly spaced in :math:`[0.1, 1]` and
    angle

    .. math:: \theta = \frac{2\pi k}{K} + 3\pi r ,

    so each arm sweeps an angle of :math:`3\pi \cdot 0.9 = 2.7\pi`, about
    1.35 turns, and the arms alternate around the centre: a hard problem for
    a linear model, and a good one for watching a network's decision
    boundary bend.

    Examples
    --------
    >>> X, y = make_spirals(7, n_classes=3, noise=0.0)
    >>> X.shape, y.astype(int).tolist()
    ((2, 7), [[0, 0, 0, 1, 1, 2, 2]])
    """
    func = "make_spirals"
    noise = _check_sizes(n_samples, n_classes, noise, func=func)
    n_samples, n_classes = int(n_samples), int(n_classes)
    generator = check_random_state(rng, func=func)
    counts = [
        n_samples // n_classes + (k < n_samples % n_classes) for k in range(n_classes)
    ]
    arms = []
    for k, count in enumerate(counts):
        r = np.linspace(0.1, 1.0, count)
        theta = 2.0 * np.pi * k / n_classes + 3.0 * np.pi * r
        arms.append(np.vstack([r * np.cos(theta), r * np.sin(theta)]))
    X = np.hstack(arms)
    X = X + noise * generator.standard_normal(X.shape)
    y = np.repeat(np.arange(n_classes, dtype=np.float64), counts).reshape(1, -1)
    return X, y
