"""The graph of nnbook.autodiff: topological order, accumulation, depth."""

import sys

import numpy as np
import pytest

from nnbook.autodiff import Tensor, Value, backpropagate, edges, topological_order


def test_topological_order_puts_every_node_after_its_parents(rng):
    leaves = [Value(float(v)) for v in rng.standard_normal(5)]
    node = leaves[0]
    for i in rng.integers(5, size=30):  # a random graph with reused leaves
        node = node * leaves[i] + leaves[(i + 1) % 5]
    order = topological_order(node)
    position = {id(n): k for k, n in enumerate(order)}
    assert order[-1] is node
    assert len(position) == len(order)  # every node once
    for child in order:
        for parent in child.parents:
            assert position[id(parent)] < position[id(child)]


def test_edges_list_a_reused_value_once_per_use():
    x = Value(2.0)
    y = x * x
    assert [(p is x, c is y, i) for p, c, i in edges(y)] == [
        (True, True, 0),
        (True, True, 1),
    ]


def test_a_value_used_twice_gets_the_sum_of_both_shares():
    x, y = Value(3.0), Value(4.0)
    f = x * y + x  # df/dx = y + 1
    f.backward()
    assert (x.grad, y.grad) == (5.0, 3.0)


def test_a_diamond_adds_both_paths():
    x = Value(0.5)
    u, v = x.tanh(), x.exp()
    f = u * v  # df/dx = (1 - tanh^2) e^x + tanh e^x
    f.backward()
    expected = (1 - np.tanh(0.5) ** 2) * np.exp(0.5) + np.tanh(0.5) * np.exp(0.5)
    assert x.grad == pytest.approx(expected, rel=1e-15)


def test_backward_adds_to_grad_until_zeroed():
    x = Value(3.0)
    y = x * x
    y.backward()
    y.backward()
    assert x.grad == 12.0
    y.zero_grad()
    assert x.grad == 0.0
    y.backward()
    assert x.grad == 6.0


def test_backpropagate_returns_every_nodes_gradient():
    x = Value(2.0)
    y = x * 3.0
    grads = backpropagate(y, 1.0)
    assert grads == {id(y): 1.0, id(x): 3.0}


def test_a_chain_of_10000_values_needs_no_recursion():
    assert sys.getrecursionlimit() < 10_000 * 2
    x = Value(1.0)
    y = x
    for _ in range(10_000):
        y = y * 1.0001
    y.backward()
    assert x.grad == pytest.approx(1.0001**10_000, rel=1e-9)
    assert len(topological_order(y)) == 10_001


def test_a_chain_of_10000_tensors_needs_no_recursion():
    x = Tensor(np.ones((2, 2)))
    y = x
    for _ in range(10_000):
        y = y + 1.0
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, np.ones((2, 2)))
