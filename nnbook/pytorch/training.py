r"""Training a dense network with PyTorch's autograd and ``torch.optim.SGD``.

Taught in Chapter 2, section :ref:`nn-training-pytorch`. :func:`train_network`
is the PyTorch twin of :meth:`nnbook.network.Network.fit`: it starts from the
same NumPy parameters, in float64, visits the same mini-batches in the same
order (:func:`nnbook.training.minibatches`) and returns the same history, so
the two loss curves can be compared number by number. PyTorch's layout is
**samples x features**.
"""

import numpy as np
import torch
from torch import nn

from nnbook._training_checks import (
    CLASSIFICATION_LOSSES,
    check_pairing,
    check_schedule,
    prepare_targets,
)
from nnbook._validation import as_float_array
from nnbook.forward import _count_layers
from nnbook.initialization import _as_generator
from nnbook.pytorch.networks import build_network, load_parameters
from nnbook.training import accuracy, minibatches

__all__ = ["train_network"]


def _loss_function(output_activation: str, loss: str):
    """Return ``(loss module, whether it takes the logits)``."""
    if loss == "mse":
        return nn.MSELoss(), False
    if output_activation == "sigmoid":  # binary cross-entropy, from logits
        return nn.BCEWithLogitsLoss(), True
    return nn.CrossEntropyLoss(), True  # softmax + CCE, from logits


def train_network(
    parameters,
    X,
    Y,
    *,
    hidden_activation="relu",
    output_activation="sigmoid",
    loss="binary_cross_entropy",
    epochs,
    learning_rate,
    batch_size=None,
    rng=None,
):
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

    See Also
    --------
    nnbook.network.Network.fit, nnbook.pytorch.load_parameters

    Notes
    -----
    Each step is ``optimizer.zero_grad(); loss.backward(); optimizer.step()``,
    i.e. :math:`\theta \leftarrow \theta - \eta\,\nabla_\theta L` with the
    gradient from autograd. Sigmoid with BCE and softmax with CCE use
    ``BCEWithLogitsLoss`` and ``CrossEntropyLoss`` on the logits (the
    network without its last module), like the NumPy code.

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
    n_layers = _count_layers(parameters, func=func)
    sizes = [np.shape(parameters["W1"])[1]]
    sizes += [np.shape(parameters[f"W{i}"])[0] for i in range(1, n_layers + 1)]
    check_pairing(output_activation, loss, sizes[-1], func=func)
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
    indices = loss == "categorical_cross_entropy" and Y_np.shape in {
        (n_samples,),
        (n_samples, 1),
    }
    if not indices and Y_np.shape != (n_samples, sizes[-1]):
        msg = (
            f"{func}(): argument 'Y' must have shape (n_samples, n_outputs) = "
            f"({n_samples}, {sizes[-1]}), PyTorch's layout; got shape {Y_np.shape}. "
            "If Y is outputs x samples, pass Y.T."
        )
        raise ValueError(msg)
    Y_np = prepare_targets(
        Y_np.T if Y_np.ndim == 2 else Y_np, sizes[-1], n_samples, loss=loss, func=func
    ).T
    epochs, learning_rate, batch_size = check_schedule(
        epochs, learning_rate, batch_size, n_samples, func=func
    )

    is_softmax = output_activation == "softmax"
    model = build_network(
        sizes,
        hidden_activation=hidden_activation,
        output_activation="linear" if is_softmax else output_activation,
        dtype=torch.float64,
    )
    if is_softmax:
        model[-1] = nn.Softmax(dim=1)
    load_parameters(model, parameters)
    loss_fn, on_logits = _loss_function(output_activation, loss)
    head = model[:-1] if on_logits else model  # shares the Linear layers
    X_t, Y_t = torch.from_numpy(X), torch.from_numpy(np.ascontiguousarray(Y_np))
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    shuffle = _as_generator(rng, func=func)

    history = {"epoch": [], "loss": []}
    if loss in CLASSIFICATION_LOSSES:
        history["accuracy"] = []
    for epoch in range(epochs + 1):
        if epoch > 0:
            for batch in minibatches(n_samples, batch_size, shuffle):
                index = torch.from_numpy(batch)
                optimizer.zero_grad()
                loss_fn(head(X_t[index]), Y_t[index]).backward()
                optimizer.step()
        with torch.no_grad():
            history["epoch"].append(epoch)
            history["loss"].append(float(loss_fn(head(X_t), Y_t)))
            if loss in CLASSIFICATION_LOSSES:
                A = model(X_t).numpy()
                history["accuracy"].append(accuracy(Y_np.T, A.T, loss=loss))
    return model, history
