"""Tests for nnbook.losses: the chapter's numbers, extremes, properties, PyTorch."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F  # noqa: N812 (PyTorch's own idiom)
from hypothesis import given
from hypothesis import strategies as st
from strategies import distributions, float_arrays, logits, one_hot, probabilities

from nnbook.activations import sigmoid
from nnbook.losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    categorical_cross_entropy,
    categorical_cross_entropy_with_logits,
    mse_loss,
)
from nnbook.probability import softmax

# The chapter's examples (Chapter 1, "Loss functions").
BCE_TRUE = [1, 0, 1, 1, 0]
CCE_TRUE = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]])
CCE_PRED = np.array(
    [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.8, 0.1, 0.1]]
)


def numeric_gradient(f, x, h=1e-6):
    """Central differences of the scalar function ``f`` at ``x``."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = h
        grad[i] = (f(x + step) - f(x - step)) / (2 * h)
    return grad


def t64(x, grad=False):
    return torch.tensor(
        np.asarray(x, dtype=float), dtype=torch.float64, requires_grad=grad
    )


# --- known values -----------------------------------------------------------


def test_chapter_examples():
    assert mse_loss([1.0, 2.0, 3.0], [1.1, 2.3, 2.8]) == pytest.approx(
        0.0466667, rel=1e-5
    )
    good = binary_cross_entropy(BCE_TRUE, [0.9, 0.1, 0.8, 0.7, 0.2])
    bad = binary_cross_entropy(BCE_TRUE, [0.3, 0.6, 0.4, 0.2, 0.8])
    assert good == pytest.approx(0.2027366, rel=1e-6)
    assert bad == pytest.approx(1.2510860, rel=1e-6)
    assert bad > good
    assert categorical_cross_entropy(CCE_TRUE, CCE_PRED, axis=-1) == pytest.approx(
        0.3284469, rel=1e-6
    )


def test_categorical_layout_transpose():
    expected = categorical_cross_entropy(CCE_TRUE, CCE_PRED, axis=-1)
    # The default class axis is 0, the network's classes x samples layout.
    assert categorical_cross_entropy(CCE_TRUE.T, CCE_PRED.T) == pytest.approx(expected)
    Z = np.log(CCE_PRED)
    assert categorical_cross_entropy_with_logits(CCE_TRUE, Z, axis=-1) == pytest.approx(
        expected
    )
    assert categorical_cross_entropy_with_logits(CCE_TRUE.T, Z.T) == pytest.approx(
        expected
    )


@pytest.mark.parametrize(
    "loss", [mse_loss, binary_cross_entropy, categorical_cross_entropy]
)
def test_returns_python_float(loss):
    out = loss(CCE_TRUE.T, CCE_PRED.T)  # classes x samples, the default layout
    assert type(out) is float


def test_perfect_predictions_give_positive_zero():
    out = binary_cross_entropy([1, 0], [1.0, 0.0])
    assert out == 0.0
    assert np.copysign(1.0, out) == 1.0


# --- extremes (no warnings allowed) -----------------------------------------


def test_bce_at_probabilities_exactly_zero_and_one():
    assert binary_cross_entropy([1, 0, 1], [1.0, 0.0, 1.0]) == 0.0
    assert binary_cross_entropy([1, 0], [0.0, 0.0]) == np.inf
    assert binary_cross_entropy([0, 0], [1.0, 0.0]) == np.inf
    assert binary_cross_entropy([0.5], [0.0]) == np.inf


def test_cce_at_probability_zero():
    assert categorical_cross_entropy([[0, 1]], [[0.0, 1.0]], axis=-1) == 0.0
    assert categorical_cross_entropy([[1, 0]], [[0.0, 1.0]], axis=-1) == np.inf


def test_logits_forms_finite_at_extremes():
    z = [1000.0, -1000.0, 1000.0, -1000.0]
    assert binary_cross_entropy_with_logits([1, 0, 0, 1], z) == pytest.approx(500.0)
    assert binary_cross_entropy_with_logits([1, 0], [1000.0, -1000.0]) == 0.0
    Z = np.array([[1000.0, 0.0, -1000.0]])
    assert categorical_cross_entropy_with_logits([[1, 0, 0]], Z, axis=-1) == 0.0
    assert categorical_cross_entropy_with_logits(
        [[0, 0, 1]], Z, axis=-1
    ) == pytest.approx(2000.0)


def test_bce_with_logits_keeps_tiny_losses():
    # log(1 + e^-40) ~ 4.2e-18; a naive softplus(z) - z would round it to 0.
    assert binary_cross_entropy_with_logits([1.0], [40.0]) == pytest.approx(
        np.exp(-40.0), rel=1e-12
    )
    assert binary_cross_entropy_with_logits([0.0], [-40.0]) == pytest.approx(
        np.exp(-40.0), rel=1e-12
    )


# --- properties -------------------------------------------------------------


