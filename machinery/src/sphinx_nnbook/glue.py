"""Computed values handed from a chapter's code to its prose.

A chapter's hidden first cell imports :func:`glue`; the prose then shows the
value with MyST-NB's ``{glue:text}`` role, e.g. ``{glue:text}`loss:.4f```.
One helper for every chapter, so no chapter carries a copy of its own.
"""

from __future__ import annotations

import numbers
from typing import Any


def glue(name: str, value: Any) -> None:
    """Make ``value`` available to the prose as ``name``, without showing it.

    A number (Python's or NumPy's) is glued as a plain Python ``int`` or
    ``float``, so that a format spec in ``{glue:text}`name:.3f``` applies to
    it and the page never shows ``np.float64(...)``; anything else (strings,
    arrays, tensors) is glued as it is.

    Parameters
    ----------
    name : str
        The key the prose refers to; unique within the chapter.
    value : object
        What to show.
    """
    from myst_nb import glue as myst_glue

    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = int(value)
    elif isinstance(value, numbers.Real):
        value = float(value)
    myst_glue(name, value, display=False)
