r"""An idiomatic PyTorch classifier: ``nn.Module``, ``DataLoader``, ``optim.SGD``.

Taught in Chapter 4, Classifying handwritten digits, section
:ref:`nn-digits-pytorch`. :class:`Classifier` returns **logits**, and
:func:`train_classifier` trains it with ``nn.CrossEntropyLoss``, which takes
logits and class indices (it applies log-softmax itself, stably). PyTorch's
layout is **samples x features**; the NumPy twin of the loop is
:func:`nnbook.monitoring.fit_with_validation`.
"""

from collections.abc import Iterable, Sequence

import torch
from torch import nn

from nnbook._validation import check_int, check_positive
from nnbook.pytorch.networks import build_network
from nnbook.training import check_divergence

__all__ = ["Classifier", "evaluate_classifier", "train_classifier"]


class Classifier(nn.Module):
    r"""A dense ReLU network whose output is one logit per class.

    Parameters
    ----------
    layer_sizes : sequence of int
        Widths :math:`n_0, \dots, n_L`; ``[64, 10]`` is softmax regression.
    generator : int, torch.Generator or None
        Source of the initial weights (see :func:`nnbook.pytorch.build_network`).
    dtype : torch.dtype, optional
        Parameter dtype; float32 if not given.

    Examples
    --------
    >>> model = Classifier([64, 32, 10], generator=0)
    >>> model(torch.zeros(5, 64)).shape
    torch.Size([5, 10])
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        *,
        generator: int | torch.Generator | None = None,
        dtype: torch.dtype | None = None,
    ):
        super().__init__()
        self.layers = build_network(
            layer_sizes, output_activation="linear", generator=generator, dtype=dtype
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Return the logits, shape ``(n_samples, n_classes)``."""
        return self.layers(x)


def _check_model(model: object, *, func: str) -> None:
    if not isinstance(model, nn.Module):
        msg = (
            f"{func}(): argument 'model' must be a torch.nn.Module that returns "
            f"logits; got {type(model).__name__}."
        )
        raise TypeError(msg)


def _check_pair(part: object, name: str, *, func: str) -> tuple[torch.Tensor, ...]:
    """``(X, y)``: a 2-D float tensor and a 1-D int64 tensor of class indices."""
    ok = (
        isinstance(part, tuple | list)
        and len(part) == 2
        and all(isinstance(t, torch.Tensor) for t in part)
    )
    if not ok or not part[0].is_floating_point() or part[1].dtype != torch.int64:  # type: ignore[index]
        msg = (
            f"{func}(): argument {name!r} must be a pair (X, y) of tensors: X "
            "floating point, samples x features; y int64 class indices, e.g. "
            "(torch.from_numpy(part.X.T.copy()), torch.from_numpy(part.labels))."
        )
        raise TypeError(msg)
    inputs: torch.Tensor = part[0]  # type: ignore[index]
    targets: torch.Tensor = part[1]  # type: ignore[index]
    if (
        inputs.ndim != 2
        or targets.ndim != 1
        or inputs.shape[0] != targets.shape[0]
        or targets.numel() == 0
    ):
        msg = (
            f"{func}(): argument {name!r} must hold X of shape (n, n_features) "
            f"and y of shape (n,), n >= 1; got {tuple(inputs.shape)} and "
            f"{tuple(targets.shape)}."
        )
        raise ValueError(msg)
    return inputs, targets


def evaluate_classifier(
    model: nn.Module, X: torch.Tensor, y: torch.Tensor
) -> tuple[float, float]:
    """Return the mean cross-entropy and the accuracy of ``model`` on ``(X, y)``.

    ``X`` is samples x features, ``y`` holds class indices (int64). The model
    is put in evaluation mode and no graph is recorded.

    Raises
    ------
    TypeError
        If ``model`` is not an ``nn.Module``, or ``X`` or ``y`` is not a
        tensor of the right kind (floating point; int64).
    ValueError
        If their shapes do not fit: ``X`` 2-D, ``y`` 1-D, one label per row.

    Examples
    --------
    >>> model = Classifier([4, 3], generator=0, dtype=torch.float64)
    >>> loss, acc = evaluate_classifier(model, torch.zeros(2, 4, dtype=torch.float64),
    ...                                 torch.tensor([0, 2]))
    >>> round(loss, 4) > 0, acc in (0.0, 0.5, 1.0)
    (True, True)
    """
    func = "evaluate_classifier"
    _check_model(model, func=func)
    X, y = _check_pair((X, y), "(X, y)", func=func)
    model.eval()  # dropout and batch norm (none here) switch to inference
    with torch.no_grad():
        logits = model(X)
        loss = nn.functional.cross_entropy(logits, y)
        correct = (logits.argmax(dim=1) == y).double().mean()
    return loss.item(), correct.item()


