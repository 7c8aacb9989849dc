"""NumPy against PyTorch on the same work: the book's own implementations.

Both sides run in float64 from the same parameters, so they compute the same
numbers (the tests check that); only the time differs. Each figure is the
median of several repetitions, and the result is a ratio, which the noise of
a shared machine disturbs far less than an absolute time.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

import nnbook
from nnbook.pytorch import forward_network as torch_forward_network
from nnbook.pytorch import train_network


@dataclass
class CodeResult:
    """Median seconds of one piece of work in NumPy and in PyTorch."""

    work: str
    size: str
    numpy_seconds: float
    torch_seconds: float

    @property
    def ratio(self) -> float:
        """NumPy time over PyTorch time: below 1, NumPy is faster."""
        return self.numpy_seconds / self.torch_seconds


def median_seconds(work: Callable[[], object], repeat: int, number: int) -> float:
    """Median over ``repeat`` runs of the mean time of ``number`` calls."""
    work()  # warm up caches, allocators and PyTorch's dispatcher
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            work()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def forward_pass(sizes: list[int], batch: int, repeat: int) -> CodeResult:
    """Time a forward pass of a network with ``sizes`` on ``batch`` samples."""
    rng = np.random.default_rng(0)
    parameters = nnbook.initialize_parameters(sizes, method="glorot", rng=rng)
    X = rng.standard_normal((sizes[0], batch))
    X_torch = torch.from_numpy(X.T.copy())
    torch_parameters = {k: torch.from_numpy(v) for k, v in parameters.items()}

    def numpy_work():
        return nnbook.forward_network(
            X, parameters, hidden_activation="relu", output_activation="sigmoid"
        )

    def torch_work():
        with torch.no_grad():
            return torch_forward_network(
                X_torch,
                torch_parameters,
                hidden_activation="relu",
                output_activation="sigmoid",
            )

    number = max(1, 20000 // batch)
    return CodeResult(
        "forward pass",
        f"{'-'.join(map(str, sizes))}, batch {batch}",
        median_seconds(numpy_work, repeat, number),
        median_seconds(torch_work, repeat, number),
    )


def training_epoch(
    sizes: list[int], n_samples: int, batch: int, repeat: int
) -> CodeResult:
    """Time one epoch of mini-batch SGD on the two-moons data, as in chapter 2."""
    X, y = nnbook.make_moons(n_samples, noise=0.1, rng=0)
    parameters = nnbook.initialize_parameters(sizes, method="glorot", rng=1)

    def numpy_work():
        network = nnbook.Network.from_parameters(parameters)
        return network.fit(X, y, epochs=1, learning_rate=0.5, batch_size=batch, rng=2)

    def torch_work():
        return train_network(
            parameters, X.T, y.T, epochs=1, learning_rate=0.5, batch_size=batch, rng=2
        )

    return CodeResult(
        "training epoch",
        f"{'-'.join(map(str, sizes))}, {n_samples} samples, batch {batch}",
        median_seconds(numpy_work, repeat, 3),
        median_seconds(torch_work, repeat, 3),
    )


def measure_code(repeat: int) -> list[CodeResult]:
    """Every code benchmark: the book's small networks, at three sizes."""
    # Both sides on one core, the same resources: nox -s bench starts this
    # process with OPENBLAS_NUM_THREADS=1 (and friends) for NumPy.
    torch.set_num_threads(1)
    return [
        forward_pass([2, 4, 1], 4, repeat),
        forward_pass([2, 16, 16, 1], 256, repeat),
        forward_pass([64, 128, 128, 10], 1024, repeat),
        training_epoch([2, 4, 1], 4 * 25, 4, repeat),
        training_epoch([2, 16, 16, 1], 400, 32, repeat),
        training_epoch([2, 64, 64, 1], 2000, 128, repeat),
    ]
