"""Hypothesis strategies shared by the whole test suite.

Import them as ``from strategies import float_arrays``. The suite runs with
``--import-mode=importlib``, which does not put ``tests/`` on ``sys.path``;
``pythonpath = ["tests"]`` in ``[tool.pytest.ini_options]`` does.

Every strategy draws float64 NumPy arrays. Bounds are explicit so that a
property can be tested on moderate values (where a naive formula is still
accurate enough to compare against) or on extreme ones.
"""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

__all__ = [
    "broadcastable_shapes",
    "distributions",
    "finite_floats",
    "float_arrays",
    "logits",
    "one_hot",
    "probabilities",
    "shapes",
]


def finite_floats(
    min_value: float = -1e6, max_value: float = 1e6, **kwargs
) -> st.SearchStrategy[float]:
    """Finite float64 scalars in ``[min_value, max_value]``."""
    return st.floats(
        min_value, max_value, allow_nan=False, allow_infinity=False, **kwargs
    )


def shapes(
    min_dims: int = 1, max_dims: int = 2, min_side: int = 1, max_side: int = 6
) -> st.SearchStrategy[tuple[int, ...]]:
    """Array shapes with no empty axis by default."""
    return hnp.array_shapes(
        min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side
    )


def float_arrays(
    shape=None,
    min_value: float = -1e6,
    max_value: float = 1e6,
    **shape_kwargs,
) -> st.SearchStrategy[np.ndarray]:
    """Finite float64 arrays; ``shape`` is a tuple, a strategy, or ``None``.

    ``None`` draws a shape from :func:`shapes` with ``shape_kwargs``.
    """
    if shape is None:
        shape = shapes(**shape_kwargs)
    return hnp.arrays(np.float64, shape, elements=finite_floats(min_value, max_value))


def probabilities(shape=None, *, open_interval: bool = False, **shape_kwargs):
    """Arrays of probabilities in ``[0, 1]``, or ``[1e-6, 1 - 1e-6]``.

    The open interval keeps ``log(p)`` and ``log(1 - p)`` far from the -100
    clamp that PyTorch's ``binary_cross_entropy`` applies.
    """
    low, high = (1e-6, 1 - 1e-6) if open_interval else (0.0, 1.0)
    return float_arrays(shape, low, high, **shape_kwargs)


def logits(shape=None, bound: float = 50.0, **shape_kwargs):
    """Finite logits in ``[-bound, bound]``."""
    return float_arrays(shape, -bound, bound, **shape_kwargs)


@st.composite
def one_hot(draw, n_samples=None, n_classes=None, *, axis: int = -1):
    """One-hot label arrays of shape ``(n_samples, n_classes)``.

    With ``axis=0`` the array is transposed to ``(n_classes, n_samples)``,
    the book's classes x samples layout.
    """
    n_samples = draw(st.integers(1, 8)) if n_samples is None else n_samples
    n_classes = draw(st.integers(2, 6)) if n_classes is None else n_classes
    labels = draw(
        hnp.arrays(np.int64, n_samples, elements=st.integers(0, n_classes - 1))
    )
    Y = np.eye(n_classes)[labels]
    return Y.T if axis in (0, -2) else Y


@st.composite
def distributions(draw, n_samples=None, n_classes=None, *, axis: int = -1):
    """Soft labels / probability vectors summing to 1 along ``axis``.

    Every entry is at least about 1e-4 so that logs stay moderate.
    """
    n_samples = draw(st.integers(1, 8)) if n_samples is None else n_samples
    n_classes = draw(st.integers(2, 6)) if n_classes is None else n_classes
    weights = draw(float_arrays((n_samples, n_classes), 1e-3, 10.0))
    P = weights / weights.sum(axis=1, keepdims=True)
    return P.T if axis in (0, -2) else P


def broadcastable_shapes(num_shapes: int = 2) -> st.SearchStrategy:
    """Shapes that broadcast together (1 to 3 axes, sides up to 4).

    Draws a ``BroadcastableShapes`` with ``input_shapes`` and ``result_shape``.
    """
    return hnp.mutually_broadcastable_shapes(
        num_shapes=num_shapes, min_dims=0, max_dims=3, min_side=1, max_side=4
    )
