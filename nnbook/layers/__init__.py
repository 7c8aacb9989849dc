"""Layers that stack into a :class:`nnbook.sequential.Sequential` model.

Taught in Chapter 6, Deep networks. Each layer has ``forward(X, training=)``
and ``backward(dY)``, learnable ``params`` with their ``grads``, and
``buffers``; arrays are features x samples.
"""

from nnbook.layers.activation import ActivationLayer
from nnbook.layers.base import Layer
from nnbook.layers.batchnorm import BatchNorm
from nnbook.layers.dense import Dense
from nnbook.layers.dropout import Dropout

__all__ = ["ActivationLayer", "BatchNorm", "Dense", "Dropout", "Layer"]
