"""Tests of nnbook.optim: the optimizers, schedules, surfaces and range test.

Every optimizer and schedule is checked against its ``torch.optim`` twin in
float64, step by step on a small digits network, with Hypothesis choosing
the hyperparameters; first steps are checked against values computed by
hand; divergence must stop with a clear error and leave the parameters as
they were; and every error message has its test.
"""

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from nnbook import Network, fit_with_validation, initialize_parameters, minibatches
from nnbook.digits import load_digits_split
from nnbook.optim import (
    OPTIMIZERS,
    SCHEDULES,
    SGD,
    AdaGrad,
    Adam,
    AdamW,
    Constant,
    Cosine,
    Exponential,
    LinearWarmup,
    Momentum,
    Quadratic,
    RMSProp,
    Rosenbrock,
    StepDecay,
    lr_range_test,
    make_optimizer,
    run_optimizer,
)
from nnbook.plotting import plot_trajectories
from nnbook.plotting.style import MIN_TEXT_PX, smallest_text_px
from nnbook.pytorch.optim import compare_with_torch, torch_optimizer, torch_scheduler

PER_STEP, AT_END = 1e-12, 1e-10  # relative, as the chapter asserts

# --- a small digits problem shared by the torch comparisons -------------------

_DATA = load_digits_split(rng=0).train
X, LABELS = _DATA.X[:, :96], _DATA.labels[:96]
Y = np.eye(10)[LABELS].T
PARAMS = initialize_parameters([64, 16, 10], rng=0)
BATCHES = [b for _ in range(2) for b in minibatches(96, 16, np.random.default_rng(0))]


def _assert_equal_to_torch(optimizer, schedule=None):
    gaps = compare_with_torch(PARAMS, X, LABELS, BATCHES, optimizer, schedule)
    assert gaps.shape == (len(BATCHES),)
    assert gaps.max() <= PER_STEP, gaps
    assert gaps[-1] <= AT_END


rates = st.floats(1e-4, 0.3)
fractions = st.floats(0.0, 0.99)
momenta = st.floats(0.01, 0.99)  # PyTorch's Nesterov needs momentum > 0
eps = st.floats(1e-10, 1e-6)
decay = st.one_of(st.just(0.0), st.floats(1e-4, 0.1))

STRATEGIES = {
    "sgd": st.builds(SGD, rates, weight_decay=decay),
    "momentum": st.builds(
        Momentum, rates, momentum=momenta, nesterov=st.booleans(), weight_decay=decay
    ),
    "nesterov": st.builds(
        OPTIMIZERS["nesterov"], rates, momentum=momenta, weight_decay=decay
    ),
    "adagrad": st.builds(AdaGrad, st.floats(1e-3, 0.3), eps=eps),
    "rmsprop": st.builds(RMSProp, st.floats(1e-4, 0.01), alpha=fractions, eps=eps),
    "adam": st.builds(
        Adam,
        st.floats(1e-4, 0.01),
        beta1=fractions,
        beta2=st.floats(0.5, 0.9999),
        eps=eps,
        weight_decay=decay,
    ),
    "adamw": st.builds(
        AdamW,
        st.floats(1e-4, 0.01),
        beta1=fractions,
        beta2=st.floats(0.5, 0.9999),
        eps=eps,
        weight_decay=decay,
    ),
}


def test_every_optimizer_has_a_strategy():
    assert set(STRATEGIES) == set(OPTIMIZERS)


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_optimizer_equals_torch_step_by_step(name):
    @settings(max_examples=6)
    @given(STRATEGIES[name])
    def check(optimizer):
        _assert_equal_to_torch(optimizer)

    check()


SCHEDULE_STRATEGIES = {
    "constant": st.just(Constant()),
    "step_decay": st.builds(StepDecay, st.integers(1, 10), st.floats(0.05, 1.0)),
    "exponential": st.builds(Exponential, st.floats(0.8, 1.05)),
    "cosine": st.builds(Cosine, st.integers(1, 40), st.floats(0.0, 0.5)),
    "linear_warmup": st.builds(LinearWarmup, st.integers(1, 30), st.floats(0.01, 1.0)),
}


def test_every_schedule_has_a_strategy():
    assert set(SCHEDULE_STRATEGIES) == set(SCHEDULES)


