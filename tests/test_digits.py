"""The digits: split (stratified, seeded, disjoint), standardisation, sealing."""

import numpy as np
import pytest

from nnbook.digits import (
    HeldOutTestSet,
    load_digits,
    load_digits_split,
    one_hot,
    stratified_split,
)


@pytest.fixture(scope="module")
def digits():
    return load_digits()


@pytest.fixture(scope="module")
def split():
    return load_digits_split(rng=0)


def test_load_digits_layout(digits):
    pixels, labels = digits
    assert pixels.shape == (64, 1797)
    assert labels.shape == (1797,)
    assert pixels.min() == 0
    assert pixels.max() == 16
    assert set(np.unique(labels)) == set(range(10))


def test_split_is_disjoint_and_covers_every_sample(digits):
    _, labels = digits
    parts = stratified_split(labels, rng=3)
    together = np.concatenate(parts)
    assert together.size == labels.size
    assert np.array_equal(np.sort(together), np.arange(labels.size))


def test_split_is_stratified(digits):
    _, labels = digits
    fractions = (0.6, 0.2, 0.2)
    parts = stratified_split(labels, fractions, rng=1)
    for part, share in zip(parts, fractions, strict=True):
        per_class = np.bincount(labels[part], minlength=10)
        expected = share * np.bincount(labels)
        assert np.all(np.abs(per_class - expected) <= 1), (per_class, expected)


def test_split_is_seeded(digits):
    _, labels = digits
    first, again = stratified_split(labels, rng=5), stratified_split(labels, rng=5)
    other = stratified_split(labels, rng=6)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not np.array_equal(first[0], other[0])


def test_a_tiny_class_keeps_one_sample_per_part():
    train, val, test = stratified_split([0, 0, 0, 1, 1, 1], (0.8, 0.1, 0.1), rng=0)
    assert [len(train), len(val), len(test)] == [2, 2, 2]


def test_standardisation_uses_the_training_images_only(split, digits):
    pixels, _ = digits
    train_mean = split.train.pixels.mean(axis=1, keepdims=True)
    np.testing.assert_allclose(split.mean, train_mean)
    # A leaky standardisation (statistics of all images) would differ here.
    assert not np.allclose(split.mean, pixels.mean(axis=1, keepdims=True))
    np.testing.assert_allclose(split.train.X.mean(axis=1), 0.0, atol=1e-12)
    assert np.abs(split.validation.X.mean(axis=1)).max() > 0.01
    np.testing.assert_allclose(
        split.validation.X, (split.validation.pixels - split.mean) / split.scale
    )


def test_pixels_blank_in_training_keep_scale_one(split):
    blank = split.train.pixels.std(axis=1) == 0
    assert blank.any()
    assert np.all(split.scale[blank] == 1.0)
    assert np.all(split.train.X[blank] == 0.0)


def test_subsets_are_consistent(split):
    for part in (split.train, split.validation):
        assert np.array_equal(part.Y.argmax(axis=0), part.labels)
        assert part.X.shape == part.pixels.shape == (64, part.labels.size)


def test_the_test_set_opens_once(split):
    data = load_digits_split(rng=0)
    assert not data.test.opened
    test = data.test.open()
    assert test.X.shape == (64, data.test.size)
    assert data.test.opened
    assert "opened" in repr(data.test)
    with pytest.raises(RuntimeError, match=r"open\(\): the test set was already"):
        data.test.open()


def test_one_hot_known_values():
    np.testing.assert_array_equal(one_hot([1, 0], 2), [[0.0, 1.0], [1.0, 0.0]])


def test_one_hot_rejects_a_label_out_of_range():
    with pytest.raises(ValueError, match=r"one_hot\(\): argument 'labels' must lie"):
        one_hot([0, 10], 10)


def test_non_integer_labels_are_rejected():
    with pytest.raises(ValueError, match=r"one_hot\(\): .*class indices.*got 1.5"):
        one_hot([0, 1.5], 3)


def test_fractions_must_sum_to_one():
    with pytest.raises(ValueError, match=r"stratified_split\(\): argument 'fractions'"):
        stratified_split([0, 0, 0], (0.5, 0.2, 0.2))


def test_a_class_too_small_to_split_is_rejected():
    with pytest.raises(ValueError, match=r"class 1 has 2 sample\(s\)"):
        stratified_split([0, 0, 0, 1, 1])


def test_held_out_set_is_not_collected_as_a_test():
    assert HeldOutTestSet.__name__[:4] != "Test"


def test_too_few_labels_are_rejected():
    with pytest.raises(ValueError, match=r"must hold at least 3 samples"):
        stratified_split([0, 1])


def test_load_digits_split_reports_errors_under_its_name():
    with pytest.raises(ValueError, match=r"^load_digits_split\(\): argument 'rng'"):
        load_digits_split(rng=-1)
