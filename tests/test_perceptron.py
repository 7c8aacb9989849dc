"""Tests for nnbook.perceptron.Perceptron."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import float_arrays

from nnbook.activations import sigmoid
from nnbook.forward import forward_neuron
from nnbook.initialization import DEFAULT_SEED
from nnbook.perceptron import Perceptron


def test_seed_worked_example():
    p = Perceptron.from_parameters([0.5, -0.2, 0.1], 0.3)
    assert p.forward([1.0, 2.0, 3.0]) == pytest.approx(0.7)
    assert isinstance(p.forward([1.0, 2.0, 3.0]), float)


def test_random_parameters_follow_seed_formula():
    # Chapter 1: weights = 0.1 * randn(n), then bias = 0.1 * randn().
    generator = np.random.default_rng(5)
    weights = 0.1 * generator.standard_normal(3)
    bias = 0.1 * generator.standard_normal()
    p = Perceptron(3, rng=5)
    np.testing.assert_array_equal(p.weights, weights)
    assert p.bias == bias
    assert isinstance(p.bias, float)


def test_default_seed_deterministic():
    p, q = Perceptron(4), Perceptron(4, rng=DEFAULT_SEED)
    np.testing.assert_array_equal(p.weights, q.weights)
    assert p.bias == q.bias


def test_different_seeds_differ():
    assert not np.array_equal(
        Perceptron(4, rng=1).weights, Perceptron(4, rng=2).weights
    )


def test_generator_accepted_and_advanced(rng):
    p, q = Perceptron(3, rng=rng), Perceptron(3, rng=rng)
    assert not np.array_equal(p.weights, q.weights)


def test_activation_applied():
    p = Perceptron.from_parameters([1.0, -1.0], 0.5, activation="sigmoid")
    assert p.forward([2.0, 1.0]) == pytest.approx(float(sigmoid(1.5)))
    assert p.activation.name == "sigmoid"


@given(
    data=st.data(),
    n=st.integers(1, 6),
    name=st.sampled_from(["linear", "relu", "sigmoid", "tanh"]),
)
def test_forward_matches_forward_neuron(data, n, name):
    w = data.draw(float_arrays((n,), -10, 10))
    b = data.draw(st.floats(-10, 10))
    x = data.draw(float_arrays((n,), -10, 10))
    p = Perceptron.from_parameters(w, b, activation=name)
    assert p.forward(x) == pytest.approx(forward_neuron(x, w, b, name)[1], abs=1e-12)


def test_batch_is_features_by_samples(rng):
    p = Perceptron(3, rng=rng, activation="tanh")
    X = rng.standard_normal((3, 5))
    out = p.forward(X)
    assert out.shape == (5,)
    np.testing.assert_allclose(out, [p.forward(X[:, j]) for j in range(5)])


def test_from_parameters_copies():
    w = np.array([1.0, 2.0])
    p = Perceptron.from_parameters(w, 0.0)
    w[0] = 100.0
    assert p.weights[0] == 1.0
    assert p.n_inputs == 2


def test_repr():
    assert repr(Perceptron(2, activation="relu")) == (
        "Perceptron(n_inputs=2, activation='relu')"
    )


def test_wrong_input_length_message():
    p = Perceptron(3)
    with pytest.raises(
        ValueError, match=r"x has 2 entries .* this perceptron has 3 inputs"
    ):
        p.forward([1.0, 2.0])
    with pytest.raises(ValueError, match=r"pass x.T"):
        p.forward(np.ones((5, 3)))


def test_input_must_be_numeric_and_1d_or_2d():
    p = Perceptron(1)
    with pytest.raises(TypeError, match=r"argument 'x' must contain real numbers"):
        p.forward(["a"])
    with pytest.raises(ValueError, match=r"argument 'x' must be a 1-D or 2-D"):
        p.forward(1.0)


@pytest.mark.parametrize(
    ("n_inputs", "error", "pattern"),
    [
        (0, ValueError, r"'n_inputs' must be an integer >= 1; got 0"),
        (2.0, TypeError, r"'n_inputs' must be an integer >= 1; got float 2.0. Pass 2"),
        (True, TypeError, r"'n_inputs' must be an integer >= 1; got bool"),
    ],
)
def test_n_inputs_errors(n_inputs, error, pattern):
    with pytest.raises(error, match=pattern):
        Perceptron(n_inputs)


def test_unknown_activation():
    with pytest.raises(ValueError, match=r"'activation' must be one of"):
        Perceptron(2, activation="step")


def test_rng_error():
    with pytest.raises(TypeError, match=r"Perceptron\(\): argument 'rng'"):
        Perceptron(2, rng="seed")


def test_from_parameters_errors():
    with pytest.raises(ValueError, match=r"'weights' must be a 1-D array"):
        Perceptron.from_parameters([[1.0]], 0.0)
    with pytest.raises(ValueError, match=r"at least one weight"):
        Perceptron.from_parameters([], 0.0)
    with pytest.raises(ValueError, match=r"argument 'bias' must be a scalar"):
        Perceptron.from_parameters([1.0], [0.0])
    with pytest.raises(ValueError, match=r"argument 'weights' contains NaN"):
        Perceptron.from_parameters([np.nan], 0.0)
