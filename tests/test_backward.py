"""Tests for nnbook.backward and the loss gradients in nnbook.losses.

Every gradient is checked twice: against central finite differences of the
loss functions in nnbook.losses, and against torch.autograd in float64.
"""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.nn import functional

from nnbook.activations import ACTIVATIONS
from nnbook.backward import activation_backward, backward_network, dense_backward
from nnbook.forward import forward_network
from nnbook.gradcheck import numerical_gradient, relative_error
from nnbook.heads import HEADS
from nnbook.initialization import initialize_parameters
from nnbook.losses import (
    binary_cross_entropy,
    binary_cross_entropy_gradient,
    binary_cross_entropy_with_logits,
    categorical_cross_entropy,
    categorical_cross_entropy_gradient,
    categorical_cross_entropy_with_logits,
    mse_loss,
    mse_loss_gradient,
    sigmoid_bce_backward,
    softmax_cce_backward,
)
from nnbook.probability import softmax
from nnbook.pytorch.forward import forward_network as torch_forward

# Every output head the package registers: read from the registry, so that a
# new head is tested against autograd without touching this file.
PAIRS = sorted(HEADS)


def _targets(rng, output, loss, n_out, m):
    if loss == "binary_cross_entropy":
        return rng.integers(0, 2, size=(n_out, m)).astype(float)
    if loss == "categorical_cross_entropy":
        return np.eye(n_out)[rng.integers(0, n_out, size=m)].T
    return rng.normal(size=(n_out, m))


def _torch_loss(Y, Z, A, output, loss):
    """The loss written independently with torch.nn.functional (samples x out)."""
    if loss == "mse":
        return functional.mse_loss(A, Y)
    if loss == "binary_cross_entropy":
        if output == "sigmoid":
            return functional.binary_cross_entropy_with_logits(Z, Y)
        return functional.binary_cross_entropy(A, Y)
    return functional.cross_entropy(Z, Y)  # softmax, the one categorical head


def _torch_grads(params, X, Y, hidden, output, loss):
    tensors = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    cache = torch_forward(
        torch.from_numpy(X.T),
        tensors,
        hidden_activation=hidden,
        output_activation="linear" if output == "softmax" else output,
    )
    n_layers = len(params) // 2
    Z, A = cache[f"Z{n_layers}"], cache[f"A{n_layers}"]
    if output == "softmax":
        A = torch.softmax(Z, dim=1)
    _torch_loss(torch.from_numpy(Y.T), Z, A, output, loss).backward()
    return {f"d{k}": t.grad.numpy() for k, t in tensors.items()}


# --- activation_backward and dense_backward ---------------------------------


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_backward_is_da_times_derivative(name, rng):
    dA, Z = rng.normal(size=(3, 5)), rng.normal(size=(3, 5))
    expected = dA * ACTIVATIONS[name].derivative(Z)
    np.testing.assert_array_equal(activation_backward(dA, Z, name), expected)


def test_activation_backward_softmax_matches_jacobian(rng):
    dA, Z = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    dZ = activation_backward(dA, Z, "softmax")
    for i in range(3):
        a = softmax(Z[:, i])
        jacobian = np.diag(a) - np.outer(a, a)  # d a_c / d z_k
        np.testing.assert_allclose(dZ[:, i], jacobian.T @ dA[:, i], atol=1e-15)


def test_activation_backward_accepts_activation_object(rng):
    dA, Z = rng.normal(size=(2, 2)), rng.normal(size=(2, 2))
    np.testing.assert_array_equal(
        activation_backward(dA, Z, ACTIVATIONS["tanh"]),
        activation_backward(dA, Z, "tanh"),
    )


def test_activation_backward_errors():
    with pytest.raises(ValueError, match=r"'activation' must be one of .*'softmax'"):
        activation_backward([[1.0]], [[1.0]], "softmaxx")
    with pytest.raises(ValueError, match=r"'dA' and 'Z' must have the same shape"):
        activation_backward([[1.0, 2.0]], [[1.0]], "relu")
    with pytest.raises(ValueError, match=r"softmax needs 2-D"):
        activation_backward([1.0, 2.0], [1.0, 2.0], "softmax")


def test_dense_backward_known_values():
    dA_prev, dW, db = dense_backward(
        [[1.0, 2.0]], [[1.0, 1.0], [0.0, 3.0]], [[0.5, -1.0]]
    )
    np.testing.assert_array_equal(dW, [[3.0, 6.0]])
    np.testing.assert_array_equal(db, [3.0])
    np.testing.assert_array_equal(dA_prev, [[0.5, 1.0], [-1.0, -2.0]])


