r"""A diagram of one neuron: inputs, weights, the sum, the activation, the output.

Taught in Chapter 1, section :ref:`nn-basics-perceptron`.
:func:`draw_neuron` draws the book's symbols, or, given an input, weights and
a bias, the numbers that :func:`nnbook.forward_neuron` computes from them, so
the picture of the worked example can never disagree with its arithmetic.

Drawn with Matplotlib rather than Graphviz: ``nnbook`` depends only on NumPy,
PyTorch and Matplotlib, and Graphviz would add a Debian package and a Python
binding for a layout this small, which is fixed (inputs in a column, then
the sum, the activation and the output in a row) and needs no layout engine.
Matplotlib also typesets the book's symbols (:math:`x_j`, :math:`w_j`,
:math:`\sigma`) with its mathtext, and the figure is styled, saved and
checked like every other figure of the book.
"""

from typing import Any, NamedTuple

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnbook._validation import (
    as_float_array,
    as_float_scalar,
    check_int,
    reraise_as,
    resolve_activation,
)
from nnbook.activations import Activation
from nnbook.diagrams._drawing import (
    FONT_SIZE,
    WeightStyle,
    blank_axes,
    edge,
    edge_label,
    node,
    weight_style,
)
from nnbook.forward import forward_neuron
from nnbook.plotting.style import new_or_given_axes

__all__ = ["draw_neuron"]

#: More inputs than this do not fit one above the other in a readable size.
MAX_INPUTS = 6

# Columns of the layout, in data units (the axes span 0 to 10).
_X_INPUT, _X_SUM, _X_ACT, _X_OUT = 0.9, 5.0, 7.1, 9.1


def _number(value: float) -> str:
    """Format to four significant digits, for mathtext (it sets a true minus)."""
    return f"{value:.4g}"


def _symbol(activation: Any, *, func: str) -> str:
    r"""Return the activation's mathtext symbol, e.g. ``\sigma``."""
    g = resolve_activation(activation, "activation", func=func)
    return g.symbol or rf"\mathrm{{{g.name}}}"


class _Labels(NamedTuple):
    """What the diagram writes, and how it draws each weight (None: plain)."""

    inputs: list[str]
    weights: list[str]
    styles: list[WeightStyle | None]  # the weights', then the bias's
    bias: str
    g: str  # the activation's symbol
    z_note: str  # under the sum
    a_note: str  # under the activation
    output: str


def _with_symbols(n_inputs: Any, activation: Any, *, func: str) -> _Labels:
    n = check_int(
        3 if n_inputs is None else n_inputs,
        "n_inputs",
        func=func,
        min_value=1,
        max_value=MAX_INPUTS,
    )
    g = "g" if activation is None else _symbol(activation, func=func)
    return _Labels(
        inputs=[f"$x_{j}$" for j in range(1, n + 1)],
        weights=[f"$w_{j}$" for j in range(1, n + 1)],
        styles=[None] * (n + 1),
        bias="$b$",
        g=g,
        z_note=r"$z = w \cdot x + b$",
        a_note=f"$a = {g}(z)$",
        output="$a$",
    )


def _with_numbers(x: Any, w: Any, b: Any, activation: Any, *, func: str) -> _Labels:
    if activation is None:
        msg = (
            f"{func}(): argument 'activation' is needed to draw numbers, "
            "e.g. activation='sigmoid'."
        )
        raise ValueError(msg)
    g = resolve_activation(activation, "activation", func=func)
    with reraise_as(func):  # forward_neuron checks x, w and b
        z, a = forward_neuron(x, w, b, activation=g)
    inputs = as_float_array(x, "x", func=func, ndim=1).tolist()
    weights = as_float_array(w, "w", func=func, ndim=1).tolist()
    bias = as_float_scalar(b, "b", func=func)
    if len(inputs) > MAX_INPUTS:
        msg = (
            f"{func}(): argument 'x' must have 1 to {MAX_INPUTS} inputs to fit "
            f"the diagram; got {len(inputs)}. Draw a shorter example."
        )
        raise ValueError(msg)
    scale = max(abs(v) for v in [*weights, bias]) or 1.0
    symbol = _symbol(g, func=func)
    return _Labels(
        inputs=[f"$x_{j} = {_number(v)}$" for j, v in enumerate(inputs, start=1)],
        weights=[f"$w_{j} = {_number(v)}$" for j, v in enumerate(weights, start=1)],
        styles=[weight_style(v, scale) for v in [*weights, bias]],
        bias=f"$b = {_number(bias)}$",
        g=symbol,
        z_note=f"$z = {_number(z)}$",
        a_note=f"${symbol}({_number(z)})$",
        output=f"$a = {_number(a)}$",
    )


def _labels(x, w, b, activation, n_inputs, *, func: str) -> _Labels:
    """Symbols if none of x, w, b is given, numbers if all are; else raise."""
    given = [
        name for name, value in (("x", x), ("w", w), ("b", b)) if value is not None
    ]
    if not given:
        return _with_symbols(n_inputs, activation, func=func)
    if len(given) < 3:
        msg = (
            f"{func}(): arguments 'x', 'w' and 'b' go together: give all three "
            "to draw the numbers, or none to draw the symbols; got only "
            f"{', '.join(repr(n) for n in given)}."
        )
        raise ValueError(msg)
    if n_inputs is not None:
        msg = (
            f"{func}(): argument 'n_inputs' is for the diagram with symbols; "
            f"with numbers it is the length of x. Leave n_inputs out; got "
            f"{n_inputs!r}."
        )
        raise ValueError(msg)
    return _with_numbers(x, w, b, activation, func=func)


