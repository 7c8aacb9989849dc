r"""Adam, and AdamW with its decoupled weight decay.

Taught in Chapter 5, Optimization, section :ref:`nn-optimization-adaptive`.
Adam keeps two moving averages per parameter, of the gradient (momentum,
:math:`m`) and of its square (RMSProp's, :math:`v`), corrects both for
starting at zero, and steps along :math:`\hat m / (\sqrt{\hat v} +
\epsilon)`. AdamW shrinks the weights directly instead of adding an L2 term
to the gradient. Both follow ``torch.optim.Adam`` and ``torch.optim.AdamW``
operation by operation (so the chapter can show them equal to it).
"""

from typing import Any

import numpy as np

from nnbook._validation import check_fraction, check_nonnegative, check_positive
from nnbook.optim.base import Optimizer, State

__all__ = ["Adam", "AdamW"]


class Adam(Optimizer):
    r"""Adam: momentum and RMSProp together, with bias correction.

    Parameters
    ----------
    learning_rate : float
        The step size :math:`\eta > 0` (0.001 is the usual default).
    beta1, beta2 : float, default 0.9 and 0.999
        Decay rates of the two averages, in :math:`[0, 1)`.
    eps : float, default 1e-8
        Added to :math:`\sqrt{\hat v}`, :math:`\epsilon > 0`.
    weight_decay : float, default 0
        L2 penalty :math:`\lambda \ge 0`, added to the gradient as
        :math:`\lambda \theta` (for the decoupled form, see :class:`AdamW`).
    bias_correction : bool, default True
        Divide the averages by :math:`1 - \beta^t`; ``False`` shows what the
        correction is for.

    Raises
    ------
    ValueError
        If a hyperparameter is out of its range.

    See Also
    --------
    torch.optim.Adam : the same rule (with ``bias_correction=True``).

    Notes
    -----
    At step :math:`t = 1, 2, \dots`, from :math:`m_0 = v_0 = 0`:

    .. math:: m_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t, \qquad
              v_t = \beta_2 v_{t-1} + (1 - \beta_2) g_t^2,

    .. math:: \theta_{t+1} = \theta_t - \frac{\eta}{1 - \beta_1^t}\,
              \frac{m_t}{\sqrt{v_t} / \sqrt{1 - \beta_2^t} + \epsilon}.

    References
    ----------
    .. [1] D. P. Kingma and J. Ba, "Adam: a method for stochastic
       optimization", *ICLR*, 2015.

    Examples
    --------
    With bias correction, the first step has length about :math:`\eta` in
    every component; without it, :math:`\eta (1 - \beta_1) /
    \sqrt{1 - \beta_2}`, about 3.16 times longer here:

    >>> for corrected in (True, False):
    ...     params = {"w": np.array([0.0])}
    ...     opt = Adam(0.001, bias_correction=corrected)
    ...     opt.step(params, {"w": np.array([5.0])})
    ...     print(f"{params['w'][0]:.6f}")
    -0.001000
    -0.003162
    """

    name = "adam"

    def __init__(
        self,
        learning_rate: float,
        *,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        bias_correction: bool = True,
    ):
        super().__init__(learning_rate)
        func = type(self).__name__
        self.beta1 = check_fraction(beta1, "beta1", func=func, hint="0.9 is usual.")
        self.beta2 = check_fraction(beta2, "beta2", func=func, hint="0.999 is usual.")
        self.eps = check_positive(eps, "eps", func=func, hint="1e-8 is usual.")
        self.weight_decay = check_nonnegative(
            weight_decay, "weight_decay", func=func, hint="Use 0 for none."
        )
        if not isinstance(bias_correction, bool):
            msg = (
                f"{func}(): argument 'bias_correction' must be True or False; "
                f"got {type(bias_correction).__name__} {bias_correction!r}."
            )
            raise TypeError(msg)
        self.bias_correction = bias_correction

    @property
    def hyperparameters(self) -> dict[str, Any]:
        """Return the hyperparameters by name, the learning rate first."""
        return {
            **super().hyperparameters,
            "beta1": self.beta1,
            "beta2": self.beta2,
            "eps": self.eps,
            "weight_decay": self.weight_decay,
            "bias_correction": self.bias_correction,
        }

    def decay(self, theta: np.ndarray, g: np.ndarray, learning_rate: float):
        """Apply the weight decay; return ``(theta, g)`` (Adam: L2 in ``g``)."""
        if self.weight_decay:
            g = g + self.weight_decay * theta
        return theta, g

    def update(
        self, theta: np.ndarray, g: np.ndarray, state: State, learning_rate: float
    ) -> tuple[np.ndarray, State]:
        """Return the parameter after one Adam step, and the two averages."""
        theta, g = self.decay(theta, g, learning_rate)
        t = self.t + 1  # this step's number, from 1
        m = state["m"] if state else np.zeros_like(g)
        v = state["v"] if state else np.zeros_like(g)
        m = self.beta1 * m + (1 - self.beta1) * g
        v = self.beta2 * v + (1 - self.beta2) * g * g
        if self.bias_correction:
            step_size = learning_rate / (1 - self.beta1**t)
            denominator = np.sqrt(v) / np.sqrt(1 - self.beta2**t) + self.eps
        else:
            step_size, denominator = learning_rate, np.sqrt(v) + self.eps
        return theta - step_size * m / denominator, {"m": m, "v": v}


class AdamW(Adam):
    r"""AdamW: Adam with decoupled weight decay.

    Parameters are those of :class:`Adam`, but ``weight_decay`` defaults to
    0.01 (as in PyTorch) and shrinks the weights before the Adam step,
    :math:`\theta \leftarrow (1 - \eta\lambda)\,\theta`, rather than entering
    the gradient, where Adam's division would rescale it.

    See Also
    --------
    torch.optim.AdamW : the same rule.

    References
    ----------
    .. [1] I. Loshchilov and F. Hutter, "Decoupled weight decay
       regularization", *ICLR*, 2019.

    Examples
    --------
    With a zero gradient, AdamW still shrinks the weight, by
    :math:`\eta\lambda`:

    >>> params = {"w": np.array([2.0])}
    >>> AdamW(0.1, weight_decay=0.5).step(params, {"w": np.array([0.0])})
    >>> params["w"]
    array([1.9])
    """

    name = "adamw"

    def __init__(self, learning_rate: float, **hyper: Any):
        hyper.setdefault("weight_decay", 0.01)
        super().__init__(learning_rate, **hyper)

    def decay(self, theta: np.ndarray, g: np.ndarray, learning_rate: float):
        """Apply the weight decay; return ``(theta, g)`` (AdamW: shrink ``theta``)."""
        return theta * (1 - learning_rate * self.weight_decay), g
