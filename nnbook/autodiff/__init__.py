r"""Reverse-mode automatic differentiation, built from scratch (Chapter 3).

Two engines share one graph (:mod:`nnbook.autodiff.graph`): :class:`Value`
on Python floats, small enough to read in one sitting and to draw
(:func:`nnbook.diagrams.draw_graph`), and :class:`Tensor` on NumPy arrays,
enough to train Chapter 2's networks. Neither keeps global state: a graph
lives in the nodes reachable from its output.

==========================================  ===================================
module                                      what it holds
==========================================  ===================================
:mod:`nnbook.autodiff.graph`                nodes, edges, topological order,
                                            the backward pass
:mod:`nnbook.autodiff.scalar`               :class:`Value`
:mod:`nnbook.autodiff.tensor`               :class:`Tensor`
:mod:`nnbook.autodiff.ops`                  ``+``, ``*``, ``@``, broadcasting
:mod:`nnbook.autodiff.elementwise`          activations, ``exp``, ``log``
:mod:`nnbook.autodiff.reductions`           sum, mean, log-sum-exp
:mod:`nnbook.autodiff.losses`               the losses of Chapters 1-2
:mod:`nnbook.autodiff.neuron`               Chapter 2's neuron as a graph
==========================================  ===================================

Names are imported lazily, as in :mod:`nnbook`: ``from nnbook.autodiff
import Tensor`` loads :mod:`nnbook.autodiff.tensor` only.
"""

from nnbook._lazy import attach

_SOURCES: dict[str, str] = {
    "Value": "scalar",
    "Tensor": "tensor",
    "topological_order": "graph",
    "backpropagate": "graph",
    "edges": "graph",
    "add": "ops",
    "mul": "ops",
    "neg": "ops",
    "matmul": "ops",
    "transpose": "ops",
    "reshape": "ops",
    "unbroadcast": "ops",
    "exp": "elementwise",
    "log": "elementwise",
    "relu": "elementwise",
    "sigmoid": "elementwise",
    "tanh": "elementwise",
    "softplus": "elementwise",
    "reduce_sum": "reductions",
    "reduce_mean": "reductions",
    "logsumexp": "reductions",
    "neuron_graph": "neuron",
    "NeuronGraph": "neuron",
    "mse_loss": "losses",
    "binary_cross_entropy_with_logits": "losses",
    "categorical_cross_entropy_with_logits": "losses",
}

__all__ = sorted(_SOURCES)

__getattr__, __dir__ = attach(__name__, _SOURCES)
