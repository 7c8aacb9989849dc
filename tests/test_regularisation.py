"""Chapter 7's regularisers: L2 penalty, dropout, early stopping, augmentation.

Dropout and weight decay are checked against PyTorch in float64 (values and
gradients, with the very same mask); early stopping must hand back exactly
the weights of its best epoch; augmentation keeps labels and shapes.
"""

import numpy as np
import pytest
import torch

from nnbook import (
    Network,
    augment_with_shifts,
    dropout_backward,
    dropout_forward,
    dropout_mask,
    fit_with_validation,
    l2_penalty,
    minibatches,
    shift_images,
)
from nnbook.gradcheck import numerical_gradient
from nnbook.optim import SGD
from nnbook.pytorch import torch_dropout, torch_dropout_mask, torch_optimizer

# --- dropout ------------------------------------------------------------------


@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 0.9])
def test_dropout_equals_torch_with_the_same_mask(rng, p):
    A = rng.normal(size=(7, 11))  # features x samples
    dY = rng.normal(size=A.shape)
    A_t = torch.tensor(A.T, requires_grad=True)  # samples x features
    mask = torch_dropout_mask(A_t, p, seed=3).T
    out = torch_dropout(A_t, p, seed=3)
    out.backward(torch.tensor(dY.T))
    np.testing.assert_allclose(
        dropout_forward(A, mask, p), out.detach().numpy().T, rtol=1e-15, atol=0
    )
    np.testing.assert_allclose(
        dropout_backward(dY, mask, p), A_t.grad.numpy().T, rtol=1e-15, atol=0
    )


def test_torch_mask_recovery_is_not_trivial(rng):
    # A different seed gives a different mask, so the equality above is real.
    A_t = torch.tensor(rng.normal(size=(20, 30)))
    assert (
        torch_dropout_mask(A_t, 0.5, seed=1) != torch_dropout_mask(A_t, 0.5, seed=2)
    ).any()


def test_dropout_preserves_the_expectation():
    # 200,000 units, p = 0.3: the mean of the scaled mask is 1 within 4 sigma.
    p, n = 0.3, 200_000
    scaled = dropout_forward(np.ones((1, n)), dropout_mask((1, n), p, rng=0), p)
    sigma = np.sqrt(p / (1 - p) / n)  # std of the mean of M / (1 - p)
    assert abs(scaled.mean() - 1.0) < 4 * sigma
    assert abs((scaled == 0).mean() - p) < 0.01


def test_dropout_mask_is_seeded():
    assert (dropout_mask((5, 5), 0.5, rng=4) == dropout_mask((5, 5), 0.5, rng=4)).all()
    assert dropout_mask((5, 5), 0.0, rng=4).all()


def test_dropout_backward_is_the_gradient(rng):
    A, mask, p = rng.normal(size=(3, 4)), dropout_mask((3, 4), 0.4, rng=1), 0.4
    weights = rng.normal(size=A.shape)
    numeric = numerical_gradient(
        lambda: np.sum(weights * dropout_forward(A, mask, p)), A
    )
    np.testing.assert_allclose(dropout_backward(weights, mask, p), numeric, rtol=1e-6)


@pytest.mark.parametrize("p", [1.0, -0.1, 1.5])
def test_dropout_rate_outside_range(p):
    with pytest.raises(ValueError, match=r"dropout_mask\(\): argument 'p'.*\[0, 1\)"):
        dropout_mask((2, 2), p)
    with pytest.raises(ValueError, match=r"dropout_forward\(\): argument 'p'"):
        dropout_forward(np.ones((2, 2)), np.ones((2, 2), bool), p)
    with pytest.raises(ValueError, match=r"torch_dropout\(\): argument 'p'"):
        torch_dropout(torch.ones(2, 2), p, seed=0)


def test_dropout_mask_must_be_boolean_of_the_same_shape():
    with pytest.raises(
        TypeError, match=r"dropout_forward\(\): argument 'mask' must be a boolean"
    ):
        dropout_forward(np.ones((2, 2)), np.ones((2, 2)), 0.5)
    with pytest.raises(ValueError, match="mask"):
        dropout_backward(np.ones((2, 2)), np.ones((2, 3), bool), 0.5)


# --- weight decay ---------------------------------------------------------------


