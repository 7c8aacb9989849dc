"""The array engine Tensor: every operation against central differences and torch.

Each operation is run on Hypothesis-drawn shapes (broadcasting ones for the
binary operations) and values, reduced to a scalar with random weights, and
its gradients are compared with ``torch.autograd`` in float64 and with
central differences.
"""

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import broadcastable_shapes, finite_floats

import nnbook
from nnbook import autodiff as ad
from nnbook.autodiff import Tensor

F = torch.nn.functional

# name: (engine, torch, lowest input value)
UNARY = {
    "neg": (ad.neg, torch.neg, -5.0),
    "exp": (ad.exp, torch.exp, -5.0),
    "log": (ad.log, torch.log, 0.1),
    "relu": (ad.relu, torch.relu, -5.0),
    "sigmoid": (ad.sigmoid, torch.sigmoid, -5.0),
    "tanh": (ad.tanh, torch.tanh, -5.0),
    "softplus": (ad.softplus, F.softplus, -5.0),
    "sum": (lambda x: x.sum(), torch.sum, -5.0),
    "mean": (lambda x: x.mean(), torch.mean, -5.0),
    "sum axis 0": (lambda x: x.sum(axis=0), lambda t: t.sum(dim=0), -5.0),
    "mean axis -1 keepdims": (
        lambda x: x.mean(axis=-1, keepdims=True),
        lambda t: t.mean(dim=-1, keepdim=True),
        -5.0,
    ),
    "logsumexp": (lambda x: ad.logsumexp(x, 0), lambda t: t.logsumexp(dim=0), -5.0),
    "reshape": (lambda x: x.reshape(-1), lambda t: t.reshape(-1), -5.0),
    "transpose": (lambda x: x.T, lambda t: t.permute(*range(t.ndim - 1, -1, -1)), -5.0),
}
BINARY = {
    "add": (ad.add, torch.add),
    "sub": (lambda a, b: a - b, torch.sub),
    "mul": (ad.mul, torch.mul),
}


def unary_arrays(low):
    return hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=2, max_side=4),
        elements=finite_floats(low, 5.0).filter(lambda v: abs(v) > 1e-3),  # ReLU's kink
    )


