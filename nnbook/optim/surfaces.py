r"""Loss surfaces of two parameters, to watch an optimizer move.

Taught in Chapter 5, Optimization, section :ref:`nn-optimization-gd`. A
network has thousands of parameters and no picture; these two functions of
:math:`(x, y)` have one, and show the two difficulties that matter:

* :class:`Quadratic`, :math:`f = \tfrac12 (a x^2 + b y^2)`, an elongated
  bowl whose **condition number** :math:`\kappa = b / a` (``a <= b``) sets
  how slowly gradient descent crosses it;
* :class:`Rosenbrock`, :math:`f = (1 - x)^2 + c\,(y - x^2)^2`, a curved,
  flat-bottomed valley with its minimum at :math:`(1, 1)`.

Each has its gradient beside it; :func:`run_optimizer` records the path an
:class:`nnbook.optim.Optimizer` takes on one of them.
"""

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from nnbook._validation import as_float_array, check_int, check_positive
from nnbook.optim.base import Optimizer

__all__ = ["Quadratic", "Rosenbrock", "run_optimizer"]


class Surface(Protocol):
    """A function of ``(x, y)`` with its gradient (arrays broadcast)."""

    minimum: tuple[float, float]

    def __call__(self, x: Any, y: Any) -> Any: ...

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]: ...


@dataclass(frozen=True)
class Quadratic:
    r"""The bowl :math:`f(x, y) = \tfrac12 (a x^2 + b y^2)`, minimum at 0.

    Parameters
    ----------
    a, b : float
        Curvatures along x and y (the Hessian's eigenvalues), positive.

    Examples
    --------
    >>> bowl = Quadratic(a=1.0, b=10.0)
    >>> float(bowl(1.0, 1.0)), bowl.gradient(1.0, 1.0), bowl.condition_number
    (5.5, (1.0, 10.0), 10.0)
    """

    a: float = 1.0
    b: float = 10.0
    minimum: tuple[float, float] = (0.0, 0.0)

    def __post_init__(self) -> None:
        check_positive(self.a, "a", func="Quadratic")
        check_positive(self.b, "b", func="Quadratic")

    @property
    def condition_number(self) -> float:
        r"""Return :math:`\kappa`, the largest curvature over the smallest."""
        return max(self.a, self.b) / min(self.a, self.b)

    def __call__(self, x: Any, y: Any) -> Any:
        """Return :math:`f(x, y)`."""
        return 0.5 * (self.a * np.square(x) + self.b * np.square(y))

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        """Return the two partial derivatives at ``(x, y)``: ``(a x, b y)``."""
        return self.a * x, self.b * y


@dataclass(frozen=True)
class Rosenbrock:
    r"""Rosenbrock's valley :math:`f = (1 - x)^2 + c\,(y - x^2)^2`.

    Parameters
    ----------
    c : float, default 100
        Steepness of the valley's walls.

    References
    ----------
    .. [1] H. H. Rosenbrock, "An automatic method for finding the greatest or
       least value of a function", *The Computer Journal* 3(3),
       pp. 175-184, 1960.

    Examples
    --------
    >>> valley = Rosenbrock()
    >>> float(valley(1.0, 1.0)), [float(g) for g in valley.gradient(0.0, 0.0)]
    (0.0, [-2.0, 0.0])
    """

    c: float = 100.0
    minimum: tuple[float, float] = (1.0, 1.0)

    def __post_init__(self) -> None:
        check_positive(self.c, "c", func="Rosenbrock")

    def __call__(self, x: Any, y: Any) -> Any:
        """Return :math:`f(x, y)`."""
        return np.square(1 - x) + self.c * np.square(y - np.square(x))

    def gradient(self, x: Any, y: Any) -> tuple[Any, Any]:
        """Return the two partial derivatives at ``(x, y)``."""
        wall = y - np.square(x)
        return -2 * (1 - x) - 4 * self.c * x * wall, 2 * self.c * wall


def run_optimizer(
    surface: Surface,
    optimizer: Optimizer,
    start: Any,
    *,
    steps: int,
) -> np.ndarray:
    """Follow ``optimizer`` on ``surface`` from ``start``; return the path.

    Parameters
    ----------
    surface : Quadratic or Rosenbrock
        Anything with ``gradient(x, y)``.
    optimizer : Optimizer
        A fresh optimizer (its state and step count carry on otherwise).
    start : array-like of shape (2,)
        The starting point :math:`(x_0, y_0)`.
    steps : int
        Number of steps, at least 1.

    Returns
    -------
    ndarray of shape (steps + 1, 2)
        The points visited, the start first.

    Raises
    ------
    FloatingPointError
        If the path leaves the floating-point numbers: the learning rate is
        too large for the surface (the message comes from the optimizer's
        ``step``, with the step number and the rate).

    Examples
    --------
    >>> from nnbook.optim import SGD
    >>> path = run_optimizer(Quadratic(1, 10), SGD(0.1), [1.0, 1.0], steps=2)
    >>> path
    array([[1.  , 1.  ],
           [0.9 , 0.  ],
           [0.81, 0.  ]])
    """
    func = "run_optimizer"
    if not isinstance(optimizer, Optimizer):
        msg = (
            f"{func}(): argument 'optimizer' must be an nnbook.optim optimizer "
            f"such as SGD(0.1); got {type(optimizer).__name__}."
        )
        raise TypeError(msg)
    point = as_float_array(start, "start", func=func, ndim=1).copy()
    if point.shape != (2,):
        msg = f"{func}(): argument 'start' must be a point (x, y); got {point.shape}."
        raise ValueError(msg)
    steps = check_int(steps, "steps", func=func, min_value=1)
    params = {"point": point}
    path = [point.copy()]
    for _ in range(steps):
        with np.errstate(all="ignore"):  # an overflow is caught by step()
            gx, gy = surface.gradient(*params["point"])
        optimizer.step(params, {"point": np.array([gx, gy])})
        path.append(params["point"].copy())
    return np.array(path)
