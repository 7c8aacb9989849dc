r"""PyTorch twins of the output heads in :data:`nnbook.heads.HEADS`.

Taught in Chapter 2, section :ref:`nn-training-pytorch`. Every key of
:data:`nnbook.heads.HEADS` has a twin here, under the same key: the module
that ends the network (``nn.Sigmoid``, ``nn.Softmax(dim=1)``, ...) and the
loss, computed from the logits where PyTorch has a fused form
(``BCEWithLogitsLoss``, ``CrossEntropyLoss``) like the NumPy heads. PyTorch's
layout is samples x classes.
"""

import types
from collections.abc import Callable
from typing import NamedTuple

import torch
from torch import nn
from torch.nn import functional

from nnbook.heads import HEADS as NUMPY_HEADS
from nnbook.pytorch.activations import ACTIVATIONS

__all__ = ["HEADS", "OUTPUTS", "TorchHead"]

Tensor = torch.Tensor


class TorchHead(NamedTuple):
    """A head in PyTorch: the last module and the loss.

    Attributes
    ----------
    output : callable
        ``output()`` makes the module that turns logits into the output.
    loss : callable
        ``loss(Z, A, Y)``: the mean loss from logits ``Z``, output ``A`` and
        targets ``Y``, all samples x outputs.
    """

    output: Callable[[], nn.Module]
    loss: Callable[[Tensor, Tensor, Tensor], Tensor]


def _softmax_module() -> nn.Module:
    return nn.Softmax(dim=1)


def _mse(Z: Tensor, A: Tensor, Y: Tensor) -> Tensor:
    return functional.mse_loss(A, Y)


def _bce_from_logits(Z: Tensor, A: Tensor, Y: Tensor) -> Tensor:
    return functional.binary_cross_entropy_with_logits(Z, Y)


def _bce(Z: Tensor, A: Tensor, Y: Tensor) -> Tensor:
    return functional.binary_cross_entropy(A, Y)


def _cce_from_logits(Z: Tensor, A: Tensor, Y: Tensor) -> Tensor:
    return functional.cross_entropy(Z, Y)


def _cce(Z: Tensor, A: Tensor, Y: Tensor) -> Tensor:
    # 0 * log 0 counts as 0, as in the NumPy loss.
    logs = torch.where(Y > 0, torch.log(torch.where(Y > 0, A, 1.0)), 0.0)
    return -(Y * logs).sum(dim=1).mean()


#: ``name -> module class`` for an output layer: the activations and softmax.
OUTPUTS: dict[str, Callable[[], nn.Module]] = {
    **ACTIVATIONS,
    "softmax": _softmax_module,
}
_FROM_LOGITS = {
    ("sigmoid", "binary_cross_entropy"): _bce_from_logits,
    ("softmax", "categorical_cross_entropy"): _cce_from_logits,
}
_FROM_OUTPUT = {
    "mse": _mse,
    "binary_cross_entropy": _bce,
    "categorical_cross_entropy": _cce,
}

#: ``(output_activation, loss) -> TorchHead``, the same keys as
#: :data:`nnbook.heads.HEADS`: a fused loss from the logits where PyTorch has
#: one, the loss of the output otherwise.
HEADS = types.MappingProxyType(
    {
        (out, loss): TorchHead(
            OUTPUTS[out], _FROM_LOGITS.get((out, loss), _FROM_OUTPUT[loss])
        )
        for out, loss in NUMPY_HEADS
    }
)