def test_dense_backward_sums_over_samples_without_dividing(rng):
    """The 1/m lives in dZ: duplicating every sample doubles dW (no 1/m here)."""
    dZ, A_prev, W = (
        rng.normal(size=(2, 3)),
        rng.normal(size=(4, 3)),
        rng.normal(size=(2, 4)),
    )
    _, dW, db = dense_backward(dZ, A_prev, W)
    _, dW2, db2 = dense_backward(np.hstack([dZ, dZ]), np.hstack([A_prev, A_prev]), W)
    np.testing.assert_allclose(dW2, 2 * dW)
    np.testing.assert_allclose(db2, 2 * db)


def test_dense_backward_shape_errors():
    with pytest.raises(ValueError, match=r"so argument 'W' must have shape \(1, 2\)"):
        dense_backward(np.ones((1, 3)), np.ones((2, 3)), np.ones((2, 1)))
    with pytest.raises(ValueError, match=r"the same number of columns \(samples\)"):
        dense_backward(np.ones((1, 3)), np.ones((2, 4)), np.ones((1, 2)))
    with pytest.raises(ValueError, match=r"'dZ' must be a 2-D array"):
        dense_backward(np.ones(3), np.ones((2, 3)), np.ones((1, 2)))


# --- loss gradients against finite differences ------------------------------


def _fd(loss, y_true, y_pred):
    x = np.array(y_pred, dtype=np.float64)
    return numerical_gradient(lambda: loss(y_true, x), x)


def test_mse_gradient_matches_finite_differences(rng):
    Y, P = rng.normal(size=(2, 5)), rng.normal(size=(2, 5))
    assert relative_error(mse_loss_gradient(Y, P), _fd(mse_loss, Y, P)) < 1e-8


def test_bce_gradient_matches_finite_differences(rng):
    Y = rng.integers(0, 2, size=(1, 6)).astype(float)
    P = rng.uniform(0.05, 0.95, size=(1, 6))
    grad = binary_cross_entropy_gradient(Y, P)
    assert relative_error(grad, _fd(binary_cross_entropy, Y, P)) < 1e-8


def test_cce_gradient_matches_finite_differences(rng):
    Y = np.eye(3)[rng.integers(0, 3, size=4)].T
    P = softmax(rng.normal(size=(3, 4)), axis=0)

    def loss(y, p):  # not renormalised, so every entry is free to move
        return -np.sum(y * np.log(p)) / y.shape[1]

    grad = categorical_cross_entropy_gradient(Y, P)
    assert relative_error(grad, _fd(loss, Y, P)) < 1e-8
    assert loss(Y, P) == pytest.approx(categorical_cross_entropy(Y, P, axis=0))


def test_fused_forms_match_finite_differences_of_the_logit_losses(rng):
    Y = rng.integers(0, 2, size=(1, 5)).astype(float)
    Z = rng.normal(size=(1, 5))
    fd = _fd(binary_cross_entropy_with_logits, Y, Z)
    assert relative_error(sigmoid_bce_backward(Y, Z), fd) < 1e-8
    Y = np.eye(3)[rng.integers(0, 3, size=4)].T
    Z = rng.normal(size=(3, 4))
    fd = _fd(lambda y, z: categorical_cross_entropy_with_logits(y, z, axis=0), Y, Z)
    assert relative_error(softmax_cce_backward(Y, Z), fd) < 1e-8


def _chain(Y, Z):
    A = 1 / (1 + np.exp(-Z))
    return activation_backward(binary_cross_entropy_gradient(Y, A), Z, "sigmoid")


@given(z=st.floats(-15, 15), y=st.sampled_from([0.0, 1.0]))
def test_fused_sigmoid_bce_equals_the_chain(z, y):
    """(A - Y)/m is dL/dA * sigma'(Z): the Notes' derivation."""
    Z, Y = np.array([[z]]), np.array([[y]])
    np.testing.assert_allclose(sigmoid_bce_backward(Y, Z), _chain(Y, Z), rtol=1e-8)


def test_chain_loses_accuracy_where_the_fused_form_does_not():
    """At z = 25, 1 - sigma(z) keeps ~6 digits: why the fused form is used."""
    Z, Y = np.array([[25.0]]), np.array([[0.0]])
    exact = 1 / (1 + np.exp(-25.0))
    assert sigmoid_bce_backward(Y, Z)[0, 0] == pytest.approx(exact, rel=1e-15)
    assert abs(_chain(Y, Z)[0, 0] - exact) > 1e-7


def test_fused_softmax_cce_equals_the_chain(rng):
    Y = np.eye(4)[rng.integers(0, 4, size=6)].T
    Z = rng.normal(size=(4, 6))
    chain = activation_backward(
        categorical_cross_entropy_gradient(Y, softmax(Z, axis=0)), Z, "softmax"
    )
    np.testing.assert_allclose(softmax_cce_backward(Y, Z), chain, atol=1e-15)


