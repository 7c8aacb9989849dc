"""Diagrams drawn from the numbers ``nnbook`` computes, with Matplotlib.

A neuron, a network drawn from its parameters, and a computational graph
with its forward values and gradients. Names are imported lazily, as in
:mod:`nnbook`: ``from nnbook.diagrams import draw_network`` loads
:mod:`nnbook.diagrams.network` only.
"""

from nnbook._lazy import attach

_SOURCES: dict[str, str] = {
    "draw_graph": "graph",
    "draw_neuron": "neuron",
    "draw_network": "network",
}

__all__ = sorted(_SOURCES)

__getattr__, __dir__ = attach(__name__, _SOURCES)
