"""NumPy and PyTorch training from the same float64 weights agree step by step.

This is the requirement of the Chapter 2 issue: the two loss curves agree to
within 1e-10, and so do the final parameters.
"""

import numpy as np
import pytest
import torch
from torch import nn

from nnbook.datasets import make_moons, make_spirals, make_xor
from nnbook.initialization import initialize_parameters
from nnbook.network import Network
from nnbook.pytorch import train_network

TOL = 1e-10


def _final_parameters(model):
    linears = [m for m in model if isinstance(m, nn.Linear)]
    out = {}
    for index, layer in enumerate(linears, start=1):
        out[f"W{index}"] = layer.weight.detach().numpy()
        out[f"b{index}"] = layer.bias.detach().numpy()
    return out


def _regression_data():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(3, 40))
    Y = np.vstack([np.sin(X[0]) + X[1], X[2] * X[0]])
    return X, Y


CASES = {
    "xor-full-batch": (
        make_xor,
        [2, 4, 1],
        "relu",
        "sigmoid",
        "binary_cross_entropy",
        300,
        0.5,
        None,
    ),
    "moons-minibatch": (
        lambda: make_moons(50, noise=0.2, rng=1),
        [2, 8, 8, 1],
        "tanh",
        "sigmoid",
        "binary_cross_entropy",
        15,
        0.3,
        16,
    ),
    "spirals-softmax": (
        lambda: make_spirals(45, n_classes=3, rng=2),
        [2, 10, 3],
        "leaky_relu",
        "softmax",
        "categorical_cross_entropy",
        15,
        0.5,
        8,
    ),
    "regression-mse": (
        _regression_data,
        [3, 6, 2],
        "sigmoid",
        "linear",
        "mse",
        30,
        0.2,
        10,
    ),
    "sigmoid-mse": (
        make_xor,
        [2, 3, 1],
        "relu",
        "sigmoid",
        "mse",
        50,
        1.0,
        3,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_numpy_and_pytorch_agree_step_by_step(case):
    data, sizes, hidden, output, loss, epochs, lr, batch_size = CASES[case]
    X, Y = data()
    params = initialize_parameters(sizes, method="glorot", rng=11)
    kwargs = {"hidden_activation": hidden, "output_activation": output, "loss": loss}
    net = Network.from_parameters(params, **kwargs)
    history = net.fit(
        X, Y, epochs=epochs, learning_rate=lr, batch_size=batch_size, rng=3
    )
    model, torch_history = train_network(
        params,
        X.T,
        Y.T,
        epochs=epochs,
        learning_rate=lr,
        batch_size=batch_size,
        rng=3,
        **kwargs,
    )
    assert torch_history.keys() == history.keys()
    assert torch_history["epoch"] == history["epoch"]
    np.testing.assert_allclose(torch_history["loss"], history["loss"], rtol=0, atol=TOL)
    assert history["loss"][-1] < history["loss"][0]  # it trained
    if "accuracy" in history:
        assert torch_history["accuracy"] == history["accuracy"]
    final = _final_parameters(model)
    for key, value in net.parameters.items():
        np.testing.assert_allclose(final[key], value, rtol=0, atol=TOL, err_msg=key)
    with torch.no_grad():
        A = model(torch.from_numpy(X.T)).numpy()
    np.testing.assert_allclose(A.T, net.forward(X), atol=TOL)


def test_model_is_float64_and_parameters_are_not_modified():
    X, y = make_xor()
    params = initialize_parameters([2, 4, 1], method="glorot", rng=0)
    before = {k: v.copy() for k, v in params.items()}
    model, history = train_network(params, X.T, y.T, epochs=100, learning_rate=0.5)
    assert all(p.dtype == torch.float64 for p in model.parameters())
    assert isinstance(model[-1], nn.Sigmoid)
    assert history["accuracy"][-1] == 1.0
    for key in params:
        np.testing.assert_array_equal(params[key], before[key])


def test_softmax_model_ends_in_softmax_and_takes_class_indices():
    X, y = make_spirals(30, n_classes=3, rng=0)
    params = initialize_parameters([2, 5, 3], rng=0)
    kwargs = {"output_activation": "softmax", "loss": "categorical_cross_entropy"}
    model, h1 = train_network(
        params, X.T, y.ravel(), epochs=2, learning_rate=0.1, **kwargs
    )
    _, h2 = train_network(params, X.T, y.T, epochs=2, learning_rate=0.1, **kwargs)
    assert isinstance(model[-1], nn.Softmax)
    assert h1 == h2


def test_layout_errors_say_transpose():
    X, y = make_xor()
    params = initialize_parameters([2, 4, 1], rng=0)
    with pytest.raises(ValueError, match=r"'X' must have 2 columns .* pass X.T"):
        train_network(params, X, y.T, epochs=1, learning_rate=0.1)
    with pytest.raises(
        ValueError,
        match=r"'Y' must have shape \(n_samples, n_outputs\) = \(4, 1\).* pass Y.T",
    ):
        train_network(params, X.T, y, epochs=1, learning_rate=0.1)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"learning_rate": 0.0},
            ValueError,
            r"train_network\(\): argument 'learning_rate'",
        ),
        (
            {"epochs": 0},
            ValueError,
            r"train_network\(\): argument 'epochs' must be an integer >= 1",
        ),
        ({"batch_size": 9}, ValueError, r"'batch_size' must be an integer from 1"),
        ({"loss": "hinge"}, ValueError, r"'loss' must be one of"),
        (
            {"output_activation": "tanh"},
            ValueError,
            r"needs output_activation='sigmoid'",
        ),
    ],
)
def test_train_network_errors(kwargs, error, match):
    X, y = make_xor()
    params = initialize_parameters([2, 4, 1], rng=0)
    arguments = {"epochs": 1, "learning_rate": 0.1} | kwargs
    with pytest.raises(error, match=match):
        train_network(params, X.T, y.T, **arguments)


def test_binary_labels_checked():
    X, y = make_xor()
    params = initialize_parameters([2, 4, 1], rng=0)
    with pytest.raises(ValueError, match=r"must be 0 or 1"):
        train_network(params, X.T, 3 * y.T, epochs=1, learning_rate=0.1)
