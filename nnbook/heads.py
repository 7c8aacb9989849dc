r"""Output heads: an output activation and its loss, declared once, together.

Taught in Chapter 2, section :ref:`nn-training-loss-gradients`. The last
layer of a network and its loss belong together: a sigmoid output with
binary cross-entropy, a softmax output with categorical cross-entropy, a
linear output with the mean squared error. :data:`HEADS` registers every
pair the package supports, keyed by ``(output_activation, loss)``; each
:class:`Head` says how to compute, from the output logits :math:`Z`,

* the mean loss (``loss_from_logits``, stable for the fused pairs),
* the output gradient :math:`dZ^{[L]}` (``output_gradient``: the fused
  :math:`\propto A - Y` form where it exists, the chain rule otherwise),
* the prediction and the metric (accuracy, or ``None`` for regression).

:func:`nnbook.forward_network`, :func:`nnbook.backward_network`,
:class:`nnbook.Network`, :func:`nnbook.gradcheck.gradient_check` and
:func:`nnbook.pytorch.train_network` all read this registry; the PyTorch
twin of each head is in :data:`nnbook.pytorch.heads.HEADS`, under the same
key. Arrays are classes x samples, the package's layout.
"""

import types
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from nnbook._validation import check_name
from nnbook.activations import ACTIVATIONS, Activation
from nnbook.losses._common import mean_of
from nnbook.losses.binary import (
    bce_with_logits_terms,
    sigmoid_bce_dz,
)
from nnbook.losses.categorical import (
    cce_with_logits_terms,
    softmax_cce_dz,
)
from nnbook.losses.mse import mse_gradient
from nnbook.losses.registry import LOSSES, Loss
from nnbook.probability import softmax

__all__ = [
    "HEADS",
    "OUTPUT_ACTIVATIONS",
    "Head",
    "OutputActivation",
    "default_loss",
    "resolve_head",
    "resolve_output",
]

Array = np.ndarray


class OutputActivation(NamedTuple):
    """An activation an output layer may use, with its backward step.

    Attributes
    ----------
    name : str
        The key in :data:`OUTPUT_ACTIVATIONS`.
    function : callable
        ``A = function(Z)`` on classes x samples arrays.
    backward : callable
        ``dZ = backward(dA, Z)``: the vector-Jacobian product.
    """

    name: str
    function: Callable[[Array], Array]
    backward: Callable[[Array, Array], Array]


def _elementwise(activation: Activation) -> OutputActivation:
    def backward(dA: Array, Z: Array) -> Array:
        return dA * activation.derivative(Z)

    return OutputActivation(activation.name, activation.function, backward)


def _softmax_columns(Z: Array) -> Array:
    return softmax(Z, axis=0)


def _softmax_backward(dA: Array, Z: Array) -> Array:
    # The Jacobian a_c (delta_ck - a_k) of each column, applied to dA.
    A = softmax(Z, axis=0)
    return A * (dA - np.sum(A * dA, axis=0, keepdims=True))


#: ``name -> OutputActivation``: every element-wise activation of
#: :data:`nnbook.ACTIVATIONS`, plus ``"softmax"`` over each column.
OUTPUT_ACTIVATIONS = types.MappingProxyType(
    {
        **{name: _elementwise(act) for name, act in ACTIVATIONS.items()},
        "softmax": OutputActivation("softmax", _softmax_columns, _softmax_backward),
    }
)


class Head(NamedTuple):
    r"""An output activation with its loss: everything a network's last layer needs.

    Attributes
    ----------
    activation : OutputActivation
        The output layer's activation.
    loss : Loss
        The loss, with its targets check, prediction and metric.
    loss_from_logits : callable
        ``loss_from_logits(Y, Z, func=...)``: the mean loss from the logits.
    output_gradient : callable
        ``output_gradient(Y, Z, func=...)``: :math:`dZ^{[L]}`, with the
        :math:`1/N` of the mean.
    fused : bool
        Whether ``output_gradient`` is the short form :math:`\propto A - Y`.
    """

    activation: OutputActivation
    loss: Loss
    loss_from_logits: Callable[..., float]
    output_gradient: Callable[..., Array]
    fused: bool

    @property
    def key(self) -> tuple[str, str]:
        """``(output activation name, loss name)``, the key in :data:`HEADS`."""
        return self.activation.name, self.loss.name


def _fused(
    activation: str,
    loss: str,
    from_logits: Callable[..., float],
    output_gradient: Callable[..., Array],
) -> Head:
    return Head(
        OUTPUT_ACTIVATIONS[activation], LOSSES[loss], from_logits, output_gradient, True
    )


def _chained(activation: OutputActivation, loss: Loss) -> Head:
    r"""Make the general head: loss of ``g(Z)`` and :math:`dZ = g'(Z)^\top dL/dA`."""

    def from_logits(Y: Array, Z: Array, *, func: str) -> float:
        return loss.value(Y, activation.function(Z), func=func)

    def output_gradient(Y: Array, Z: Array, *, func: str) -> Array:
        dA = loss.gradient(Y, activation.function(Z), func=func)
        return activation.backward(dA, Z)

    return Head(activation, loss, from_logits, output_gradient, False)


