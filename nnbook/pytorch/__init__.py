"""PyTorch counterparts of nnbook's NumPy functions.

Taught in Chapter 1, Neural network basics, section
:ref:`nn-basics-pytorch`. PyTorch's layout is **samples x features**, the transpose of
the NumPy chapters' features x samples; :func:`load_parameters` lets both
start from the same weights.

Importing :mod:`nnbook` does not import PyTorch; using a name from this
subpackage does. For example:

>>> from nnbook.pytorch import build_network
>>> build_network([2, 4, 1], generator=0)[0].weight.shape
torch.Size([4, 2])
"""

from nnbook._lazy import attach

#: Where each public name is defined: ``name -> module`` (imported on first
#: use, so a chapter that builds a network does not load the training code).
_SOURCES: dict[str, str] = {
    "ACTIVATIONS": "activations",
    "get_activation": "activations",
    "forward_network": "forward",
    "SimpleNetwork": "networks",
    "build_network": "networks",
    "load_parameters": "networks",
    "train_network": "training",
    "Classifier": "classifier",
    "evaluate_classifier": "classifier",
    "train_classifier": "classifier",
    "torch_optimizer": "optim",
    "torch_scheduler": "optim",
    "compare_with_torch": "optim",
    "torch_dropout_mask": "dropout",
    "torch_dropout": "dropout",
}

__all__ = sorted(_SOURCES)

__getattr__, __dir__ = attach(__name__, _SOURCES)
