"""Accuracy and the confusion matrix against hand-computed examples."""

import numpy as np
import pytest

from nnbook.metrics import accuracy, confusion_matrix


def test_accuracy_by_hand():
    # 3 of 5 right.
    assert accuracy([0, 1, 2, 1, 0], [0, 1, 1, 1, 2]) == pytest.approx(0.6)


def test_accuracy_accepts_row_vectors():
    assert accuracy(np.array([[1, 2]]), np.array([[1, 0]])) == 0.5


def test_confusion_matrix_by_hand():
    y_true = [0, 0, 1, 1, 1, 2]
    y_pred = [0, 1, 1, 1, 2, 2]
    expected = np.array([[1, 1, 0], [0, 2, 1], [0, 0, 1]])
    counts = confusion_matrix(y_true, y_pred)
    np.testing.assert_array_equal(counts, expected)
    assert counts.dtype == np.int64
    # Rows sum to the class sizes; the trace is the number right.
    np.testing.assert_array_equal(counts.sum(axis=1), np.bincount(y_true))
    assert np.trace(counts) / len(y_true) == accuracy(y_true, y_pred)


def test_confusion_matrix_pads_to_n_classes():
    assert confusion_matrix([0], [0], n_classes=3).shape == (3, 3)


def test_confusion_matrix_rejects_a_label_beyond_n_classes():
    with pytest.raises(ValueError, match=r"confusion_matrix\(\): labels must lie"):
        confusion_matrix([0, 3], [0, 1], n_classes=3)


def test_lengths_must_match():
    with pytest.raises(ValueError, match=r"accuracy\(\): 'y_true' and 'y_pred'"):
        accuracy([0, 1], [0])


def test_one_hot_input_is_pointed_to_argmax():
    with pytest.raises(ValueError, match=r"argument 'y_pred'.*argmax"):
        accuracy([0, 1], [0.5, 1])
