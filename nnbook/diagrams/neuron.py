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
    """Four significant digits, as mathtext (which sets a true minus sign)."""
    return f"{value:.4g}"


def _symbol(activation: Activation) -> str:
    return activation.symbol or rf"\mathrm{{{activation.name}}}"


def _check_mode(x, w, b, n_inputs, *, func: str) -> int | None:
    """Return ``n_inputs`` for symbols, or None for numbers; raise if mixed."""
    given = [name for name, value in (("x", x), ("w", w), ("b", b)) if value is not None]
    if given and len(given) < 3:
        msg = (
            f"{func}(): arguments 'x', 'w' and 'b' go together: give all three "
            "to draw the numbers, or none to draw the symbols; got only "
            f"{', '.join(repr(n) for n in given)}."
        )
        raise ValueError(msg)
    if given:
        if n_inputs is not None:
            msg = (
                f"{func}(): argument 'n_inputs' is for the diagram with symbols; "
                f"with numbers it is the length of x. Leave n_inputs out; got "
                f"{n_inputs!r}."
            )
            raise ValueError(msg)
        return None
    return check_int(
        3 if n_inputs is None else n_inputs,
        "n_inputs",
        func=func,
        min_value=1,
        max_value=MAX_INPUTS,
    )


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
    >>> labels[:3], labels[-1]
    (['$x_1 = 1$', '$x_2 = 2$', '$x_3 = 3$'], '$a = 0.6682$')
    >>> "$a = g(z)$" in [text.get_text() for text in draw_neuron().axes[0].texts]
    True
    """
    func = "draw_neuron"
    n_symbols = _check_mode(x, w, b, n_inputs, func=func)
    if n_symbols is None:  # numbers: forward_neuron checks them and computes
        if activation is None:
            msg = (
                f"{func}(): argument 'activation' is needed to draw numbers, "
                "e.g. activation='sigmoid'."
            )
            raise ValueError(msg)
        g = resolve_activation(activation, "activation", func=func)
        with reraise_as(func):
            z, a = forward_neuron(x, w, b, activation=g)
        # forward_neuron has checked x, w and b, so these conversions succeed.
        inputs = as_float_array(x, "x", func=func, ndim=1).tolist()
        weights = as_float_array(w, "w", func=func, ndim=1).tolist()
        if not 1 <= len(inputs) <= MAX_INPUTS:
            msg = (
                f"{func}(): argument 'x' must have 1 to {MAX_INPUTS} inputs to fit "
                f"the diagram; got {len(inputs)}. Draw a shorter example."
            )
            raise ValueError(msg)
        bias = as_float_scalar(b, "b", func=func)
        scale = max(abs(v) for v in [*weights, bias]) or 1.0
        n = len(inputs)
    else:
        n = n_symbols
        g = None if activation is None else resolve_activation(
            activation, "activation", func=func
        )
    figure, ax = new_or_given_axes(ax, figsize, func=func)

    y_mid = (n - 1) / 2
    rows = [n - 1 - j for j in range(n)]  # x_1 at the top
    g_symbol = "g" if g is None else _symbol(g)
    bias_y = max(n - 1, 1) + 0.4
    blank_axes(ax, (0, 10), (-0.6, bias_y + 0.45))

    symbols = n_symbols is not None
    input_nodes = [
        node(
            ax,
            (_X_INPUT, y),
            f"$x_{j + 1}$" if symbols else f"$x_{j + 1} = {_number(inputs[j])}$",
            shape="round",
        )
        for j, y in enumerate(rows)
    ]
    total = node(ax, (_X_SUM, y_mid), r"$\Sigma$", shape="circle")
    act = node(ax, (_X_ACT, y_mid), f"${g_symbol}$", shape="circle")
    bias_node = node(
        ax,
        (_X_SUM, bias_y),
        "$b$" if symbols else f"$b = {_number(bias)}$",
        shape="round",
    )
    for j, (start, y) in enumerate(zip(input_nodes, rows, strict=True)):
        style = None if symbols else weight_style(weights[j], scale)
        edge(ax, start, total, style=style, name=f"w[{j}]")
        t = 0.42  # where along the edge its weight is written
        label = f"$w_{j + 1}$" if symbols else f"$w_{j + 1} = {_number(weights[j])}$"
        edge_label(ax, (_X_INPUT + t * (_X_SUM - _X_INPUT) + 0.3, y + t * (y_mid - y)), label)
    edge(ax, bias_node, total, style=None if symbols else weight_style(bias, scale),
         name="b")
    edge(ax, total, act, name="z")
    edge_label(ax, ((_X_SUM + _X_ACT) / 2, y_mid + 0.3), "$z$")
    below = y_mid - 0.62
    if symbols:
        ax.text(_X_SUM, below, r"$z = w \cdot x + b$", ha="center", va="top",
                fontsize=FONT_SIZE)
        ax.text(_X_ACT, below, f"$a = {g_symbol}(z)$", ha="center", va="top",
                fontsize=FONT_SIZE)
        out_label = "$a$"
    else:
        ax.text(_X_SUM, below, f"$z = {_number(z)}$", ha="center", va="top",
                fontsize=FONT_SIZE)
        ax.text(_X_ACT, below, f"${g_symbol}({_number(z)})$", ha="center",
                va="top", fontsize=FONT_SIZE)
        out_label = f"$a = {_number(a)}$"
    edge(ax, act, node(ax, (_X_OUT, y_mid), out_label, shape="round"), name="a")
    return figure
