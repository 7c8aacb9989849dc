"""Tests for the diagrams of a neuron and of a network (Chapters 1 and 2)."""

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from strategies import float_arrays

import nnbook
from nnbook.diagrams import draw_network, draw_neuron
from nnbook.diagrams._drawing import MAX_LINEWIDTH
from nnbook.plotting import PALETTE

BLUE, VERMILLION = PALETTE[0].lower(), PALETTE[1].lower()
X_WORKED, W_WORKED, B_WORKED = [1.0, 2.0, 3.0], [0.5, -0.2, 0.1], 0.3


def edges(fig: Figure) -> dict[str, FancyArrowPatch]:
    """The edges of a diagram by name (their label), e.g. ``"W1[0, 1]"``."""
    return {
        patch.get_label(): patch
        for ax in fig.axes
        for patch in ax.patches
        if isinstance(patch, FancyArrowPatch)
    }


def texts(fig: Figure) -> list[str]:
    return [text.get_text() for ax in fig.axes for text in ax.texts]


def is_dashed(patch: FancyArrowPatch) -> bool:
    return patch.get_linestyle() not in ("-", "solid")


def svg_of(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    return buffer.getvalue()


# --- one neuron ---------------------------------------------------------------


@pytest.mark.parametrize("n_inputs", [1, 3, 6])
def test_neuron_with_symbols_has_one_edge_per_input(n_inputs):
    fig = draw_neuron(n_inputs=n_inputs)
    labels = texts(fig)
    for j in range(1, n_inputs + 1):
        assert f"$x_{j}$" in labels
        assert f"$w_{j}$" in labels
    assert {"$b$", r"$\Sigma$", "$g$", r"$z = w \cdot x + b$", "$a = g(z)$"} <= set(
        labels
    )
    names = set(edges(fig))
    assert names == {f"w[{j}]" for j in range(n_inputs)} | {"b", "z", "a"}


def test_neuron_with_symbols_names_a_given_activation():
    labels = texts(draw_neuron(activation="relu"))
    assert r"$\mathrm{ReLU}$" in labels
    assert r"$a = \mathrm{ReLU}(z)$" in labels


@pytest.mark.parametrize("activation", ["sigmoid", "relu", "tanh"])
def test_neuron_numbers_are_what_forward_neuron_computes(activation):
    fig = draw_neuron(X_WORKED, W_WORKED, B_WORKED, activation=activation)
    z, a = nnbook.forward_neuron(X_WORKED, W_WORKED, B_WORKED, activation=activation)
    labels = texts(fig)
    assert f"$z = {z:.4g}$" in labels
    assert f"$a = {a:.4g}$" in labels
    assert [label for label in labels if label.startswith("$x")] == [
        "$x_1 = 1$",
        "$x_2 = 2$",
        "$x_3 = 3$",
    ]
    assert "$w_2 = -0.2$" in labels
    assert "$b = 0.3$" in labels


def test_neuron_edges_follow_the_weights():
    fig = draw_neuron(X_WORKED, W_WORKED, B_WORKED, activation="sigmoid")
    found = edges(fig)
    largest = max(map(abs, [*W_WORKED, B_WORKED]))
    for j, w in enumerate(W_WORKED):
        patch = found[f"w[{j}]"]
        assert patch.get_linewidth() == pytest.approx(MAX_LINEWIDTH * abs(w) / largest)
        assert to_hex(patch.get_edgecolor()) == (BLUE if w > 0 else VERMILLION)
        assert is_dashed(patch) == (w < 0)
    assert found["b"].get_linewidth() == pytest.approx(
        MAX_LINEWIDTH * B_WORKED / largest
    )


def test_neuron_of_zero_weights_draws_edges_without_width():
    fig = draw_neuron([1.0, 2.0], [0.0, 0.0], 0.0, activation="linear")
    assert [edges(fig)[f"w[{j}]"].get_linewidth() for j in range(2)] == [0.0, 0.0]
    assert "$a = 0$" in texts(fig)


def test_neuron_on_given_axes_returns_its_figure_and_saves_to_svg():
    fig = Figure()
    ax = fig.subplots()
    assert draw_neuron(ax=ax) is fig
    assert "<svg" in svg_of(fig)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"x": X_WORKED}, ValueError, r"go together.*got only 'x'"),
        ({"w": W_WORKED, "b": 0.3}, ValueError, r"got only 'w', 'b'"),
        (
            {"x": X_WORKED, "w": W_WORKED, "b": 0.3},
            ValueError,
            r"'activation' is needed to draw numbers",
        ),
        (
            {"x": X_WORKED, "w": W_WORKED, "b": 0.3, "activation": "sigmiod"},
            ValueError,
            r"^draw_neuron\(\): argument 'activation' must be one of",
        ),
        (
            {"x": X_WORKED, "w": [1.0, 2.0], "b": 0.3, "activation": "relu"},
            ValueError,
            r"^draw_neuron\(\): x has 3 entries but w has 2",
        ),
        (
            {"x": np.ones(7), "w": np.ones(7), "b": 0.3, "activation": "relu"},
            ValueError,
            r"'x' must have 1 to 6 inputs.*got 7",
        ),
        (
            {
                "x": X_WORKED,
                "w": W_WORKED,
                "b": 0.3,
                "activation": "relu",
                "n_inputs": 3,
            },
            ValueError,
            r"'n_inputs' is for the diagram with symbols",
        ),
        (
            {"n_inputs": 0},
            ValueError,
            r"'n_inputs' must be an integer from 1 to 6; got 0",
        ),
        (
            {"n_inputs": 7},
            ValueError,
            r"'n_inputs' must be an integer from 1 to 6; got 7",
        ),
        ({"n_inputs": 2.0}, TypeError, r"'n_inputs'"),
        ({"ax": "ax"}, TypeError, r"draw_neuron\(\): argument 'ax' must be a"),
    ],
)
def test_neuron_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        draw_neuron(**kwargs)


