"""Tests for nnbook.pytorch, and NumPy-versus-PyTorch equivalence in float64."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from nnbook import activations as np_activations
from nnbook.datasets import make_xor
from nnbook.forward import forward_network
from nnbook.initialization import initialize_parameters
from nnbook.pytorch import (
    ACTIVATIONS,
    SimpleNetwork,
    build_network,
    get_activation,
    load_parameters,
)
from nnbook.pytorch import forward_network as torch_forward_network


def _global_torch_state() -> torch.Tensor:
    return torch.random.get_rng_state().clone()


# --- activations ------------------------------------------------------------


def test_registry_has_numpy_names():
    assert set(ACTIVATIONS) == set(np_activations.ACTIVATIONS)


@pytest.mark.parametrize("name", sorted(np_activations.ACTIVATIONS))
def test_torch_activation_matches_numpy(name, rng):
    z = np.concatenate([rng.standard_normal(50) * 5, [-1000.0, 0.0, 1000.0]])
    module = get_activation(name)()
    got = module(torch.from_numpy(z)).numpy()
    np.testing.assert_allclose(got, np_activations.get_activation(name).function(z))


def test_get_activation_returns_class():
    assert get_activation("relu") is nn.ReLU
    assert get_activation("linear") is nn.Identity


def test_get_activation_unknown_lists_names():
    with pytest.raises(
        ValueError,
        match=r"must be one of 'leaky_relu', 'linear', 'relu', 'sigmoid', 'tanh'; "
        r"got 'gelu'",
    ):
        get_activation("gelu")


def test_get_activation_type_error():
    with pytest.raises(TypeError, match=r"must be a string such as 'relu'; got type"):
        get_activation(nn.ReLU)


# --- SimpleNetwork ----------------------------------------------------------


def test_simple_network_architecture():
    model = SimpleNetwork()
    assert model.layer1.weight.shape == (4, 2)
    assert model.layer2.weight.shape == (1, 4)
    assert model.layer1.weight.dtype == torch.float32
    assert model.layer1.weight.requires_grad


def test_simple_network_formula():
    model = SimpleNetwork(generator=3, dtype=torch.float64)
    X = torch.from_numpy(make_xor()[0].T)
    hidden = torch.relu(X @ model.layer1.weight.T + model.layer1.bias)
    expected = torch.sigmoid(hidden @ model.layer2.weight.T + model.layer2.bias)
    out = model(X)
    assert out.shape == (4, 1)
    torch.testing.assert_close(out, expected)


def test_simple_network_deterministic_and_no_global_state():
    state = _global_torch_state()
    a, b = SimpleNetwork(generator=1), SimpleNetwork(generator=1)
    c = SimpleNetwork(generator=2)
    assert torch.equal(_global_torch_state(), state)
    assert torch.equal(a.layer1.weight, b.layer1.weight)
    assert not torch.equal(a.layer1.weight, c.layer1.weight)
    assert torch.equal(SimpleNetwork().layer2.bias, SimpleNetwork().layer2.bias)


def test_simple_network_generator_object_is_advanced():
    generator = torch.Generator().manual_seed(0)
    a, b = SimpleNetwork(generator=generator), SimpleNetwork(generator=generator)
    assert not torch.equal(a.layer1.weight, b.layer1.weight)


# --- build_network ----------------------------------------------------------


def test_build_network_exercise_3():
    model = build_network([2, 8, 4, 1])
    kinds = [type(module) for module in model]
    assert kinds == [nn.Linear, nn.ReLU, nn.Linear, nn.ReLU, nn.Linear, nn.Sigmoid]
    assert [tuple(model[i].weight.shape) for i in (0, 2, 4)] == [(8, 2), (4, 8), (1, 4)]
    out = model(torch.zeros(5, 2))
    assert out.shape == (5, 1)


def test_build_network_activations():
    model = build_network(
        [3, 2, 2], hidden_activation="tanh", output_activation="linear"
    )
    assert isinstance(model[1], nn.Tanh)
    assert isinstance(model[3], nn.Identity)


def test_build_network_default_init_distribution():
    model = build_network([100, 50, 1], generator=0)
    for layer in (model[0], model[2]):
        bound = 1 / np.sqrt(layer.in_features)
        assert layer.weight.abs().max() <= bound
        assert layer.bias.abs().max() <= bound
    # U(-c, c) has variance c^2 / 3.
    assert model[0].weight.var().item() == pytest.approx(1 / 300, rel=0.05)


def test_build_network_deterministic_and_no_global_state():
    state = _global_torch_state()
    a = build_network([2, 3, 1], generator=7)
    b = build_network([2, 3, 1], generator=7)
    c = build_network([2, 3, 1], generator=8)
    assert torch.equal(_global_torch_state(), state)
    for pa, pb, pc in zip(a.parameters(), b.parameters(), c.parameters(), strict=True):
        assert torch.equal(pa, pb)
        assert not torch.equal(pa, pc)


def test_build_network_dtype():
    model = build_network([2, 1], dtype=torch.float64)
    assert model[0].weight.dtype == torch.float64


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"layer_sizes": [2]}, ValueError, r"build_network\(\).*at least two"),
        ({"layer_sizes": [2, 0]}, ValueError, r"entry 1 is 0"),
        ({"layer_sizes": [2, False]}, TypeError, r"entry 1 is False"),
        ({"hidden_activation": "Relu"}, ValueError, r"'leaky_relu', 'linear'"),
        ({"output_activation": None}, TypeError, r"must be a string"),
        ({"generator": -1}, ValueError, r"non-negative seed; got -1"),
        ({"generator": 0.5}, TypeError, r"'generator' must be an int seed"),
        ({"generator": np.random.default_rng(0)}, TypeError, r"got Generator"),
    ],
)
def test_build_network_errors(kwargs, error, pattern):
    arguments = {"layer_sizes": [2, 3, 1], **kwargs}
    sizes = arguments.pop("layer_sizes")
    with pytest.raises(error, match=pattern):
        build_network(sizes, **arguments)


# --- load_parameters --------------------------------------------------------


def test_load_parameters_copies_without_transpose():
    params = initialize_parameters([2, 4, 1], method="glorot", rng=0)
    model = load_parameters(build_network([2, 4, 1], dtype=torch.float64), params)
    for layer, index in ((1, 0), (2, 2)):
        np.testing.assert_array_equal(
            model[index].weight.detach().numpy(), params[f"W{layer}"]
        )
        np.testing.assert_array_equal(
            model[index].bias.detach().numpy(), params[f"b{layer}"]
        )


def test_load_parameters_simple_network_and_column_bias():
    params = initialize_parameters([2, 4, 1], rng=1)
    params["b1"] = np.arange(4.0).reshape(4, 1)
    model = load_parameters(SimpleNetwork(dtype=torch.float64), params)
    np.testing.assert_array_equal(model.layer1.bias.detach().numpy(), np.arange(4.0))
    assert model.layer1.weight.requires_grad


def test_load_parameters_errors():
    model = build_network([2, 4, 1])
    with pytest.raises(ValueError, match=r"3 layers \(W1 to W3\).* 2 nn.Linear"):
        load_parameters(model, initialize_parameters([2, 4, 4, 1]))
    transposed = initialize_parameters([2, 4, 1])
    transposed["W1"] = transposed["W1"].T
    with pytest.raises(ValueError, match=r"W1 of shape \(2, 4\).*W1 looks transposed"):
        load_parameters(model, transposed)
    bad_bias = {**initialize_parameters([2, 4, 1]), "b2": np.zeros(2)}
    with pytest.raises(
        ValueError, match=r"b2 of shape \(2,\) but W2 of shape \(1, 4\)"
    ):
        load_parameters(model, bad_bias)
    with pytest.raises(ValueError, match=r"missing \['b2'\]"):
        load_parameters(model, {"W1": np.ones((4, 2)), "b1": np.zeros(4), "W2": 1})
    with pytest.raises(TypeError, match=r"'model' must be a torch.nn.Module"):
        load_parameters("model", initialize_parameters([2, 4, 1]))


# --- NumPy versus PyTorch ---------------------------------------------------


def _numpy_backward(cache, params, Y, hidden, output):
    """Hand-written backprop of L = sum((A_L - Y)^2) / (2 m), features x samples."""
    n_layers = len(params) // 2
    m = Y.shape[1]
    dA = (cache[f"A{n_layers}"] - Y) / m
    grads = {}
    for layer in range(n_layers, 0, -1):
        g = output if layer == n_layers else hidden
        dZ = dA * np_activations.get_activation(g).derivative(cache[f"Z{layer}"])
        grads[f"W{layer}"] = dZ @ cache[f"A{layer - 1}"].T
        grads[f"b{layer}"] = dZ.sum(axis=1)
        dA = params[f"W{layer}"].T @ dZ
    return grads


@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid", "leaky_relu"])
@pytest.mark.parametrize("output", ["sigmoid", "linear"])
def test_numpy_and_torch_agree_on_values_and_gradients(hidden, output, rng):
    sizes = [3, 5, 4, 2]
    params = initialize_parameters(sizes, method="glorot", rng=rng)
    params["b1"] = rng.standard_normal(5)  # nonzero biases exercise broadcasting
    X = rng.standard_normal((3, 6))  # features x samples
    Y = rng.standard_normal((2, 6))

    cache = forward_network(
        X, params, hidden_activation=hidden, output_activation=output
    )
    model = build_network(
        sizes,
        hidden_activation=hidden,
        output_activation=output,
        dtype=torch.float64,
    )
    load_parameters(model, params)

    # The transpose: PyTorch takes and returns samples x features.
    out = model(torch.from_numpy(X.T))
    np.testing.assert_allclose(out.detach().numpy(), cache["A3"].T, rtol=1e-12)

    loss = ((out - torch.from_numpy(Y.T)) ** 2).sum() / (2 * X.shape[1])
    loss.backward()
    grads = _numpy_backward(cache, params, Y, hidden, output)
    for layer, index in ((1, 0), (2, 2), (3, 4)):
        np.testing.assert_allclose(
            model[index].weight.grad.numpy(), grads[f"W{layer}"], rtol=1e-10, atol=1e-14
        )
        np.testing.assert_allclose(
            model[index].bias.grad.numpy(), grads[f"b{layer}"], rtol=1e-10, atol=1e-14
        )


def test_torch_forward_network_cache_is_transposed_numpy_cache(rng):
    params = initialize_parameters([3, 4, 2], method="he", rng=rng)
    X = rng.standard_normal((3, 5))
    cache = forward_network(X, params, output_activation="sigmoid")
    torch_params = {k: torch.from_numpy(v) for k, v in params.items()}
    torch_cache = torch_forward_network(
        torch.from_numpy(X.T), torch_params, output_activation="sigmoid"
    )
    assert list(torch_cache) == list(cache)
    for key, value in cache.items():
        assert tuple(torch_cache[key].shape) == value.T.shape
        np.testing.assert_allclose(torch_cache[key].numpy(), value.T, rtol=1e-12)


def test_torch_forward_network_gradients_match_model(rng):
    params = initialize_parameters([2, 4, 1], rng=rng)
    X = torch.from_numpy(make_xor()[0].T)
    leaves = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    out = torch_forward_network(X, leaves, output_activation="sigmoid")["A2"]
    out.sum().backward()
    model = load_parameters(SimpleNetwork(dtype=torch.float64), params)
    model(X).sum().backward()
    torch.testing.assert_close(out, model(X))
    torch.testing.assert_close(leaves["W1"].grad, model.layer1.weight.grad)
    torch.testing.assert_close(leaves["b2"].grad, model.layer2.bias.grad)


@settings(max_examples=20, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 5), min_size=2, max_size=4),
    n_samples=st.integers(1, 4),
    seed=st.integers(0, 2**32 - 1),
)
def test_numpy_and_torch_agree_property(sizes, n_samples, seed):
    generator = np.random.default_rng(seed)
    params = initialize_parameters(sizes, method="he", rng=generator)
    X = generator.standard_normal((sizes[0], n_samples))
    cache = forward_network(X, params, output_activation="tanh")
    model = build_network(sizes, output_activation="tanh", dtype=torch.float64)
    out = load_parameters(model, params)(torch.from_numpy(X.T))
    np.testing.assert_allclose(
        out.detach().numpy(), cache[f"A{len(sizes) - 1}"].T, rtol=1e-12, atol=1e-15
    )


def test_torch_forward_network_errors():
    params = {"W1": torch.ones(4, 3), "b1": torch.zeros(4)}
    with pytest.raises(
        ValueError, match=r"W1 has 3 columns but A0 has 5 columns.*pass X.T"
    ):
        torch_forward_network(torch.ones(3, 5), params)
    with pytest.raises(ValueError, match=r"b1 must have shape \(4,\) or \(4, 1\)"):
        torch_forward_network(torch.ones(5, 3), {**params, "b1": torch.zeros(3)})
    with pytest.raises(TypeError, match=r"argument 'X' must be a floating-point"):
        torch_forward_network(torch.ones(5, 3, dtype=torch.int64), params)
    with pytest.raises(ValueError, match=r"missing \['b1'\]"):
        torch_forward_network(torch.ones(5, 3), {"W1": torch.ones(4, 3)})
    with pytest.raises(ValueError, match=r"'leaky_relu', 'linear'"):
        torch_forward_network(torch.ones(5, 3), params, output_activation="soft")
