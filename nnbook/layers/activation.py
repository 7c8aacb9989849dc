r"""An element-wise activation as a layer, :math:`A = g(Z)`.

Taught in Chapter 6, section :ref:`nn-deep-layers`: the activations of
:data:`nnbook.ACTIVATIONS`, each with its derivative, wrapped so that they
stack between :class:`~nnbook.layers.Dense` layers. Arrays are features x
samples.
"""

from typing import Any

import numpy as np

from nnbook._validation import resolve_activation
from nnbook.activations import Activation
from nnbook.layers.base import Layer

__all__ = ["ActivationLayer"]


class ActivationLayer(Layer):
    r"""Apply an activation :math:`g` entry by entry; no parameters.

    Parameters
    ----------
    activation : str or Activation
        A name in :data:`nnbook.ACTIVATIONS`, such as ``"relu"``.

    Notes
    -----
    .. math:: A = g(Z), \qquad dZ = dA \odot g'(Z).

    Examples
    --------
    >>> layer = ActivationLayer("relu")
    >>> layer.forward(np.array([[-1.0, 2.0]]), training=True)
    array([[0., 2.]])
    >>> layer.backward(np.array([[5.0, 5.0]]))
    array([[0., 5.]])
    """

    def __init__(self, activation: str | Activation):
        super().__init__()
        self.activation = resolve_activation(
            activation, "activation", func="ActivationLayer"
        )

    def _describe(self) -> str:
        return repr(self.activation.name)

    def forward(self, X: Any, *, training: bool) -> np.ndarray:
        """Return :math:`g(Z)`; keep ``Z`` for the backward pass."""
        Z = self._input(X)
        A = self.activation.function(Z)
        self._remember(Z=Z, output_shape=A.shape)
        return A

    def backward(self, dY: Any) -> np.ndarray:
        r"""Return :math:`dZ = dA \odot g'(Z)`."""
        cache, dA = self._recall(dY)
        return dA * self.activation.derivative(cache["Z"])
