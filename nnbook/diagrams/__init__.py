"""Diagrams drawn from the numbers ``nnbook`` computes, with Matplotlib.

Names are imported lazily, as in :mod:`nnbook`: ``from nnbook.diagrams
import draw_network`` loads :mod:`nnbook.diagrams.network` only.
"""

from nnbook._lazy import attach

_SOURCES: dict[str, str] = {
    "draw_neuron": "neuron",
    "draw_network": "network",
}

__all__ = sorted(_SOURCES)

__getattr__, __dir__ = attach(__name__, _SOURCES)
