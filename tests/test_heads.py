"""Tests for nnbook.heads: every output head against its PyTorch twin.

The tables loop over the registries, so a new head is tested here as soon as
it is registered (and its twin must exist: the key sets are compared).
"""

import numpy as np
import pytest
import torch

from nnbook.datasets import make_spirals
from nnbook.heads import HEADS, LOSSES, OUTPUT_ACTIVATIONS, default_loss, resolve_head
from nnbook.initialization import initialize_parameters
from nnbook.network import Network
from nnbook.pytorch import heads as torch_heads
from nnbook.pytorch.training import train_network

KEYS = sorted(HEADS)


def _targets(rng, loss, n_out, m):
    if loss == "binary_cross_entropy":
        return rng.integers(0, 2, size=(n_out, m)).astype(float)
    if loss == "categorical_cross_entropy":
        return np.eye(n_out)[rng.integers(0, n_out, size=m)].T
    return rng.normal(size=(n_out, m))


def test_every_head_has_a_pytorch_twin():
    assert set(torch_heads.HEADS) == set(HEADS)


def test_every_head_joins_registered_names():
    for (output, loss), head in HEADS.items():
        assert head.key == (output, loss)
        assert head.activation is OUTPUT_ACTIVATIONS[output]
        assert head.loss is LOSSES[loss]


@pytest.mark.parametrize("key", KEYS)
def test_head_matches_its_twin_in_value_and_gradient(key, rng):
    loss = key[1]
    head, twin = HEADS[key], torch_heads.HEADS[key]
    Z = rng.normal(scale=2.0, size=(3, 5))
    Y = _targets(rng, loss, 3, 5)
    tZ = torch.tensor(Z.T, requires_grad=True)
    value = twin.loss(tZ, twin.output()(tZ), torch.from_numpy(Y.T))
    value.backward()
    assert head.loss_from_logits(Y, Z, func="test") == pytest.approx(
        value.item(), rel=1e-12
    )
    np.testing.assert_allclose(
        head.output_gradient(Y, Z, func="test"),
        tZ.grad.numpy().T,
        rtol=1e-10,
        atol=1e-14,
    )


@pytest.mark.parametrize("key", [key for key in KEYS if HEADS[key].fused])
def test_fused_heads_are_exactly_a_minus_y_over_n(key, rng):
    head = HEADS[key]
    Z = rng.normal(size=(3, 4))
    Y = _targets(rng, head.loss.name, 3, 4)
    A = head.activation.function(Z)
    n = Y.shape[1] if head.loss.name == "categorical_cross_entropy" else Y.size
    factor = 2.0 if head.loss.name == "mse" else 1.0
    np.testing.assert_allclose(
        head.output_gradient(Y, Z, func="test"), factor * (A - Y) / n, rtol=1e-14
    )


def test_fused_heads_stay_finite_where_the_chain_would_not():
    Z = np.array([[1000.0, -1000.0], [-1000.0, 1000.0]])
    Y = np.array([[0.0, 0.0], [1.0, 1.0]])
    for key in (
        ("sigmoid", "binary_cross_entropy"),
        ("softmax", "categorical_cross_entropy"),
    ):
        head = HEADS[key]
        assert np.isfinite(head.loss_from_logits(Y, Z, func="test"))
        assert np.isfinite(head.output_gradient(Y, Z, func="test")).all()


def test_default_loss_is_the_fused_one():
    assert default_loss("sigmoid") == "binary_cross_entropy"
    assert default_loss("softmax") == "categorical_cross_entropy"
    assert default_loss("linear") == "mse"
    assert default_loss("tanh") == "mse"


@pytest.mark.parametrize(
    ("output", "loss", "error", "match"),
    [
        (
            "linear",
            "binary_cross_entropy",
            ValueError,
            r"fit\(\): loss='binary_cross_entropy' needs output_activation='sigmoid'",
        ),
        ("softmax", "hinge", ValueError, r"fit\(\): argument 'loss' must be one of"),
        ("soft_max", None, ValueError, r"'output_activation' must be one of"),
        (3, None, TypeError, r"'output_activation' must be a string such as"),
    ],
)
def test_resolve_head_errors(output, loss, error, match):
    with pytest.raises(error, match=match):
        resolve_head(output, loss, func="fit")


def test_softmax_head_is_ready_for_several_classes():
    """Three spiral arms: the softmax head learns them, NumPy equals PyTorch."""
    X, y = make_spirals(45, n_classes=3, noise=0.05, rng=0)
    params = initialize_parameters([2, 16, 3], method="he", rng=0)
    net = Network.from_parameters(
        params, output_activation="softmax", loss="categorical_cross_entropy"
    )
    history = net.fit(X, y.ravel(), epochs=15, learning_rate=0.5, batch_size=15, rng=1)
    assert history["loss"][-1] < history["loss"][0]
    assert net.predict(X).shape == (1, 45)
    _, torch_history = train_network(
        params,
        X.T,
        y.ravel(),
        output_activation="softmax",
        loss="categorical_cross_entropy",
        epochs=15,
        learning_rate=0.5,
        batch_size=15,
        rng=1,
    )
    np.testing.assert_allclose(history["loss"], torch_history["loss"], rtol=1e-10)
    assert history["accuracy"] == pytest.approx(torch_history["accuracy"])


# --- divergence is an error, never NaN --------------------------------------


def test_fit_stops_at_divergence_with_epoch_and_learning_rate():
    X, y = make_spirals(40, rng=0)
    net = Network([2, 8, 1], rng=0)
    with pytest.raises(
        FloatingPointError,
        match=r"fit\(\): training diverged at epoch \d+ with learning_rate=1000000.0.*"
        r"10 times smaller \(100000\)",
    ):
        net.fit(X * 1e3, y, epochs=50, learning_rate=1e6)


def test_train_network_stops_at_divergence_too():
    X, y = make_spirals(40, rng=0)
    params = initialize_parameters([2, 8, 1], method="glorot", rng=0)
    with pytest.raises(
        FloatingPointError,
        match=r"train_network\(\): training diverged at epoch \d+ with "
        r"learning_rate=1000000.0",
    ):
        train_network(
            params,
            X.T * 1e3,
            y.T,
            output_activation="linear",
            loss="mse",
            epochs=50,
            learning_rate=1e6,
        )
