"""Tests for the Chapter 2 data sets: make_moons and make_spirals."""

import numpy as np
import pytest

from nnbook.datasets import make_moons, make_spirals
from nnbook.network import Network


@pytest.mark.parametrize("make", [make_moons, make_spirals])
def test_shapes_labels_and_layout(make):
    X, y = make(101, noise=0.1, rng=0)
    assert X.shape == (2, 101)  # features x samples
    assert y.shape == (1, 101)
    assert X.dtype == y.dtype == np.float64
    assert set(np.unique(y)) == {0.0, 1.0}
    assert abs(int(y.sum()) - 50.5) <= 1  # balanced


@pytest.mark.parametrize("make", [make_moons, make_spirals])
def test_deterministic_given_the_seed(make):
    X1, y1 = make(40, noise=0.2, rng=7)
    X2, y2 = make(40, noise=0.2, rng=np.random.default_rng(7))
    X3, _ = make(40, noise=0.2, rng=8)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    np.testing.assert_array_equal(make(40)[0], make(40)[0])  # rng=None: fixed seed


def test_moons_without_noise_lie_on_the_two_half_circles():
    X, y = make_moons(50, noise=0.0)
    upper, lower = X[:, y[0] == 0], X[:, y[0] == 1]
    np.testing.assert_allclose(np.hypot(*upper), 1.0)
    np.testing.assert_allclose(np.hypot(lower[0] - 1.0, lower[1] - 0.5), 1.0)
    assert (upper[1] >= -1e-12).all()
    assert (lower[1] <= 0.5 + 1e-12).all()


def test_noise_is_its_standard_deviation():
    X0, _ = make_moons(4000, noise=0.0)
    X, _ = make_moons(4000, noise=0.3, rng=1)
    assert np.std(X - X0) == pytest.approx(0.3, rel=0.03)


def test_spirals_several_classes():
    X, y = make_spirals(301, n_classes=4, noise=0.0)
    counts = np.bincount(y.ravel().astype(int))
    assert counts.tolist() == [76, 75, 75, 75]
    radii = np.hypot(*X)
    assert radii.min() == pytest.approx(0.1)
    assert radii.max() == pytest.approx(1.0)


def test_moons_are_learnable_but_not_linearly():
    X, y = make_moons(200, noise=0.1, rng=0)
    linear = Network([2, 1], rng=0).fit(X, y, epochs=300, learning_rate=1.0)
    deep = Network([2, 16, 1], init="he", rng=0).fit(
        X, y, epochs=300, learning_rate=1.0
    )
    assert linear["accuracy"][-1] < 0.92
    assert deep["accuracy"][-1] > 0.97


@pytest.mark.parametrize(
    ("make", "kwargs", "error", "match"),
    [
        (
            make_moons,
            {"n_samples": 1},
            ValueError,
            r"'n_samples' must be an integer >= 2; got 1",
        ),
        (make_moons, {"n_samples": 10.0}, TypeError, r"'n_samples' must be an integer"),
        (
            make_moons,
            {"noise": -0.1},
            ValueError,
            r"'noise' must be a finite standard deviation from 0",
        ),
        (make_moons, {"noise": np.inf}, ValueError, r"got inf"),
        (make_moons, {"noise": "low"}, TypeError, r"'noise' must be a number"),
        (make_moons, {"rng": 1.5}, TypeError, r"'rng' must be an int seed"),
        (
            make_spirals,
            {"n_classes": 1},
            ValueError,
            r"'n_classes' must be an integer >= 2",
        ),
        (
            make_spirals,
            {"n_samples": 2, "n_classes": 3},
            ValueError,
            r"'n_samples' must be an integer >= 3",
        ),
        (
            make_spirals,
            {"n_classes": True},
            TypeError,
            r"'n_classes' must be an integer",
        ),
    ],
)
def test_errors(make, kwargs, error, match):
    with pytest.raises(error, match=match):
        make(**kwargs)