def train_classifier(
    model: nn.Module,
    loader: Iterable[tuple[torch.Tensor, torch.Tensor]],
    train: tuple[torch.Tensor, torch.Tensor],
    validation: tuple[torch.Tensor, torch.Tensor],
    *,
    epochs: int,
    learning_rate: float,
) -> dict[str, list]:
    """Train with SGD on the loader's mini-batches; evaluate after each epoch.

    Parameters
    ----------
    model : torch.nn.Module
        Maps a batch ``(n, n_features)`` to logits ``(n, n_classes)``.
    loader : iterable of (inputs, class indices)
        One epoch's mini-batches, e.g. a ``DataLoader`` over a
        ``TensorDataset``; iterated once per epoch.
    train, validation : tuple of (X, y) tensors
        Inputs (samples x features) and int64 class indices, for the curves.
    epochs : int
        Passes over the loader, at least 1.
    learning_rate : float
        SGD step size, positive.

    Returns
    -------
    dict
        ``"epoch"``, ``"loss"``, ``"accuracy"``, ``"val_loss"``,
        ``"val_accuracy"``, as :func:`nnbook.monitoring.fit_with_validation`
        returns them: entry 0 is before training.

    Raises
    ------
    TypeError
        If ``model`` is not an ``nn.Module``, ``loader`` is not iterable, or
        ``train`` or ``validation`` is not a pair of tensors (float inputs,
        int64 labels).
    ValueError
        For a bad schedule or mismatched shapes.
    FloatingPointError
        If training diverges, naming the epoch and the learning rate.

    Examples
    --------
    >>> X = torch.tensor([[0.0], [1.0], [2.0], [3.0]], dtype=torch.float64)
    >>> y = torch.tensor([0, 0, 1, 1])
    >>> model = Classifier([1, 2], generator=0, dtype=torch.float64)
    >>> loader = torch.utils.data.DataLoader(
    ...     torch.utils.data.TensorDataset(X, y), batch_size=2)
    >>> history = train_classifier(model, loader, (X, y), (X, y), epochs=200,
    ...                            learning_rate=1.0)
    >>> history["accuracy"][-1]
    1.0
    """
    func = "train_classifier"
    _check_model(model, func=func)
    epochs = check_int(epochs, "epochs", func=func, min_value=1)
    learning_rate = check_positive(learning_rate, "learning_rate", func=func)
    parts = {
        "train": _check_pair(train, "train", func=func),
        "validation": _check_pair(validation, "validation", func=func),
    }
    if not hasattr(loader, "__iter__"):
        msg = (
            f"{func}(): argument 'loader' must be an iterable of (inputs, "
            f"targets) batches, such as a DataLoader; got {type(loader).__name__}."
        )
        raise TypeError(msg)
    loss_fn = nn.CrossEntropyLoss()  # takes logits: softmax is inside it
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    history: dict[str, list] = {
        key: [] for key in ("epoch", "loss", "accuracy", "val_loss", "val_accuracy")
    }
    for epoch in range(epochs + 1):
        if epoch > 0:
            model.train()
            for inputs, targets in loader:
                optimizer.zero_grad()  # gradients add up unless cleared
                loss = loss_fn(model(inputs), targets)
                loss.backward()
                optimizer.step()
        for prefix, (X, y) in zip(("", "val_"), parts.values(), strict=True):
            loss_value, acc = evaluate_classifier(model, X, y)
            check_divergence(loss_value, epoch, learning_rate, func=func)
            history[f"{prefix}loss"].append(loss_value)
            history[f"{prefix}accuracy"].append(acc)
        history["epoch"].append(epoch)
    return history