@given(float_arrays(shape=(5,)), float_arrays(shape=(5,)))
def test_mse_non_negative_and_zero_on_equality(y, p):
    assert mse_loss(y, p) >= 0
    assert mse_loss(y, y) == 0.0


@given(st.data())
def test_bce_non_negative_and_equals_logits_form(data):
    y = data.draw(probabilities(shape=(6,)))
    # For large z, 1 - sigmoid(z) loses digits to cancellation (the reason
    # the logits form exists), so compare where both forms are accurate.
    z = data.draw(logits(shape=(6,), bound=10))
    with_logits = binary_cross_entropy_with_logits(y, z)
    assert with_logits >= 0
    assert binary_cross_entropy(y, sigmoid(z)) == pytest.approx(
        with_logits, rel=1e-9, abs=1e-12
    )


@given(st.data())
def test_cce_non_negative_and_equals_logits_form(data):
    Y = data.draw(st.one_of(one_hot(4, 3), distributions(4, 3)))
    Z = data.draw(logits(shape=(4, 3), bound=30))
    with_logits = categorical_cross_entropy_with_logits(Y, Z, axis=-1)
    assert with_logits >= 0
    assert categorical_cross_entropy(Y, softmax(Z, axis=-1), axis=-1) == pytest.approx(
        with_logits, rel=1e-9, abs=1e-12
    )


# --- PyTorch, float64: values, and torch's gradient vs ours by differences ---


def test_mse_matches_pytorch(rng):
    y, p = rng.normal(size=(2, 7))
    tp = t64(p, grad=True)
    loss = F.mse_loss(tp, t64(y))
    loss.backward()
    assert mse_loss(y, p) == pytest.approx(loss.item(), rel=1e-14)
    np.testing.assert_allclose(
        numeric_gradient(lambda q: mse_loss(y, q), p), tp.grad.numpy(), rtol=1e-6
    )


@given(probabilities(shape=(6,)), probabilities(shape=(6,), open_interval=True))
def test_bce_matches_pytorch(y, p):
    tp = t64(p, grad=True)
    loss = F.binary_cross_entropy(tp, t64(y))
    loss.backward()
    assert binary_cross_entropy(y, p) == pytest.approx(loss.item(), rel=1e-12)


def test_bce_gradient_matches_pytorch(rng):
    y = rng.integers(0, 2, size=6).astype(float)
    p = rng.uniform(0.05, 0.95, size=6)
    tp = t64(p, grad=True)
    F.binary_cross_entropy(tp, t64(y)).backward()
    numeric = numeric_gradient(lambda q: binary_cross_entropy(y, q), p)
    np.testing.assert_allclose(numeric, tp.grad.numpy(), rtol=1e-6)


@given(probabilities(shape=(6,)), logits(shape=(6,), bound=1e3))
def test_bce_with_logits_matches_pytorch(y, z):
    expected = F.binary_cross_entropy_with_logits(t64(z), t64(y)).item()
    assert binary_cross_entropy_with_logits(y, z) == pytest.approx(
        expected, rel=1e-12, abs=1e-15
    )


def test_bce_with_logits_gradient_matches_pytorch(rng):
    y = rng.uniform(size=6)
    z = rng.normal(scale=4, size=6)
    tz = t64(z, grad=True)
    F.binary_cross_entropy_with_logits(tz, t64(y)).backward()
    numeric = numeric_gradient(lambda q: binary_cross_entropy_with_logits(y, q), z)
    np.testing.assert_allclose(numeric, tz.grad.numpy(), rtol=1e-6, atol=1e-8)


@given(st.one_of(one_hot(5, 4), distributions(5, 4)), distributions(5, 4))
def test_cce_matches_pytorch(Y, P):
    # cross_entropy takes logits; log(P) are logits whose softmax is P.
    expected = F.cross_entropy(torch.log(t64(P)), t64(Y)).item()
    assert categorical_cross_entropy(Y, P, axis=-1) == pytest.approx(
        expected, rel=1e-12, abs=1e-15
    )


@pytest.mark.parametrize("axis", [0, -1])
def test_cce_with_logits_matches_pytorch_values_and_gradients(axis, rng):
    Y = np.eye(4)[rng.integers(0, 4, size=6)]  # samples x classes, as PyTorch
    Z = rng.normal(scale=3, size=(6, 4))
    tZ = t64(Z, grad=True)
    loss = F.cross_entropy(tZ, t64(Y))
    loss.backward()
    ours_Y, ours_Z = (Y.T, Z.T) if axis == 0 else (Y, Z)
    assert categorical_cross_entropy_with_logits(
        ours_Y, ours_Z, axis=axis
    ) == pytest.approx(loss.item(), rel=1e-13)
    numeric = numeric_gradient(
        lambda Q: categorical_cross_entropy_with_logits(ours_Y, Q, axis=axis), ours_Z
    )
    expected = tZ.grad.numpy().T if axis == 0 else tZ.grad.numpy()
    np.testing.assert_allclose(numeric, expected, rtol=1e-6, atol=1e-8)


