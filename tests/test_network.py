"""Tests for nnbook.network.Network and nnbook.training (the NumPy loop)."""

import numpy as np
import pytest

from nnbook.backward import backward_network
from nnbook.datasets import make_moons, make_spirals, make_xor
from nnbook.forward import forward_network
from nnbook.initialization import initialize_parameters
from nnbook.network import Network
from nnbook.training import minibatches

# The XOR recipe Chapter 2 uses: 2 -> 4 (ReLU) -> 1 (sigmoid), Glorot, seed 0,
# full-batch gradient descent with learning rate 0.5 for 1000 epochs. It
# reaches 100 % accuracy at epoch 8 and ends with a loss of about 0.004.
XOR_SEED, XOR_LR, XOR_EPOCHS = 0, 0.5, 1000


@pytest.fixture
def xor():
    return make_xor()


def test_xor_reaches_full_accuracy(xor):
    X, y = xor
    net = Network([2, 4, 1], rng=XOR_SEED)
    history = net.fit(X, y, epochs=XOR_EPOCHS, learning_rate=XOR_LR)
    assert history["accuracy"][-1] == 1.0
    assert history["loss"][-1] < 0.01 < history["loss"][0]
    np.testing.assert_array_equal(net.predict(X), [[0, 1, 1, 0]])


def test_history_format(xor):
    X, y = xor
    history = Network([2, 4, 1]).fit(X, y, epochs=5, learning_rate=0.1)
    assert set(history) == {"epoch", "loss", "accuracy"}
    assert history["epoch"] == [0, 1, 2, 3, 4, 5]
    assert len(history["loss"]) == len(history["accuracy"]) == 6
    assert all(isinstance(v, float) for v in history["loss"])


def test_regression_history_has_no_accuracy(rng):
    X = rng.normal(size=(2, 20))
    Y = np.array([[1.0, -2.0]]) @ X + 0.5
    net = Network([2, 1], output_activation="linear", loss="mse", rng=1)
    history = net.fit(X, Y, epochs=200, learning_rate=0.1)
    assert set(history) == {"epoch", "loss"}
    assert history["loss"][-1] < 1e-6
    np.testing.assert_allclose(net.parameters["W1"], [[1.0, -2.0]], atol=1e-3)
    np.testing.assert_allclose(net.predict(X), Y, atol=1e-3)


def test_same_seed_same_history_different_seed_different_history():
    X, y = make_moons(60, noise=0.2, rng=3)

    def run(init_seed, shuffle_seed):
        net = Network([2, 6, 1], hidden_activation="tanh", rng=init_seed)
        return net.fit(
            X, y, epochs=5, learning_rate=0.5, batch_size=16, rng=shuffle_seed
        )

    assert run(1, 2) == run(1, 2)
    assert run(1, 2)["loss"] != run(1, 3)["loss"]  # other batch order
    assert run(1, 2)["loss"] != run(4, 2)["loss"]  # other initial weights


def test_fit_is_the_forward_backward_step_loop(rng):
    """fit() is exactly forward_network + backward_network + W -= lr * dW."""
    X, y = make_moons(30, rng=0)
    params = initialize_parameters([2, 5, 1], method="he", rng=rng)
    net = Network.from_parameters(params)
    net.fit(X, y, epochs=3, learning_rate=0.3, batch_size=8, rng=7)
    shuffle = np.random.default_rng(7)
    for _ in range(3):
        for batch in minibatches(30, 8, shuffle):
            cache = forward_network(X[:, batch], params, output_activation="sigmoid")
            grads = backward_network(cache, params, y[:, batch])
            params = {k: v - 0.3 * grads[f"d{k}"] for k, v in params.items()}
    for key, value in params.items():
        np.testing.assert_allclose(net.parameters[key], value, rtol=1e-13, atol=1e-15)


def test_a_small_step_lowers_the_loss(rng):
    X, y = make_moons(40, rng=1)
    net = Network([2, 8, 1], rng=2)
    before, _ = net.evaluate(X, y)
    net.forward(X)
    net.backward(y)
    net.step(1e-3)
    after, _ = net.evaluate(X, y)
    assert after < before


