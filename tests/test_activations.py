"""Tests for nnbook.activations: known values, gradients, properties, PyTorch."""

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from strategies import finite_floats, float_arrays, logits

from nnbook.activations import (
    ACTIVATIONS,
    Activation,
    get_activation,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from nnbook.probability import log_softmax, softmax
from nnbook.pytorch import activations as torch_activations

NAMES = sorted(ACTIVATIONS)

# The PyTorch twins come from their own registry, so a new activation is
# compared with PyTorch as soon as both registries have it.
TORCH_ACTIVATIONS = torch_activations.ACTIVATIONS


def test_registry_lists_every_activation_once():
    for name, act in ACTIVATIONS.items():
        assert isinstance(act, Activation)
        assert act.name == name
        assert get_activation(name) is act
        assert act.title  # what the figures show
        assert act.symbol


def test_every_activation_has_a_pytorch_twin():
    assert set(ACTIVATIONS) == set(TORCH_ACTIVATIONS)


def test_registry_is_read_only():
    with pytest.raises(TypeError):
        ACTIVATIONS["swish"] = ACTIVATIONS["relu"]  # type: ignore[index]


# --- known values -----------------------------------------------------------


def test_known_values():
    np.testing.assert_allclose(
        sigmoid([-1.0, 0.0, 1.0]), [0.26894142137, 0.5, 0.73105857863]
    )
    np.testing.assert_allclose(tanh(0.5), 0.46211715726)
    np.testing.assert_array_equal(relu([-2, -1, 0, 1, 2]), [0, 0, 0, 1, 2])
    np.testing.assert_array_equal(relu_derivative([-1.0, 0.0, 1.0]), [0, 0, 1])


def test_leaky_relu_exercise_from_the_chapter():
    np.testing.assert_allclose(
        leaky_relu(np.array([-2, -1, 0, 1, 2])), [-0.02, -0.01, 0, 1, 2]
    )
    np.testing.assert_allclose(leaky_relu([-2.0, 3.0], alpha=0.2), [-0.4, 3.0])
    np.testing.assert_array_equal(
        leaky_relu_derivative([-2.0, 0.0, 3.0], alpha=0.2), [0.2, 0.2, 1]
    )


def test_leaky_relu_with_zero_alpha_is_relu_even_at_minus_inf():
    z = np.array([-np.inf, -1.0, 0.0, 2.0, np.inf])
    np.testing.assert_array_equal(leaky_relu(z, alpha=0.0), relu(z))


@pytest.mark.parametrize("name", NAMES)
def test_scalar_input_gives_0d_float_array(name):
    act = ACTIVATIONS[name]
    for func in (act.function, act.derivative):
        out = func(1)
        assert isinstance(out, np.ndarray)
        assert out.shape == ()
        assert out.dtype == np.float64


@pytest.mark.parametrize("name", NAMES)
def test_shape_preserved(name, rng):
    Z = rng.normal(size=(3, 4))
    assert ACTIVATIONS[name].function(Z).shape == (3, 4)
    assert ACTIVATIONS[name].derivative(Z).shape == (3, 4)


# --- gradients --------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_derivative_matches_central_difference(name, rng):
    act = ACTIVATIONS[name]
    z = rng.uniform(-6, 6, size=200)
    z = z[np.abs(z) > 1e-3]  # stay off ReLU's kink, where no derivative exists
    h = 1e-6
    numeric = (act.function(z + h) - act.function(z - h)) / (2 * h)
    np.testing.assert_allclose(
        act.derivative(z),
        numeric,
        rtol=1e-6,
        atol=1e-8,
        err_msg=f"{name}_derivative disagrees with a central difference of {name}",
    )


# --- properties -------------------------------------------------------------


@given(float_arrays(min_value=-1e300, max_value=1e300))
def test_sigmoid_range_and_symmetry(z):
    s = sigmoid(z)
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(sigmoid(-z), 1 - s, atol=1e-15)


def test_sigmoid_at_zero_is_half():
    assert float(sigmoid(0.0)) == 0.5
    assert float(sigmoid_derivative(0.0)) == 0.25


@given(float_arrays(min_value=-1e300, max_value=1e300))
def test_tanh_is_odd_and_bounded(z):
    np.testing.assert_array_equal(tanh(-z), -tanh(z))
    assert np.all(np.abs(tanh(z)) <= 1)


@given(float_arrays(min_value=-1e300, max_value=1e300))
def test_relu_non_negative_and_idempotent(z):
    assert np.all(relu(z) >= 0)
    np.testing.assert_array_equal(relu(relu(z)), relu(z))


@given(float_arrays(min_value=-1e300, max_value=1e300), st.floats(0, 0.99))
def test_leaky_relu_between_alpha_z_and_z(z, alpha):
    out = leaky_relu(z, alpha=alpha)
    np.testing.assert_array_equal(out, np.maximum(alpha * z, z))


@given(logits(shape=(4, 3), bound=1e3), st.sampled_from([0, 1, -1]))
def test_softmax_sums_to_one_along_axis(Z, axis):
    P = softmax(Z, axis=axis)
    assert np.all((P >= 0) & (P <= 1))
    np.testing.assert_allclose(P.sum(axis=axis), 1.0, rtol=1e-12)


@given(logits(shape=(4, 3), bound=1e3), float_arrays((1, 3), -1e3, 1e3))
def test_softmax_is_shift_invariant(Z, shift):
    np.testing.assert_allclose(
        softmax(Z + shift, axis=0), softmax(Z, axis=0), atol=1e-12
    )


@given(logits(shape=(3, 5), bound=30))
def test_log_softmax_is_log_of_softmax(Z):
    np.testing.assert_allclose(
        log_softmax(Z), np.log(softmax(Z)), rtol=1e-10, atol=1e-12
    )


def test_softmax_layout_transpose(rng):
    Z = rng.normal(size=(3, 5))  # classes x samples
    np.testing.assert_allclose(softmax(Z.T, axis=-1), softmax(Z).T)
    np.testing.assert_allclose(log_softmax(Z.T, axis=1), log_softmax(Z).T)


# --- extremes: filterwarnings=error turns any overflow into a failure -------


def test_extremes_without_warnings():
    z = np.array([-1000.0, -np.inf, 1000.0, np.inf])
    np.testing.assert_array_equal(sigmoid(z), [0, 0, 1, 1])
    np.testing.assert_array_equal(sigmoid_derivative(z), [0, 0, 0, 0])
    np.testing.assert_array_equal(tanh(z), [-1, -1, 1, 1])
    np.testing.assert_array_equal(tanh_derivative(z), [0, 0, 0, 0])
    np.testing.assert_array_equal(relu(z), [0, 0, 1000, np.inf])
    np.testing.assert_array_equal(leaky_relu(z), [-10, -np.inf, 1000, np.inf])
    np.testing.assert_array_equal(softmax([1000.0, 0.0, -1000.0]), [1, 0, 0])
    np.testing.assert_array_equal(
        log_softmax([1000.0, 0.0, -1000.0]), [0, -1000, -2000]
    )


def test_sigmoid_derivative_keeps_tiny_tail_values():
    # 1 - sigmoid(40) rounds to 0; sigmoid(-40) does not.
    np.testing.assert_allclose(sigmoid_derivative(40.0), np.exp(-40.0), rtol=1e-12)


# --- PyTorch, float64 -------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_matches_pytorch_values_and_gradients(name, rng):
    act = ACTIVATIONS[name]
    z = np.concatenate([rng.normal(scale=5, size=50), [0.0, -1000.0, 1000.0]])
    t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    out = TORCH_ACTIVATIONS[name]()(t)
    out.sum().backward()
    np.testing.assert_allclose(
        act.function(z), out.detach().numpy(), rtol=1e-14, atol=0
    )
    # PyTorch differentiates sigmoid as s * (1 - s), which loses the tail
    # values that ours keeps; they differ by at most a few float64 ulps of 1.
    np.testing.assert_allclose(
        act.derivative(z), t.grad.numpy(), rtol=1e-12, atol=1e-15
    )


@pytest.mark.parametrize("axis", [0, 1])
def test_softmax_matches_pytorch(axis, rng):
    Z = rng.normal(scale=10, size=(4, 6))
    t = torch.tensor(Z, dtype=torch.float64)
    np.testing.assert_allclose(
        softmax(Z, axis=axis), torch.softmax(t, dim=axis).numpy(), rtol=1e-13
    )
    np.testing.assert_allclose(
        log_softmax(Z, axis=axis),
        torch.log_softmax(t, dim=axis).numpy(),
        rtol=1e-13,
        atol=1e-13,
    )


# --- errors -----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_nan_is_rejected(name):
    with pytest.raises(
        ValueError, match=rf"{name}\(\): argument 'z' contains NaN values"
    ):
        ACTIVATIONS[name].function([0.0, np.nan])
    with pytest.raises(
        ValueError, match=rf"{name}_derivative\(\): argument 'z' contains NaN"
    ):
        ACTIVATIONS[name].derivative([np.nan])


@pytest.mark.parametrize("name", NAMES)
def test_strings_are_rejected(name):
    with pytest.raises(
        TypeError, match=rf"{name}\(\): argument 'z' must contain real numbers"
    ):
        ACTIVATIONS[name].function(["1.0"])


@pytest.mark.parametrize("func", [leaky_relu, leaky_relu_derivative])
@pytest.mark.parametrize("alpha", [-0.1, 1.0, 2.0])
def test_leaky_relu_alpha_out_of_range(func, alpha):
    with pytest.raises(
        ValueError, match=r"argument 'alpha' must satisfy 0 <= alpha < 1; got"
    ):
        func([1.0], alpha=alpha)


@pytest.mark.parametrize("alpha", [np.nan, np.inf])
def test_leaky_relu_alpha_not_finite(alpha):
    with pytest.raises(
        ValueError, match=r"leaky_relu\(\): argument 'alpha' contains NaN or infinite"
    ):
        leaky_relu([1.0], alpha=alpha)


def test_leaky_relu_alpha_not_scalar():
    with pytest.raises(
        ValueError, match=r"argument 'alpha' must be a scalar \(0-D\) array"
    ):
        leaky_relu([1.0], alpha=[0.1, 0.2])


def test_get_activation_unknown_name_lists_known_names():
    with pytest.raises(
        ValueError,
        match=(
            r"get_activation\(\): argument 'name' must be one of 'leaky_relu', "
            r"'linear', "
            r"'relu', 'sigmoid', 'tanh'; got 'sigmiod'\."
        ),
    ):
        get_activation("sigmiod")


@pytest.mark.parametrize("name", [None, 1, sigmoid])
def test_get_activation_non_string(name):
    with pytest.raises(
        TypeError, match=r"get_activation\(\): argument 'name' must be a string"
    ):
        get_activation(name)


@pytest.mark.parametrize("func", [softmax, log_softmax])
def test_softmax_errors(func):
    name = func.__name__
    with pytest.raises(
        ValueError,
        match=rf"{name}\(\): argument 'Z' must be a 1-D or 2-D or .*got a scalar",
    ):
        func(1.0)
    with pytest.raises(
        ValueError, match=rf"{name}\(\): axis=2 is out of range for argument 'Z'"
    ):
        func(np.zeros((2, 3)), axis=2)
    with pytest.raises(
        ValueError, match=rf"{name}\(\): argument 'Z' contains NaN or infinite"
    ):
        func([np.inf, 0.0])


@given(finite_floats())
def test_linear_is_identity(z):
    assert float(ACTIVATIONS["linear"].function(z)) == z


def test_softmax_of_scores_further_apart_than_the_largest_float():
    Z = np.array([[-1e308], [1e308]])
    np.testing.assert_array_equal(softmax(Z), [[0.0], [1.0]])
    np.testing.assert_array_equal(log_softmax(Z), [[-np.inf], [0.0]])
