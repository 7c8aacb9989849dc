"""Tests for nnbook.initialization: shapes, statistics, determinism, errors."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnbook.initialization import DEFAULT_SEED, METHODS, initialize_parameters


@pytest.mark.parametrize("method", METHODS)
def test_shapes_and_key_order(method):
    params = initialize_parameters([3, 5, 4, 2], method=method)
    assert list(params) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert params["W1"].shape == (5, 3)
    assert params["W2"].shape == (4, 5)
    assert params["W3"].shape == (2, 4)
    for layer, n_out in enumerate([5, 4, 2], start=1):
        np.testing.assert_array_equal(params[f"b{layer}"], np.zeros(n_out))
        assert params[f"W{layer}"].dtype == np.float64


@given(st.lists(st.integers(1, 6), min_size=2, max_size=5))
def test_shapes_property(sizes):
    params = initialize_parameters(sizes, rng=0)
    assert len(params) == 2 * (len(sizes) - 1)
    for layer in range(1, len(sizes)):
        assert params[f"W{layer}"].shape == (sizes[layer], sizes[layer - 1])
        assert params[f"b{layer}"].shape == (sizes[layer],)


def test_normal_is_seed_formula():
    # Chapter 1: W = scale * randn(n_out, n_in), drawn layer by layer.
    generator = np.random.default_rng(7)
    expected_W1 = 0.1 * generator.standard_normal((4, 3))
    expected_W2 = 0.1 * generator.standard_normal((2, 4))
    params = initialize_parameters([3, 4, 2], rng=7)
    np.testing.assert_array_equal(params["W1"], expected_W1)
    np.testing.assert_array_equal(params["W2"], expected_W2)


def test_scale_multiplies_normal_weights():
    small = initialize_parameters([3, 4], rng=1)["W1"]
    large = initialize_parameters([3, 4], scale=0.5, rng=1)["W1"]
    np.testing.assert_allclose(large, 5 * small)


def test_default_seed_is_deterministic():
    first = initialize_parameters([2, 4, 1])
    second = initialize_parameters([2, 4, 1], rng=DEFAULT_SEED)
    for key in first:
        np.testing.assert_array_equal(first[key], second[key])


@pytest.mark.parametrize("method", ["normal", "glorot", "he"])
def test_same_seed_same_parameters_different_seed_different(method):
    a = initialize_parameters([3, 4, 2], method=method, rng=1)
    b = initialize_parameters([3, 4, 2], method=method, rng=1)
    c = initialize_parameters([3, 4, 2], method=method, rng=2)
    np.testing.assert_array_equal(a["W1"], b["W1"])
    assert not np.array_equal(a["W1"], c["W1"])


def test_generator_is_advanced_not_reset(rng):
    a = initialize_parameters([3, 4], rng=rng)
    b = initialize_parameters([3, 4], rng=rng)
    assert not np.array_equal(a["W1"], b["W1"])


def test_does_not_touch_global_state():
    # The legacy global state is exactly what must stay untouched.
    state = np.random.get_state()[1].copy()  # noqa: NPY002
    initialize_parameters([3, 4, 2])
    np.testing.assert_array_equal(np.random.get_state()[1], state)  # noqa: NPY002


def test_glorot_bound_and_variance():
    n_in, n_out = 300, 200
    W = initialize_parameters([n_in, n_out], method="glorot", rng=0)["W1"]
    limit = np.sqrt(6 / (n_in + n_out))
    assert np.abs(W).max() <= limit
    # Var U(-l, l) = l^2 / 3 = 2 / (n_in + n_out); 60,000 draws pin it to ~1%.
    assert W.var() == pytest.approx(2 / (n_in + n_out), rel=0.03)


def test_he_variance():
    n_in, n_out = 400, 300
    W = initialize_parameters([n_in, n_out], method="he", rng=0)["W1"]
    assert W.mean() == pytest.approx(0.0, abs=0.01)
    assert W.var() == pytest.approx(2 / n_in, rel=0.03)


def test_zeros():
    params = initialize_parameters([3, 4, 2], method="zeros")
    assert all(not value.any() for value in params.values())


@pytest.mark.parametrize(
    ("sizes", "error", "pattern"),
    [
        ([3], ValueError, r"at least two widths"),
        ([], ValueError, r"at least two widths"),
        ([3, 0, 1], ValueError, r"entry 1 is 0"),
        ([3, -2], ValueError, r"entry 1 is -2"),
        ([3, True], TypeError, r"entry 1 is True \(bool\)"),
        ([3, 2.0], TypeError, r"must hold integers; entry 1 is 2.0"),
        ("34", TypeError, r"list of layer widths.*got str"),
        (3, TypeError, r"list of layer widths.*got int"),
    ],
)
def test_layer_sizes_errors(sizes, error, pattern):
    with pytest.raises(error, match=pattern):
        initialize_parameters(sizes)


def test_layer_sizes_accept_numpy_integers():
    params = initialize_parameters(np.array([2, 3]))
    assert params["W1"].shape == (3, 2)


def test_unknown_method():
    with pytest.raises(
        ValueError, match=r"'method' must be one of 'glorot', 'he', 'normal', 'zeros'"
    ):
        initialize_parameters([2, 3], method="xavier")


@pytest.mark.parametrize(
    ("scale", "error", "pattern"),
    [
        (0.0, ValueError, r"positive and finite; got 0.0"),
        (-0.1, ValueError, r"positive and finite; got -0.1"),
        (np.inf, ValueError, r"positive and finite; got inf"),
        (np.nan, ValueError, r"positive and finite; got nan"),
        ("0.1", TypeError, r"'scale' must be a positive number; got str"),
        (True, TypeError, r"'scale' must be a positive number; got bool"),
    ],
)
def test_scale_errors(scale, error, pattern):
    with pytest.raises(error, match=pattern):
        initialize_parameters([2, 3], scale=scale)


def test_scale_only_for_normal():
    with pytest.raises(ValueError, match=r"'scale' applies only to method='normal'"):
        initialize_parameters([2, 3], method="he", scale=0.1)


@pytest.mark.parametrize(
    ("rng", "error", "pattern"),
    [
        (-1, ValueError, r"non-negative seed; got -1"),
        (1.5, TypeError, r"'rng' must be an int seed.*got float"),
        (True, TypeError, r"'rng' must be an int seed.*got bool"),
        (np.random.RandomState(0), TypeError, r"default_rng"),
    ],
)
def test_rng_errors(rng, error, pattern):
    with pytest.raises(error, match=pattern):
        initialize_parameters([2, 3], rng=rng)