def compare(engine_fn, torch_fn, inputs, weights_seed=0):
    """Gradients of sum(w * f(inputs)) by the engine, torch and central differences."""
    ours = [Tensor(x) for x in inputs]
    out = engine_fn(*ours)
    weights = np.random.default_rng(weights_seed).standard_normal(out.shape)
    (out * weights).sum().backward()
    theirs = [torch.tensor(x, requires_grad=True) for x in inputs]
    (torch_fn(*theirs) * torch.tensor(weights)).sum().backward()
    np.testing.assert_allclose(
        out.data, torch_fn(*map(torch.tensor, inputs)).numpy(), rtol=1e-13, atol=1e-15
    )
    for x, ours_x, theirs_x in zip(inputs, ours, theirs, strict=True):
        np.testing.assert_allclose(
            ours_x.grad, theirs_x.grad.numpy(), rtol=1e-12, atol=1e-14
        )
        numerical = nnbook.numerical_gradient(
            lambda: float(np.sum(engine_fn(*map(Tensor, inputs)).data * weights)), x
        )
        np.testing.assert_allclose(ours_x.grad, numerical, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", sorted(UNARY))
@given(data=st.data())
def test_unary_operations(name, data):
    engine_fn, torch_fn, low = UNARY[name]
    x = data.draw(unary_arrays(low))
    compare(engine_fn, torch_fn, [x])


@pytest.mark.parametrize("name", sorted(BINARY))
@given(data=st.data())
def test_binary_operations_with_broadcasting(name, data):
    engine_fn, torch_fn = BINARY[name]
    shapes = data.draw(broadcastable_shapes()).input_shapes
    a, b = (
        data.draw(hnp.arrays(np.float64, shape, elements=finite_floats(-5.0, 5.0)))
        for shape in shapes
    )
    compare(engine_fn, torch_fn, [a, b])


@given(
    n=st.integers(1, 4),
    k=st.integers(1, 4),
    m=st.integers(1, 4),
    seed=st.integers(0, 99),
)
def test_matmul(n, k, m, seed):
    rng = np.random.default_rng(seed)
    compare(
        ad.matmul,
        torch.matmul,
        [rng.standard_normal((n, k)), rng.standard_normal((k, m))],
    )


def test_a_value_used_twice_accumulates(rng):
    x_np = rng.standard_normal((3, 2))
    x = Tensor(x_np)
    (x * x + x).sum().backward()  # d/dx = 2x + 1
    np.testing.assert_allclose(x.grad, 2 * x_np + 1, rtol=1e-15)


def test_a_bias_broadcast_over_samples_gets_the_row_sums(rng):
    b = Tensor(rng.standard_normal((3, 1)))
    G = rng.standard_normal((3, 5))
    (Tensor(np.zeros((3, 5))) + b).backward(gradient=G)
    np.testing.assert_allclose(b.grad, G.sum(axis=1, keepdims=True), rtol=1e-15)


@pytest.mark.parametrize(
    ("ours", "nnbook_loss", "make_y"),
    [
        (ad.mse_loss, nnbook.mse_loss, lambda r, s: r.standard_normal(s)),
        (
            ad.binary_cross_entropy_with_logits,
            nnbook.binary_cross_entropy_with_logits,
            lambda r, s: (r.random(s) > 0.5).astype(float),
        ),
        (
            ad.categorical_cross_entropy_with_logits,
            nnbook.categorical_cross_entropy_with_logits,
            lambda r, s: np.eye(s[0])[:, r.integers(s[0], size=s[1])],
        ),
    ],
)
def test_losses_equal_nnbooks_values_and_torchs_gradients(
    rng, ours, nnbook_loss, make_y
):
    Z_np = rng.standard_normal((3, 5))
    Y = make_y(rng, (3, 5))
    Z = Tensor(Z_np)
    loss = ours(Z, Y)
    loss.backward()
    assert float(loss.data) == pytest.approx(nnbook_loss(Y, Z_np), rel=1e-14)
    Z_t = torch.tensor(Z_np, requires_grad=True)
    Y_t = torch.tensor(Y)
    if ours is ad.mse_loss:
        F.mse_loss(Z_t, Y_t).backward()
    elif ours is ad.binary_cross_entropy_with_logits:
        F.binary_cross_entropy_with_logits(Z_t, Y_t).backward()
    else:  # torch: samples x classes
        F.cross_entropy(Z_t.T, Y_t.T.argmax(dim=1)).backward()
    np.testing.assert_allclose(Z.grad, Z_t.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_losses_survive_extreme_logits():
    Z = Tensor([[1000.0, -1000.0]])
    loss = ad.binary_cross_entropy_with_logits(Z, [[1.0, 0.0]])
    loss.backward()
    assert float(loss.data) == 0.0
    np.testing.assert_array_equal(Z.grad, [[0.0, 0.0]])


def test_a_network_matches_backward_network(rng):
    params = nnbook.initialize_parameters([3, 5, 2, 1], method="he", rng=0)
    X = rng.standard_normal((3, 7))
    Y = (rng.random((1, 7)) > 0.5).astype(float)
    tensors = {k: Tensor(v) for k, v in params.items()}
    A = Tensor(X)
    for layer in (1, 2, 3):
        Z = tensors[f"W{layer}"] @ A + tensors[f"b{layer}"].reshape(-1, 1)
        A = ad.relu(Z)
    ad.binary_cross_entropy_with_logits(Z, Y).backward()
    cache = nnbook.forward_network(X, params, output_activation="sigmoid")
    by_hand = nnbook.backward_network(cache, params, Y, loss="binary_cross_entropy")
    for name, tensor in tensors.items():
        np.testing.assert_allclose(
            tensor.grad, by_hand[f"d{name}"], rtol=1e-12, atol=1e-15
        )


# --- one test per error message ----------------------------------------------


def test_shape_mismatch_in_matmul_names_both_shapes():
    with pytest.raises(
        ValueError, match=r"matmul\(\): shapes \(2, 3\) and \(2, 5\) do not fit"
    ):
        Tensor(np.ones((2, 3))) @ Tensor(np.ones((2, 5)))


def test_matmul_needs_2d_tensors():
    with pytest.raises(
        ValueError, match=r"matmul\(\): both tensors must be 2-D; got shapes \(3,\)"
    ):
        Tensor(np.ones(3)) @ Tensor(np.ones((3, 1)))


def test_shapes_that_do_not_broadcast_name_both_shapes():
    with pytest.raises(
        ValueError, match=r"add\(\): shapes \(4, 5\) and \(4,\) do not broadcast"
    ):
        Tensor(np.ones((4, 5))) + Tensor(np.ones(4))


def test_mul_shapes_that_do_not_broadcast():
    with pytest.raises(ValueError, match=r"mul\(\): shapes \(2, 3\) and \(2,\)"):
        Tensor(np.ones((2, 3))) * np.ones(2)


def test_backward_on_a_non_scalar_needs_a_seed():
    with pytest.raises(
        ValueError,
        match=r"Tensor.backward\(\): this tensor has shape \(2, 2\), not a single",
    ):
        Tensor(np.ones((2, 2))).backward()


def test_a_seed_of_the_wrong_shape_is_refused():
    with pytest.raises(
        ValueError,
        match=r"'gradient' must have the tensor's shape \(2, 2\); got shape \(2,\)",
    ):
        Tensor(np.ones((2, 2))).backward(gradient=np.ones(2))


def test_an_unsupported_operand_type():
    with pytest.raises(TypeError, match=r"add\(\): argument 'b'"):
        Tensor([1.0]) + "a"


def test_a_numpy_function_is_not_an_operation():
    with pytest.raises(
        TypeError, match=r"np.exp\(\) is not an operation of nnbook.autodiff.Tensor"
    ):
        np.exp(Tensor([1.0]))


def test_an_array_on_the_left_still_builds_the_graph():
    x = Tensor([1.0, 2.0])
    (np.array([3.0, 4.0]) * x - np.ones(2)).sum().backward()
    np.testing.assert_array_equal(x.grad, [3.0, 4.0])


def test_tensor_rejects_nan():
    with pytest.raises(ValueError, match=r"Tensor\(\): argument 'data'"):
        Tensor([np.nan])


def test_log_of_a_non_positive_entry():
    with pytest.raises(
        ValueError, match=r"log\(\): every entry must be positive; the smallest is -1"
    ):
        ad.log(Tensor([1.0, -1.0]))


def test_exp_overflow():
    with pytest.raises(ValueError, match=r"exp\(\): the result overflows float64"):
        ad.exp(Tensor([1000.0]))


def test_an_overflowing_sum():
    with pytest.raises(ValueError, match=r"add\(\): the result overflows float64"):
        Tensor([1e308]) + Tensor([1e308])


def test_a_reshape_that_does_not_fit():
    with pytest.raises(
        ValueError, match=r"reshape\(\): cannot reshape a tensor of shape \(2, 3\)"
    ):
        Tensor(np.ones((2, 3))).reshape(4, 2)


def test_an_axis_out_of_range():
    with pytest.raises(ValueError, match=r"reduce_sum\(\): axis=2 is out of range"):
        Tensor(np.ones((2, 3))).sum(axis=2)


def test_the_mean_of_nothing():
    with pytest.raises(
        ValueError, match=r"reduce_mean\(\): the tensor of shape \(0,\) has no entries"
    ):
        Tensor(np.ones(0)).mean()


def test_a_loss_with_targets_of_another_shape():
    with pytest.raises(
        ValueError,
        match=r"mse_loss\(\): arguments 'A' and 'Y' must have the same shape",
    ):
        ad.mse_loss(Tensor(np.ones((1, 3))), np.ones(3))


def test_backward_adds_to_grad_until_zero_grad():
    x = Tensor([1.0, 2.0])
    loss = (x * x).sum()
    loss.backward()
    loss.backward()  # the graph is kept: a second pass adds
    np.testing.assert_array_equal(x.grad, [4.0, 8.0])
    loss.zero_grad()
    assert x.grad is None
    loss.backward()
    np.testing.assert_array_equal(x.grad, [2.0, 4.0])
