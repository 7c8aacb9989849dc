r"""One sigmoid neuron and its loss, recorded by the scalar engine.

Chapter 2's first backpropagation example (:ref:`nn-training-chain-rule`),
built from :class:`~nnbook.autodiff.Value` s so that its graph can be
walked, differentiated and drawn (:func:`nnbook.diagrams.draw_graph`);
Chapters 2 and 3 both show it.
"""

from typing import Any, NamedTuple

from nnbook._validation import as_float_array, as_float_scalar
from nnbook.autodiff.scalar import Value

__all__ = ["NeuronGraph", "neuron_graph"]


class NeuronGraph(NamedTuple):
    """The nodes of :func:`neuron_graph` a reader asks about."""

    loss: Value
    w: list[Value]
    b: Value
    z: Value
    a: Value


def neuron_graph(x: Any, w: Any, b: Any, y: Any) -> NeuronGraph:
    r"""Record :math:`\ell` of one sigmoid neuron on one sample, as a graph of Values.

    Parameters
    ----------
    x, w : array-like of shape (n,)
        The input (constants: no gradient) and the weights (``Value`` s
        labelled ``w1``, ``w2``, ...).
    b : float
        The bias (a ``Value`` labelled ``b``).
    y : {0, 1}
        The label.

    Returns
    -------
    NeuronGraph
        The loss :math:`\ell` and the nodes ``w``, ``b``,
        :math:`z = w^\top x + b` and :math:`a = \sigma(z)`, labelled.
        Call ``.loss.backward()`` to fill their gradients.

    Raises
    ------
    ValueError
        If ``x`` and ``w`` differ in length (or are empty), or ``y`` is not
        0 or 1.

    Notes
    -----
    Binary cross-entropy has one term per label value, and the other is
    multiplied by 0, so the graph keeps only the live one:

    .. math:: \ell = -\log a \ \ (y = 1), \qquad \ell = -\log(1 - a) \ \ (y = 0).

    Examples
    --------
    >>> graph = neuron_graph([1.0, 2.0, 3.0], [0.5, -0.2, 0.1], 0.3, 0)
    >>> graph.loss.backward()
    >>> round(graph.z.grad, 4)  # a - y, as in Chapter 2
    0.6682
    """
    func = "neuron_graph"
    x = as_float_array(x, "x", func=func, ndim=1)
    w_values = as_float_array(w, "w", func=func, ndim=1)
    if x.shape != w_values.shape or x.size == 0:
        msg = (
            f"{func}(): arguments 'x' and 'w' must have the same, non-zero "
            f"length; got x of shape {x.shape} and w of shape {w_values.shape}."
        )
        raise ValueError(msg)
    label = as_float_scalar(y, "y", func=func)
    if label not in (0.0, 1.0):
        msg = f"{func}(): argument 'y' must be 0 or 1; got {y!r}."
        raise ValueError(msg)
    weights = [Value(w_j, f"w{j}") for j, w_j in enumerate(w_values, start=1)]
    bias = Value(as_float_scalar(b, "b", func=func), "b")
    products = [w_j * float(x_j) for w_j, x_j in zip(weights, x, strict=True)]
    z = products[0]
    for product in products[1:]:
        z = z + product
    z = z + bias
    a = z.sigmoid()
    loss = -a.log() if label == 1.0 else -(1 - a).log()
    z.label, a.label, loss.label = "z", "a", "ℓ"  # noqa: RUF001 (the loss's symbol)
    return NeuronGraph(loss, weights, bias, z, a)
