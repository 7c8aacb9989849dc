"""Batch normalisation: equal to torch.nn.BatchNorm1d, gradient-checked, modes."""

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from nnbook.gradcheck import numerical_gradient
from nnbook.layers import BatchNorm

TOL = 1e-12


def _torch_bn(n, momentum=0.1, eps=1e-5):
    bn = torch.nn.BatchNorm1d(n, momentum=momentum, eps=eps).double()
    with torch.no_grad():
        bn.weight.copy_(torch.linspace(0.5, 2.0, n, dtype=torch.float64))
        bn.bias.copy_(torch.linspace(-1.0, 1.0, n, dtype=torch.float64))
    return bn


def _ours(n, momentum=0.1, eps=1e-5):
    bn = BatchNorm(n, momentum=momentum, eps=eps)
    bn.params["gamma"][...] = np.linspace(0.5, 2.0, n)
    bn.params["beta"][...] = np.linspace(-1.0, 1.0, n)
    return bn


def _step(ours, theirs, X, dY, *, training):
    """One forward/backward on both; return the largest difference."""
    theirs.train(training)
    Xt = torch.tensor(X.T, requires_grad=True)
    Yt = theirs(Xt)
    Yt.backward(torch.tensor(dY.T))
    Y = ours.forward(X, training=training)
    dX = ours.backward(dY)
    pairs = [
        (Y, Yt.detach().numpy().T),
        (dX, Xt.grad.numpy().T),
        (ours.grads["gamma"], theirs.weight.grad.numpy()),
        (ours.grads["beta"], theirs.bias.grad.numpy()),
        (ours.buffers["running_mean"], theirs.running_mean.numpy()),
        (ours.buffers["running_var"], theirs.running_var.numpy()),
    ]
    theirs.zero_grad()
    return max(float(np.max(np.abs(a - b))) for a, b in pairs)


def test_batchnorm_equals_torch_over_several_steps_and_in_eval_mode(rng):
    n, m = 4, 8
    ours, theirs = _ours(n), _torch_bn(n)
    for _ in range(5):
        X = 3.0 + 2.0 * rng.standard_normal((n, m))
        assert _step(ours, theirs, X, rng.standard_normal((n, m)), training=True) <= TOL
    X = rng.standard_normal((n, 3))
    assert _step(ours, theirs, X, rng.standard_normal((n, 3)), training=False) <= TOL


@given(m=st.integers(2, 40), n=st.integers(1, 5), seed=st.integers(0, 2**16))
def test_batchnorm_equals_torch_for_any_batch_size(m, n, seed):
    rng = np.random.default_rng(seed)
    ours, theirs = _ours(n, momentum=0.3), _torch_bn(n, momentum=0.3)
    X = rng.standard_normal((n, m))
    assert _step(ours, theirs, X, rng.standard_normal((n, m)), training=True) <= 1e-10


@given(m=st.integers(2, 40), seed=st.integers(0, 2**16))
def test_training_output_has_zero_mean_unit_variance(m, seed):
    X = np.random.default_rng(seed).normal(5.0, 3.0, (3, m))
    Y = BatchNorm(3).forward(X, training=True)
    np.testing.assert_allclose(Y.mean(axis=1), 0.0, atol=1e-12)
    # exactly var / (var + eps): eps shrinks a small variance a little
    var = X.var(axis=1)
    np.testing.assert_allclose(Y.var(axis=1), var / (var + 1e-5), rtol=1e-12)


def test_batch_of_one_sample_is_an_error_in_training_mode_as_in_torch():
    with pytest.raises(ValueError, match=r"Expected more than 1 value per channel"):
        torch.nn.BatchNorm1d(3).double()(torch.zeros(1, 3, dtype=torch.float64))
    bn = BatchNorm(3)
    with pytest.raises(
        ValueError, match=r"BatchNorm.forward\(\).*at least 2.*\(3, 1\)"
    ):
        bn.forward(np.zeros((3, 1)), training=True)
    assert bn.forward(np.zeros((3, 1)), training=False).shape == (3, 1)


@pytest.mark.parametrize("training", [True, False])
def test_batchnorm_gradient_check(rng, training):
    bn = _ours(3)
    bn.buffers["running_mean"][...] = [0.5, -0.2, 0.1]
    bn.buffers["running_var"][...] = [2.0, 0.5, 1.5]
    X, R = rng.standard_normal((3, 5)), rng.standard_normal((3, 5))
    saved = {k: v.copy() for k, v in bn.buffers.items()}

    def loss():
        for key, value in saved.items():  # the running update is not part of f
            bn.buffers[key][...] = value
        return float(np.sum(R * bn.forward(X, training=training)))

    loss()
    dX = bn.backward(R)
    np.testing.assert_allclose(dX, numerical_gradient(loss, X), rtol=1e-6, atol=1e-9)
    for key in ("gamma", "beta"):
        loss()
        bn.backward(R)
        grad = bn.grads[key].copy()
        np.testing.assert_allclose(
            grad, numerical_gradient(loss, bn.params[key]), rtol=1e-6, atol=1e-9
        )


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"num_features": 0}, ValueError, "num_features"),
        ({"num_features": 2, "eps": 0.0}, ValueError, "eps"),
        ({"num_features": 2, "momentum": 1.5}, ValueError, "momentum"),
    ],
)
def test_batchnorm_argument_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        BatchNorm(**kwargs)


def test_backward_before_forward_and_wrong_shapes():
    bn = BatchNorm(2)
    with pytest.raises(ValueError, match=r"BatchNorm.backward\(\): call forward"):
        bn.backward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"BatchNorm.forward\(\).*2 rows.*X.T"):
        bn.forward(np.ones((3, 2)), training=True)
    bn.forward(np.ones((2, 3)), training=True)
    with pytest.raises(ValueError, match=r"'dY' must have the shape.*\(2, 3\)"):
        bn.backward(np.ones((2, 4)))
