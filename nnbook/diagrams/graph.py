r"""The computational graph of a :class:`~nnbook.autodiff.Value`, drawn with Matplotlib.

Taught in Chapter 3, section :ref:`nn-autodiff-graph`. The figure is drawn
from the engine's own graph (:func:`nnbook.autodiff.graph.topological_order`),
so it shows exactly what :meth:`~nnbook.autodiff.scalar.Value.backward` walks:
every node with its operation, its forward value and its gradient, every
edge with the local derivative and the share of the gradient that flows
back along it.

Why Matplotlib and a hand-written layout rather than Graphviz: ``nnbook``
depends only on NumPy, PyTorch and Matplotlib, and Graphviz would add a
system package to every machine that builds the book. The graphs drawn here
have one output and a dozen nodes, where a simple layered layout is enough:

* each node's **layer** is its distance from the output, counted along the
  longest path (so every edge goes down at least one layer, and a leaf sits
  just above the first node that uses it);
* within a layer, nodes are ordered by the mean position of the nodes they
  feed (the barycentre heuristic), which keeps the edges of a tree from
  crossing.

The forward pass runs from the top (the leaves) to the bottom (the output);
the gradients flow back up.
"""

from collections import defaultdict
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from nnbook.autodiff.graph import topological_order
from nnbook.autodiff.scalar import Value
from nnbook.plotting.style import PALETTE, new_or_given_axes

__all__ = ["draw_graph", "graph_layout"]

# Operation names as the figure prints them (times, sigma, minus x).
_SYMBOLS = {"*": "\u00d7", "sigmoid": "\u03c3", "neg": "\u2212x"}
_BOX_W, _BOX_H = 1.75, 1.1  # node size, in the layout's units
_DX, _DY = 2.7, 2.0  # distance between neighbours and between layers
# Text size, in points: a graph four columns wide, about 460 pt, shrinks to a
# 358 px column on a phone, where 13 pt still reads at >= 9 CSS px.
_TEXT_PT = 13


def graph_layout(root: Value) -> dict[int, tuple[float, float]]:
    """Place every node of the graph of ``root``: ``id(node) -> (x, y)``.

    Layer :math:`k` (:math:`k` steps above the output) has :math:`y = k`,
    in units of one layer; :math:`x` is in units of one node.

    Examples
    --------
    >>> from nnbook.autodiff import Value
    >>> a, b = Value(1.0), Value(2.0)
    >>> c = a * b
    >>> positions = graph_layout(c)
    >>> positions[id(c)], positions[id(a)], positions[id(b)]
    ((0.0, 0.0), (-0.5, 1.0), (0.5, 1.0))
    """
    order = topological_order(root)
    children: dict[int, list[Value]] = defaultdict(list)
    for node in order:
        for parent in node.parents:
            if node not in children[id(parent)]:
                children[id(parent)].append(node)
    layer = {id(root): 0}
    for node in reversed(order[:-1]):  # children before parents
        layer[id(node)] = 1 + max(layer[id(child)] for child in children[id(node)])
    # A leaf goes just above its highest user (every edge must go down), not
    # at the top of the figure; with one user, just above that one.
    for node in order:
        if not node.parents:
            layer[id(node)] = 1 + max(
                layer[id(c)] for c in children[id(node)] or [root]
            )
    by_layer: dict[int, list[Value]] = defaultdict(list)
    for node in reversed(order):
        by_layer[layer[id(node)]].append(node)
    x: dict[int, float] = {}
    for k in sorted(by_layer):  # from the output up: children are placed first
        nodes = by_layer[k]
        wanted = {
            id(n): sum(x[id(c)] for c in children[id(n)]) / len(children[id(n)])
            if children[id(n)]
            else 0.0
            for n in nodes
        }
        nodes.sort(key=lambda n: wanted[id(n)])
        centre = sum(wanted.values()) / len(nodes)
        for i, n in enumerate(nodes):
            x[id(n)] = centre + i - (len(nodes) - 1) / 2
    return {key: (x[key], float(layer[key])) for key in x}