def test_fused_forms_are_finite_at_extreme_logits():
    dZ = sigmoid_bce_backward([[1.0, 0.0, 1.0]], [[-1000.0, 1000.0, 1000.0]])
    np.testing.assert_array_equal(dZ, [[-1 / 3, 1 / 3, 0.0]])
    dZ = softmax_cce_backward([[1.0], [0.0]], [[-1000.0], [1000.0]])
    np.testing.assert_array_equal(dZ, [[-1.0], [1.0]])


def test_bce_gradient_at_certain_predictions():
    # Right and certain: finite (1/N and -1/N); wrong and certain: an error.
    np.testing.assert_array_equal(
        binary_cross_entropy_gradient([[0.0, 1.0]], [[0.0, 1.0]]), [[0.5, -0.5]]
    )
    with pytest.raises(ValueError, match=r"exactly 0 at index \(0, 1\) .* infinite"):
        binary_cross_entropy_gradient([[0.0, 1.0]], [[0.5, 0.0]])
    with pytest.raises(ValueError, match=r"exactly 1 .* sigmoid_bce_backward"):
        binary_cross_entropy_gradient([[0.0]], [[1.0]])


def test_loss_gradient_input_errors():
    with pytest.raises(ValueError, match=r"'y_true' and 'y_pred' must have the same"):
        mse_loss_gradient([[1.0, 2.0]], [[1.0], [2.0]])
    with pytest.raises(ValueError, match=r"are empty"):
        mse_loss_gradient([], [])
    with pytest.raises(ValueError, match=r"'y_true' must contain probabilities"):
        binary_cross_entropy_gradient([[2.0]], [[0.5]])
    with pytest.raises(ValueError, match=r"'y_pred' must contain probabilities"):
        binary_cross_entropy_gradient([[1.0]], [[1.5]])
    with pytest.raises(ValueError, match=r"'Y' must hold one-hot"):
        softmax_cce_backward([[1.0, 1.0], [1.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]])
    with pytest.raises(ValueError, match=r"'Y' must be a 2-D array"):
        softmax_cce_backward([1.0, 0.0], [0.0, 0.0])
    with pytest.raises(ValueError, match=r"exactly 0 for a true class"):
        categorical_cross_entropy_gradient([[1.0], [0.0]], [[0.0], [1.0]])
    with pytest.raises(ValueError, match=r"'Y' must contain probabilities"):
        sigmoid_bce_backward([[-1.0]], [[0.0]])


# --- backward_network against torch.autograd --------------------------------


@pytest.mark.parametrize("depth", [1, 2, 3, 4])
@pytest.mark.parametrize("hidden", sorted(ACTIVATIONS))
@pytest.mark.parametrize(("output", "loss"), PAIRS)
def test_backward_network_matches_autograd(depth, hidden, output, loss, rng):
    sizes = [3, *rng.integers(2, 5, size=depth - 1).tolist(), 3]
    params = initialize_parameters(sizes, method="glorot", rng=rng)
    params = {k: v + 0.1 * rng.normal(size=v.shape) for k, v in params.items()}
    X = rng.normal(size=(3, 5))
    Y = _targets(rng, output, loss, 3, 5)
    cache = forward_network(
        X, params, hidden_activation=hidden, output_activation=output
    )
    grads = backward_network(
        cache, params, Y, hidden_activation=hidden, output_activation=output, loss=loss
    )
    expected = _torch_grads(params, X, Y, hidden, output, loss)
    assert list(grads) == list(expected)
    for key, value in expected.items():
        np.testing.assert_allclose(
            grads[key], value, rtol=1e-10, atol=1e-14, err_msg=key
        )


@settings(max_examples=25, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 4), min_size=2, max_size=5),
    m=st.integers(1, 6),
    hidden=st.sampled_from(["tanh", "sigmoid"]),
    pair=st.sampled_from([p for p in PAIRS if p[0] != "relu"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_backward_network_matches_finite_differences(sizes, m, hidden, pair, seed):
    output, loss = pair
    if output == "softmax" or loss == "categorical_cross_entropy":
        sizes[-1] = max(sizes[-1], 2)
    rng = np.random.default_rng(seed)
    params = initialize_parameters(sizes, method="normal", scale=0.8, rng=rng)
    X = rng.normal(size=(sizes[0], m))
    Y = _targets(rng, output, loss, sizes[-1], m)
    kwargs = {"hidden_activation": hidden, "output_activation": output}
    grads = backward_network(
        forward_network(X, params, **kwargs), params, Y, loss=loss, **kwargs
    )
    n_layers = len(sizes) - 1
    loss_fn = _torch_loss  # same definition, evaluated in float64 numbers

    def value():
        cache = forward_network(X, params, **kwargs)
        Z = torch.from_numpy(cache[f"Z{n_layers}"].T)
        A = torch.from_numpy(cache[f"A{n_layers}"].T)
        return float(loss_fn(torch.from_numpy(Y.T), Z, A, output, loss))

    for key in params:
        numeric = numerical_gradient(value, params[key])
        error = relative_error(grads[f"d{key}"], numeric)
        # Tiny gradients (~1e-5) carry the ~1e-11 rounding of the difference.
        assert error < 1e-6 or np.abs(grads[f"d{key}"] - numeric).max() < 1e-9, key


def test_backward_network_uses_fused_form_at_saturation():
    """At Z = 1000 the chain gives 0 * inf; the fused form gives A - Y."""
    params = {"W1": np.array([[1000.0]]), "b1": np.array([0.0])}
    X, Y = np.array([[1.0]]), np.array([[0.0]])
    cache = forward_network(
        X, params, hidden_activation="relu", output_activation="sigmoid"
    )
    grads = backward_network(cache, params, Y)
    np.testing.assert_array_equal(grads["dW1"], [[1.0]])
    assert HEADS["sigmoid", "binary_cross_entropy"].fused


def test_backward_network_keeps_bias_shape():
    params = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))}
    cache = forward_network(np.ones((2, 3)), params, output_activation="linear")
    grads = backward_network(
        cache, params, np.zeros((2, 3)), output_activation="linear", loss="mse"
    )
    assert grads["db1"].shape == (2, 1)