def test_l2_penalty_value_and_gradient(rng):
    params = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=3)}
    value, grads = l2_penalty(params, 0.01)
    assert value == pytest.approx(0.005 * sum(np.sum(v**2) for v in params.values()))
    for key, theta in params.items():
        numeric = numerical_gradient(lambda: l2_penalty(params, 0.01)[0], theta)
        np.testing.assert_allclose(grads[key], numeric, rtol=1e-6)


def test_penalty_gradient_is_torch_sgd_weight_decay(rng):
    # One step of SGD on L + penalty (by hand) = torch.optim.SGD(weight_decay).
    theta, g, lam, eta = rng.normal(size=(4, 3)), rng.normal(size=(4, 3)), 0.05, 0.1
    _, decay = l2_penalty({"w": theta}, lam)
    by_hand = theta - eta * (g + decay["w"])
    w = torch.tensor(theta, requires_grad=True)
    opt = torch_optimizer(SGD(eta, weight_decay=lam), [w])
    w.grad = torch.tensor(g)
    opt.step()
    np.testing.assert_allclose(by_hand, w.detach().numpy(), rtol=1e-15)
    params = {"w": theta.copy()}
    SGD(eta, weight_decay=lam).step(params, {"w": g})
    np.testing.assert_allclose(by_hand, params["w"], rtol=1e-15)


def test_l2_penalty_bad_strength():
    with pytest.raises(ValueError, match=r"l2_penalty\(\): argument 'weight_decay'"):
        l2_penalty({"w": np.ones(2)}, -1.0)


# --- early stopping -------------------------------------------------------------


def _problem():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(4, 60))
    y = (X[0] + 0.8 * rng.normal(size=60) > 0).astype(int)  # noisy: overfits
    Y = np.eye(2)[y].T
    return (X[:, :30], Y[:, :30]), (X[:, 30:], Y[:, 30:])


def _fit(epochs, patience=None):
    train, val = _problem()
    net = Network(
        [4, 64, 2], output_activation="softmax", loss="categorical_cross_entropy", rng=1
    )
    shuffle = np.random.default_rng(2)
    history = fit_with_validation(
        net,
        train,
        val,
        epochs=epochs,
        learning_rate=0.5,
        batches=lambda: minibatches(30, 10, shuffle),
        patience=patience,
    )
    return net, history


def test_early_stopping_restores_exactly_the_best_weights():
    net, history = _fit(200, patience=5)
    best = history["best_epoch"]
    assert 0 < best < history["epoch"][-1] < 200  # it stopped early
    assert history["epoch"][-1] == best + 5
    assert history["val_loss"][best] == min(history["val_loss"])
    replay, _ = _fit(best)  # the same run, stopped by hand at the best epoch
    for key, value in replay.parameters.items():
        np.testing.assert_array_equal(net.parameters[key], value)
    _train, val = _problem()
    assert net.evaluate(*val)[0] == history["val_loss"][best]


def test_without_patience_nothing_changes():
    _, history = _fit(20)
    assert "best_epoch" not in history
    assert len(history["epoch"]) == 21


@pytest.mark.parametrize("patience", [0, -3])
def test_patience_below_one(patience):
    with pytest.raises(
        ValueError, match=r"fit_with_validation\(\): argument 'patience'"
    ):
        _fit(5, patience=patience)


# --- augmentation ---------------------------------------------------------------


def test_shift_moves_and_pads_with_background():
    image = np.arange(1.0, 65.0).reshape(64, 1)
    grid = shift_images(image, dx=2, dy=1).reshape(8, 8)
    original = image.reshape(8, 8)
    np.testing.assert_array_equal(grid[1:, 2:], original[:-1, :-2])
    assert (grid[0] == 0).all()
    assert (grid[:, :2] == 0).all()
    back = shift_images(shift_images(image, -3, 2), 3, -2).reshape(8, 8)
    np.testing.assert_array_equal(back[:6, 3:], original[:6, 3:])  # what stayed


def test_augment_keeps_labels_and_shapes(rng):
    pixels = rng.integers(0, 17, size=(64, 9)).astype(float)
    labels = rng.integers(0, 10, size=9)
    big, y = augment_with_shifts(pixels, labels, copies=3, rng=0)
    assert big.shape == (64, 36)
    assert y.shape == (36,)
    np.testing.assert_array_equal(big[:, :9], pixels)
    np.testing.assert_array_equal(y, np.tile(labels, 4))
    again, _ = augment_with_shifts(pixels, labels, copies=3, rng=0)
    np.testing.assert_array_equal(big, again)  # seeded
    # Every copy is some shift by at most one pixel of its original.
    for k in range(1, 4):
        for i in range(9):
            copy = big[:, 9 * k + i]
            assert any(
                np.array_equal(copy, shift_images(pixels[:, [i]], dx, dy)[:, 0])
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
            )


