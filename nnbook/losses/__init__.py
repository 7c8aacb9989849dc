r"""Losses, each beside its gradient: one module per loss.

Taught in Chapter 1, section :ref:`nn-basics-losses` (the losses) and
Chapter 2, section :ref:`nn-training-loss-gradients` (their gradients).

=====================================  ========================================
module                                 loss
=====================================  ========================================
:mod:`nnbook.losses.mse`               mean squared error, for regression
:mod:`nnbook.losses.binary`            binary cross-entropy (sigmoid outputs)
:mod:`nnbook.losses.categorical`       categorical cross-entropy (softmax)
:mod:`nnbook.losses.registry`          :data:`~nnbook.losses.registry.LOSSES`,
                                       what training asks of each loss
=====================================  ========================================

Conventions shared by every loss:

* ``y_true`` and the prediction must have the **same shape**; nothing is
  broadcast, because ``(3,)`` against ``(3, 1)`` would broadcast to
  ``(3, 3)`` and give a plausible but wrong number.
* The loss is the mean over samples, returned as a Python ``float``; it is
  finite whenever the exact value is, and an error otherwise (never a
  RuntimeWarning).
* **The 1/m of the mean lives in the gradient.** Each gradient carries the
  factor :math:`1/N`, where :math:`N` is the number of terms the loss
  averages, so :func:`nnbook.backward.dense_backward` sums over samples and
  never divides again.
* Which loss goes with which output activation, and how a network's output
  gradient is taken, is the job of the output heads, :mod:`nnbook.heads`.

Names are imported lazily, as in :mod:`nnbook`: ``from nnbook.losses import
mse_loss`` loads :mod:`nnbook.losses.mse` only.
"""

from nnbook._lazy import attach

_SOURCES: dict[str, str] = {
    "mse_loss": "mse",
    "mse_loss_gradient": "mse",
    "binary_cross_entropy": "binary",
    "binary_cross_entropy_with_logits": "binary",
    "binary_cross_entropy_gradient": "binary",
    "sigmoid_bce_backward": "binary",
    "categorical_cross_entropy": "categorical",
    "categorical_cross_entropy_with_logits": "categorical",
    "categorical_cross_entropy_gradient": "categorical",
    "softmax_cce_backward": "categorical",
}

__all__ = sorted(_SOURCES)

__getattr__, __dir__ = attach(__name__, _SOURCES)
