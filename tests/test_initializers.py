"""Initialisers: torch.nn.init's scales, their statistics, their errors."""

import functools

import numpy as np
import pytest
import torch

from nnbook import initialize_parameters
from nnbook.initializers import (
    calculate_gain,
    kaiming_normal,
    kaiming_uniform,
    xavier_normal,
    xavier_uniform,
)
from nnbook.layers import Dense


@pytest.mark.parametrize(
    ("name", "param"),
    [("linear", None), ("sigmoid", None), ("tanh", None), ("relu", None),
     ("leaky_relu", None), ("leaky_relu", 0.2)],
)  # fmt: skip
def test_gain_equals_torch(name, param):
    assert calculate_gain(name, param) == torch.nn.init.calculate_gain(name, param)


def _torch_draws(init, shape, seed, **kwargs):
    W = torch.empty(shape, dtype=torch.float64)
    init(W, generator=torch.Generator().manual_seed(seed), **kwargs)
    return W.numpy()


CASES = [
    (xavier_uniform, torch.nn.init.xavier_uniform_, {"gain": 5 / 3}, "uniform"),
    (xavier_normal, torch.nn.init.xavier_normal_, {"gain": 2.0}, "normal"),
    (kaiming_uniform, torch.nn.init.kaiming_uniform_,
     {"mode": "fan_out", "nonlinearity": "relu"}, "uniform"),
    (kaiming_normal, torch.nn.init.kaiming_normal_,
     {"a": 0.1, "nonlinearity": "leaky_relu"}, "normal"),
]  # fmt: skip


def _scale(W, unit, kind):
    """The std (normal) or bound (uniform) that turned unit draws into W."""
    ratio = W / unit if kind == "normal" else W / (2 * unit - 1)
    usable = np.abs(unit if kind == "normal" else 2 * unit - 1) > 0.5
    scale = ratio[usable]
    assert np.allclose(scale, scale[0], rtol=1e-12, atol=0)  # one scale for all
    return scale[0]


@pytest.mark.parametrize(("ours", "theirs", "kwargs", "kind"), CASES)
def test_same_scale_as_torch_from_the_same_draws(ours, theirs, kwargs, kind):
    shape, seed = (7, 5), 3
    W_torch = _torch_draws(theirs, shape, seed, **kwargs)
    generator = torch.Generator().manual_seed(seed)
    draw = torch.randn if kind == "normal" else torch.rand
    unit_torch = draw(shape, generator=generator, dtype=torch.float64).numpy()
    W_ours = ours(shape, rng=np.random.default_rng(seed), **kwargs)
    generator_np = np.random.default_rng(seed)
    unit_ours = (
        generator_np.standard_normal(shape)
        if kind == "normal"
        else generator_np.random(shape)
    )
    expected = _scale(W_torch, unit_torch, kind)
    assert _scale(W_ours, unit_ours, kind) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("init", "expected_var"),
    [
        (functools.partial(xavier_uniform, gain=1.0), 2 / (200 + 300)),
        (functools.partial(xavier_normal, gain=5 / 3), (5 / 3) ** 2 * 2 / 500),
        (functools.partial(kaiming_normal, nonlinearity="relu"), 2 / 200),
        (functools.partial(kaiming_uniform, nonlinearity="relu", mode="fan_out"),
         2 / 300),
    ],
)  # fmt: skip
def test_variance_of_the_draws(init, expected_var):
    W = init((300, 200), rng=0)
    assert W.shape == (300, 200)
    assert W.var() == pytest.approx(expected_var, rel=0.03)
    assert abs(W.mean()) < 0.01 * np.sqrt(expected_var) * 10


def test_book_methods_are_these_initialisers():
    generator = np.random.default_rng(5)
    glorot = initialize_parameters([4, 3], method="glorot", rng=5)["W1"]
    assert np.allclose(glorot, xavier_uniform((3, 4), rng=generator), rtol=1e-15)
    he = initialize_parameters([4, 3], method="he", rng=5)["W1"]
    assert np.allclose(
        he, kaiming_normal((3, 4), nonlinearity="relu", rng=5), rtol=1e-15
    )


def test_dense_takes_an_initialiser_function():
    layer = Dense(
        4, 3, init=functools.partial(kaiming_normal, nonlinearity="relu"), rng=5
    )
    assert np.array_equal(
        layer.params["W"], kaiming_normal((3, 4), nonlinearity="relu", rng=5)
    )
    with pytest.raises(ValueError, match=r"Dense\(\).*'init' must return.*\(3, 4\)"):
        Dense(4, 3, init=lambda shape, rng: np.zeros((4, 3)))


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: xavier_uniform(5), TypeError, r"xavier_uniform\(\).*'shape'"),
        (lambda: xavier_normal((3, 0)), ValueError, r"shape\[1\]"),
        (lambda: xavier_uniform((3, 2), gain=-1.0), ValueError, "gain"),
        (lambda: kaiming_normal((3, 2), mode="fan"), ValueError, r"'mode'.*fan_in"),
        (lambda: kaiming_uniform((3, 2), nonlinearity="swish"), ValueError, "swish"),
        (lambda: calculate_gain("leaky_relu", -1.0), ValueError, "param"),
    ],
)  # fmt: skip
def test_initializer_errors(call, error, match):
    with pytest.raises(error, match=match):
        call()