def test_augment_errors():
    with pytest.raises(ValueError, match=r"augment_with_shifts\(\): argument 'labels'"):
        augment_with_shifts(np.zeros((64, 3)), [1, 2])
    with pytest.raises(
        ValueError, match=r"augment_with_shifts\(\): argument 'max_shift'"
    ):
        augment_with_shifts(np.zeros((64, 3)), [1, 2, 3], max_shift=5)
    with pytest.raises(ValueError, match=r"shift_images\(\): argument 'pixels'"):
        shift_images(np.zeros((63, 3)), 1, 1)
    with pytest.raises(ValueError, match=r"shift_images\(\): argument 'dx'"):
        shift_images(np.zeros((64, 3)), 0.5, 1)


# --- the Dropout layer and early stopping of a Sequential -------------------------


def test_dropout_layer_train_and_eval(rng):
    from nnbook.layers import Dropout

    X = rng.normal(size=(6, 9))
    layer = Dropout(0.3, rng=4)
    out = layer.forward(X, training=True)
    expected_mask = dropout_mask(X.shape, 0.3, rng=4)  # the layer's first draw
    np.testing.assert_array_equal(layer.mask, expected_mask)
    np.testing.assert_array_equal(out, dropout_forward(X, expected_mask, 0.3))
    dY = rng.normal(size=X.shape)
    np.testing.assert_array_equal(
        layer.backward(dY), dropout_backward(dY, expected_mask, 0.3)
    )
    second = layer.forward(X, training=True)
    assert not np.array_equal(second, out)  # a fresh mask each step
    np.testing.assert_array_equal(layer.forward(X, training=False), X)  # identity
    np.testing.assert_array_equal(layer.backward(dY), dY)


def test_dropout_layer_bad_rate():
    from nnbook.layers import Dropout

    with pytest.raises(ValueError, match=r"Dropout\(\): argument 'p'.*\[0, 1\)"):
        Dropout(1.0)


def _sequential(seed):
    from nnbook import Sequential
    from nnbook.layers import ActivationLayer, Dense, Dropout

    rng = np.random.default_rng(seed)
    return Sequential(
        [
            Dense(4, 32, rng=rng),
            ActivationLayer("relu"),
            Dropout(0.2, rng=seed),
            Dense(32, 2, rng=rng),
        ],
        output_activation="softmax",
        loss="categorical_cross_entropy",
    )


def test_early_stopping_restores_a_sequential():
    train, val = _problem()

    def fit(epochs, patience=None):
        model, shuffle = _sequential(3), np.random.default_rng(2)
        history = fit_with_validation(
            model,
            train,
            val,
            epochs=epochs,
            learning_rate=0.5,
            patience=patience,
            batches=lambda: minibatches(30, 10, shuffle),
        )
        return model, history

    model, history = fit(200, patience=4)
    best = history["best_epoch"]
    assert 0 < best < history["epoch"][-1] < 200
    replay, _ = fit(best)
    for key, value in replay.parameters.items():
        np.testing.assert_array_equal(model.parameters[key], value)
    model.eval()
    assert model.evaluate(*val)[0] == history["val_loss"][best]


@pytest.mark.parametrize("start_training", [True, False])
def test_fitting_gives_the_model_back_in_its_own_mode(start_training):
    # As a PyTorch loop: training switches modes inside, the caller's mode
    # is put back, so a model trained in training mode must be put in
    # evaluation mode (model.eval()) before it is used on new data.
    train, val = _problem()
    model = _sequential(3)
    model.training = start_training
    fit_with_validation(
        model,
        train,
        val,
        epochs=2,
        learning_rate=0.5,
        batches=lambda: minibatches(30, 10, rng=0),
    )
    assert model.training is start_training
    scores = [model.evaluate(*val) for _ in range(2)]
    # Dropout on draws a new mask per call; off, the scores repeat.
    assert (scores[0] == scores[1]) is not start_training
