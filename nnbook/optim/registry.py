r"""The optimizers by name, and how a training loop picks its optimizer.

Taught in Chapter 5, Optimization. :data:`OPTIMIZERS` lets tests, figures
and the chapter loop over the whole family; :func:`make_optimizer` builds
one by name; :func:`resolve_training` is what
:meth:`nnbook.network.Network.fit` and :func:`nnbook.fit_with_validation`
call, so that ``learning_rate=0.5`` alone still means plain gradient descent
(chapters 2 and 4), while ``optimizer=Adam(0.001)`` or
``optimizer="adam", learning_rate=0.001`` use another rule.
"""

import functools
from collections.abc import Callable
from typing import Any

from nnbook._validation import check_name, check_positive
from nnbook.optim.adam import Adam, AdamW
from nnbook.optim.adaptive import AdaGrad, RMSProp
from nnbook.optim.base import Optimizer
from nnbook.optim.schedules import Constant
from nnbook.optim.sgd import SGD, Momentum

__all__ = ["OPTIMIZERS", "make_optimizer", "resolve_training"]

#: Every optimizer of the chapter: name -> class (or class with options).
OPTIMIZERS: dict[str, Callable[..., Optimizer]] = {
    "sgd": SGD,
    "momentum": Momentum,
    "nesterov": functools.partial(Momentum, nesterov=True),
    "adagrad": AdaGrad,
    "rmsprop": RMSProp,
    "adam": Adam,
    "adamw": AdamW,
}


def make_optimizer(name: str, learning_rate: float, **hyper: Any) -> Optimizer:
    """Build the optimizer called ``name``.

    Parameters
    ----------
    name : str
        A key of :data:`OPTIMIZERS`.
    learning_rate : float
        The step size.
    **hyper
        Its other hyperparameters, e.g. ``momentum=0.9``.

    Returns
    -------
    Optimizer

    Raises
    ------
    ValueError
        If ``name`` is unknown (the message lists the known ones) or a
        hyperparameter is out of range.
    TypeError
        If ``name`` is not a string, or a hyperparameter does not exist.

    Examples
    --------
    >>> make_optimizer("nesterov", 0.1, momentum=0.5)
    Momentum(learning_rate=0.1, momentum=0.5, nesterov=True, weight_decay=0.0)
    """
    check_name(name, "name", OPTIMIZERS, func="make_optimizer", example="adam")
    return OPTIMIZERS[name](learning_rate, **hyper)


def resolve_training(
    learning_rate: Any, optimizer: Any, schedule: Any, *, func: str
) -> tuple[Optimizer, Callable[[int], float]]:
    """Return the optimizer and schedule a training loop should use.

    Parameters
    ----------
    learning_rate : float or None
        With ``optimizer=None`` or a name: the step size (required). With
        an :class:`Optimizer`, it must be None: the optimizer has its own.
    optimizer : Optimizer, str or None
        ``None`` is plain gradient descent, :class:`nnbook.optim.SGD`.
    schedule : callable or None
        Maps the step number to a factor of the rate (see
        :mod:`nnbook.optim.schedules`); ``None`` is a constant rate.
    func : str
        The public function being called, for messages.

    Returns
    -------
    optimizer : Optimizer
    schedule : callable

    Raises
    ------
    TypeError
        If ``optimizer`` or ``schedule`` has the wrong type.
    ValueError
        If the learning rate is missing, given twice, or not positive.

    Examples
    --------
    >>> resolve_training(0.5, None, None, func="fit")
    (SGD(learning_rate=0.5, weight_decay=0.0), Constant())
    """
    if isinstance(optimizer, Optimizer):
        if learning_rate is not None:
            msg = (
                f"{func}(): got both 'learning_rate' ({learning_rate}) and an "
                f"optimizer with its own ({optimizer!r}). Drop learning_rate, "
                "or make the optimizer with the rate you want."
            )
            raise ValueError(msg)
    elif optimizer is None or isinstance(optimizer, str):
        if learning_rate is None:
            msg = (
                f"{func}(): argument 'learning_rate' is required unless you "
                "pass an optimizer object; e.g. learning_rate=0.1."
            )
            raise ValueError(msg)
        learning_rate = check_positive(
            learning_rate,
            "learning_rate",
            func=func,
            hint="Typical values lie between 0.001 and 1.",
        )
        if optimizer is None:
            optimizer = SGD(learning_rate)
        else:
            check_name(optimizer, "optimizer", OPTIMIZERS, func=func, example="adam")
            optimizer = OPTIMIZERS[optimizer](learning_rate)
    else:
        msg = (
            f"{func}(): argument 'optimizer' must be an nnbook.optim optimizer, "
            f"a name in {sorted(OPTIMIZERS)} or None; got "
            f"{type(optimizer).__name__}. For example optimizer=Adam(0.001)."
        )
        raise TypeError(msg)
    if schedule is None:
        schedule = Constant()
    elif not callable(schedule):
        msg = (
            f"{func}(): argument 'schedule' must be a function of the step "
            f"that returns a factor, such as Cosine(total_steps=1000); got "
            f"{type(schedule).__name__}."
        )
        raise TypeError(msg)
    return optimizer, schedule
