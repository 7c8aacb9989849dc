"""Figures of optimization: paths of optimizers over a loss surface.

Taught in Chapter 5, Optimization, section :ref:`nn-optimization-gd`.
:func:`plot_trajectories` draws the contour lines of a two-parameter
surface of :mod:`nnbook.optim.surfaces` and, over them, the points an
optimizer visited (from :func:`nnbook.optim.run_optimizer`), each path in a
colour, dash style and marker of its own, so they stay apart without colour.
"""

from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnbook._validation import as_float_array
from nnbook.optim.surfaces import Surface
from nnbook.plotting.style import (
    FIGSIZES,
    LINESTYLES,
    MARKERS,
    PALETTE,
    drawn_in_book_style,
    new_or_given_axes,
    round_ticks,
)

__all__ = ["plot_trajectories"]


@drawn_in_book_style
def plot_trajectories(
    surface: Surface,
    paths: Mapping[str, ArrayLike],
    *,
    xlim: tuple[float, float] = (-2.0, 2.0),
    ylim: tuple[float, float] = (-1.0, 1.0),
    levels: int = 12,
    ax: Axes | None = None,
    title: str | None = None,
    legend: bool = True,
    markevery: int = 1,
    figsize: tuple[float, float] = FIGSIZES["wide"],
) -> Figure:
    """Draw the contour lines of ``surface`` and the paths over them.

    Parameters
    ----------
    surface : Quadratic or Rosenbrock
        The function of ``(x, y)`` (called on a grid).
    paths : mapping of str to array-like of shape (n_points, 2)
        ``label -> points``, at most five; points outside the limits are
        clipped by the axes.
    xlim, ylim : tuple of float
        The window, in parameter units.
    levels : int, default 12
        Number of contour lines, spaced evenly in ``log(1 + f)`` so that
        the flat bottom of a valley gets lines too.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if not given.
    title : str, optional
        The panel's title.
    legend : bool, default True
        Whether to label the paths (in a legend below the panel).
    markevery : int, default 1
        Mark every this many points (long paths get a marker now and then).
    figsize : tuple of float, default ``FIGSIZES["wide"]``
        Size of a new figure, in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If there are no paths or more than five, or a path is not a
        sequence of (x, y) points.

    Examples
    --------
    >>> from nnbook.optim import Quadratic, SGD, run_optimizer
    >>> bowl = Quadratic(1, 10)
    >>> path = run_optimizer(bowl, SGD(0.15), [-1.8, 0.6], steps=20)
    >>> fig = plot_trajectories(bowl, {"gradient descent": path})
    >>> len(fig.axes[0].lines)  # the path and the minimum's marker
    2
    """
    func = "plot_trajectories"
    if not 1 <= len(paths) <= len(PALETTE):
        msg = f"{func}(): pass 1 to {len(PALETTE)} paths; got {len(paths)}."
        raise ValueError(msg)
    checked = {}
    for label, points in paths.items():
        checked[label] = as_float_array(
            points, f"paths[{label!r}]", func=func, ndim=2, shape_desc="(n_points, 2)"
        )
        if checked[label].shape[1] != 2:
            msg = (
                f"{func}(): path {label!r} must have shape (n_points, 2); got "
                f"{checked[label].shape}. Pass what run_optimizer() returns."
            )
            raise ValueError(msg)
    figure, ax = new_or_given_axes(ax, figsize, func=func)
    x = np.linspace(*xlim, 200)
    y = np.linspace(*ylim, 200)
    xx, yy = np.meshgrid(x, y)
    height = np.log1p(surface(xx, yy))
    ax.contour(xx, yy, height, levels=levels, colors="0.6", linewidths=0.8)
    ax.plot(*surface.minimum, marker="*", markersize=14, color="black", linestyle="")
    for i, (label, points) in enumerate(checked.items()):
        ax.plot(
            points[:, 0],
            points[:, 1],
            color=PALETTE[i],
            linestyle=LINESTYLES[i],
            marker=MARKERS[i],
            markersize=4,
            markevery=markevery,
            linewidth=1.6,
            label=label,
        )
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.grid(False)
    round_ticks(ax.xaxis, ax.yaxis)
    if title:
        ax.set_title(title)
    if legend:  # below the panel: on a narrow phone column it hides no path
        wide = sum(len(label) for label in checked) > 30  # characters in a row
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.2),
            ncols=2 if wide else len(checked),
            handlelength=2.5,
        )
    return figure
