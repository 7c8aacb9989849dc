"""Tests for the Chapter 2 figures: decision boundaries and training curves."""

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from nnbook.datasets import make_moons, make_spirals
from nnbook.network import Network
from nnbook.plotting import PALETTE, plot_decision_boundary, plot_training_curve


def _threshold(P):
    return (P[0] > 0.5).astype(int)


def test_decision_boundary_figure_and_labels():
    X = np.array([[0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0]])
    fig = plot_decision_boundary(_threshold, X, [0, 1, 0, 1], resolution=30)
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("$x_1$", "$x_2$")
    scatters = ax.collections[-2:]
    assert [to_hex(s.get_facecolor()[0]) for s in scatters] == [
        p.lower() for p in PALETTE[:2]
    ]
    assert [len(s.get_offsets()) for s in scatters] == [2, 2]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]


def test_decision_boundary_on_given_axes_with_a_trained_network():
    X, y = make_spirals(60, n_classes=3, rng=0)
    net = Network(
        [2, 8, 3], output_activation="softmax", loss="categorical_cross_entropy"
    )
    fig = Figure()
    ax = fig.subplots()
    assert plot_decision_boundary(net.predict, X, y, ax=ax, resolution=25) is fig
    assert len(ax.get_legend().get_texts()) == 3


def test_decision_boundary_grid_covers_the_data_with_padding():
    X, y = make_moons(20, rng=0)
    seen = {}

    def predict(P):
        seen["P"] = P
        return np.zeros(P.shape[1])

    plot_decision_boundary(predict, X, y, resolution=11, padding=0.25)
    assert seen["P"].shape == (2, 121)
    np.testing.assert_allclose(seen["P"].min(axis=1), X.min(axis=1) - 0.25)
    np.testing.assert_allclose(seen["P"].max(axis=1), X.max(axis=1) + 0.25)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (("not callable",), {}, TypeError, r"'predict' must be callable"),
        ((_threshold, np.zeros((4, 2)), [0, 1]), {}, ValueError, r"pass X.T"),
        (
            (_threshold, np.zeros((2, 2)), [0, 0.5]),
            {},
            ValueError,
            r"integer class labels",
        ),
        ((_threshold, np.zeros((2, 2)), [0, 7]), {}, ValueError, r"labels 0 to 4"),
        (
            (lambda P: [0, 1], np.zeros((2, 2)), [0, 1]),
            {},
            ValueError,
            r"returned 2 values",
        ),
        (
            (_threshold, np.zeros((2, 2)), [0, 1]),
            {"resolution": 1},
            ValueError,
            r"'resolution'",
        ),
        (
            (_threshold, np.zeros((2, 2)), [0, 1]),
            {"ax": "ax"},
            TypeError,
            r"'ax' must be a",
        ),
    ],
)
def test_decision_boundary_errors(args, kwargs, error, match):
    args = args if len(args) == 3 else (*args, np.zeros((2, 2)), [0, 1])
    with pytest.raises(error, match=match):
        plot_decision_boundary(*args, **kwargs)


def test_training_curve_with_accuracy():
    history = {
        "epoch": [0, 1, 2],
        "loss": [0.7, 0.4, 0.1],
        "accuracy": [0.5, 0.75, 1.0],
    }
    fig = plot_training_curve(history)
    loss_ax, acc_ax = fig.axes
    assert (loss_ax.get_xlabel(), loss_ax.get_ylabel()) == ("Epoch", "Loss")
    assert acc_ax.get_ylabel() == "Accuracy"
    np.testing.assert_array_equal(loss_ax.lines[0].get_ydata(), history["loss"])
    assert loss_ax.lines[0].get_color() != acc_ax.lines[0].get_color()
    assert acc_ax.lines[0].get_linestyle() == "--"  # not by colour alone


def test_training_curve_of_a_real_fit():
    X, y = make_moons(30, rng=0)
    history = Network([2, 4, 1]).fit(X, y, epochs=5, learning_rate=0.5)
    fig = plot_training_curve(history)
    assert fig.axes[0].lines[0].get_xdata().tolist() == list(range(6))


def test_training_curve_without_accuracy_and_epochs():
    fig = Figure()
    ax = fig.subplots()
    assert plot_training_curve({"loss": [3.0, 2.0]}, ax=ax) is fig
    assert len(fig.axes) == 1
    assert ax.lines[0].get_xdata().tolist() == [0, 1]


@pytest.mark.parametrize(
    ("history", "error", "match"),
    [
        ([0.5, 0.4], TypeError, r"'history' must be a dict with a 'loss' list"),
        ({"accuracy": [1.0]}, TypeError, r"'history' must be a dict"),
        ({"loss": []}, ValueError, r"one value per epoch"),
        (
            {"loss": [1.0, 0.5], "accuracy": [0.5]},
            ValueError,
            r"2 losses, 2 epochs and 1",
        ),
        ({"loss": [1.0, np.nan]}, ValueError, r"contains NaN"),
    ],
)
def test_training_curve_errors(history, error, match):
    with pytest.raises(error, match=match):
        plot_training_curve(history)


def test_decision_boundary_without_legend():
    X = np.array([[0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0]])
    fig = plot_decision_boundary(
        _threshold, X, [0, 1, 0, 1], resolution=5, legend=False
    )
    assert fig.axes[0].get_legend() is None