# --- a network ----------------------------------------------------------------


@pytest.mark.parametrize("sizes", [[2, 4, 1], [3, 5, 2], [2, 3, 3, 1], [1, 1]])
def test_network_has_one_edge_per_weight_and_labelled_layers(sizes):
    params = nnbook.initialize_parameters(sizes, rng=0)
    fig = draw_network(params)
    (ax,) = fig.axes
    n_layers = len(sizes) - 1
    expected = {
        f"W{layer}[{k}, {j}]"
        for layer in range(1, n_layers + 1)
        for k in range(sizes[layer])
        for j in range(sizes[layer - 1])
    }
    assert set(edges(fig)) == expected
    assert ax.get_title() == " → ".join(map(str, sizes))
    labels = texts(fig)
    assert [label for label in labels if label.startswith("$x_")] == [
        f"$x_{{{j}}}$" for j in range(1, sizes[0] + 1)
    ]
    assert f"$a^{{[{n_layers}]}}_{{{sizes[-1]}}}$" in labels
    assert f"input\n$n_{{0}} = {sizes[0]}$" in labels
    assert f"output\n$n_{{{n_layers}}} = {sizes[-1]}$" in labels


@settings(max_examples=25)  # each example builds a figure
@given(
    float_arrays(shape=(3, 2), min_value=-10, max_value=10),
    float_arrays(shape=(1, 3), min_value=-10, max_value=10),
)
def test_network_edge_width_is_proportional_to_abs_w_and_colour_follows_sign(W1, W2):
    params = {"W1": W1, "b1": np.zeros(3), "W2": W2, "b2": np.zeros(1)}
    found = edges(draw_network(params))
    largest = max(np.abs(W1).max(), np.abs(W2).max()) or 1.0
    for name, W in (("W1", W1), ("W2", W2)):
        for (k, j), w in np.ndenumerate(W):
            patch = found[f"{name}[{k}, {j}]"]
            assert patch.get_linewidth() == pytest.approx(
                MAX_LINEWIDTH * abs(w) / largest
            )
            assert to_hex(patch.get_edgecolor()) == (BLUE if w >= 0 else VERMILLION)
            assert is_dashed(patch) == (w < 0)


