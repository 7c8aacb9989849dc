"""Tests for nnbook.forward: known values, layouts, and every error message."""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import float_arrays

from nnbook.activations import ACTIVATIONS, get_activation, relu, sigmoid
from nnbook.forward import forward_layer, forward_network, forward_neuron

# --- forward_neuron ---------------------------------------------------------


def test_neuron_seed_example():
    z, a = forward_neuron([1.0, 2.0, 3.0], [0.5, -0.2, 0.1], 0.3, activation="relu")
    assert z == pytest.approx(0.7)
    assert a == pytest.approx(0.7)
    assert isinstance(z, float)
    assert isinstance(a, float)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_neuron_applies_each_activation(name):
    x, w, b = np.array([1.0, -2.0]), np.array([0.3, 0.4]), -0.1
    z, a = forward_neuron(x, w, b, activation=name)
    assert z == pytest.approx(0.3 - 0.8 - 0.1)
    assert a == pytest.approx(float(ACTIVATIONS[name].function(z)))


def test_neuron_accepts_activation_object():
    _z, a = forward_neuron([2.0], [1.0], 0.0, activation=get_activation("sigmoid"))
    assert a == pytest.approx(1 / (1 + np.exp(-2.0)))


def test_neuron_unknown_activation_raises_never_linear():
    with pytest.raises(ValueError, match=r"argument 'activation' must be one of"):
        forward_neuron([1.0], [1.0], 0.0, activation="sigmiod")


def test_neuron_activation_type_error():
    with pytest.raises(TypeError, match=r"must be a string"):
        forward_neuron([1.0], [1.0], 0.0, activation=3)


def test_neuron_length_mismatch():
    with pytest.raises(ValueError, match=r"x has 2 entries but w has 3"):
        forward_neuron([1.0, 2.0], [1.0, 2.0, 3.0], 0.0)


def test_neuron_x_must_be_vector():
    with pytest.raises(ValueError, match=r"argument 'x' must be a 1-D array"):
        forward_neuron([[1.0, 2.0]], [1.0, 2.0], 0.0)


def test_neuron_bias_must_be_scalar():
    with pytest.raises(ValueError, match=r"argument 'b' must be a scalar"):
        forward_neuron([1.0], [1.0], [0.0, 1.0])


# --- forward_layer ----------------------------------------------------------


@pytest.fixture
def layer_example():
    X = np.array([[1.0, 2.0], [2.0, 3.0], [3.0, 4.0]])
    W = np.array([[0.5, -0.2, 0.1], [-1.0, 0.0, 0.0], [0.0, 1.0, -1.0]])
    b = np.array([0.3, 0.5, 0.0])
    # Computed by hand, one column per sample.
    Z = np.array([[0.7, 1.1], [-0.5, -1.5], [-1.0, -1.0]])
    return X, W, b, Z


def test_layer_known_values(layer_example):
    X, W, b, Z_expected = layer_example
    Z, A = forward_layer(X, W, b)
    np.testing.assert_allclose(Z, Z_expected, atol=1e-12)
    np.testing.assert_allclose(A, np.maximum(Z_expected, 0.0), atol=1e-12)


def test_layer_column_bias_same_as_flat_bias(layer_example):
    X, W, b, _ = layer_example
    np.testing.assert_array_equal(
        forward_layer(X, W, b)[0], forward_layer(X, W, b.reshape(-1, 1))[0]
    )


def test_layer_square_case_adds_bias_per_unit():
    # n_units == n_samples is where a row-broadcast bias would go unnoticed.
    X = np.zeros((2, 2))
    W = np.eye(2)
    b = np.array([1.0, 2.0])
    Z, _ = forward_layer(X, W, b, activation="linear")
    np.testing.assert_array_equal(Z, [[1.0, 1.0], [2.0, 2.0]])


@given(
    data=st.data(),
    n_features=st.integers(1, 5),
    n_units=st.integers(1, 5),
    n_samples=st.integers(1, 5),
)
def test_layer_each_column_is_a_neuron_pass(data, n_features, n_units, n_samples):
    X = data.draw(float_arrays((n_features, n_samples), -10, 10))
    W = data.draw(float_arrays((n_units, n_features), -10, 10))
    b = data.draw(float_arrays((n_units,), -10, 10))
    Z, A = forward_layer(X, W, b, activation="tanh")
    assert Z.shape == A.shape == (n_units, n_samples)
    for i in range(n_units):
        for j in range(n_samples):
            z, a = forward_neuron(X[:, j], W[i], b[i], activation="tanh")
            assert Z[i, j] == pytest.approx(z, rel=1e-12, abs=1e-12)
            assert A[i, j] == pytest.approx(a, rel=1e-12, abs=1e-12)


def test_layer_shape_mismatch_message():
    with pytest.raises(
        ValueError, match=r"W has 3 columns but X has 2 rows \(features\).*\(4, 2\)"
    ):
        forward_layer(np.ones((2, 5)), np.ones((4, 3)), np.zeros(4))


def test_layer_bias_shape_message():
    with pytest.raises(ValueError, match=r"b must have shape \(4,\) or \(4, 1\)"):
        forward_layer(np.ones((3, 5)), np.ones((4, 3)), np.zeros(3))


def test_layer_1d_input_hint():
    with pytest.raises(ValueError, match=r"argument 'X' must be a 2-D.*reshape"):
        forward_layer(np.ones(3), np.ones((4, 3)), np.zeros(4))


def test_layer_rejects_nan():
    with pytest.raises(ValueError, match=r"argument 'W' contains NaN"):
        forward_layer(np.ones((1, 1)), np.array([[np.nan]]), np.zeros(1))


