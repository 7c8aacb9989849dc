r"""The ``torch.optim`` twin of every optimizer and schedule of :mod:`nnbook.optim`.

Taught in Chapter 5, Optimization, section :ref:`nn-optimization-proof`.
:func:`torch_optimizer` and :func:`torch_scheduler` build PyTorch's object
with the same hyperparameters as a NumPy one; :func:`compare_with_torch`
trains the same digits classifier twice from the same weights on the same
mini-batches, once with NumPy (:class:`nnbook.network.Network` and an
:mod:`nnbook.optim` optimizer) and once with PyTorch (``nn.Linear`` layers,
``nn.CrossEntropyLoss`` and ``torch.optim``), in float64, and measures how
far apart the parameters are after every step. PyTorch's layout is
**samples x features**.
"""

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.optim import lr_scheduler

from nnbook._validation import as_float_array, check_parameters
from nnbook.network import Network
from nnbook.optim.adam import Adam, AdamW
from nnbook.optim.adaptive import AdaGrad, RMSProp
from nnbook.optim.base import Optimizer
from nnbook.optim.schedules import (
    Constant,
    Cosine,
    Exponential,
    LinearWarmup,
    StepDecay,
)
from nnbook.optim.sgd import SGD, Momentum
from nnbook.pytorch.networks import build_network, load_parameters

__all__ = ["compare_with_torch", "torch_optimizer", "torch_scheduler"]


def torch_optimizer(
    optimizer: Optimizer, params: Iterable[torch.Tensor]
) -> torch.optim.Optimizer:
    """Return PyTorch's optimizer with the hyperparameters of ``optimizer``.

    Parameters
    ----------
    optimizer : nnbook.optim.Optimizer
        The NumPy optimizer (only its hyperparameters are read).
    params : iterable of torch.Tensor
        What PyTorch's optimizer updates, e.g. ``model.parameters()``.

    Returns
    -------
    torch.optim.Optimizer

    Raises
    ------
    TypeError
        If ``optimizer`` is not one of :data:`nnbook.optim.OPTIMIZERS`.
    ValueError
        For ``Adam(bias_correction=False)``, which PyTorch does not offer.

    Examples
    --------
    >>> from nnbook.optim import Momentum
    >>> w = torch.zeros(2, requires_grad=True)
    >>> torch_optimizer(Momentum(0.1, nesterov=True), [w]).defaults["nesterov"]
    True
    """
    _check_optimizer(optimizer, func="torch_optimizer")
    h = optimizer.hyperparameters
    lr = h["learning_rate"]
    # Single-tensor loops, as on PyTorch's CPU default, stated for clarity.
    if isinstance(optimizer, Momentum):
        return torch.optim.SGD(
            params,
            lr=lr,
            momentum=h["momentum"],
            nesterov=h["nesterov"],
            weight_decay=h["weight_decay"],
            foreach=False,
        )
    if isinstance(optimizer, SGD):
        return torch.optim.SGD(
            params, lr=lr, weight_decay=h["weight_decay"], foreach=False
        )
    if isinstance(optimizer, AdaGrad):
        return torch.optim.Adagrad(params, lr=lr, eps=h["eps"], foreach=False)
    if isinstance(optimizer, RMSProp):
        return torch.optim.RMSprop(
            params, lr=lr, alpha=h["alpha"], eps=h["eps"], foreach=False
        )
    if isinstance(optimizer, Adam):
        if not h["bias_correction"]:
            msg = (
                "torch_optimizer(): torch.optim.Adam always corrects the bias; "
                "there is no twin of Adam(bias_correction=False)."
            )
            raise ValueError(msg)
        adam = torch.optim.AdamW if isinstance(optimizer, AdamW) else torch.optim.Adam
        return adam(
            params,
            lr=lr,
            betas=(h["beta1"], h["beta2"]),
            eps=h["eps"],
            weight_decay=h["weight_decay"],
            foreach=False,
        )
    msg = (
        "torch_optimizer(): argument 'optimizer' must be an optimizer of "
        f"nnbook.optim.OPTIMIZERS; got {type(optimizer).__name__}."
    )
    raise TypeError(msg)


