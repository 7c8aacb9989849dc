r"""Batch normalisation over the samples of a batch, with running statistics.

Taught in Chapter 6, section :ref:`nn-deep-batchnorm`. Each feature (row) is
normalised with the mean and variance of the batch, then scaled and shifted
by learnable :math:`\gamma, \beta`. Arrays are features x samples, so the
statistics are taken over ``axis=1``; ``torch.nn.BatchNorm1d`` works on
samples x features and gives the same numbers (the chapter checks this in
float64). Its conventions are copied exactly: the *biased* batch variance
normalises, the *unbiased* one enters the running variance, ``momentum`` is
the weight of the new batch, and a training batch of one sample is an
error (its variance is 0 and every output would be :math:`\beta`).
"""

from typing import Any

import numpy as np

from nnbook._validation import check_fraction, check_int, check_positive
from nnbook.layers.base import Layer

__all__ = ["BatchNorm"]


class BatchNorm(Layer):
    r"""Batch normalisation of ``num_features`` rows: ``torch.nn.BatchNorm1d``.

    Parameters
    ----------
    num_features : int
        The number of rows (features) :math:`n`.
    eps : float, default 1e-5
        Added to the variance before the square root.
    momentum : float, default 0.1
        Weight of the current batch in the running statistics, in [0, 1).

    Attributes
    ----------
    params : dict
        ``"gamma"`` (ones) and ``"beta"`` (zeros), shape ``(n,)``.
    buffers : dict
        ``"running_mean"`` (zeros) and ``"running_var"`` (ones), shape
        ``(n,)``, used in evaluation mode.

    Raises
    ------
    ValueError
        In training mode, for a batch of one sample.

    Notes
    -----
    In training mode, over the :math:`m` samples of the batch:

    .. math:: \mu = \tfrac1m \textstyle\sum_i x_i, \quad
              \sigma^2 = \tfrac1m \textstyle\sum_i (x_i - \mu)^2, \quad
              \hat x_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \quad
              y_i = \gamma \hat x_i + \beta,

    and the running statistics move towards the batch's:
    :math:`r_\mu \leftarrow (1 - p) r_\mu + p \mu`,
    :math:`r_{\sigma^2} \leftarrow (1 - p) r_{\sigma^2} + p \tfrac{m}{m-1}
    \sigma^2` with :math:`p` the momentum. In evaluation mode :math:`r_\mu,
    r_{\sigma^2}` replace :math:`\mu, \sigma^2`. The backward pass in
    training mode goes through the mean and the variance as well:

    .. math:: d\hat x = \gamma\, dy, \qquad dx_i = \frac{1}{m\sqrt{\sigma^2
              + \varepsilon}} \Bigl(m\, d\hat x_i - \textstyle\sum_j d\hat x_j
              - \hat x_i \sum_j d\hat x_j \hat x_j\Bigr).

    References
    ----------
    .. [1] S. Ioffe and C. Szegedy, "Batch normalization: accelerating deep
       network training by reducing internal covariate shift", *Proceedings
       of ICML*, PMLR 37, pp. 448-456, 2015.

    Examples
    --------
    >>> bn = BatchNorm(1)
    >>> bn.forward(np.array([[1.0, 3.0]]), training=True).round(4)
    array([[-1.,  1.]])
    >>> bn.buffers["running_mean"], bn.buffers["running_var"]
    (array([0.2]), array([1.1]))
    >>> bn.forward(np.array([[1.0]]), training=True)
    Traceback (most recent call last):
        ...
    ValueError: BatchNorm.forward(): in training mode the batch must have at least 2
    samples (columns) to have a variance; got X of shape (1, 1). Use a batch size of
    2 or more, or evaluation mode (training=False), which uses the running
    statistics.
    """

    min_training_batch = 2

    def __init__(self, num_features: int, *, eps: float = 1e-5, momentum: float = 0.1):
        super().__init__()
        func = "BatchNorm"
        n = check_int(num_features, "num_features", func=func, min_value=1)
        self.eps = check_positive(eps, "eps", func=func)
        self.momentum = check_fraction(momentum, "momentum", func=func)
        self.in_features = self.out_features = n
        self.params = {"gamma": np.ones(n), "beta": np.zeros(n)}
        self.buffers = {"running_mean": np.zeros(n), "running_var": np.ones(n)}

    def _describe(self) -> str:
        return f"{self.in_features}, eps={self.eps:g}, momentum={self.momentum:g}"

    def forward(self, X: Any, *, training: bool) -> np.ndarray:
        r"""Normalise ``X`` (features x samples) with batch or running statistics."""
        X = self._input(X)
        m = X.shape[1]
        if training:
            if m < 2:
                msg = (
                    "BatchNorm.forward(): in training mode the batch must have at "
                    "least 2 samples (columns) to have a variance; got X of shape "
                    f"{X.shape}. Use a batch size of 2 or more, or evaluation mode "
                    "(training=False), which uses the running statistics."
                )
                raise ValueError(msg)
            mu = X.mean(axis=1)
            var = X.var(axis=1)  # biased: the batch's own spread
            p = self.momentum
            running = self.buffers
            running["running_mean"][...] = (1 - p) * running["running_mean"] + p * mu
            running["running_var"][...] = (1 - p) * running["running_var"] + p * (
                var * m / (m - 1)  # unbiased, as torch keeps it
            )
        else:
            mu, var = self.buffers["running_mean"], self.buffers["running_var"]
        inv_std = 1.0 / np.sqrt(var + self.eps)
        X_hat = (X - mu[:, None]) * inv_std[:, None]
        Y = self.params["gamma"][:, None] * X_hat + self.params["beta"][:, None]
        self._remember(
            X_hat=X_hat, inv_std=inv_std, training=training, output_shape=Y.shape
        )
        return Y

    def backward(self, dY: Any) -> np.ndarray:
        r"""Fill ``grads`` (gamma, beta) and return ``dX`` (see Notes)."""
        cache, dY = self._recall(dY)
        X_hat, inv_std = cache["X_hat"], cache["inv_std"][:, None]
        self.grads = {"gamma": (dY * X_hat).sum(axis=1), "beta": dY.sum(axis=1)}
        dX_hat = dY * self.params["gamma"][:, None]
        if not cache["training"]:  # fixed statistics: a per-feature affine map
            return dX_hat * inv_std
        m = dY.shape[1]
        return (inv_std / m) * (
            m * dX_hat
            - dX_hat.sum(axis=1, keepdims=True)
            - X_hat * (dX_hat * X_hat).sum(axis=1, keepdims=True)
        )
