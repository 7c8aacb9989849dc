"""How every activation reads its input (private to :mod:`nnbook.activations`)."""

from typing import Any

import numpy as np

from nnbook._validation import as_float_array

__all__ = ["as_z"]


def as_z(z: Any, func: str) -> np.ndarray:
    """Return ``z`` as float64; +-inf allowed (limits are meaningful), NaN not."""
    return as_float_array(z, "z", func=func, allow_inf=True)
