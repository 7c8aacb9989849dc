"""Tests for nnbook.plotting: the lines carry exactly the activations' values."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from nnbook.activations import ACTIVATIONS, get_activation
from nnbook.plotting import (
    PALETTE,
    plot_activation_comparison,
    plot_function_and_derivative,
)

DEFAULT_Z = np.linspace(-10, 10, 200)


@pytest.fixture(autouse=True)
def _no_pyplot_figures():
    """Fail if a plotting function registers a figure with pyplot."""
    before = plt.get_fignums()
    yield
    leaked = sorted(set(plt.get_fignums()) - set(before))
    for number in leaked:
        plt.close(number)
    assert not leaked, f"pyplot figures left open: {leaked}"


def _line(ax, gid):
    (line,) = [line for line in ax.lines if line.get_gid() == gid]
    return line


def _relative_luminance(color: str) -> float:
    rgb = np.array([int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_function_and_derivative_data(name):
    act = get_activation(name)
    fig = plot_function_and_derivative(name)
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 2
    ax_f, ax_d = fig.axes
    function, derivative = _line(ax_f, "function"), _line(ax_d, "derivative")
    np.testing.assert_array_equal(function.get_xdata(), DEFAULT_Z)
    np.testing.assert_array_equal(function.get_ydata(), act.function(DEFAULT_Z))
    np.testing.assert_array_equal(derivative.get_ydata(), act.derivative(DEFAULT_Z))
    reference = _line(ax_f, "reference")
    np.testing.assert_array_equal(reference.get_ydata(), float(act.function(0.0)))
    # Stacked, sharing z: only the bottom panel names it.
    assert ax_f.get_shared_x_axes().joined(ax_f, ax_d)
    assert (ax_f.get_xlabel(), ax_d.get_xlabel()) == ("", "$z$")
    for ax in fig.axes:
        assert ax.get_ylabel()
        assert ax.get_title()


def test_sigmoid_labels_and_reference_match_seed():
    fig = plot_function_and_derivative("sigmoid")
    ax_f, ax_d = fig.axes
    assert ax_f.get_ylabel() == r"$\sigma(z)$"
    assert ax_d.get_ylabel() == r"$\sigma'(z)$"
    assert ax_f.get_title() == "Sigmoid function"
    assert ax_d.get_title() == "Sigmoid derivative"
    np.testing.assert_array_equal(_line(ax_f, "reference").get_ydata(), 0.5)


def test_custom_z_and_activation_object():
    z = np.linspace(-3, 3, 7)
    fig = plot_function_and_derivative(get_activation("tanh"), z)
    np.testing.assert_array_equal(_line(fig.axes[0], "function").get_xdata(), z)
    np.testing.assert_array_equal(
        _line(fig.axes[1], "derivative").get_ydata(), 1 - np.tanh(z) ** 2
    )


def test_draws_into_given_axes():
    fig = Figure()
    axes = fig.subplots(1, 2)
    assert plot_function_and_derivative("relu", axes=axes) is fig
    assert len(fig.axes) == 2
    assert axes[0].get_title() == "ReLU function"
    # Side by side, each panel names its own z axis.
    assert [ax.get_xlabel() for ax in axes] == ["$z$", "$z$"]


def test_comparison_default_matches_seed():
    fig = plot_activation_comparison()
    assert len(fig.axes) == 2
    ax_f, ax_d = fig.axes
    assert [line.get_label() for line in ax_f.lines] == ["Sigmoid", "Tanh", "ReLU"]
    for line, name in zip(ax_f.lines, ["sigmoid", "tanh", "relu"], strict=True):
        act = get_activation(name)
        np.testing.assert_array_equal(line.get_xdata(), DEFAULT_Z)
        np.testing.assert_array_equal(line.get_ydata(), act.function(DEFAULT_Z))
    for line, name in zip(ax_d.lines, ["sigmoid", "tanh", "relu"], strict=True):
        act = get_activation(name)
        np.testing.assert_array_equal(line.get_ydata(), act.derivative(DEFAULT_Z))
    assert ax_f.get_ylabel() == "$g(z)$"
    assert ax_d.get_ylabel() == "$g'(z)$"
    # One legend: each derivative has its function's colour and dashes.
    assert ax_f.get_legend() is not None
    assert ax_d.get_legend() is None


def test_comparison_lines_distinguishable_without_colour():
    # get_linestyle() reports custom dash tuples as "--", so use four names.
    fig = plot_activation_comparison(("sigmoid", "tanh", "relu", "leaky_relu"))
    lines = fig.axes[0].lines
    assert len({line.get_linestyle() for line in lines}) == len(lines)
    assert len({to_hex(line.get_color()) for line in lines}) == len(lines)
    # Each function and its derivative share colour and dash style.
    for f, d in zip(fig.axes[0].lines, fig.axes[1].lines, strict=True):
        assert (f.get_color(), f.get_linestyle()) == (d.get_color(), d.get_linestyle())


@pytest.mark.parametrize("color", PALETTE)
def test_palette_contrast_on_white_at_least_3_to_1(color):
    # WCAG 2.1 non-text contrast: (L_white + 0.05) / (L_color + 0.05) >= 3.
    assert 1.05 / (_relative_luminance(color) + 0.05) >= 3.0


def test_comparison_errors():
    with pytest.raises(TypeError, match=r"'names' must be a sequence.*\('relu',\)"):
        plot_activation_comparison("relu")
    with pytest.raises(ValueError, match=r"must hold 1 to 5 activations.*got 0"):
        plot_activation_comparison(())
    with pytest.raises(ValueError, match=r"must hold 1 to 5 activations.*got 6"):
        plot_activation_comparison(("relu",) * 6)
    with pytest.raises(ValueError, match=r"argument 'names' must be one of"):
        plot_activation_comparison(("relu", "swish"))


def test_function_and_derivative_errors():
    with pytest.raises(ValueError, match=r"argument 'activation' must be one of"):
        plot_function_and_derivative("sigmod")
    with pytest.raises(TypeError, match=r"must be a string"):
        plot_function_and_derivative(42)
    with pytest.raises(ValueError, match=r"at least 2 points"):
        plot_function_and_derivative("relu", [0.0])
    with pytest.raises(ValueError, match=r"argument 'z' must be a 1-D array"):
        plot_function_and_derivative("relu", np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"argument 'z' contains NaN"):
        plot_function_and_derivative("relu", [0.0, np.nan])
    with pytest.raises(ValueError, match=r"'axes' must be two matplotlib Axes"):
        plot_function_and_derivative("relu", axes=Figure().subplots(1, 3))