@pytest.mark.parametrize("name", sorted(SCHEDULE_STRATEGIES))
def test_schedule_equals_torch_lr_scheduler(name):
    """The rate of every step matches the scheduler's, over 60 steps."""

    @settings(max_examples=20)
    @given(SCHEDULE_STRATEGIES[name], st.floats(1e-4, 1.0))
    def check(schedule, base):
        weight = torch.zeros(1, requires_grad=True)
        opt = torch.optim.SGD([weight], lr=base)
        scheduler = torch_scheduler(schedule, opt)
        for t in range(60):
            theirs = opt.param_groups[0]["lr"]
            assert abs(base * schedule(t) - theirs) <= 1e-12 * base, (t, theirs)
            opt.step()  # no gradient: nothing moves, but the order is PyTorch's
            scheduler.step()

    check()


@pytest.mark.parametrize(
    "optimizer", [Momentum(0.05), Adam(0.005)], ids=["momentum", "adam"]
)
@pytest.mark.parametrize(
    "schedule",
    [StepDecay(5, 0.5), Cosine(12, 0.1), LinearWarmup(8, 0.05), Exponential(0.95)],
    ids=["step", "cosine", "warmup", "exponential"],
)
def test_scheduled_training_equals_torch(optimizer, schedule):
    _assert_equal_to_torch(optimizer, schedule)


def test_compare_with_torch_leaves_the_optimizer_alone():
    optimizer = Adam(0.01)
    first = compare_with_torch(PARAMS, X, LABELS, BATCHES[:3], optimizer)
    assert optimizer.t == 0
    assert optimizer.state == {}
    np.testing.assert_array_equal(
        first, compare_with_torch(PARAMS, X, LABELS, BATCHES[:3], optimizer)
    )


# --- first steps by hand ---------------------------------------------------------


def _steps(optimizer, grads, start=0.0):
    params = {"w": np.array([start])}
    path = []
    for g in grads:
        optimizer.step(params, {"w": np.array([g])})
        path.append(float(params["w"][0]))
    return path


def test_first_steps_by_hand():
    assert _steps(SGD(0.1), [10.0], start=3.0) == pytest.approx([2.0])
    # v = 1, then 0.9 + 1 = 1.9; steps -1 and -1.9
    assert _steps(Momentum(1.0), [1.0, 1.0]) == pytest.approx([-1.0, -2.9])
    # Nesterov: steps g + mu v = 1.9, then 1 + 0.9 * 1.9 = 2.71
    nesterov = Momentum(1.0, nesterov=True)
    assert _steps(nesterov, [1.0, 1.0]) == pytest.approx([-1.9, -4.61])
    # AdaGrad: eta, then eta / sqrt(2), whatever the gradient's size
    assert _steps(AdaGrad(0.1), [50.0, 50.0]) == pytest.approx(
        [-0.1, -0.1 - 0.1 / math.sqrt(2)]
    )
    # RMSProp: eta / sqrt(1 - alpha) at the first step
    assert _steps(RMSProp(0.01, alpha=0.75), [3.0]) == pytest.approx([-0.02])
    # Adam: eta per step under a constant gradient
    assert _steps(Adam(0.1), [7.0, 7.0, 7.0]) == pytest.approx([-0.1, -0.2, -0.3])
    # Without correction: eta (1 - beta1) / sqrt(1 - beta2) at the first step
    uncorrected = _steps(Adam(0.1, bias_correction=False), [7.0])
    assert uncorrected == pytest.approx([-0.1 * 0.1 / math.sqrt(0.001)])


def test_weight_decay_l2_versus_decoupled():
    """With no loss gradient, Adam + L2 moves ~eta; AdamW shrinks by eta lambda."""
    assert _steps(Adam(0.01, weight_decay=1e-4), [0.0], 1.0) == pytest.approx(
        [0.99], rel=1e-5
    )
    assert _steps(AdamW(0.01, weight_decay=0.5), [0.0], 1.0) == pytest.approx([0.995])
    assert _steps(SGD(0.1, weight_decay=0.5), [0.0], 1.0) == pytest.approx([0.95])


def test_state_is_explicit_and_reset_forgets_it():
    opt = Adam(0.1)
    params = {"W": np.ones((2, 2)), "b": np.zeros(2)}
    opt.step(params, {"W": np.ones((2, 2)), "b": np.ones(2)})
    assert opt.t == 1
    assert set(opt.state) == {"W", "b"}
    assert set(opt.state["W"]) == {"m", "v"}
    opt.reset()
    assert (opt.t, opt.state) == (0, {})