def test_zero_initialisation_keeps_hidden_units_identical(xor):
    """Symmetry: every hidden unit gets the same gradient, so they never differ."""
    X, _ = xor
    y_or = np.array([[0.0, 1.0, 1.0, 1.0]])  # unbalanced, so the weights move
    net = Network([2, 4, 1], hidden_activation="sigmoid", init="zeros")
    net.fit(X, y_or, epochs=200, learning_rate=1.0)
    W1, b1, W2 = (net.parameters[k] for k in ("W1", "b1", "W2"))
    assert np.abs(W1).min() > 0.01  # the weights did change...
    np.testing.assert_array_equal(W1, np.broadcast_to(W1[0], W1.shape))  # ...alike
    np.testing.assert_array_equal(b1, np.full_like(b1, b1[0]))
    np.testing.assert_array_equal(W2, np.full_like(W2, W2[0, 0]))


def test_random_initialisation_breaks_the_symmetry():
    W1 = Network([2, 4, 1], hidden_activation="sigmoid", rng=0).parameters["W1"]
    assert len(np.unique(W1[:, 0])) == 4


def test_zero_initialisation_with_relu_never_moves_the_first_layer(xor):
    X, y = xor
    net = Network([2, 4, 1], init="zeros")
    net.fit(X, y, epochs=50, learning_rate=1.0)
    np.testing.assert_array_equal(net.parameters["W1"], np.zeros((4, 2)))


def test_softmax_network_learns_three_spirals():
    X, y = make_spirals(150, n_classes=3, noise=0.02, rng=0)
    net = Network(
        [2, 16, 16, 3],
        output_activation="softmax",
        loss="categorical_cross_entropy",
        init="he",
        rng=0,
    )
    history = net.fit(X, y, epochs=300, learning_rate=0.5, batch_size=30, rng=0)
    assert history["accuracy"][0] < 0.5
    assert history["accuracy"][-1] == 1.0
    np.testing.assert_array_equal(net.predict(X), y)


def test_class_indices_and_one_hot_give_the_same_history():
    X, y = make_spirals(30, n_classes=3, rng=1)
    one_hot = np.eye(3)[y.ravel().astype(int)].T
    kwargs = {"output_activation": "softmax", "loss": "categorical_cross_entropy"}
    runs = [
        Network([2, 4, 3], rng=0, **kwargs).fit(X, labels, epochs=3, learning_rate=0.1)
        for labels in (y, y.ravel(), one_hot)
    ]
    assert runs[0] == runs[1] == runs[2]


def test_from_parameters_copies_and_parameters_returns_copies(rng):
    params = initialize_parameters([2, 3, 1], rng=rng)
    net = Network.from_parameters(params)
    params["W1"][:] = 99.0
    assert not np.any(net.parameters["W1"] == 99.0)
    net.parameters["W1"][:] = 99.0
    assert not np.any(net.parameters["W1"] == 99.0)
    assert net.layer_sizes == (2, 3, 1)


# --- errors -----------------------------------------------------------------


@pytest.fixture
def net():
    return Network([2, 4, 1])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"learning_rate": 0.0},
            ValueError,
            r"'learning_rate' must be positive and finite; got 0.0",
        ),
        ({"learning_rate": -0.1}, ValueError, r"'learning_rate' must be positive"),
        (
            {"learning_rate": np.nan},
            ValueError,
            r"'learning_rate' must be positive .* got nan",
        ),
        (
            {"learning_rate": np.inf},
            ValueError,
            r"'learning_rate' must be positive .* got inf",
        ),
        (
            {"learning_rate": "0.1"},
            TypeError,
            r"'learning_rate' must be a positive number; got str",
        ),
        ({"epochs": 0}, ValueError, r"'epochs' must be an integer >= 1; got 0"),
        ({"epochs": 2.5}, TypeError, r"'epochs' must be an integer"),
        ({"batch_size": 0}, ValueError, r"'batch_size' must be an integer from 1 to 4"),
        ({"batch_size": 5}, ValueError, r"from 1 to 4; got 5. Pass None for full"),
        ({"batch_size": 2.0}, TypeError, r"'batch_size' must be an integer"),
        ({"rng": "seed"}, TypeError, r"'rng' must be an int seed"),
    ],
)
def test_fit_schedule_errors(net, xor, kwargs, error, match):
    X, y = xor
    arguments = {"epochs": 1, "learning_rate": 0.1} | kwargs
    with pytest.raises(error, match=match):
        net.fit(X, y, **arguments)


