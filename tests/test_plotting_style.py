"""Tests for nnbook.plotting.style: every figure is readable on a phone."""

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.colors import to_hex

from nnbook.datasets import make_moons
from nnbook.plotting import (
    BOOK_STYLE,
    FIGSIZES,
    PALETTE,
    book_figure,
    plot_activation_comparison,
    plot_confusion_matrix,
    plot_decision_boundary,
    plot_digit_grid,
    plot_function_and_derivative,
    plot_learning_curves,
    plot_misclassified,
    plot_training_curve,
    plot_weight_images,
    smallest_text_px,
)
from nnbook.plotting.style import (
    CSS_PX_PER_INCH,
    MIN_TEXT_PT,
    MIN_TEXT_PX,
    PHONE_COLUMN_PX,
    WIDTH,
)

X_MOONS, Y_MOONS = make_moons(20, rng=0)
DIGITS = np.random.default_rng(0).integers(0, 17, size=(64, 30)).astype(float)
PROBABILITIES = np.full((10, 30), 0.05)
PROBABILITIES[(np.arange(30) + 1) % 10, np.arange(30)] = 0.55  # all wrong
HISTORY = {
    "epoch": [0, 1, 2],
    "loss": [2.3, 0.5, 0.2],
    "accuracy": [0.1, 0.8, 0.9],
    "val_loss": [2.3, 0.6, 0.3],
    "val_accuracy": [0.1, 0.7, 0.85],
}
FIGURES = {
    "function_and_derivative": lambda: plot_function_and_derivative("tanh"),
    "activation_comparison": lambda: plot_activation_comparison(),
    "decision_boundary": lambda: plot_decision_boundary(
        lambda P: (P[0] > 0).astype(int), X_MOONS, Y_MOONS, resolution=10
    ),
    "training_curve": lambda: plot_training_curve(
        {"loss": [0.7, 0.4, 0.2], "accuracy": [0.5, 0.75, 1.0]}
    ),
    # Chapter 4, at the sizes the chapter draws them.
    "digit_grid": lambda: plot_digit_grid(DIGITS, [str(i % 10) for i in range(30)]),
    "misclassified": lambda: plot_misclassified(
        DIGITS, np.arange(30) % 10, PROBABILITIES, max_images=10
    ),
    "weight_images": lambda: plot_weight_images(DIGITS.T[:32] - 8, label="change"),
    "confusion_matrix": lambda: plot_confusion_matrix(
        np.diag(np.full(10, 36)) + np.eye(10, k=1, dtype=int)
    ),
    "learning_curves": lambda: plot_learning_curves({"a": HISTORY, "b": HISTORY}),
}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_figure_is_readable_on_a_phone(name):
    fig = FIGURES[name]()
    fig.draw_without_rendering()  # tick labels are made at draw time
    assert fig.get_figwidth() == WIDTH
    assert smallest_text_px(fig) >= MIN_TEXT_PX


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figures_keep_the_style_when_drawn_outside_it(name):
    fig = FIGURES[name]()
    with mpl.rc_context({"xtick.labelsize": 4, "ytick.labelsize": 4}):
        fig.draw_without_rendering()  # as a kernel draws it, long after the call
    sizes = [t.get_fontsize() for ax in fig.axes for t in ax.get_xticklabels()]
    assert sizes
    assert min(sizes) == BOOK_STYLE["xtick.labelsize"]


def test_smallest_text_px_fails_a_figure_too_wide_for_its_text():
    # A seed-sized figure: 12 inches wide with 10 pt text is ~4 px on a phone.
    fig, ax = book_figure((12.0, 4.0))
    ax.set_title("Sigmoid", fontsize=10)
    assert smallest_text_px(fig) < MIN_TEXT_PX
    # Its ticks read at 15.3 CSS px at the design width, scaled to the column.
    fig, ax = book_figure("wide")
    fig.draw_without_rendering()
    expected = MIN_TEXT_PT * CSS_PX_PER_INCH / 72 * PHONE_COLUMN_PX / (WIDTH * 96)
    assert smallest_text_px(fig) == pytest.approx(expected)
    assert smallest_text_px(fig, column_px=1000) == pytest.approx(MIN_TEXT_PT * 4 / 3)
    # In a folded solution's narrower column on a phone, still readable.
    assert smallest_text_px(fig, column_px=288) >= MIN_TEXT_PX


def test_every_size_is_the_book_width():
    assert {width for width, _ in FIGSIZES.values()} == {WIDTH}


def test_style_colours_and_dashes_cycle_together():
    cycle = list(BOOK_STYLE["axes.prop_cycle"])
    assert [to_hex(c["color"]) for c in cycle] == [p.lower() for p in PALETTE[:4]]
    assert len({str(c["linestyle"]) for c in cycle}) == len(cycle)
    # Opaque white: black text stays readable on the dark theme.
    assert BOOK_STYLE["figure.facecolor"] == BOOK_STYLE["savefig.facecolor"] == "white"


def test_book_figure_rejects_an_unknown_size():
    with pytest.raises(ValueError, match=r"book_figure\(\): argument 'figsize' must"):
        book_figure("huge")


def test_book_figure_leaves_rcparams_alone():
    before = mpl.rcParams["font.size"]
    _, axes = book_figure("grid", 2, 2, sharex=True)
    assert np.shape(axes) == (2, 2)
    assert mpl.rcParams["font.size"] == before