def test_repr_lists_the_hyperparameters():
    assert repr(AdamW(0.1)).startswith("AdamW(learning_rate=0.1, beta1=0.9")
    assert "weight_decay=0.01" in repr(AdamW(0.1))


# --- divergence --------------------------------------------------------------------


def test_divergence_on_the_bowl_is_a_clear_error():
    bowl = Quadratic(1.0, 10.0)
    with pytest.raises(
        FloatingPointError,
        match=r"SGD\.step\(\): step \d+ with learning_rate=0\.21 would make 'point' "
        r"infinite or NaN, so the run has diverged.*Try a smaller learning rate",
    ):
        run_optimizer(bowl, SGD(0.21), [-1.8, 0.6], steps=100_000)


def test_just_below_two_over_lambda_max_converges():
    bowl = Quadratic(1.0, 10.0)
    path = run_optimizer(bowl, SGD(0.199), [1.0, 1.0], steps=3000)
    assert np.abs(path[-1]).max() < 1e-10


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_a_non_finite_step_leaves_parameters_and_state_alone(name):
    opt = make_optimizer(name, 1e10)
    params = {"w": np.array([1.0, 2.0])}
    opt.step(params, {"w": np.array([1.0, -1.0])})
    before, state = params["w"].copy(), {k: v.copy() for k, v in opt.state["w"].items()}
    with pytest.raises(FloatingPointError, match=r"step 2 .* diverged"):
        opt.step(params, {"w": np.array([1e308, -1e308])})
    np.testing.assert_array_equal(params["w"], before)
    assert opt.t == 1
    for key, value in state.items():
        np.testing.assert_array_equal(opt.state["w"][key], value)


def test_network_fit_reports_divergence_with_an_optimizer():
    net = Network.from_parameters(
        PARAMS, output_activation="softmax", loss="categorical_cross_entropy"
    )
    with pytest.raises(
        FloatingPointError, match=r"Network\.fit\(\): training diverged at epoch"
    ):
        net.fit(X, Y, epochs=50, optimizer=SGD(1e6), batch_size=16)


# --- Network.fit and fit_with_validation -------------------------------------------


def _digits_net():
    return Network.from_parameters(
        PARAMS, output_activation="softmax", loss="categorical_cross_entropy"
    )


def test_default_fit_is_plain_gradient_descent_to_the_last_bit():
    """learning_rate alone, SGD and the loop of Network.step: the same bits."""
    a, b, c = _digits_net(), _digits_net(), _digits_net()
    history_a = a.fit(X, Y, epochs=2, learning_rate=0.3, batch_size=16, rng=3)
    history_b = b.fit(X, Y, epochs=2, optimizer=SGD(0.3), batch_size=16, rng=3)
    shuffle = np.random.default_rng(3)
    for _ in range(2):
        for batch in minibatches(96, 16, shuffle):
            c.forward(X[:, batch])
            c.backward(Y[:, batch])
            c.step(0.3)
    assert history_a == history_b
    for key, value in c.parameters.items():
        np.testing.assert_array_equal(a.parameters[key], value)
        np.testing.assert_array_equal(b.parameters[key], value)


def test_optimizer_state_and_schedule_survive_fit_called_twice():
    once, twice = _digits_net(), _digits_net()
    opt_once, opt_twice = Adam(0.01), Adam(0.01)
    schedule = Cosine(total_steps=12, min_factor=0.1)
    once.fit(X, Y, epochs=2, batch_size=16, rng=np.random.default_rng(5),
             optimizer=opt_once, schedule=schedule)  # fmt: skip
    shuffle = np.random.default_rng(5)
    for _ in range(2):
        twice.fit(X, Y, epochs=1, batch_size=16, rng=shuffle,
                  optimizer=opt_twice, schedule=schedule)  # fmt: skip
    assert opt_twice.t == opt_once.t == 2 * len(minibatches(96, 16))
    for key, value in once.parameters.items():
        np.testing.assert_array_equal(twice.parameters[key], value)


def test_fit_accepts_an_optimizer_name():
    by_name, by_object = _digits_net(), _digits_net()
    h1 = by_name.fit(X, Y, epochs=1, learning_rate=0.01, optimizer="rmsprop")
    h2 = by_object.fit(X, Y, epochs=1, optimizer=RMSProp(0.01))
    assert h1 == h2


