"""Tests for nnbook.gradcheck: finite differences, relative error, the check."""

import numpy as np
import pytest

import nnbook.gradcheck as gradcheck
from nnbook.gradcheck import gradient_check, numerical_gradient, relative_error
from nnbook.initialization import initialize_parameters


def test_numerical_gradient_known_values():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    grad = numerical_gradient(lambda: float(np.sum(np.sin(x))), x)
    np.testing.assert_allclose(grad, np.cos(x), rtol=1e-9)


def test_numerical_gradient_is_second_order():
    """Central differences are exact for quadratics (up to rounding)."""
    x = np.array([3.0])
    grad = numerical_gradient(lambda: float(x[0] ** 2), x, eps=0.5)
    assert grad[0] == pytest.approx(6.0, rel=1e-15)


def test_numerical_gradient_restores_x_exactly():
    x = np.array([0.1, 1e-7, 12345.678])
    before = x.copy()
    numerical_gradient(lambda: float(np.sum(x**2)), x, eps=1e-6)
    np.testing.assert_array_equal(x, before)  # bitwise, not approximately


def test_numerical_gradient_errors():
    with pytest.raises(TypeError, match=r"'x' must be a float64 numpy array"):
        numerical_gradient(lambda: 0.0, [1.0, 2.0])
    with pytest.raises(TypeError, match=r"dtype float32"):
        numerical_gradient(lambda: 0.0, np.zeros(2, dtype=np.float32))
    with pytest.raises(ValueError, match=r"'eps' must be positive and finite; got 0"):
        numerical_gradient(lambda: 0.0, np.zeros(2), eps=0)
    with pytest.raises(ValueError, match=r"'eps' must be positive and finite; got nan"):
        numerical_gradient(lambda: 0.0, np.zeros(2), eps=np.nan)


def test_relative_error_known_values():
    assert relative_error([3.0, 4.0], [3.0, 4.0]) == 0.0
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error([1.0], [-1.0]) == 1.0
    assert relative_error([1.0], [0.0]) == 1.0
    assert relative_error([1.0], [1.0 + 2e-7]) == pytest.approx(1e-7, rel=1e-6)


def test_relative_error_is_scale_free(rng):
    a, b = rng.normal(size=5), rng.normal(size=5)
    assert relative_error(1e-8 * a, 1e-8 * b) == pytest.approx(relative_error(a, b))


def test_relative_error_shape_error():
    with pytest.raises(
        ValueError,
        match=r"relative_error\(\): arguments 'a' and 'b' must have the same shape",
    ):
        relative_error([1.0, 2.0], [1.0, 2.0, 3.0])


@pytest.mark.parametrize("depth", [1, 2, 3, 4])
@pytest.mark.parametrize(
    ("output", "loss", "n_out"),
    [
        ("sigmoid", "binary_cross_entropy", 1),
        ("softmax", "categorical_cross_entropy", 3),
        ("linear", "mse", 2),
        ("tanh", "mse", 2),
    ],
)
def test_gradient_check_passes_for_correct_backprop(depth, output, loss, n_out, rng):
    sizes = [2, *[3] * (depth - 1), n_out]
    params = initialize_parameters(sizes, method="glorot", rng=rng)
    X = rng.normal(size=(2, 4))
    if loss == "categorical_cross_entropy":
        Y = np.eye(n_out)[[0, 2, 1, 2]].T
    elif loss == "binary_cross_entropy":
        Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    else:
        Y = rng.normal(size=(n_out, 4))
    errors = gradient_check(
        params, X, Y, hidden_activation="tanh", output_activation=output, loss=loss
    )
    assert list(errors) == list(params)
    assert max(errors.values()) < 1e-7, errors


def test_gradient_check_does_not_modify_parameters(rng):
    params = initialize_parameters([2, 3, 1], method="glorot", rng=rng)
    before = {k: v.copy() for k, v in params.items()}
    gradient_check(params, rng.normal(size=(2, 3)), np.array([[0.0, 1.0, 1.0]]))
    for key in params:
        np.testing.assert_array_equal(params[key], before[key])


def test_gradient_check_catches_a_bug(monkeypatch, rng):
    """A wrong factor in one gradient (a typical slip) is caught, and only there."""
    real = gradcheck.backward_network

    def buggy(cache, parameters, Y, **kwargs):
        grads = real(cache, parameters, Y, **kwargs)
        grads["dW1"] = grads["dW1"] * 1.5
        return grads

    monkeypatch.setattr(gradcheck, "backward_network", buggy)
    params = initialize_parameters([2, 3, 1], method="glorot", rng=rng)
    X, Y = rng.normal(size=(2, 4)), np.array([[0.0, 1.0, 1.0, 0.0]])
    errors = gradient_check(params, X, Y, hidden_activation="tanh")
    assert errors["W1"] > 1e-3
    assert errors["W2"] < 1e-7


def test_gradient_check_unknown_keyword(rng):
    params = initialize_parameters([2, 1], rng=rng)
    with pytest.raises(
        TypeError, match=r"unexpected keyword arguments \['activation'\]"
    ):
        gradient_check(params, np.ones((2, 1)), np.ones((1, 1)), activation="relu")


def test_numerical_gradient_restores_x_when_f_raises():
    x = np.array([1.0, 2.0])

    def f():
        if x[0] != 1.0:
            msg = "f fails away from x"
            raise RuntimeError(msg)
        return 0.0

    with pytest.raises(RuntimeError):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_numerical_gradient_refuses_an_eps_below_the_resolution_of_x():
    with pytest.raises(ValueError, match=r"'eps'=1e-06 is below the resolution"):
        numerical_gradient(lambda: 0.0, np.array([1e12]))


def test_relative_error_floor_and_extremes():
    # Two tiny gradients that differ by the rounding of a finite difference:
    # broken without a floor, correct with one.
    assert relative_error([1e-12], [2e-12]) == pytest.approx(1 / 3)
    assert relative_error([1e-12], [2e-12], floor=1e-4) < 1e-7
    assert relative_error([1e308, -1e308], [1e308, -1e308]) == 0.0
    assert relative_error([1e308], [-1e308]) == 1.0


def test_gradient_check_passes_for_a_saturated_output():
    """Saturated sigmoid: true gradients ~1e-40, checked against the floor."""
    params = {"W1": np.array([[100.0, 100.0]]), "b1": np.array([0.0])}
    X, Y = np.array([[1.0], [1.0]]), np.array([[1.0]])
    errors = gradient_check(params, X, Y, output_activation="sigmoid")
    assert max(errors.values()) < 1e-7, errors