def _bce_from_logits(Y: Array, Z: Array, *, func: str) -> float:
    return mean_of(bce_with_logits_terms(Y, Z), Y.size)


def _cce_from_logits(Y: Array, Z: Array, *, func: str) -> float:
    return mean_of(cce_with_logits_terms(Y, Z, 0, func=func), Y.shape[1])


def _sigmoid_bce_dz(Y: Array, Z: Array, *, func: str) -> Array:
    return sigmoid_bce_dz(Y, Z)


def _softmax_cce_dz(Y: Array, Z: Array, *, func: str) -> Array:
    return softmax_cce_dz(Y, Z)


_FUSED = (
    _fused("sigmoid", "binary_cross_entropy", _bce_from_logits, _sigmoid_bce_dz),
    _fused("softmax", "categorical_cross_entropy", _cce_from_logits, _softmax_cce_dz),
    # g'(Z) = 1: the MSE gradient with respect to A is already dZ.
    _fused("linear", "mse", LOSSES["mse"].value, mse_gradient),
)

#: ``(output_activation, loss) -> Head``: the fused pairs, then the chain rule
#: for every other output with MSE. Classification losses have one output
#: each: sigmoid for binary, softmax for categorical cross-entropy.
HEADS = types.MappingProxyType(
    {
        **{head.key: head for head in _FUSED},
        **{
            (name, "mse"): _chained(out, LOSSES["mse"])
            for name, out in OUTPUT_ACTIVATIONS.items()
            if name != "linear"
        },
    }
)


def default_loss(output_activation: str) -> str:
    """Return the loss of the fused head for an output, or ``"mse"``."""
    fused = [h.loss.name for h in _FUSED if h.activation.name == output_activation]
    return fused[0] if fused else "mse"


def resolve_output(
    value: Any, *, func: str, name: str = "output_activation"
) -> OutputActivation:
    """Return the output activation ``value`` names (or wraps), or raise.

    Examples
    --------
    >>> resolve_output("softmax", func="forward_network").name
    'softmax'
    """
    if isinstance(value, OutputActivation):
        return value
    if isinstance(value, Activation):
        registered = OUTPUT_ACTIVATIONS.get(value.name)
        if registered is not None and ACTIVATIONS.get(value.name) == value:
            return registered
        return _elementwise(value)
    check_name(value, name, OUTPUT_ACTIVATIONS, func=func, example="sigmoid")
    return OUTPUT_ACTIVATIONS[value]


def resolve_head(
    output_activation: Any,
    loss: Any,
    *,
    func: str,
    n_outputs: int | None = None,
) -> Head:
    """Return the :class:`Head` for an output activation and a loss, or raise.

    Parameters
    ----------
    output_activation : str, Activation or OutputActivation
        A name in :data:`OUTPUT_ACTIVATIONS`, or an activation (one not in the
        registry gets the chain-rule head).
    loss : str or None
        A name in :data:`nnbook.losses.registry.LOSSES`; ``None`` is the
        output's natural loss (that of its fused head, or ``"mse"``).
    func : str
        The public function being called, for messages.
    n_outputs : int, optional
        The output width, checked against the loss's ``min_outputs``.

    Returns
    -------
    Head

    Raises
    ------
    TypeError
        If a name is not a string.
    ValueError
        If a name is unknown (the known ones are listed), no head joins the
        two, or the output is too narrow for the loss.

    Examples
    --------
    >>> resolve_head("sigmoid", None, func="backward_network").key
    ('sigmoid', 'binary_cross_entropy')
    >>> resolve_head("linear", "binary_cross_entropy", func="fit")
    Traceback (most recent call last):
        ...
    ValueError: fit(): loss='binary_cross_entropy' needs output_activation='sigmoid';
    got 'linear'. Use output_activation='sigmoid', or loss='mse'.
    """
    output = resolve_output(output_activation, func=func)
    name = output.name
    # An activation outside the registry gets the chain-rule head.
    custom = output if OUTPUT_ACTIVATIONS.get(name) is not output else None
    if loss is None:
        loss = default_loss(name)
    check_name(loss, "loss", LOSSES, func=func, example="binary_cross_entropy")
    if custom is not None:
        head = _chained(custom, LOSSES[loss])
    elif (name, loss) in HEADS:
        head = HEADS[name, loss]
    else:
        outputs = [key[0] for key in HEADS if key[1] == loss]
        also = [repr(o) for o in outputs[1:]]
        msg = (
            f"{func}(): loss={loss!r} needs output_activation={outputs[0]!r}; got "
            f"{name!r}. Use output_activation={outputs[0]!r}"
            + (f" (also possible: {', '.join(also)})" if also else "")
            + ", or loss='mse'."
        )
        raise ValueError(msg)
    if n_outputs is not None and n_outputs < head.loss.min_outputs:
        msg = (
            f"{func}(): loss={loss!r} needs at least {head.loss.min_outputs} output "
            f"units, one per class; got {n_outputs}. For two classes, use 1 "
            "sigmoid unit with binary cross-entropy."
        )
        raise ValueError(msg)
    return head