def draw_graph(root: Value, *, ax: Axes | None = None, digits: int = 3) -> Figure:
    r"""Draw the computational graph of ``root``, with its values and gradients.

    Parameters
    ----------
    root : Value
        The output, usually the loss; call ``root.backward()`` first so the
        gradients are there to show.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if None.
    digits : int, default 3
        Decimals of the numbers shown.

    Returns
    -------
    matplotlib.figure.Figure
        Each node is a box with its name (its ``label``, or the operation),
        its value and, in vermillion, its gradient
        :math:`\partial L / \partial\,\text{node}`. Each edge from a parent
        :math:`p` to a child :math:`c` is labelled, on its left, with the
        local derivative :math:`\partial c / \partial p` and, on its right,
        with the gradient flowing back along it,
        :math:`\partial L / \partial c \cdot \partial c / \partial p`; a
        node's gradient is the sum of the shares on its outgoing edges.

    Raises
    ------
    TypeError
        If ``root`` is not a :class:`~nnbook.autodiff.Value` or ``ax`` is not
        an Axes.

    Examples
    --------
    >>> from nnbook.autodiff import Value
    >>> w = Value(2.0, label="w")
    >>> loss = w * w
    >>> loss.backward()
    >>> draw_graph(loss).axes[0].get_title()
    ''
    """
    if not isinstance(root, Value):
        msg = (
            f"draw_graph(): argument 'root' must be an nnbook.autodiff.Value; got "
            f"{type(root).__name__}. Draw a scalar graph: a Tensor graph's "
            "nodes hold arrays, too large for a box."
        )
        raise TypeError(msg)
    positions = graph_layout(root)
    xs = [p[0] for p in positions.values()]
    n_layers = 1 + max(p[1] for p in positions.values())
    width = (max(xs) - min(xs)) * _DX + _BOX_W + 2.0
    figure, ax = new_or_given_axes(
        ax, (0.62 * width + 0.4, 0.62 * n_layers * _DY), func="draw_graph"
    )

    def point(node: Value) -> tuple[float, float]:
        x, y = positions[id(node)]
        return x * _DX, y * _DY

    fmt = f"{{:.{digits}f}}"
    for node in topological_order(root):
        _draw_node(ax, node, point(node), fmt)
        for parent, local in zip(node.parents, node.local_grads, strict=True):
            _draw_edge(ax, point(parent), point(node), local, node.grad * local, fmt)
    ax.set_xlim(min(xs) * _DX - _BOX_W / 2 - 1.0, max(xs) * _DX + _BOX_W / 2 + 1.0)
    ax.set_ylim(-_BOX_H / 2 - 0.2, (n_layers - 1) * _DY + _BOX_H / 2 + 0.2)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return figure


def _name(node: Value) -> str:
    """Return the node's label, its operation in symbols, or both."""
    op = node.op
    if op.endswith(" -"):  # a constant minus the node: "1 -" reads "1 minus x"
        op = f"{op[:-2]} \u2212 x"
    op = _SYMBOLS.get(
        op, op.replace("*", _SYMBOLS["*"], 1) if op.startswith("* ") else op
    )
    if node.label and node.op:
        return f"{node.label} = {op}"
    return node.label or op


def _draw_node(ax: Axes, node: Value, xy: tuple[float, float], fmt: str) -> None:
    x, y = xy
    leaf = not node.parents
    ax.add_patch(
        FancyBboxPatch(
            (x - _BOX_W / 2, y - _BOX_H / 2),
            _BOX_W,
            _BOX_H,
            boxstyle="round,pad=0.02,rounding_size=0.15",
            facecolor="#E8F1F8" if leaf else "white",
            edgecolor=PALETTE[0],
            linewidth=1.4,
        )
    )
    text: dict[str, Any] = {"ha": "center", "va": "center", "fontsize": _TEXT_PT}
    ax.text(x, y + 0.32, _name(node), fontweight="bold", **text)
    ax.text(x, y, fmt.format(node.data), **text)
    ax.text(x, y - 0.32, "grad " + fmt.format(node.grad), color=PALETTE[1], **text)


def _draw_edge(
    ax: Axes,
    start: tuple[float, float],
    end: tuple[float, float],
    local: float,
    share: float,
    fmt: str,
) -> None:
    (x0, y0), (x1, y1) = start, end
    y0, y1 = y0 - _BOX_H / 2, y1 + _BOX_H / 2  # from the bottom of the parent
    ax.annotate(
        "",
        xy=(x1, y1),
        xytext=(x0, y0),
        arrowprops={"arrowstyle": "-|>", "color": "0.35", "linewidth": 1.1},
    )
    # Beside the middle of the edge, on the side away from its neighbours:
    # an edge leaning right (a parent on the left) gets its labels on the left.
    xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
    side = -1.0 if x1 > x0 + 1e-9 else 1.0 if x1 < x0 - 1e-9 else 0.0
    small: dict[str, Any] = {"fontsize": _TEXT_PT}
    if side == 0.0:  # a vertical edge: one label on each side
        ax.text(
            xm - 0.1,
            ym,
            "∂ " + fmt.format(local),
            ha="right",
            va="center",
            color="0.2",
            **small,
        )
        ax.text(
            xm + 0.1,
            ym,
            "↑ " + fmt.format(share),
            ha="left",
            va="center",
            color=PALETTE[1],
            **small,
        )
        return
    ha = "right" if side < 0 else "left"
    xt = xm + side * 0.3
    ax.text(
        xt,
        ym + 0.02,
        "∂ " + fmt.format(local),
        ha=ha,
        va="bottom",
        color="0.2",
        **small,
    )
    ax.text(
        xt,
        ym - 0.02,
        "↑ " + fmt.format(share),
        ha=ha,
        va="top",
        color=PALETTE[1],
        **small,
    )
