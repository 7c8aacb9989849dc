"""Diagrams drawn from ``nnbook``'s own objects, with Matplotlib."""

from nnbook.diagrams.graph import draw_graph

__all__ = ["draw_graph"]
