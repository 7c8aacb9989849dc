"""How close two numbers, or two figures, must be to count as the same.

Project defaults live in ``pyproject.toml`` under ``[tool.nnbook.outputs]``;
a code cell overrides them in its metadata, which MyST Markdown writes as::

    ```{code-cell} ipython3
    ---
    nnbook:
      outputs:
        rtol: 1e-3
    ---
    ```
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .errors import OutputsCheckError


@dataclass(frozen=True)
class Tolerance:
    """Tolerances of one comparison.

    Parameters
    ----------
    rtol, atol : float
        Two numbers ``a`` (expected) and ``b`` (got) printed in a text output
        match when ``|a - b| <= atol + rtol * |a|`` (as :func:`math.isclose`
        but asymmetric, like :func:`numpy.isclose`). Integers must be equal.
    image_tol : float
        The largest RMS difference, on the 0-255 scale, between two figures'
        pixels (:func:`matplotlib.testing.compare.compare_images`).
    """

    rtol: float = 1e-6
    atol: float = 1e-9
    image_tol: float = 0.5

    def numbers_match(self, expected: float, got: float) -> bool:
        """Whether ``got`` is within tolerance of ``expected`` (NaN equals NaN)."""
        if math.isnan(expected) or math.isnan(got):
            return math.isnan(expected) and math.isnan(got)
        if math.isinf(expected) or math.isinf(got):
            return expected == got
        return abs(expected - got) <= self.atol + self.rtol * abs(expected)

    def describe(self) -> str:
        """Write the tolerances as a reader would."""
        return f"rtol={self.rtol:g}, atol={self.atol:g}, image_tol={self.image_tol:g}"

    def updated(self, overrides: object, where: str) -> Tolerance:
        """Return these tolerances with ``overrides`` (key -> number) applied.

        Values may be strings: YAML 1.1 reads ``1e-3`` (no dot) as a string.

        Raises
        ------
        OutputsCheckError
            If a key is unknown or a value is not a non-negative number;
            ``where`` names the file (and cell) in the message.
        """
        if not isinstance(overrides, dict):
            msg = f"{where}: tolerances must be a mapping, got {overrides!r}"
            raise OutputsCheckError(msg)
        known = {f.name for f in fields(self)}
        values = {}
        for key, value in overrides.items():
            if key not in known:
                msg = (
                    f"{where}: unknown tolerance {key!r}"
                    f" (expected one of {', '.join(sorted(known))})"
                )
                raise OutputsCheckError(msg)
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = math.nan
            if not number >= 0:  # also rejects NaN
                msg = f"{where}: tolerance {key} must be a number >= 0, got {value!r}"
                raise OutputsCheckError(msg) from None
            values[key] = number
        return replace(self, **values)


def project_defaults(pyproject: Path | None) -> Tolerance:
    """Read the defaults of ``[tool.nnbook.outputs]`` in ``pyproject``."""
    if pyproject is None or not pyproject.is_file():
        return Tolerance()
    try:
        config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        msg = f"{pyproject}: not valid TOML: {error}"
        raise OutputsCheckError(msg) from None
    section = config.get("tool", {}).get("nnbook", {}).get("outputs", {})
    return Tolerance().updated(section, f"{pyproject} [tool.nnbook.outputs]")


def cell_tolerance(default: Tolerance, metadata: dict, where: str) -> Tolerance:
    """Return ``default`` with a cell's ``nnbook.outputs`` metadata applied."""
    overrides = metadata.get("nnbook", {}).get("outputs", {})
    return default.updated(overrides, where) if overrides else default
