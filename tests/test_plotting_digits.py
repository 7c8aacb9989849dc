"""Chapter 4's figures: what they draw, and their errors."""

import numpy as np
import pytest

from nnbook.plotting import (
    plot_confusion_matrix,
    plot_digit_grid,
    plot_learning_curves,
    plot_misclassified,
    plot_weight_images,
)


def _image_axes(fig):
    return [ax for ax in fig.axes if ax.images]


def test_digit_grid_draws_each_image_as_8x8_with_its_title():
    pixels = np.arange(64 * 3, dtype=float).reshape(64, 3)
    fig = plot_digit_grid(pixels, ["a", "b", "c"], ncols=2)
    axes = _image_axes(fig)
    assert [ax.get_title() for ax in axes] == ["a", "b", "c"]
    np.testing.assert_array_equal(
        axes[1].images[0].get_array(), pixels[:, 1].reshape(8, 8)
    )
    assert fig.get_size_inches()[0] <= 7.0


def test_misclassified_shows_only_mistakes_most_confident_first():
    P = np.array([[0.9, 0.4, 0.1, 0.3], [0.1, 0.6, 0.9, 0.7]])
    fig = plot_misclassified(np.zeros((64, 4)), [0, 0, 0, 1], P)
    titles = [ax.get_title() for ax in _image_axes(fig)]
    assert titles == ["true 0 → 1\np = 0.90", "true 0 → 1\np = 0.60"]


def test_weight_images_share_one_symmetric_scale():
    W = np.linspace(-2.0, 1.0, 2 * 64).reshape(2, 64)
    fig = plot_weight_images(W)
    limits = {ax.images[0].get_clim() for ax in _image_axes(fig)}
    assert limits == {(-2.0, 2.0)}


def test_confusion_matrix_writes_counts_and_leaves_zeros_blank():
    fig = plot_confusion_matrix([[3, 0], [1, 2]])
    assert [t.get_text() for t in fig.axes[0].texts] == ["3", "", "1", "2"]


def test_learning_curves_draw_train_and_validation_per_model():
    h = {
        "epoch": [0, 1],
        "loss": [1.0, 0.5],
        "accuracy": [0.5, 0.9],
        "val_loss": [1.1, 0.6],
        "val_accuracy": [0.4, 0.8],
    }
    fig = plot_learning_curves({"a": h, "b": h})
    loss_ax, acc_ax = fig.axes
    assert len(loss_ax.lines) == len(acc_ax.lines) == 4
    np.testing.assert_array_equal(acc_ax.lines[1].get_ydata(), [0.4, 0.8])


def test_images_must_be_columns_of_64():
    with pytest.raises(ValueError, match=r"plot_digit_grid\(\): argument 'pixels'"):
        plot_digit_grid(np.zeros((3, 64)))


def test_one_title_per_image():
    with pytest.raises(ValueError, match=r"argument 'titles' must hold one title"):
        plot_digit_grid(np.zeros((64, 2)), ["x"])


def test_misclassified_arguments_must_describe_the_same_images():
    with pytest.raises(ValueError, match=r"plot_misclassified\(\): 'pixels', 'labels'"):
        plot_misclassified(np.zeros((64, 2)), [0], np.eye(2))


def test_confusion_matrix_must_be_square():
    with pytest.raises(ValueError, match=r"argument 'counts' must be square"):
        plot_confusion_matrix(np.zeros((2, 3)))


def test_learning_curves_need_one_to_five_histories():
    with pytest.raises(ValueError, match=r"pass 1 to 5 histories"):
        plot_learning_curves({})


def test_learning_curves_name_a_missing_key():
    with pytest.raises(ValueError, match=r"history 'a' lacks \['val_loss'"):
        plot_learning_curves(
            {
                "a": {
                    "epoch": [0],
                    "loss": [1.0],
                    "accuracy": [0.1],
                    "val_accuracy": [0.1],
                }
            }
        )
