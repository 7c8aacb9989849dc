r"""Inverted dropout as a layer: a seeded mask in training, the identity in evaluation.

Taught in Chapter 7, Generalisation and regularisation, section
:ref:`nn-regularisation-dropout`. The arithmetic is that of
:func:`nnbook.dropout_forward` and :func:`nnbook.dropout_backward`; the
layer adds the two modes and its own random generator, so that a seed
fixes every mask of a training run. Arrays are features x samples.
"""

from typing import Any

import numpy as np

from nnbook._validation import check_random_state
from nnbook.dropout import (
    check_dropout_rate,
    dropout_backward,
    dropout_forward,
    dropout_mask,
)
from nnbook.layers.base import Layer

__all__ = ["Dropout"]


class Dropout(Layer):
    r"""Drop each unit with probability ``p`` in training; pass all in evaluation.

    Parameters
    ----------
    p : float
        Drop probability, in ``[0, 1)``.
    rng : int, numpy.random.Generator or None
        Draws the masks, one per training forward pass; ``None`` is the
        package's fixed seed.

    Attributes
    ----------
    mask : ndarray of bool or None
        The mask of the last training forward pass (True = kept).

    Raises
    ------
    ValueError
        If ``p`` is outside ``[0, 1)``.

    Notes
    -----
    .. math:: \text{training: } A = \frac{M \odot X}{1 - p},\;
              M_{ij} \sim \text{Bernoulli}(1 - p); \qquad
              \text{evaluation: } A = X.

    Examples
    --------
    >>> layer = Dropout(0.5, rng=0)
    >>> layer.forward(np.ones((2, 3)), training=True)
    array([[2., 0., 0.],
           [0., 2., 2.]])
    >>> layer.backward(np.ones((2, 3)))
    array([[2., 0., 0.],
           [0., 2., 2.]])
    >>> layer.forward(np.ones((2, 3)), training=False)
    array([[1., 1., 1.],
           [1., 1., 1.]])
    """

    def __init__(self, p: float, *, rng: int | np.random.Generator | None = None):
        super().__init__()
        self.p = check_dropout_rate(p, func="Dropout")
        self._rng = check_random_state(rng, func="Dropout")
        self.mask: np.ndarray | None = None

    def _describe(self) -> str:
        return f"p={self.p:g}"

    def forward(self, X: Any, *, training: bool) -> np.ndarray:
        """Return the dropped and rescaled ``X`` in training, ``X`` itself otherwise."""
        X = self._input(X)
        if not training or self.p == 0:
            mask = np.ones(X.shape, dtype=bool)  # identity; backward passes dY
            p = 0.0
        else:
            mask, p = dropout_mask(X.shape, self.p, self._rng), self.p
            self.mask = mask
        self._remember(mask=mask, p=p, output_shape=X.shape)
        return dropout_forward(X, mask, p)

    def backward(self, dY: Any) -> np.ndarray:
        """Return ``dY`` through the same mask and scale."""
        cache, dA = self._recall(dY)
        return dropout_backward(dA, cache["mask"], cache["p"])
