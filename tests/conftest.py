"""Shared fixtures: a seeded random generator and a headless Matplotlib."""

import matplotlib
import numpy as np
import pytest
from hypothesis import settings

matplotlib.use("Agg")

# Timings on shared CI machines are noisy, so no per-example deadline; and
# the same examples on every run, so a red CI can be reproduced locally.
settings.register_profile("nnbook", deadline=None, derandomize=True)
settings.load_profile("nnbook")


@pytest.fixture
def rng() -> np.random.Generator:
    """A generator with a fixed seed, so a failing test fails every time."""
    return np.random.default_rng(20261125)
