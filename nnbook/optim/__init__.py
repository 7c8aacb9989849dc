r"""Optimizers and learning-rate schedules, in NumPy.

Taught in Chapter 5, Optimization. Every optimizer has the same shape,
``optimizer.step(params, grads)``, and keeps its state in
``optimizer.state``; each is shown equal to its ``torch.optim`` twin
(:mod:`nnbook.pytorch.optim`).

=======================================  ====================================
module                                   what
=======================================  ====================================
:mod:`nnbook.optim.base`                 the shared :class:`Optimizer`:
                                         step, state, divergence check
:mod:`nnbook.optim.sgd`                  :class:`SGD`, :class:`Momentum`
                                         (and Nesterov)
:mod:`nnbook.optim.adaptive`             :class:`AdaGrad`, :class:`RMSProp`
:mod:`nnbook.optim.adam`                 :class:`Adam`, :class:`AdamW`
:mod:`nnbook.optim.registry`             :data:`OPTIMIZERS` by name
:mod:`nnbook.optim.schedules`            schedules as functions of the step
:mod:`nnbook.optim.surfaces`             two-parameter loss surfaces and
                                         the paths optimizers take on them
:mod:`nnbook.optim.range_test`           the learning-rate range test
=======================================  ====================================

For example:

>>> from nnbook.optim import OPTIMIZERS
>>> sorted(OPTIMIZERS)
['adagrad', 'adam', 'adamw', 'momentum', 'nesterov', 'rmsprop', 'sgd']
"""

from nnbook._lazy import attach

_SOURCES: dict[str, str] = {
    "Optimizer": "base",
    "SGD": "sgd",
    "Momentum": "sgd",
    "AdaGrad": "adaptive",
    "RMSProp": "adaptive",
    "Adam": "adam",
    "AdamW": "adam",
    "OPTIMIZERS": "registry",
    "make_optimizer": "registry",
    "SCHEDULES": "schedules",
    "Constant": "schedules",
    "StepDecay": "schedules",
    "Exponential": "schedules",
    "Cosine": "schedules",
    "LinearWarmup": "schedules",
    "Quadratic": "surfaces",
    "Rosenbrock": "surfaces",
    "run_optimizer": "surfaces",
    "lr_range_test": "range_test",
}

__all__ = sorted(_SOURCES)

__getattr__, __dir__ = attach(__name__, _SOURCES)
