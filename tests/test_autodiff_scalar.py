"""The scalar engine Value: every operation against central differences and torch."""

import math

import numpy as np
import pytest
import torch
from hypothesis import given
from strategies import finite_floats

from nnbook.autodiff import Value

# name: (engine, torch, smallest input)
UNARY = {
    "exp": (Value.exp, torch.exp, -50.0),
    "log": (Value.log, torch.log, 0.1),
    "sigmoid": (Value.sigmoid, torch.sigmoid, -50.0),
    "tanh": (Value.tanh, torch.tanh, -10.0),
    "relu": (Value.relu, torch.relu, -10.0),
    "neg": (lambda v: -v, lambda t: -t, -10.0),
    "square": (lambda v: v**2, lambda t: t**2, -10.0),
    "inverse": (lambda v: 1.0 / v, lambda t: 1.0 / t, 0.5),
    "rsub": (lambda v: 1.0 - v, lambda t: 1.0 - t, -10.0),
    "times constant": (lambda v: v * 2.5, lambda t: t * 2.5, -10.0),
    "plus constant": (lambda v: 0.5 + v, lambda t: 0.5 + t, -10.0),
}
BINARY = {
    "add": (lambda p, q: p + q, lambda p, q: p + q),
    "sub": (lambda p, q: p - q, lambda p, q: p - q),
    "mul": (lambda p, q: p * q, lambda p, q: p * q),
    "div": (lambda p, q: p / q, lambda p, q: p / q),
}


def central_difference(f, x, eps=1e-6):
    return (f(x + eps) - f(x - eps)) / (2 * eps)


@pytest.mark.parametrize("name", sorted(UNARY))
@given(x=finite_floats(-10.0, 10.0))
def test_unary_gradients_match_torch_and_central_differences(name, x):
    ours, theirs, low = UNARY[name]
    x = max(x, low)
    if name == "relu" and abs(x) < 1e-5:  # the kink: no derivative to compare
        x = 1.0
    v = Value(x)
    out = ours(v)
    out.backward()
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    theirs(t).backward()
    assert out.data == pytest.approx(float(theirs(t.detach())), rel=1e-14, abs=1e-300)
    # abs: 1 - tanh(x)**2 cancels, so one ulp of tanh is 1e-16 absolute
    assert v.grad == pytest.approx(float(t.grad), rel=1e-13, abs=1e-15)
    numerical = central_difference(lambda s: ours(Value(s)).data, x)
    assert v.grad == pytest.approx(numerical, rel=1e-5, abs=1e-7)


@pytest.mark.parametrize("name", sorted(BINARY))
@given(x=finite_floats(-10.0, 10.0), y=finite_floats(0.5, 10.0))
def test_binary_gradients_match_torch(name, x, y):
    ours, theirs = BINARY[name]
    p, q = Value(x), Value(y)
    ours(p, q).backward()
    tp, tq = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (x, y))
    theirs(tp, tq).backward()
    assert p.grad == pytest.approx(float(tp.grad), rel=1e-13, abs=1e-300)
    assert q.grad == pytest.approx(float(tq.grad), rel=1e-13, abs=1e-300)


def test_sigmoid_is_stable_at_the_extremes():
    assert Value(-1000.0).sigmoid().data == 0.0
    assert Value(1000.0).sigmoid().data == 1.0


def test_value_rejects_a_string():
    with pytest.raises(TypeError, match=r"Value\(\): argument 'data'"):
        Value("1.0")


def test_value_rejects_nan():
    with pytest.raises(ValueError, match=r"Value\(\): argument 'data'"):
        Value(math.nan)


def test_an_unsupported_operand_names_its_type_and_the_fix():
    with pytest.raises(TypeError, match=r"Value \+ str: .* Value or a real number"):
        Value(1.0) + "a"


def test_a_numpy_array_operand_is_refused():
    with pytest.raises(TypeError, match=r"Value \* ndarray"):
        Value(1.0) * np.ones(2)


def test_a_value_exponent_is_refused_with_the_fix():
    with pytest.raises(TypeError, match=r"x.log\(\) \* y\).exp\(\)"):
        Value(2.0) ** Value(3.0)


def test_log_of_a_non_positive_value_is_refused():
    with pytest.raises(ValueError, match=r"Value.log\(\): .* positive; got 0"):
        Value(0.0).log()


def test_exp_overflow_is_reported():
    with pytest.raises(ValueError, match=r"Value.exp\(\): e\*\*x overflows"):
        Value(710.0).exp()


def test_an_overflowing_product_is_reported():
    with pytest.raises(ValueError, match=r"Value \*: the result overflows"):
        Value(1e200) * Value(1e200)


def test_backward_rejects_a_non_numeric_seed():
    with pytest.raises(TypeError, match=r"Value.backward\(\): argument 'grad'"):
        Value(1.0).backward("one")