def torch_scheduler(
    schedule: Callable[[int], float], optimizer: torch.optim.Optimizer
) -> lr_scheduler.LRScheduler:
    r"""Return the ``torch.optim.lr_scheduler`` scheduler of ``schedule``.

    Parameters
    ----------
    schedule : one of :data:`nnbook.optim.SCHEDULES`
        The NumPy schedule.
    optimizer : torch.optim.Optimizer
        The optimizer whose learning rate it sets (its ``lr`` is the
        :math:`\eta` that the schedule's factor multiplies).

    Returns
    -------
    torch.optim.lr_scheduler.LRScheduler
        Call its ``step()`` after every ``optimizer.step()``.

    Raises
    ------
    TypeError
        If ``schedule`` is not one of the schedules of :mod:`nnbook.optim`.

    Examples
    --------
    >>> from nnbook.optim import StepDecay
    >>> opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    >>> type(torch_scheduler(StepDecay(10, 0.5), opt)).__name__
    'StepLR'
    """
    if not isinstance(optimizer, torch.optim.Optimizer):
        msg = (
            "torch_scheduler(): argument 'optimizer' must be a "
            f"torch.optim.Optimizer; got {type(optimizer).__name__}."
        )
        raise TypeError(msg)
    if isinstance(schedule, Constant):
        return lr_scheduler.LambdaLR(optimizer, lambda t: 1.0)
    if isinstance(schedule, StepDecay):
        return lr_scheduler.StepLR(optimizer, schedule.step_size, schedule.gamma)
    if isinstance(schedule, Exponential):
        return lr_scheduler.ExponentialLR(optimizer, schedule.gamma)
    if isinstance(schedule, Cosine):
        base = optimizer.param_groups[0]["lr"]
        return lr_scheduler.CosineAnnealingLR(
            optimizer, schedule.total_steps, eta_min=schedule.min_factor * base
        )
    if isinstance(schedule, LinearWarmup):
        return lr_scheduler.LinearLR(
            optimizer, schedule.start_factor, 1.0, schedule.warmup_steps
        )
    msg = (
        "torch_scheduler(): argument 'schedule' must be a schedule of "
        f"nnbook.optim.SCHEDULES; got {type(schedule).__name__}."
    )
    raise TypeError(msg)


def compare_with_torch(
    parameters: Mapping[str, Any],
    X: np.ndarray,
    labels: np.ndarray,
    batches: Iterable[np.ndarray],
    optimizer: Optimizer,
    schedule: Callable[[int], float] | None = None,
) -> np.ndarray:
    r"""Train in NumPy and in PyTorch side by side; return the gap per step.

    Parameters
    ----------
    parameters : dict of str to ndarray
        The initial ``"W1", "b1", ...`` of a ReLU network with a softmax
        output (copied, not changed).
    X : ndarray of shape (n_features, n_samples)
        Training inputs, the book's layout.
    labels : ndarray of int of shape (n_samples,)
        Class indices.
    batches : iterable of ndarray of int
        The sample indices of each step, in order.
    optimizer : nnbook.optim.Optimizer
        The NumPy optimizer; a fresh copy is trained (the argument is not
        changed), and its twin comes from :func:`torch_optimizer`.
    schedule : callable, optional
        A schedule of :mod:`nnbook.optim.schedules`; constant if not given.

    Returns
    -------
    ndarray of shape (n_steps,)
        After each step, the largest relative difference over the parameter
        arrays, :math:`\max_k \|\theta_k - \theta_k^{\text{torch}}\|_\infty
        / \|\theta_k^{\text{torch}}\|_\infty`.

    Raises
    ------
    TypeError
        If ``optimizer`` or ``schedule`` is of the wrong kind.
    ValueError
        If the parameters, ``X``, ``labels`` or a batch do not fit together.
    FloatingPointError
        If the NumPy run diverges (the message names the step and the rate).

    Examples
    --------
    >>> from nnbook import initialize_parameters
    >>> from nnbook.optim import Adam
    >>> rng = np.random.default_rng(0)
    >>> X, labels = rng.normal(size=(4, 12)), rng.integers(3, size=12)
    >>> p = initialize_parameters([4, 5, 3], rng=0)
    >>> gaps = compare_with_torch(p, X, labels, [np.arange(6)] * 5, Adam(0.01))
    >>> gaps.shape, bool(gaps.max() < 1e-13)
    ((5,), True)
    """
    func = "compare_with_torch"
    arrays, sizes = check_parameters(parameters, func=func, copy=True)
    X, labels = _check_data(X, labels, sizes, func=func)
    _check_optimizer(optimizer, func=func)
    optimizer = copy.deepcopy(optimizer)  # the caller's is left as it was
    optimizer.reset()
    if schedule is None:
        schedule = Constant()
    elif not callable(schedule):
        msg = (
            f"{func}(): argument 'schedule' must be a schedule of "
            f"nnbook.optim.SCHEDULES or None; got {type(schedule).__name__}."
        )
        raise TypeError(msg)
    net = Network.from_parameters(
        arrays, output_activation="softmax", loss="categorical_cross_entropy"
    )
    Y = np.eye(sizes[-1])[labels].T  # one-hot, classes x samples
    model = build_network(sizes, output_activation="linear", dtype=torch.float64)
    load_parameters(model, arrays)
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    torch_opt = torch_optimizer(optimizer, model.parameters())
    scheduler = torch_scheduler(schedule, torch_opt)
    loss_fn = nn.CrossEntropyLoss()
    X_t, y_t = torch.from_numpy(np.ascontiguousarray(X.T)), torch.from_numpy(labels)
    gaps = []
    for step, batch in enumerate(batches):
        batch = _check_batch(batch, X.shape[1], step, func=func)
        rate = optimizer.learning_rate * schedule(optimizer.t)
        try:
            net.forward(X[:, batch])  # NumPy: features x samples
            net.backward(Y[:, batch])
            net.update(optimizer, rate)
        except (ValueError, FloatingPointError) as err:  # float64 overflowed
            msg = (
                f"{func}(): training diverged at step {step + 1} with "
                f"learning_rate={rate:g}; choose a smaller one to compare."
            )
            raise FloatingPointError(msg) from err
        rows = torch.from_numpy(np.asarray(batch))
        torch_opt.zero_grad()  # PyTorch: samples x features
        loss_fn(model(X_t[rows]), y_t[rows]).backward()
        torch_opt.step()
        scheduler.step()
        gaps.append(_largest_gap(net.parameters, linears))
    return np.array(gaps)