def test_network_weight_scale_is_shared_between_diagrams():
    params = {"W1": np.array([[1.0, -2.0]]), "b1": np.zeros(1)}
    own = edges(draw_network(params))
    shared = edges(draw_network(params, weight_scale=4.0))
    assert own["W1[0, 1]"].get_linewidth() == pytest.approx(MAX_LINEWIDTH)
    assert shared["W1[0, 1]"].get_linewidth() == pytest.approx(MAX_LINEWIDTH / 2)
    assert shared["W1[0, 0]"].get_linewidth() == pytest.approx(MAX_LINEWIDTH / 4)


def test_network_of_a_trained_model_before_and_after_on_given_axes():
    X, y = nnbook.make_xor()
    net = nnbook.Network([2, 4, 1], rng=0)
    before = net.parameters
    net.fit(X, y, epochs=50, learning_rate=0.5)
    fig = Figure(layout="constrained")
    left, right = fig.subplots(1, 2)
    assert draw_network(before, ax=left, title="before", legend=False) is fig
    assert draw_network(net.parameters, ax=right, title="after") is fig
    assert (left.get_title(), right.get_title()) == ("before", "after")
    assert left.get_legend() is None
    assert [t.get_text() for t in right.get_legend().get_texts()] == [
        "$w > 0$",
        "$w < 0$",
    ]
    svg = svg_of(fig)
    assert svg.lstrip().startswith("<?xml")
    assert "<svg" in svg


def test_network_of_zero_weights_draws_no_widths():
    params = nnbook.initialize_parameters([2, 2, 1], method="zeros")
    widths = {p.get_linewidth() for p in edges(draw_network(params)).values()}
    assert widths == {0.0}


@pytest.mark.parametrize(
    ("parameters", "kwargs", "error", "match"),
    [
        ([np.ones((4, 2))], {}, TypeError, r"'parameters' must be a dict.*got list"),
        (
            {"W1": np.ones((4, 2))},
            {},
            ValueError,
            r"missing \['b1'\]",
        ),
        (
            {
                "W1": np.ones((4, 2)),
                "b1": np.zeros(4),
                "W2": np.ones((1, 3)),
                "b2": np.zeros(1),
            },
            {},
            ValueError,
            r"W2 of shape \(1, 3\) but W1 has 4 rows",
        ),
        (
            {"W1": np.ones((4, 2)), "b1": np.zeros(3)},
            {},
            ValueError,
            r"b1 of shape \(3,\) but W1 of shape \(4, 2\)",
        ),
        (
            {"W1": np.ones((13, 2)), "b1": np.zeros(13)},
            {},
            ValueError,
            r"at most 12 units per layer.*\(2, 13\)",
        ),
        (
            {"W1": np.array([[3.0, 1.0]]), "b1": np.zeros(1)},
            {"weight_scale": 2.0},
            ValueError,
            r"'weight_scale' must be at least the largest \|w\|.*3.*got 2",
        ),
        (
            {"W1": np.ones((1, 2)), "b1": np.zeros(1)},
            {"weight_scale": -1.0},
            ValueError,
            r"'weight_scale' must be positive",
        ),
        (
            {"W1": np.ones((1, 2)), "b1": np.zeros(1)},
            {"ax": "ax"},
            TypeError,
            r"draw_network\(\): argument 'ax' must be a",
        ),
    ],
)
def test_network_errors(parameters, kwargs, error, match):
    with pytest.raises(error, match=match):
        draw_network(parameters, **kwargs)


@settings(max_examples=10)
@given(st.integers(1, 4), st.integers(1, 4))
def test_draw_network_agrees_with_initialize_parameters_shapes(n_in, n_hidden):
    params = nnbook.initialize_parameters([n_in, n_hidden, 1], rng=0)
    assert len(edges(draw_network(params))) == n_in * n_hidden + n_hidden
