r"""Training a dense network with PyTorch's autograd and ``torch.optim.SGD``.

Taught in Chapter 2, section :ref:`nn-training-pytorch`. :func:`train_network`
is the PyTorch twin of :meth:`nnbook.network.Network.fit`: it starts from the
same NumPy parameters, in float64, visits the same mini-batches in the same
order (:func:`nnbook.training.minibatches`) and returns the same history, so
the two loss curves can be compared number by number. PyTorch's layout is
**samples x features**.
"""

from typing import Any

import numpy as np
import torch

from nnbook._validation import (
    as_float_array,
    check_name,
    check_parameters,
    check_random_state,
)
from nnbook.heads import resolve_head
from nnbook.pytorch.activations import ACTIVATIONS
from nnbook.pytorch.heads import HEADS
from nnbook.pytorch.networks import build_network, load_parameters
from nnbook.training import (
    check_divergence,
    check_schedule,
    minibatches,
    new_history,
    prepare_targets,
)

__all__ = ["train_network"]


def train_network(
    parameters: Any,
    X: Any,
    Y: Any,
    *,
    hidden_activation: str = "relu",
    output_activation: str = "sigmoid",
    loss: str = "binary_cross_entropy",
    epochs: int,
    learning_rate: float,
    batch_size: int | None = None,
    rng: int | np.random.Generator | None = None,
) -> tuple[torch.nn.Sequential, dict[str, list]]:
    r"""Train a float64 PyTorch network that starts from NumPy parameters.

    Parameters
    ----------
    parameters : dict of str to array-like
        ``"W1", "b1", ..., "WL", "bL"`` (NumPy layout, as from
        :func:`nnbook.initialize_parameters`); not modified.
    X : array-like or torch.Tensor of shape (n_samples, n_features)
        Inputs, one sample per **row**: the transpose of the NumPy ``X``.
    Y : array-like or torch.Tensor of shape (n_samples, n_outputs)
        Targets, one sample per row; class indices of shape (n_samples,)
        also work for the categorical loss.
    hidden_activation, output_activation, loss : str
        As for :class:`nnbook.network.Network`.
    epochs : int
        Passes over the data, at least 1.
    learning_rate : float
        SGD step size, positive.
    batch_size : int or None, default None
        Samples per step; ``None`` is full batch.
    rng : int, numpy.random.Generator or None
        Shuffles the mini-batches exactly as ``Network.fit`` does.

    Returns
    -------
    model : torch.nn.Sequential
        The trained float64 network, mapping ``(n, n_0)`` to probabilities
        (or values, for MSE) of shape ``(n, n_L)``.
    history : dict
        ``"epoch"``, ``"loss"`` and (for classification) ``"accuracy"``, as
        returned by ``Network.fit``: entry 0 is before training.

    Raises
    ------
    ValueError
        As for ``Network.fit``: unknown names, a loss that does not suit the
        output, wrong shapes or labels, or a bad schedule.
    FloatingPointError
        If training diverges (a non-finite loss), naming the epoch and the
        learning rate, as ``Network.fit`` does.

    See Also
    --------
    nnbook.network.Network.fit, nnbook.pytorch.load_parameters

    Notes
    -----
    Each step is ``optimizer.zero_grad(); loss.backward(); optimizer.step()``,
    i.e. :math:`\theta \leftarrow \theta - \eta\,\nabla_\theta L` with the
    gradient from autograd. The loss is the output head's PyTorch twin
    (:data:`nnbook.pytorch.heads.HEADS`): sigmoid with BCE and softmax with
    CCE use ``binary_cross_entropy_with_logits`` and ``cross_entropy`` on the
    logits (the network without its last module), like the NumPy code.

    References
    ----------
    .. [1] D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning
       representations by back-propagating errors", *Nature* 323,
       pp. 533-536, 1986.

    Examples
    --------
    >>> from nnbook import initialize_parameters
    >>> from nnbook.datasets import make_xor
    >>> X, y = make_xor()
    >>> params = initialize_parameters([2, 4, 1], method="glorot", rng=0)
    >>> model, history = train_network(params, X.T, y.T, epochs=100,
    ...                                learning_rate=0.5)
    >>> history["accuracy"][-1]
    1.0
    """
    func = "train_network"
    arrays, sizes = check_parameters(parameters, func=func)
    head = resolve_head(output_activation, loss, func=func, n_outputs=sizes[-1])
    X = as_float_array(X, "X", func=func, ndim=2, shape_desc="(n_samples, n_features)")
    if X.shape[1] != sizes[0]:
        msg = (
            f"{func}(): argument 'X' must have {sizes[0]} columns (samples x "
            f"features, PyTorch's layout); got shape {X.shape}. If X is features "
            "x samples, pass X.T."
        )
        raise ValueError(msg)
    n_samples = X.shape[0]
    Y_np = as_float_array(Y, "Y", func=func, ndim=(1, 2))
    indices = head.loss.min_outputs > 1 and Y_np.shape in {
        (n_samples,),
        (n_samples, 1),
    }
    if not indices and Y_np.shape != (n_samples, sizes[-1]):
        msg = (
            f"{func}(): argument 'Y' must have shape (n_samples, n_outputs) = "
            f"({n_samples}, {sizes[-1]}), PyTorch's layout; got shape {Y_np.shape}."
            + (" If Y is outputs x samples, pass Y.T." if Y_np.ndim == 2 else "")
        )
        raise ValueError(msg)
    Y_np = prepare_targets(
        Y_np.T if Y_np.ndim == 2 else Y_np, head, sizes[-1], n_samples, func=func
    ).T
    epochs, learning_rate, batch_size = check_schedule(
        epochs, learning_rate, batch_size, n_samples, func=func
    )
    check_name(
        hidden_activation, "hidden_activation", ACTIVATIONS, func=func, example="relu"
    )
    twin = HEADS[head.key]
    model = build_network(
        sizes,
        hidden_activation=hidden_activation,
        output_activation="linear",
        dtype=torch.float64,
    )
    model[-1] = twin.output()
    load_parameters(model, arrays)
    logits = model[:-1]  # shares the Linear layers
    X_t, Y_t = torch.from_numpy(X), torch.from_numpy(np.ascontiguousarray(Y_np))
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    shuffle = check_random_state(rng, func=func)

    def loss_of(rows: torch.Tensor | slice) -> torch.Tensor:
        Z = logits(X_t[rows])
        return twin.loss(Z, model[-1](Z), Y_t[rows])

    history = new_history(head)
    for epoch in range(epochs + 1):
        if epoch > 0:
            for batch in minibatches(n_samples, batch_size, shuffle):
                optimizer.zero_grad()
                loss_of(torch.from_numpy(batch)).backward()
                optimizer.step()
        with torch.no_grad():
            value = float(loss_of(slice(None)))
            check_divergence(value, epoch, learning_rate, func=func)
            history["epoch"].append(epoch)
            history["loss"].append(value)
            if head.loss.metric is not None:
                A = model(X_t).numpy()
                history["accuracy"].append(head.loss.metric(Y_np.T, A.T))
    return model, history