def _check_optimizer(optimizer: object, *, func: str) -> None:
    if not isinstance(optimizer, Optimizer):
        msg = (
            f"{func}(): argument 'optimizer' must be an nnbook.optim optimizer "
            f"such as Adam(0.001); got {type(optimizer).__name__}."
        )
        raise TypeError(msg)


def _check_data(
    X: Any, labels: Any, sizes: tuple[int, ...], *, func: str
) -> tuple[np.ndarray, np.ndarray]:
    X = as_float_array(X, "X", func=func, ndim=2, shape_desc="(n_features, n_samples)")
    if X.shape[0] != sizes[0]:
        msg = (
            f"{func}(): argument 'X' must have {sizes[0]} rows, one per input of "
            f"W1; got shape {X.shape}. If X is samples x features, pass X.T."
        )
        raise ValueError(msg)
    raw = np.asarray(labels)
    if raw.shape != (X.shape[1],) or raw.dtype.kind not in "iu":
        msg = (
            f"{func}(): argument 'labels' must be {X.shape[1]} integer class "
            f"indices, one per column of X; got {raw.dtype} of shape {raw.shape}."
        )
        raise ValueError(msg)
    if raw.size and (raw.min() < 0 or raw.max() >= sizes[-1]):
        msg = (
            f"{func}(): argument 'labels' must lie in [0, {sizes[-1]}) for "
            f"{sizes[-1]} output units; got {raw.min()} to {raw.max()}."
        )
        raise ValueError(msg)
    return X, raw.astype(np.int64)


def _check_batch(batch: Any, n_samples: int, step: int, *, func: str) -> np.ndarray:
    rows = np.asarray(batch)
    ok = rows.ndim == 1 and rows.size > 0 and rows.dtype.kind in "iu"
    if not ok or rows.min() < 0 or rows.max() >= n_samples:
        msg = (
            f"{func}(): argument 'batches' must hold non-empty 1-D arrays of "
            f"sample indices in [0, {n_samples}); batch {step} is {rows!r}."
        )
        raise ValueError(msg)
    return rows


def _largest_gap(params: Mapping[str, np.ndarray], linears: list[nn.Linear]) -> float:
    gap = 0.0
    for index, linear in enumerate(linears, start=1):
        for name, tensor in (("W", linear.weight), ("b", linear.bias)):
            ours = params[f"{name}{index}"].reshape(tensor.shape)
            theirs = tensor.detach().numpy()
            scale = max(float(np.abs(theirs).max()), np.finfo(float).tiny)
            gap = max(gap, float(np.abs(ours - theirs).max()) / scale)
    return gap