def test_fit_with_validation_takes_an_optimizer_and_a_schedule():
    net = _digits_net()
    history = fit_with_validation(
        net,
        (X, Y),
        (X, Y),
        epochs=3,
        optimizer=Momentum(0.05),
        schedule=LinearWarmup(5),
        batches=lambda: minibatches(96, 16, np.random.default_rng(0)),
    )
    assert history["loss"][-1] < history["loss"][0]


# --- surfaces, range test, figure --------------------------------------------------


@settings(max_examples=30)
@given(st.floats(-2, 2), st.floats(-2, 2))
def test_surface_gradients_match_central_differences(x, y):
    h = 1e-6
    for surface in (Quadratic(0.5, 20.0), Rosenbrock()):
        gx, gy = surface.gradient(x, y)
        nx = (surface(x + h, y) - surface(x - h, y)) / (2 * h)
        ny = (surface(x, y + h) - surface(x, y - h)) / (2 * h)
        assert gx == pytest.approx(nx, rel=1e-6, abs=1e-4)
        assert gy == pytest.approx(ny, rel=1e-6, abs=1e-4)


def test_minima_and_condition_number():
    assert Quadratic(2.0, 8.0).condition_number == 4.0
    assert Quadratic(8.0, 2.0).condition_number == 4.0
    assert Rosenbrock()(*Rosenbrock().minimum) == 0.0


def test_lr_range_test_sweeps_up_and_stops_when_the_loss_blows_up():
    rates_, losses = lr_range_test(
        _digits_net(), X, Y, BATCHES * 30, SGD(1e-4), max_rate=1e4, steps=300
    )
    assert np.all(np.diff(rates_) > 0)
    assert rates_[0] == pytest.approx(1e-4)
    assert rates_.size < 300  # it stopped before the end
    assert losses[-1] > 4 * losses.min() or rates_.size < 300
    assert losses.min() < losses[0]


def test_trajectory_plot_is_readable_on_a_phone():
    bowl = Quadratic(1.0, 10.0)
    paths = {
        name: run_optimizer(bowl, make_optimizer(name, 0.05), [-1.8, 0.6], steps=20)
        for name in ("sgd", "momentum", "adam")
    }
    fig = plot_trajectories(bowl, paths, xlim=(-2, 0.5), ylim=(-1, 1))
    fig.draw_without_rendering()
    assert smallest_text_px(fig) >= MIN_TEXT_PX
    ax = fig.axes[0]
    assert len(ax.lines) == 4  # three paths and the minimum
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(paths)


