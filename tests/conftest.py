"""Shared fixtures: a seeded random generator and a headless Matplotlib."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")


@pytest.fixture
def rng() -> np.random.Generator:
    """A generator with a fixed seed, so a failing test fails every time."""
    return np.random.default_rng(20261125)