def test_cce_gradient_matches_pytorch(rng):
    Y = np.eye(3)[rng.integers(0, 3, size=4)]
    P = softmax(rng.normal(size=(4, 3)), axis=1)
    tP = t64(P, grad=True)
    (-(t64(Y) * torch.log(tP)).sum(dim=1).mean()).backward()
    # A step in one coordinate would fail the sum-to-one check, so compare
    # directional derivatives along a step that keeps every row's sum.
    direction = rng.normal(size=(4, 3))
    direction -= direction.mean(axis=1, keepdims=True)
    h = 1e-6
    numeric = (
        categorical_cross_entropy(Y, P + h * direction, axis=-1)
        - categorical_cross_entropy(Y, P - h * direction, axis=-1)
    ) / (2 * h)
    assert numeric == pytest.approx(
        float((tP.grad.numpy() * direction).sum()), rel=1e-6
    )


# --- errors -----------------------------------------------------------------

ALL_LOSSES = [
    mse_loss,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    categorical_cross_entropy,
    categorical_cross_entropy_with_logits,
]


@pytest.mark.parametrize("loss", ALL_LOSSES)
def test_shape_mismatch_names_both_shapes(loss):
    with pytest.raises(
        ValueError,
        match=(
            rf"{loss.__name__}\(\): arguments 'y_true' and '\w+' must have the same "
            r"shape; got y_true of shape \(2, 2\) and \w+ of shape \(2, 3\)"
        ),
    ):
        loss(np.eye(2), np.full((2, 3), 1 / 3))


@pytest.mark.parametrize("loss", ALL_LOSSES)
def test_empty_input(loss):
    with pytest.raises(ValueError, match=r"are empty; pass at least one sample"):
        loss(np.zeros((0, 2)), np.zeros((0, 2)))


@pytest.mark.parametrize("loss", ALL_LOSSES)
def test_nan_prediction(loss):
    with pytest.raises(ValueError, match=r"contains NaN or infinite values"):
        loss([[1.0, 0.0]], [[np.nan, 0.5]])


@pytest.mark.parametrize(
    "loss", [binary_cross_entropy, binary_cross_entropy_with_logits]
)
def test_bce_labels_out_of_range(loss):
    with pytest.raises(
        ValueError,
        match=(
            r"argument 'y_true' must contain probabilities in \[0, 1\]; "
            r"got values from -1 to 2 .*Labels must be 0 or 1"
        ),
    ):
        loss([-1.0, 2.0], [0.5, 0.5])


def test_bce_probabilities_out_of_range_suggests_logits():
    with pytest.raises(
        ValueError,
        match=r"'y_pred' must contain probabilities.*binary_cross_entropy_with_logits",
    ):
        binary_cross_entropy([1, 0], [2.5, -0.3])


def test_cce_probabilities_out_of_range_suggests_logits():
    with pytest.raises(
        ValueError,
        match=r"got values from -1 to 2 .*use categorical_cross_entropy_with_logits",
    ):
        categorical_cross_entropy([[0, 1]], [[-1.0, 2.0]], axis=-1)


@pytest.mark.parametrize(
    "loss", [categorical_cross_entropy, categorical_cross_entropy_with_logits]
)
def test_cce_wrong_axis_is_explained(loss):
    with pytest.raises(
        ValueError,
        match=(
            r"argument 'y_true' must hold one-hot .* along axis 0.*Sample 0 sums to 2"
            r".*valid along axis 1: pass axis=1"
        ),
    ):
        loss(CCE_TRUE, CCE_PRED)  # samples x classes, but the default axis is 0


def test_cce_predictions_must_sum_to_one():
    with pytest.raises(
        ValueError,
        match=(
            r"argument 'y_pred' must hold one-hot \(or probability\) vectors along "
            r"axis 1.*Sample 0 sums to 0\.5"
        ),
    ):
        categorical_cross_entropy([[1, 0]], [[0.25, 0.25]], axis=-1)


@pytest.mark.parametrize(
    "loss", [categorical_cross_entropy, categorical_cross_entropy_with_logits]
)
def test_cce_axis_out_of_range(loss):
    with pytest.raises(
        ValueError,
        match=(
            rf"{loss.__name__}\(\): axis=2 is out of range for argument 'y_true' "
            r"of shape \(4, 3\)"
        ),
    ):
        loss(CCE_TRUE, CCE_PRED, axis=2)


def test_logits_must_be_finite():
    with pytest.raises(
        ValueError,
        match=(
            r"binary_cross_entropy_with_logits\(\): argument 'logits' contains "
            r"NaN or infinite"
        ),
    ):
        binary_cross_entropy_with_logits([1.0], [np.inf])
