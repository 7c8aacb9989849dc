r"""Learning-rate schedules: the factor by which step t scales the rate.

Taught in Chapter 5, Optimization, section :ref:`nn-optimization-schedules`.
A schedule is a function of the step number :math:`t = 0, 1, 2, \dots` (the
updates taken before this one) that returns a factor :math:`s(t)`; step
:math:`t` then uses the learning rate :math:`\eta\, s(t)`, with
:math:`\eta` the optimizer's. That is the convention of PyTorch's
``LambdaLR``, and each schedule here is the closed form of one of
``torch.optim.lr_scheduler``'s (named in its docstring), stepped once per
update; the chapter shows them equal.

Each is a small frozen dataclass, so it prints with its settings and checks
them when made.
"""

import math
from dataclasses import dataclass

from nnbook._validation import check_fraction, check_int, check_positive

__all__ = [
    "SCHEDULES",
    "Constant",
    "Cosine",
    "Exponential",
    "LinearWarmup",
    "StepDecay",
]


def _check_step(t: object, func: str) -> int:
    return check_int(t, "t", func=func, min_value=0)


@dataclass(frozen=True)
class Constant:
    """The same rate at every step: :math:`s(t) = 1`.

    Examples
    --------
    >>> Constant()(1000)
    1.0
    """

    def __call__(self, t: int) -> float:
        """Return the factor of step ``t``."""
        _check_step(t, "Constant")
        return 1.0


@dataclass(frozen=True)
class StepDecay:
    r"""Multiply the rate by ``gamma`` every ``step_size`` steps.

    :math:`s(t) = \gamma^{\lfloor t / \text{step\_size} \rfloor}`, like
    ``torch.optim.lr_scheduler.StepLR``.

    Examples
    --------
    >>> schedule = StepDecay(step_size=10, gamma=0.5)
    >>> [schedule(t) for t in (0, 9, 10, 25)]
    [1.0, 1.0, 0.5, 0.25]
    """

    step_size: int
    gamma: float = 0.1

    def __post_init__(self) -> None:
        check_int(self.step_size, "step_size", func="StepDecay", min_value=1)
        check_positive(self.gamma, "gamma", func="StepDecay")

    def __call__(self, t: int) -> float:
        """Return the factor of step ``t``."""
        return self.gamma ** (_check_step(t, "StepDecay") // self.step_size)


@dataclass(frozen=True)
class Exponential:
    r"""Multiply the rate by ``gamma`` at every step: :math:`s(t) = \gamma^t`.

    Like ``torch.optim.lr_scheduler.ExponentialLR``; with ``gamma > 1`` it
    is the sweep of a learning-rate range test.

    Examples
    --------
    >>> Exponential(gamma=2.0)(3)
    8.0
    """

    gamma: float

    def __post_init__(self) -> None:
        check_positive(self.gamma, "gamma", func="Exponential")

    def __call__(self, t: int) -> float:
        """Return the factor of step ``t``."""
        return self.gamma ** _check_step(t, "Exponential")


@dataclass(frozen=True)
class Cosine:
    r"""Half a cosine from 1 down to ``min_factor`` over ``total_steps`` steps.

    .. math:: s(t) = s_{\text{min}} + \tfrac12 (1 - s_{\text{min}})
              \left(1 + \cos \frac{\pi t}{T}\right),

    the closed form of ``torch.optim.lr_scheduler.CosineAnnealingLR`` with
    ``T_max = total_steps`` and ``eta_min`` = ``min_factor`` times the rate
    (beyond :math:`T` it rises again, as PyTorch's does: give a run's whole
    length).

    Examples
    --------
    >>> schedule = Cosine(total_steps=100)
    >>> [round(schedule(t), 3) for t in (0, 50, 100)]
    [1.0, 0.5, 0.0]
    """

    total_steps: int
    min_factor: float = 0.0

    def __post_init__(self) -> None:
        check_int(self.total_steps, "total_steps", func="Cosine", min_value=1)
        check_fraction(self.min_factor, "min_factor", func="Cosine")

    def __call__(self, t: int) -> float:
        """Return the factor of step ``t``."""
        phase = math.pi * _check_step(t, "Cosine") / self.total_steps
        return self.min_factor + (1 - self.min_factor) * (1 + math.cos(phase)) / 2


@dataclass(frozen=True)
class LinearWarmup:
    r"""Rise linearly from ``start_factor`` to 1 over ``warmup_steps``, then stay.

    :math:`s(t) = f_0 + (1 - f_0) \min(t, W) / W`, like
    ``torch.optim.lr_scheduler.LinearLR`` with ``start_factor`` :math:`f_0`,
    ``end_factor=1`` and ``total_iters`` :math:`W`.

    Examples
    --------
    >>> schedule = LinearWarmup(warmup_steps=4, start_factor=0.2)
    >>> [round(schedule(t), 2) for t in range(6)]
    [0.2, 0.4, 0.6, 0.8, 1.0, 1.0]
    """

    warmup_steps: int
    start_factor: float = 0.1

    def __post_init__(self) -> None:
        check_int(self.warmup_steps, "warmup_steps", func="LinearWarmup", min_value=1)
        start = check_positive(self.start_factor, "start_factor", func="LinearWarmup")
        if start > 1:
            msg = (
                "LinearWarmup(): argument 'start_factor' must be in (0, 1]; got "
                f"{self.start_factor}. The warm-up rises to the full rate."
            )
            raise ValueError(msg)

    def __call__(self, t: int) -> float:
        """Return the factor of step ``t``."""
        done = min(_check_step(t, "LinearWarmup"), self.warmup_steps)
        return self.start_factor + (1 - self.start_factor) * done / self.warmup_steps


#: The schedules by name, for loops in tests and figures.
SCHEDULES: dict[str, type] = {
    "constant": Constant,
    "step_decay": StepDecay,
    "exponential": Exponential,
    "cosine": Cosine,
    "linear_warmup": LinearWarmup,
}
