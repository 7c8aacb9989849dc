r"""Gradient descent, and gradient descent with (Nesterov) momentum.

Taught in Chapter 5, Optimization, sections :ref:`nn-optimization-gd` and
:ref:`nn-optimization-momentum`. Both follow ``torch.optim.SGD`` line by
line (``dampening=0``), so that the chapter can show them equal to it:

* :class:`SGD`: :math:`\theta \leftarrow \theta - \eta\, g`, with
  :math:`g = \nabla L(\theta)` on a mini-batch (or on all the data: plain
  gradient descent, the rule of chapter 2).
* :class:`Momentum`: a velocity :math:`v \leftarrow \mu v + g` that
  remembers past gradients, and :math:`\theta \leftarrow \theta - \eta v`
  (Polyak's heavy ball); with ``nesterov=True``, the step
  :math:`\theta \leftarrow \theta - \eta (g + \mu v)` looks one velocity
  ahead (Nesterov's accelerated gradient, in the form PyTorch uses).
"""

from typing import Any

import numpy as np

from nnbook._validation import check_fraction, check_nonnegative
from nnbook.optim.base import Optimizer, State

__all__ = ["SGD", "Momentum"]


def _decayed(theta: np.ndarray, g: np.ndarray, weight_decay: float) -> np.ndarray:
    # L2 regularisation folded into the gradient: d/dtheta (lambda/2)|theta|^2.
    return g + weight_decay * theta if weight_decay else g


class SGD(Optimizer):
    r"""(Stochastic) gradient descent: step against the gradient.

    Parameters
    ----------
    learning_rate : float
        The step size :math:`\eta > 0`.
    weight_decay : float, default 0
        L2 penalty :math:`\lambda \ge 0`, added to the gradient as
        :math:`\lambda \theta`.

    Raises
    ------
    ValueError
        If ``learning_rate`` is not positive and finite, or ``weight_decay``
        is negative.

    See Also
    --------
    torch.optim.SGD : the same rule.

    Notes
    -----
    .. math:: \theta_{t+1} = \theta_t - \eta\, g_t.

    References
    ----------
    .. [1] H. Robbins and S. Monro, "A stochastic approximation method",
       *Annals of Mathematical Statistics* 22(3), pp. 400-407, 1951.

    Examples
    --------
    >>> params = {"w": np.array([3.0])}
    >>> opt = SGD(learning_rate=0.1)
    >>> opt.step(params, {"w": np.array([10.0])})
    >>> params["w"], opt.t
    (array([2.]), 1)
    """

    name = "sgd"

    def __init__(self, learning_rate: float, *, weight_decay: float = 0.0):
        super().__init__(learning_rate)
        self.weight_decay = check_nonnegative(
            weight_decay, "weight_decay", func="SGD", hint="Use 0 for none."
        )

    @property
    def hyperparameters(self) -> dict[str, Any]:
        """Return the hyperparameters by name, the learning rate first."""
        return {**super().hyperparameters, "weight_decay": self.weight_decay}

    def update(
        self, theta: np.ndarray, g: np.ndarray, state: State, learning_rate: float
    ) -> tuple[np.ndarray, State]:
        """Return ``theta - learning_rate * g`` and no state."""
        g = _decayed(theta, g, self.weight_decay)
        return theta - learning_rate * g, {}


class Momentum(Optimizer):
    r"""Gradient descent with momentum, optionally Nesterov's.

    Parameters
    ----------
    learning_rate : float
        The step size :math:`\eta > 0`.
    momentum : float, default 0.9
        How much of the velocity survives a step, :math:`\mu \in [0, 1)`.
    nesterov : bool, default False
        Step along :math:`g + \mu v` instead of :math:`v`.
    weight_decay : float, default 0
        L2 penalty :math:`\lambda \ge 0`, added to the gradient.

    Raises
    ------
    ValueError
        If a hyperparameter is out of its range.
        ``nesterov=True`` needs ``momentum > 0``.
    TypeError
        If ``nesterov`` is not a bool.

    See Also
    --------
    torch.optim.SGD : the same rule with ``momentum=mu`` (and ``nesterov``).

    Notes
    -----
    Starting from :math:`v_0 = 0`, so that the first velocity is the first
    gradient, as in PyTorch:

    .. math:: v_t = \mu v_{t-1} + g_t, \qquad
              \theta_{t+1} = \theta_t - \eta\, v_t
              \quad\text{or, Nesterov,}\quad
              \theta_{t+1} = \theta_t - \eta\,(g_t + \mu v_t).

    References
    ----------
    .. [1] B. T. Polyak, "Some methods of speeding up the convergence of
       iteration methods", *USSR Computational Mathematics and Mathematical
       Physics* 4(5), pp. 1-17, 1964.
    .. [2] Yu. E. Nesterov, "A method of solving a convex programming problem
       with convergence rate O(1/k^2)", *Soviet Mathematics Doklady* 27,
       pp. 372-376, 1983.

    Examples
    --------
    Two steps on a constant gradient: the second is 1.9 times the first.

    >>> params = {"w": np.array([0.0])}
    >>> opt = Momentum(learning_rate=1.0, momentum=0.9)
    >>> opt.step(params, {"w": np.array([1.0])})
    >>> opt.step(params, {"w": np.array([1.0])})
    >>> params["w"], opt.state["w"]["velocity"]
    (array([-2.9]), array([1.9]))
    """

    name = "momentum"

    def __init__(
        self,
        learning_rate: float,
        *,
        momentum: float = 0.9,
        nesterov: bool = False,
        weight_decay: float = 0.0,
    ):
        super().__init__(learning_rate)
        func = "Momentum"
        self.momentum = check_fraction(
            momentum, "momentum", func=func, hint="Typical values are 0.9 or 0.99."
        )
        if not isinstance(nesterov, bool):
            msg = (
                f"{func}(): argument 'nesterov' must be True or False; got "
                f"{type(nesterov).__name__} {nesterov!r}."
            )
            raise TypeError(msg)
        if nesterov and self.momentum == 0:
            msg = (
                f"{func}(): Nesterov momentum needs momentum > 0 (with 0 it is "
                "plain SGD, and PyTorch refuses it); got momentum=0."
            )
            raise ValueError(msg)
        self.nesterov = nesterov
        self.weight_decay = check_nonnegative(
            weight_decay, "weight_decay", func=func, hint="Use 0 for none."
        )

    @property
    def hyperparameters(self) -> dict[str, Any]:
        """Return the hyperparameters by name, the learning rate first."""
        return {
            **super().hyperparameters,
            "momentum": self.momentum,
            "nesterov": self.nesterov,
            "weight_decay": self.weight_decay,
        }

    def update(
        self, theta: np.ndarray, g: np.ndarray, state: State, learning_rate: float
    ) -> tuple[np.ndarray, State]:
        """Return the parameter after one momentum step, and the velocity."""
        g = _decayed(theta, g, self.weight_decay)
        v = self.momentum * state["velocity"] + g if state else g.copy()
        direction = g + self.momentum * v if self.nesterov else v
        return theta - learning_rate * direction, {"velocity": v}
