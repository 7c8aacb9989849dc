r"""The computational graph as data: nodes, edges, topological order, backward.

Taught in Chapter 3, section :ref:`nn-autodiff-scalar`.
Both engines of :mod:`nnbook.autodiff` (:class:`~nnbook.autodiff.scalar.Value`
on numbers, :class:`~nnbook.autodiff.tensor.Tensor` on NumPy arrays) build
the same kind of graph. A **node** is any object with

* ``parents``, the tuple of nodes it was computed from (its incoming
  edges; a leaf has none), and
* ``backward_rule(grad)``, which takes :math:`\partial L / \partial
  \text{node}` and returns one gradient per parent: the chain rule of the
  operation that made the node.

Nothing else is shared, so this module works for both engines and holds no
state of its own: a graph is reachable from its output node alone. The
functions here walk it with an explicit stack instead of recursion, so a
chain of 10,000 operations, deeper than Python's recursion limit, works.
"""

from collections.abc import Iterator
from typing import Any, Protocol, TypeVar

__all__ = ["Node", "backpropagate", "edges", "topological_order"]


class Node(Protocol):
    """What :func:`backpropagate` needs of a node."""

    parents: tuple[Any, ...]

    def backward_rule(self, grad: Any) -> tuple[Any, ...]:
        """Return one gradient per parent, given the gradient of this node."""
        ...  # pragma: no cover


NodeT = TypeVar("NodeT", bound=Node)


def topological_order(root: NodeT) -> list[NodeT]:
    """List the nodes ``root`` depends on, every node after its parents.

    Parameters
    ----------
    root : node
        The output of the computation, usually the loss.

    Returns
    -------
    list
        Each node once (a node used twice is still listed once), leaves
        first and ``root`` last.

    Notes
    -----
    A depth-first search that appends a node once all its parents are
    listed (post-order). The stack holds ``(node, parents_done)`` pairs
    where a recursive version would hold call frames, so the depth of the
    graph is limited by memory, not by ``sys.getrecursionlimit()``.

    Examples
    --------
    >>> from nnbook.autodiff import Value
    >>> x = Value(2.0, label="x")
    >>> y = x * x + x
    >>> [node.label or node.op for node in topological_order(y)]
    ['x', '*', '+']
    """
    order: list[NodeT] = []  # a graph's nodes are all of its root's kind
    seen: set[int] = set()
    stack: list[tuple[NodeT, bool]] = [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))  # comes back once its parents are out
            stack.extend(
                (parent, False) for parent in node.parents if id(parent) not in seen
            )
    return order


def edges(root: NodeT) -> Iterator[tuple[NodeT, NodeT, int]]:
    """Yield every edge ``(parent, child, position)`` of the graph of ``root``.

    ``position`` is the parent's place among ``child.parents``, so that
    ``x * x`` gives two edges from ``x``, at positions 0 and 1.

    Examples
    --------
    >>> from nnbook.autodiff import Value
    >>> x = Value(3.0, label="x")
    >>> [(p.label, c.op, i) for p, c, i in edges(x * x)]
    [('x', '*', 0), ('x', '*', 1)]
    """
    for child in topological_order(root):
        for position, parent in enumerate(child.parents):
            yield parent, child, position


def backpropagate(root: Node, seed: Any) -> dict[int, Any]:
    r"""Run the chain rule backwards from ``root``; return every node's gradient.

    Parameters
    ----------
    root : node
        The node to differentiate, usually the loss.
    seed : float or numpy.ndarray
        :math:`\partial L / \partial \text{root}`: 1 for a scalar loss.

    Returns
    -------
    dict
        ``id(node) -> gradient`` for every node of the graph.

    Notes
    -----
    Nodes are visited in reverse topological order, so a node's gradient is
    complete (every child has added its share) before it is passed on. A
    node used by several children receives one share from each and the
    shares are **added**: :math:`\partial L / \partial x = \sum_c
    \partial L / \partial c \cdot \partial c / \partial x`, the multivariable
    chain rule. Replacing the ``+`` with ``=`` keeps only the last share,
    the bug Chapter 3 shows.

    Examples
    --------
    >>> from nnbook.autodiff import Value
    >>> x = Value(3.0)
    >>> y = x * x  # dy/dx = 2x = 6
    >>> grads = backpropagate(y, 1.0)
    >>> float(grads[id(x)])
    6.0
    """
    grads: dict[int, Any] = {id(root): seed}
    for node in reversed(topological_order(root)):
        grad = grads[id(node)]
        for parent, share in zip(node.parents, node.backward_rule(grad), strict=True):
            if id(parent) in grads:
                grads[id(parent)] = grads[id(parent)] + share  # accumulate
            else:
                grads[id(parent)] = share
    return grads
