"""The computational-graph diagram and the neuron it is usually drawn for."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from nnbook.autodiff import Tensor, Value, neuron_graph, topological_order
from nnbook.diagrams import draw_graph
from nnbook.diagrams.graph import graph_layout


def _neuron():
    graph = neuron_graph([1.0, 2.0, 3.0], [0.5, -0.2, 0.1], 0.3, 0)
    graph.loss.backward()
    return graph


def test_every_edge_goes_down_and_no_two_nodes_overlap():
    loss = _neuron().loss
    positions = graph_layout(loss)
    for child in topological_order(loss):
        for parent in child.parents:
            assert positions[id(parent)][1] > positions[id(child)][1]
    assert len(set(positions.values())) == len(positions)
    assert positions[id(loss)] == (0.0, 0.0)


def test_the_diagram_shows_every_value_gradient_and_local_derivative():
    loss = _neuron().loss
    figure = draw_graph(loss)
    assert isinstance(figure, Figure)
    texts = {t.get_text() for t in figure.axes[0].texts}
    for node in topological_order(loss):
        assert f"{node.data:.3f}" in texts
        assert f"grad {node.grad:.3f}" in texts
        for local in node.local_grads:
            assert f"∂ {local:.3f}" in texts
            assert f"↑ {node.grad * local:.3f}" in texts
    assert {"w1", "b", "a = \u03c3", "\u2113 = \u2212x"} <= texts  # sigma, ell, minus


def test_draw_graph_refuses_a_tensor():
    with pytest.raises(TypeError, match=r"draw_graph\(\): argument 'root' must be"):
        draw_graph(Tensor([1.0]))


def test_draw_graph_refuses_a_non_axes():
    with pytest.raises(TypeError, match=r"draw_graph\(\): argument 'ax'"):
        draw_graph(Value(1.0) * 2.0, ax="axes")


def test_the_neuron_graph_gives_chapter_2s_gradients():
    graph = _neuron()
    a = graph.a.data
    np.testing.assert_allclose([w.grad for w in graph.w], [a, 2 * a, 3 * a], rtol=1e-15)
    assert graph.z.grad == pytest.approx(a, rel=1e-15)  # a - y with y = 0


def test_the_neuron_graph_with_label_1():
    graph = neuron_graph([1.0], [2.0], -1.0, 1)
    graph.loss.backward()
    assert graph.z.grad == pytest.approx(graph.a.data - 1.0, rel=1e-14)


def test_the_neuron_graph_refuses_lengths_that_differ():
    with pytest.raises(
        ValueError, match=r"neuron_graph\(\): arguments 'x' and 'w' must"
    ):
        neuron_graph([1.0, 2.0], [1.0], 0.0, 0)


def test_the_neuron_graph_refuses_a_label_other_than_0_or_1():
    with pytest.raises(
        ValueError, match=r"neuron_graph\(\): argument 'y' must be 0 or 1"
    ):
        neuron_graph([1.0], [1.0], 0.0, 0.5)


def test_a_leaf_used_at_two_depths_sits_above_its_highest_user():
    # x feeds the mean (high up) and x - mean (lower): batch norm's shape.
    x, y = Value(1.0), Value(3.0)
    mu = (x + y) * 0.5
    out = (x - mu) * 2.0
    positions = graph_layout(out)
    assert positions[id(x)][1] > positions[id(mu)][1]