def test_backward_network_errors():
    params = {"W1": np.ones((1, 2)), "b1": np.zeros(1)}
    cache = forward_network(np.ones((2, 3)), params)
    Y = np.zeros((1, 3))
    with pytest.raises(ValueError, match=r"'loss' must be one of 'binary_cross"):
        backward_network(cache, params, Y, loss="cross_entropy")
    with pytest.raises(ValueError, match=r"'output_activation' must be one of"):
        backward_network(cache, params, Y, output_activation="soft_max")
    with pytest.raises(ValueError, match=r"'hidden_activation' must be one of"):
        backward_network(cache, params, Y, hidden_activation="rellu")
    with pytest.raises(
        ValueError, match=r"'Y' and \"cache\['A1'\]\" must have the same"
    ):
        backward_network(cache, params, np.zeros((1, 2)))
    plain = {"A0": cache["A0"], "A1": cache["A1"]}
    with pytest.raises(ValueError, match=r"'cache' has no 'Z1'"):
        backward_network(
            plain, params, Y, hidden_activation="relu", output_activation="linear"
        )
    with pytest.raises(ValueError, match=r"'hidden_activation' is needed: 'cache' is"):
        backward_network(plain, params, Y)
    with pytest.raises(ValueError, match=r"missing \['b1'\]"):
        backward_network(cache, {"W1": params["W1"]}, Y)


# --- the cache records the model that produced it ---------------------------


def test_backward_of_forward_needs_no_activations_and_matches_explicit(rng):
    params = initialize_parameters([3, 4, 2], method="glorot", rng=rng)
    X, Y = rng.normal(size=(3, 5)), rng.normal(size=(2, 5))
    cache = forward_network(X, params)  # relu hidden, linear output: MSE
    implicit = backward_network(cache, params, Y)
    explicit = backward_network(
        cache,
        params,
        Y,
        hidden_activation="relu",
        output_activation="linear",
        loss="mse",
    )
    for key, value in explicit.items():
        np.testing.assert_array_equal(implicit[key], value)


@pytest.mark.parametrize(
    ("forward_kwargs", "backward_kwargs", "match"),
    [
        # forward_network's default output is linear; the old backward default
        # was sigmoid: exactly the silent mismatch the cache now prevents.
        ({}, {"output_activation": "sigmoid"}, r"'output_activation' is 'sigmoid'"),
        (
            {"output_activation": "sigmoid"},
            {"output_activation": "linear"},
            r"computed with output_activation='sigmoid'",
        ),
        ({}, {"hidden_activation": "tanh"}, r"computed with hidden_activation='relu'"),
    ],
)
def test_backward_refuses_a_cache_from_another_model(
    forward_kwargs, backward_kwargs, match, rng
):
    params = initialize_parameters([3, 4, 1], method="glorot", rng=rng)
    X, Y = rng.normal(size=(3, 5)), rng.integers(0, 2, size=(1, 5)).astype(float)
    cache = forward_network(X, params, **forward_kwargs)
    with pytest.raises(ValueError, match=r"backward_network\(\): argument .*" + match):
        backward_network(cache, params, Y, **backward_kwargs)


def test_backward_refuses_a_cache_from_other_parameters(rng):
    params = initialize_parameters([3, 4, 1], rng=rng)
    other = initialize_parameters([3, 5, 1], rng=rng)
    cache = forward_network(rng.normal(size=(3, 2)), params)
    with pytest.raises(ValueError, match=r"cache\['A1'\] has shape \(4, 2\)"):
        backward_network(cache, other, np.zeros((1, 2)))