def _draw(ax: Axes, labels: _Labels) -> None:
    n = len(labels.inputs)
    y_mid = (n - 1) / 2
    rows = [n - 1 - j for j in range(n)]  # x_1 at the top
    bias_y = max(n - 1, 1) + 0.4
    blank_axes(ax, (0, 10), (-0.6, bias_y + 0.45))
    total = node(ax, (_X_SUM, y_mid), r"$\Sigma$", shape="circle")
    for j, y in enumerate(rows):
        start = node(ax, (_X_INPUT, y), labels.inputs[j], shape="round")
        edge(ax, start, total, style=labels.styles[j], name=f"w[{j}]")
        t = 0.42  # how far along the edge its weight is written
        position = (_X_INPUT + t * (_X_SUM - _X_INPUT) + 0.3, y + t * (y_mid - y))
        edge_label(ax, position, labels.weights[j])
    bias = node(ax, (_X_SUM, bias_y), labels.bias, shape="round")
    edge(ax, bias, total, style=labels.styles[-1], name="b")
    act = node(ax, (_X_ACT, y_mid), f"${labels.g}$", shape="circle")
    edge(ax, total, act, name="z")
    edge_label(ax, ((_X_SUM + _X_ACT) / 2, y_mid + 0.3), "$z$")
    for x_note, note in ((_X_SUM, labels.z_note), (_X_ACT, labels.a_note)):
        ax.text(x_note, y_mid - 0.62, note, ha="center", va="top", fontsize=FONT_SIZE)
    edge(ax, act, node(ax, (_X_OUT, y_mid), labels.output, shape="round"), name="a")


def draw_neuron(
    x: ArrayLike | None = None,
    w: ArrayLike | None = None,
    b: float | None = None,
    *,
    activation: str | Activation | None = None,
    n_inputs: int | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (6.0, 3.0),
) -> Figure:
    r"""Draw one neuron, with the book's symbols or with the numbers of a sample.

    Parameters
    ----------
    x : array-like of shape (n_features,), optional
        The inputs. Give ``x``, ``w`` and ``b`` together to label the diagram
        with numbers, or none of them for symbols.
    w : array-like of shape (n_features,), optional
        The weights, one per input.
    b : float, optional
        The bias.
    activation : str or Activation, optional
        A name in :data:`nnbook.ACTIVATIONS`. Needed with numbers; with
        symbols it replaces the generic :math:`g` by its own symbol.
    n_inputs : int, optional
        How many inputs the diagram with symbols has, 1 to 6 (default 3).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if not given.
    figsize : tuple of float, default (6, 3)
        Size in inches of a new figure, made for a column about 700 px wide.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the diagram.

    Raises
    ------
    TypeError
        If an argument has the wrong type (as for
        :func:`nnbook.forward_neuron`) or ``ax`` is not an Axes.
    ValueError
        If only some of ``x``, ``w`` and ``b`` are given, their lengths
        differ, there are more than six inputs, ``activation`` is unknown or
        missing for numbers, or ``n_inputs`` is given with numbers.

    See Also
    --------
    nnbook.forward_neuron : The computation that the diagram shows.
    nnbook.diagrams.draw_network : Many neurons, in layers.

    Notes
    -----
    The inputs :math:`x_j` enter along edges that carry the weights
    :math:`w_j`; the node :math:`\Sigma` forms

    .. math:: z = w \cdot x + b = \sum_{j=1}^{n} w_j x_j + b,

    the activation node applies :math:`g`, and out comes :math:`a = g(z)`.
    With numbers, each edge (the bias's too: :math:`b` is the weight of a
    constant input 1) is coloured by the sign of its weight, dashed when it
    is negative, and as wide as its magnitude allows, relative to the
    largest of :math:`|w_j|` and :math:`|b|`.

    Examples
    --------
    Chapter 1's worked example, with a sigmoid: :math:`z = 0.5 - 0.4 + 0.3 +
    0.3 = 0.7` and :math:`a = \sigma(0.7)`.

    >>> fig = draw_neuron([1.0, 2.0, 3.0], [0.5, -0.2, 0.1], 0.3,
    ...                   activation="sigmoid")
    >>> labels = [text.get_text() for text in fig.axes[0].texts]
    >>> [label for label in labels if label.startswith(("$x", "$a"))]
    ['$x_1 = 1$', '$x_2 = 2$', '$x_3 = 3$', '$a = 0.6682$']
    >>> "$a = g(z)$" in [text.get_text() for text in draw_neuron().axes[0].texts]
    True
    """
    func = "draw_neuron"
    labels = _labels(x, w, b, activation, n_inputs, func=func)
    figure, ax = new_or_given_axes(ax, figsize, func=func)
    _draw(ax, labels)
    return figure
