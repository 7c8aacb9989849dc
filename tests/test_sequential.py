"""Sequential models of layers: equal to Network, trainable, watchable."""

import numpy as np
import pytest

from nnbook import Network, fit_with_validation, initialize_parameters, minibatches
from nnbook.gradcheck import numerical_gradient
from nnbook.layers import ActivationLayer, BatchNorm, Dense
from nnbook.layers.statistics import record_layers
from nnbook.optim import Adam
from nnbook.sequential import Sequential

SIZES = [5, 7, 6, 3]


def _pair(hidden="tanh", seed=3):
    params = initialize_parameters(SIZES, method="glorot", rng=seed)
    net = Network.from_parameters(
        params,
        hidden_activation=hidden,
        output_activation="softmax",
        loss="categorical_cross_entropy",
    )
    layers = []
    for layer in range(1, len(SIZES)):
        layers.append(Dense.from_arrays(params[f"W{layer}"], params[f"b{layer}"]))
        if layer < len(SIZES) - 1:
            layers.append(ActivationLayer(hidden))
    model = Sequential(
        layers, output_activation="softmax", loss="categorical_cross_entropy"
    )
    return net, model


def _data(rng, m=20):
    X = rng.standard_normal((SIZES[0], m))
    return X, rng.integers(0, SIZES[-1], size=m)


def _as_network_keys(model, arrays=None):
    """Rename "0.W", "2.W", ... to Network's "W1", "W2", ..."""
    arrays = model.parameters if arrays is None else arrays
    dense = [i for i, layer in enumerate(model.layers) if isinstance(layer, Dense)]
    return {
        f"{kind}{n}": arrays[f"{index}.{kind}"]
        for n, index in enumerate(dense, start=1)
        for kind in "Wb"
    }


@pytest.mark.parametrize("hidden", ["tanh", "relu"])
def test_sequential_equals_network_exactly(rng, hidden):
    net, model = _pair(hidden)
    X, y = _data(rng)
    assert np.array_equal(net.forward(X), model.forward(X))
    grads = net.backward(y)
    model.backward(y)
    renamed = _as_network_keys(model, model.grads)
    assert {f"d{key}" for key in renamed} == set(grads)
    for key, value in renamed.items():
        assert np.array_equal(grads[f"d{key}"], value), key


def test_sequential_fit_history_equals_network(rng):
    net, model = _pair("relu")
    X, y = _data(rng, m=30)
    kwargs = {"epochs": 4, "batch_size": 8}
    h_net = net.fit(X, y, optimizer=Adam(0.01), rng=7, **kwargs)
    h_seq = model.fit(X, y, optimizer=Adam(0.01), rng=7, **kwargs)
    assert h_net == h_seq
    for key, value in _as_network_keys(model).items():
        assert np.array_equal(net.parameters[key], value), key


def test_dense_stack_draws_the_weights_of_initialize_parameters():
    params = initialize_parameters([4, 3, 2], method="he", rng=11)
    generator = np.random.default_rng(11)
    layers = [
        Dense(4, 3, init="he", rng=generator),
        Dense(3, 2, init="he", rng=generator),
    ]
    assert np.array_equal(layers[0].params["W"], params["W1"])
    assert np.array_equal(layers[1].params["W"], params["W2"])


def test_fit_with_validation_accepts_sequential(rng):
    _, model = _pair("relu")
    X, y = _data(rng, m=16)
    Y = np.eye(3)[y].T
    history = fit_with_validation(
        model, (X, Y), (X, Y), epochs=3, learning_rate=0.1,
        batches=lambda: minibatches(16, 4, rng=0),
    )  # fmt: skip
    assert len(history["val_loss"]) == 4
    assert history["loss"] == history["val_loss"]
    assert history["loss"][-1] < history["loss"][0]


def test_sequential_gradient_check_with_batchnorm(rng):
    layers = [
        Dense(4, 5, rng=1),
        BatchNorm(5),
        ActivationLayer("tanh"),
        Dense(5, 2, rng=2),
    ]
    model = Sequential(layers, output_activation="linear", loss="mse")
    X, Y = rng.standard_normal((4, 6)), rng.standard_normal((2, 6))
    model.forward(X)
    model.backward(Y)
    for key, array in model.parameters.items():

        def loss():
            return model.evaluate(X, Y)[0]

        numeric = numerical_gradient(loss, array)
        # The bias before batch norm has gradient 0: the mean removes it.
        np.testing.assert_allclose(model.grads[key], numeric, rtol=1e-6, atol=1e-9)
    assert np.abs(model.grads["0.b"]).max() < 1e-12


def test_record_layers_sees_every_activation(rng):
    _, model = _pair("tanh")
    X, y = _data(rng)
    with record_layers(model, (ActivationLayer,)) as record:
        model.forward(X)
        model.backward(y)
    assert sorted(record.outputs) == [1, 3]
    assert record.gradients[3].shape == (6, 20)
    summary = record.summary()
    assert summary["layer"] == [1, 3]
    assert summary["std"][0] == pytest.approx(record.outputs[1].std())
    assert not model.forward_hooks
    assert not model.backward_hooks


def test_train_and_eval_modes():
    model = Sequential([Dense(2, 2, rng=0), BatchNorm(2)], output_activation="linear",
                       loss="mse")  # fmt: skip
    assert model.training
    assert model.eval() is model
    assert not model.training
    assert model.train().training


@pytest.mark.parametrize(
    ("layers", "error", "match"),
    [
        ([Dense(2, 3, rng=0), Dense(4, 1, rng=0)], ValueError, "takes 4 features"),
        ([ActivationLayer("relu")], ValueError, "at least one Dense layer"),
        ([Dense(2, 1, rng=0), "relu"], TypeError, "item 1 is str"),
    ],
)
def test_sequential_errors(layers, error, match):
    with pytest.raises(error, match=match):
        Sequential(layers)


def test_sequential_refuses_a_single_layer():
    with pytest.raises(TypeError, match=r"Sequential\(\[layer\]\)"):
        Sequential(Dense(2, 1, rng=0))  # type: ignore[arg-type]


def test_backward_and_update_need_forward_first():
    model = Sequential([Dense(2, 1, rng=0)])
    with pytest.raises(ValueError, match=r"Sequential.backward\(\): call forward"):
        model.backward(np.ones((1, 3)))
    with pytest.raises(ValueError, match=r"Sequential.update\(\): call forward"):
        model.update(Adam(0.1))


def test_forward_names_a_bad_input():
    model = Sequential([Dense(2, 1, rng=0)])
    with pytest.raises(ValueError, match=r"Sequential.forward\(\).*2 rows.*X.T"):
        model.forward(np.ones((3, 2)))


def test_fit_refuses_a_last_batch_of_one_sample_with_batchnorm(rng):
    model = Sequential([Dense(2, 2, rng=0), BatchNorm(2)], output_activation="softmax",
                       loss="categorical_cross_entropy")  # fmt: skip
    X, y = rng.standard_normal((2, 9)), rng.integers(0, 2, 9)
    with pytest.raises(ValueError, match=r"Sequential.fit\(\).*batch_size=4.*1 sample"):
        model.fit(X, y, epochs=1, learning_rate=0.1, batch_size=4)
    history = model.fit(X, y, epochs=1, learning_rate=0.1, batch_size=3)
    assert len(history["loss"]) == 2