def test_layer_unknown_activation():
    with pytest.raises(ValueError, match=r"'relu', 'sigmoid', 'tanh'; got 'softplus'"):
        forward_layer(np.ones((1, 1)), np.ones((1, 1)), np.zeros(1), "softplus")


# --- forward_network --------------------------------------------------------


@pytest.fixture
def two_layer():
    params = {
        "W1": np.array([[1.0, -1.0], [0.5, 0.5]]),
        "b1": np.array([0.0, -1.0]),
        "W2": np.array([[2.0, 1.0]]),
        "b2": np.array([0.5]),
    }
    X = np.array([[3.0, 0.0], [1.0, 1.0]])  # samples (3, 1) and (0, 1)
    return X, params


def test_network_hand_computed(two_layer):
    X, params = two_layer
    cache = forward_network(X, params)
    assert list(cache) == ["A0", "Z1", "A1", "Z2", "A2"]
    # Sample 1: Z1 = (3 - 1, 1.5 + 0.5 - 1) = (2, 1), Z2 = 4 + 1 + 0.5.
    # Sample 2: Z1 = (-1, -0.5) -> A1 = (0, 0), Z2 = 0.5.
    np.testing.assert_allclose(cache["Z1"], [[2.0, -1.0], [1.0, -0.5]])
    np.testing.assert_allclose(cache["A1"], [[2.0, 0.0], [1.0, 0.0]])
    np.testing.assert_allclose(cache["Z2"], [[5.5, 0.5]])
    np.testing.assert_allclose(cache["A2"], [[5.5, 0.5]])
    np.testing.assert_array_equal(cache["A0"], X)


def test_network_sigmoid_output(two_layer):
    X, params = two_layer
    cache = forward_network(X, params, output_activation="sigmoid")
    np.testing.assert_allclose(cache["A2"], sigmoid(cache["Z2"]))


def test_network_matches_layer_by_layer(rng):
    sizes = [3, 5, 4, 2]
    params = {}
    for layer, (n_in, n_out) in enumerate(itertools.pairwise(sizes), 1):
        params[f"W{layer}"] = rng.standard_normal((n_out, n_in))
        params[f"b{layer}"] = rng.standard_normal(n_out)
    X = rng.standard_normal((3, 7))
    cache = forward_network(X, params, hidden_activation="tanh")
    A = X
    for layer in (1, 2, 3):
        act = "tanh" if layer < 3 else "linear"
        Z, A = forward_layer(A, params[f"W{layer}"], params[f"b{layer}"], act)
        np.testing.assert_array_equal(cache[f"Z{layer}"], Z)
        np.testing.assert_array_equal(cache[f"A{layer}"], A)


def test_network_xor_seed_style():
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    params = {
        "W1": np.ones((4, 2)),
        "b1": np.zeros(4),
        "W2": np.ones((1, 4)),
        "b2": np.zeros(1),
    }
    cache = forward_network(X, params, output_activation="sigmoid")
    expected_Z2 = 4 * relu(X.sum(axis=0))[None, :]
    np.testing.assert_allclose(cache["A2"], sigmoid(expected_Z2))
    assert cache["A0"].dtype == np.float64


def test_network_column_bias_accepted(two_layer):
    X, params = two_layer
    column = {k: (v.reshape(-1, 1) if k[0] == "b" else v) for k, v in params.items()}
    np.testing.assert_array_equal(
        forward_network(X, column)["A2"], forward_network(X, params)["A2"]
    )


def test_network_shape_error_names_layers(two_layer):
    _, params = two_layer
    with pytest.raises(
        ValueError, match=r"W1 has 2 columns but A0 has 3 rows \(features\).*X\.T"
    ):
        forward_network(np.ones((3, 4)), params)
    bad = {**params, "W2": np.ones((1, 3))}
    with pytest.raises(
        ValueError, match=r"W2 of shape \(1, 3\) but W1 has 2 rows.*shape \(1, 2\)"
    ):
        forward_network(np.ones((2, 4)), bad)


def test_network_bias_error_names_layer(two_layer):
    _, params = two_layer
    bad = {**params, "b2": np.zeros(3)}
    with pytest.raises(
        ValueError, match=r"b2 of shape \(3,\) but W2 of shape \(1, 2\).*\(1,\)"
    ):
        forward_network(np.ones((2, 4)), bad)


@pytest.mark.parametrize(
    ("keys", "pattern"),
    [
        (["W1", "b1", "W2"], r"missing \['b2'\]"),
        (["W1", "b1", "b2"], r"missing \['W2'\]"),
        (["W1", "b1", "W3", "b3"], r"missing \['W2', 'b2'\]"),
        (["W2", "b2"], r"missing \['W1', 'b1'\]"),
        (["W1", "b1", "lr"], r"unexpected keys \['lr'\]"),
        (["W1", "b1", "W0"], r"unexpected keys \['W0'\]"),
        ([], r"'parameters' is empty"),
    ],
)
def test_network_parameter_keys(keys, pattern):
    params = {key: np.ones((1, 1)) if key[0] == "W" else np.zeros(1) for key in keys}
    with pytest.raises(ValueError, match=pattern):
        forward_network(np.ones((1, 2)), params)


def test_network_parameters_must_be_dict():
    with pytest.raises(TypeError, match=r"'parameters' must be a dict.*got list"):
        forward_network(np.ones((1, 2)), [np.ones((1, 1)), np.zeros(1)])


@pytest.mark.parametrize("argument", ["hidden_activation", "output_activation"])
def test_network_unknown_activation_names_argument(two_layer, argument):
    X, params = two_layer
    with pytest.raises(ValueError, match=rf"argument '{argument}' must be one of"):
        forward_network(X, params, **{argument: "Relu"})
