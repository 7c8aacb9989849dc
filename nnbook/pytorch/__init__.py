"""PyTorch counterparts of nnbook's NumPy functions.

Taught in Chapter 1, Neural network basics, section
:ref:`nn-basics-pytorch`. PyTorch's layout is **samples x features**, the transpose of
the NumPy chapters' features x samples; :func:`load_parameters` lets both
start from the same weights.

Importing :mod:`nnbook` does not import PyTorch; importing this subpackage
does. For example:

>>> from nnbook.pytorch import build_network
>>> build_network([2, 4, 1], generator=0)[0].weight.shape
torch.Size([4, 2])
"""

from nnbook.pytorch.activations import ACTIVATIONS, get_activation
from nnbook.pytorch.forward import forward_network
from nnbook.pytorch.networks import SimpleNetwork, build_network, load_parameters
from nnbook.pytorch.training import train_network

__all__ = [
    "ACTIVATIONS",
    "SimpleNetwork",
    "build_network",
    "forward_network",
    "get_activation",
    "load_parameters",
    "train_network",
]
