r"""AdaGrad and RMSProp: a step size for every parameter, from its gradients.

Taught in Chapter 5, Optimization, section :ref:`nn-optimization-adaptive`.
Both divide each component of the gradient by the root of an accumulated
square of that component, so that a parameter with large gradients takes
small steps and one with small gradients large steps. AdaGrad sums the
squares, so its steps only ever shrink; RMSProp keeps an exponential
moving average, which forgets. Both follow ``torch.optim.Adagrad`` and
``torch.optim.RMSprop`` (their defaults for the options not listed here),
and are shown equal to them in the chapter.
"""

from typing import Any

import numpy as np

from nnbook._validation import check_fraction, check_positive
from nnbook.optim.base import Optimizer, State

__all__ = ["AdaGrad", "RMSProp"]


def _check_eps(eps: float, *, func: str) -> float:
    return check_positive(
        eps, "eps", func=func, hint="It only keeps 0/0 away; 1e-8 is usual."
    )


class AdaGrad(Optimizer):
    r"""AdaGrad: divide by the root of the sum of all past squared gradients.

    Parameters
    ----------
    learning_rate : float
        The step size :math:`\eta > 0`.
    eps : float, default 1e-10
        Added to the root, :math:`\epsilon > 0` (PyTorch's default).

    Raises
    ------
    ValueError
        If ``learning_rate`` or ``eps`` is not positive and finite.

    See Also
    --------
    torch.optim.Adagrad : the same rule.

    Notes
    -----
    Element by element,

    .. math:: G_t = G_{t-1} + g_t^2, \qquad
              \theta_{t+1} = \theta_t - \eta\, \frac{g_t}{\sqrt{G_t} + \epsilon}.

    References
    ----------
    .. [1] J. Duchi, E. Hazan and Y. Singer, "Adaptive subgradient methods
       for online learning and stochastic optimization", *Journal of Machine
       Learning Research* 12, pp. 2121-2159, 2011.

    Examples
    --------
    The first step has length :math:`\eta` in every component, whatever the
    size of the gradient:

    >>> params = {"w": np.array([0.0, 0.0])}
    >>> AdaGrad(learning_rate=0.1).step(params, {"w": np.array([100.0, 0.01])})
    >>> params["w"]
    array([-0.1, -0.1])
    """

    name = "adagrad"

    def __init__(self, learning_rate: float, *, eps: float = 1e-10):
        super().__init__(learning_rate)
        self.eps = _check_eps(eps, func="AdaGrad")

    @property
    def hyperparameters(self) -> dict[str, Any]:
        """Return the hyperparameters by name, the learning rate first."""
        return {**super().hyperparameters, "eps": self.eps}

    def update(
        self, theta: np.ndarray, g: np.ndarray, state: State, learning_rate: float
    ) -> tuple[np.ndarray, State]:
        """Return the parameter after one AdaGrad step, and the sum of squares."""
        G = state["sum_sq"] + g * g if state else g * g
        return theta - learning_rate * g / (np.sqrt(G) + self.eps), {"sum_sq": G}


class RMSProp(Optimizer):
    r"""RMSProp: divide by the root of a moving average of squared gradients.

    Parameters
    ----------
    learning_rate : float
        The step size :math:`\eta > 0`.
    alpha : float, default 0.99
        How much of the average survives a step, :math:`\alpha \in [0, 1)`.
    eps : float, default 1e-8
        Added to the root, :math:`\epsilon > 0`.

    Raises
    ------
    ValueError
        If a hyperparameter is out of its range.

    See Also
    --------
    torch.optim.RMSprop : the same rule.

    Notes
    -----
    Element by element, from :math:`s_0 = 0`,

    .. math:: s_t = \alpha s_{t-1} + (1 - \alpha) g_t^2, \qquad
              \theta_{t+1} = \theta_t - \eta\, \frac{g_t}{\sqrt{s_t} + \epsilon}.

    References
    ----------
    .. [1] T. Tieleman and G. Hinton, "Lecture 6.5 - RMSProp: divide the
       gradient by a running average of its recent magnitude", COURSERA:
       Neural Networks for Machine Learning, 2012.

    Examples
    --------
    >>> params = {"w": np.array([0.0])}
    >>> RMSProp(learning_rate=0.01, alpha=0.99).step(params, {"w": np.array([5.0])})
    >>> params["w"]  # 0.01 * 5 / sqrt(0.01 * 25) = 0.1
    array([-0.1])
    """

    name = "rmsprop"

    def __init__(self, learning_rate: float, *, alpha: float = 0.99, eps: float = 1e-8):
        super().__init__(learning_rate)
        self.alpha = check_fraction(alpha, "alpha", func="RMSProp")
        self.eps = _check_eps(eps, func="RMSProp")

    @property
    def hyperparameters(self) -> dict[str, Any]:
        """Return the hyperparameters by name, the learning rate first."""
        return {**super().hyperparameters, "alpha": self.alpha, "eps": self.eps}

    def update(
        self, theta: np.ndarray, g: np.ndarray, state: State, learning_rate: float
    ) -> tuple[np.ndarray, State]:
        """Return the parameter after one RMSProp step, and the mean square."""
        s = state["mean_sq"] if state else np.zeros_like(g)
        s = self.alpha * s + (1 - self.alpha) * g * g
        step = learning_rate * g / (np.sqrt(s) + self.eps)
        return theta - step, {"mean_sq": s}