def test_fit_target_errors(net, xor):
    X, y = xor
    with pytest.raises(ValueError, match=r"'Y' must contain probabilities in \[0, 1\]"):
        net.fit(X, 2 * y, epochs=1, learning_rate=0.1)
    with pytest.raises(
        ValueError, match=r"'Y' must have shape .* \(1, 4\); got shape \(4,\)"
    ):
        net.fit(X, y.ravel(), epochs=1, learning_rate=0.1)
    with pytest.raises(ValueError, match=r"'X' must have 2 rows .* got shape \(4, 2\)"):
        net.fit(X.T, y, epochs=1, learning_rate=0.1)
    with pytest.raises(ValueError, match=r"'X' must be a 2-D array"):
        net.fit(X[0], y, epochs=1, learning_rate=0.1)


@pytest.mark.parametrize(
    ("labels", "match"),
    [
        ([0, 1, 3], r"integers 0 to 2 .* got 3 \(at sample 2\)"),
        ([0, -1, 2], r"got -1 \(at sample 1\)"),
        ([0, 1.5, 2], r"got 1.5"),
    ],
)
def test_class_index_errors(labels, match):
    net = Network([2, 3], output_activation="softmax", loss="categorical_cross_entropy")
    with pytest.raises(ValueError, match=match):
        net.fit(np.zeros((2, 3)), labels, epochs=1, learning_rate=0.1)


def test_one_hot_errors():
    net = Network([2, 3], output_activation="softmax", loss="categorical_cross_entropy")
    with pytest.raises(ValueError, match=r"'Y' must hold one-hot .* along axis 0"):
        net.fit(np.zeros((2, 2)), np.ones((3, 2)), epochs=1, learning_rate=0.1)


def test_call_order_errors(net, xor):
    with pytest.raises(ValueError, match=r"backward\(\): call forward\(X\) first"):
        net.backward(xor[1])
    with pytest.raises(
        ValueError, match=r"step\(\): call forward\(X\) and backward\(Y\)"
    ):
        net.step(0.1)
    net.forward(xor[0])
    net.backward(xor[1])
    with pytest.raises(ValueError, match=r"step\(\): argument 'learning_rate' must be"):
        net.step(-1.0)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"loss": "cross_entropy"}, r"'loss' must be one of 'binary_cross_entropy'"),
        ({"output_activation": "sigmoidd"}, r"'output_activation' must be one of"),
        ({"hidden_activation": "rellu"}, r"'hidden_activation' must be one of"),
        ({"init": "xavier"}, r"'init' must be one of 'glorot', 'he', 'normal'"),
        (
            {"output_activation": "linear"},
            r"'binary_cross_entropy' needs output_activation='sigmoid'; got 'linear'",
        ),
        ({"loss": "categorical_cross_entropy"}, r"needs output_activation='softmax'"),
        (
            {"loss": "categorical_cross_entropy", "output_activation": "softmax"},
            r"needs at least 2 output units, one per class; got 1",
        ),
    ],
)
def test_constructor_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Network([2, 1], **kwargs)


@pytest.mark.parametrize(
    ("n_samples", "batch_size", "error", "match"),
    [
        (5, -1, ValueError, r"minibatches\(\): argument 'batch_size' must be an"),
        (5, 0, ValueError, r"argument 'batch_size' must be an integer from 1 to 5"),
        (5, 2.5, TypeError, r"argument 'batch_size' .* got float 2.5"),
        (5, 6, ValueError, r"from 1 to 5; got 6. Pass None for full-batch"),
        (0, None, ValueError, r"minibatches\(\): argument 'n_samples' must be an"),
        (2.0, None, TypeError, r"'n_samples' must be an integer >= 1; got float 2.0"),
    ],
)
def test_minibatches_rejects_a_bad_split(n_samples, batch_size, error, match):
    with pytest.raises(error, match=match):
        minibatches(n_samples, batch_size)