# --- error messages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda: SGD(-0.1), ValueError, r"SGD\(\): argument 'learning_rate' must be "
         r"positive and finite; got -0.1"),
        (lambda: SGD(math.nan), ValueError, r"SGD\(\): argument 'learning_rate'"),
        (lambda: SGD("0.1"), TypeError, r"SGD\(\): argument 'learning_rate'"),
        (lambda: SGD(0.1, weight_decay=-1), ValueError,
         r"'weight_decay' must be >= 0 and finite; got -1"),
        (lambda: Momentum(0.1, momentum=1.0), ValueError,
         r"Momentum\(\): argument 'momentum' must be in \[0, 1\); got 1.0"),
        (lambda: Momentum(0.1, momentum="0.9"), TypeError,
         r"'momentum' must be a number in \[0, 1\)"),
        (lambda: Momentum(0.1, nesterov=1), TypeError, r"'nesterov' must be True"),
        (lambda: Momentum(0.1, momentum=0.0, nesterov=True), ValueError,
         r"Nesterov momentum needs momentum > 0"),
        (lambda: AdaGrad(0.1, eps=-1e-8), ValueError, r"AdaGrad\(\): argument 'eps'"),
        (lambda: RMSProp(0.1, alpha=1), ValueError, r"RMSProp\(\): argument 'alpha'"),
        (lambda: Adam(0.1, beta1=-0.1), ValueError, r"Adam\(\): argument 'beta1'"),
        (lambda: Adam(0.1, beta2=1.0), ValueError,
         r"Adam\(\): argument 'beta2' must be in \[0, 1\); got 1.0"),
        (lambda: Adam(0.1, eps=0), ValueError, r"Adam\(\): argument 'eps'"),
        (lambda: Adam(0.1, bias_correction="yes"), TypeError, r"'bias_correction'"),
        (lambda: AdamW(0.1, beta1=1.5), ValueError, r"AdamW\(\): argument 'beta1'"),
        (lambda: make_optimizer("adamax", 0.1), ValueError,
         r"make_optimizer\(\): argument 'name' must be one of 'adagrad', 'adam'"),
        (lambda: make_optimizer(3, 0.1), TypeError, r"must be a string"),
        (lambda: StepDecay(0), ValueError, r"StepDecay\(\): argument 'step_size'"),
        (lambda: StepDecay(5, gamma=0), ValueError, r"StepDecay\(\): argument 'gamma'"),
        (lambda: Exponential(-1.0), ValueError, r"Exponential\(\): argument 'gamma'"),
        (lambda: Cosine(0), ValueError, r"Cosine\(\): argument 'total_steps'"),
        (lambda: Cosine(5, min_factor=1.0), ValueError, r"'min_factor' must be in"),
        (lambda: LinearWarmup(0), ValueError, r"'warmup_steps'"),
        (lambda: LinearWarmup(5, start_factor=2.0), ValueError,
         r"'start_factor' must be in \(0, 1\]"),
        (lambda: Cosine(5)(-1), ValueError, r"Cosine\(\): argument 't'"),
        (lambda: Constant()(1.5), TypeError, r"Constant\(\): argument 't'"),
        (lambda: Quadratic(0.0, 1.0), ValueError, r"Quadratic\(\): argument 'a'"),
        (lambda: Rosenbrock(-1.0), ValueError, r"Rosenbrock\(\): argument 'c'"),
        (lambda: run_optimizer(Rosenbrock(), "sgd", [0, 0], steps=3), TypeError,
         r"run_optimizer\(\): argument 'optimizer'"),
        (lambda: run_optimizer(Rosenbrock(), SGD(0.1), [0, 0, 0], steps=3),
         ValueError, r"argument 'start' must be a point"),
        (lambda: run_optimizer(Rosenbrock(), SGD(0.1), [0, 0], steps=0),
         ValueError, r"argument 'steps'"),
        (lambda: torch_optimizer(Adam(0.1, bias_correction=False), []), ValueError,
         r"no twin of Adam\(bias_correction=False\)"),
    ],
)  # fmt: skip
def test_construction_errors(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_step_errors():
    params = {"W1": np.zeros((2, 2))}
    keys = (
        r"SGD\.step\(\): argument 'grads' must be a dict with the keys of "
        r"'params', \['W1'\]; got \['dW1'\]"
    )
    with pytest.raises(ValueError, match=keys):
        SGD(0.1).step(params, {"dW1": np.zeros((2, 2))})
    with pytest.raises(ValueError, match=r"the gradient for 'W1' has shape \(2,\)"):
        SGD(0.1).step(params, {"W1": np.zeros(2)})
    with pytest.raises(ValueError, match=r"'learning_rate' must be >= 0"):
        SGD(0.1).step(params, {"W1": np.zeros((2, 2))}, learning_rate=-1.0)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"learning_rate": 0.1, "optimizer": SGD(0.1)}, ValueError,
         r"Network\.fit\(\): got both 'learning_rate' \(0.1\) and an optimizer"),
        ({}, ValueError, r"Network\.fit\(\): argument 'learning_rate' is required"),
        ({"optimizer": 3}, TypeError, r"Network\.fit\(\): argument 'optimizer' must"),
        ({"learning_rate": 0.1, "optimizer": "adamax"}, ValueError,
         r"argument 'optimizer' must be one of"),
        ({"learning_rate": 0.1, "schedule": 3}, TypeError,
         r"Network\.fit\(\): argument 'schedule' must be a function of the step"),
        ({"learning_rate": -0.1}, ValueError,
         r"'learning_rate' must be positive and finite; got -0.1. Typical"),
    ],
)  # fmt: skip
def test_fit_optimizer_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        _digits_net().fit(X, Y, epochs=1, **kwargs)


def test_range_test_and_plot_errors():
    with pytest.raises(ValueError, match=r"lr_range_test\(\): argument 'max_rate'"):
        lr_range_test(_digits_net(), X, Y, BATCHES, SGD(0.1), max_rate=0.01, steps=9)
    with pytest.raises(ValueError, match=r"lr_range_test\(\): argument 'steps'"):
        lr_range_test(_digits_net(), X, Y, BATCHES, SGD(0.1), max_rate=1.0, steps=1)
    with pytest.raises(ValueError, match=r"plot_trajectories\(\): pass 1 to 5 paths"):
        plot_trajectories(Rosenbrock(), {})
    with pytest.raises(ValueError, match=r"path 'p' must have shape \(n_points, 2\)"):
        plot_trajectories(Rosenbrock(), {"p": np.zeros((4, 3))})
