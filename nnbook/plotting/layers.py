"""Figures of a deep network's layers: how signals and gradients spread.

Taught in Chapter 6, Deep networks, section :ref:`nn-deep-watching`. The
input is what :meth:`nnbook.layers.statistics.LayerRecorder.summary` returns,
one summary per run; the figure has one line per run, in the book's style
(:mod:`nnbook.plotting.style`), on a logarithmic axis, because the spread of
a badly initialised network changes by orders of magnitude.
"""

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from nnbook.plotting.style import FIGSIZES, MARKERS, PALETTE, drawn_in_book_style

__all__ = ["plot_layer_statistics"]

_TITLES = {"std": "std of activations", "grad_std": "std of gradients"}


@drawn_in_book_style
def plot_layer_statistics(
    runs: Mapping[str, Mapping[str, Sequence[Any]]],
    keys: Sequence[str] = ("std", "grad_std"),
    *,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Draw per-layer statistics of several runs, one panel per statistic.

    Parameters
    ----------
    runs : dict of str to dict
        Label -> summary with ``"layer"`` and the ``keys`` (one value per
        recorded layer), e.g. ``LayerRecorder.summary()``.
    keys : sequence of str, default ("std", "grad_std")
        The statistics to draw, one panel each, stacked.
    figsize : (float, float), optional
        Default: the book's stacked size.

    Returns
    -------
    matplotlib.figure.Figure
        x: the hidden layer (1 = first); y: the statistic, log scale.

    Raises
    ------
    ValueError
        If ``runs`` is empty or a run lacks a key.

    Examples
    --------
    >>> run = {"layer": [1, 3], "std": [1.0, 0.1], "grad_std": [1e-3, 1e-2]}
    >>> fig = plot_layer_statistics({"tanh": run})
    >>> [ax.get_yscale() for ax in fig.axes]
    ['log', 'log']
    """
    func = "plot_layer_statistics"
    if not runs:
        msg = f"{func}(): argument 'runs' is empty; pass {{label: summary}}."
        raise ValueError(msg)
    for label, run in runs.items():
        missing = [key for key in ("layer", *keys) if key not in run]
        if missing:
            msg = (
                f"{func}(): run {label!r} lacks {missing}; pass the dict that "
                "LayerRecorder.summary() returns."
            )
            raise ValueError(msg)
    figure = Figure(figsize=figsize or FIGSIZES["stacked"], layout="constrained")
    axes = np.atleast_1d(figure.subplots(len(keys), 1, sharex=True))
    for ax, key in zip(axes, keys, strict=True):
        for index, (label, run) in enumerate(runs.items()):
            depth = np.arange(1, len(run["layer"]) + 1)
            values = np.maximum(np.asarray(run[key], dtype=float), 1e-300)
            ax.plot(depth, values, label=label, marker=MARKERS[index % len(MARKERS)],
                    markersize=4, color=PALETTE[index % len(PALETTE)])  # fmt: skip
        ax.set_yscale("log")
        ax.set_ylabel(_TITLES.get(key, key))
    axes[-1].set_xlabel("hidden layer")
    axes[0].legend(fontsize="small", ncols=2)
    return figure
