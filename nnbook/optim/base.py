r"""What every optimizer shares: one ``step(params, grads)``, explicit state.

Taught in Chapter 5, Optimization, section :ref:`nn-optimization-gd`. An
optimizer turns the gradient of the loss into a change of the parameters.
Each one in :mod:`nnbook.optim` is a subclass of :class:`Optimizer` that
writes a single method, :meth:`Optimizer.update`: the update rule for one
array, a pure function of the parameter, its gradient and the optimizer's
**state** for it (a velocity, running averages), returning the new
parameter and the new state. :meth:`Optimizer.step` applies it to every
array of a parameter dict, refuses a step that would leave a non-finite
number (so a diverging run stops with a message, never with a silent NaN),
and only then commits. The state is a plain dict, ``optimizer.state``, that
a reader can print.
"""

from collections.abc import Mapping, MutableMapping
from typing import Any, ClassVar

import numpy as np

from nnbook._validation import check_nonnegative, check_positive

__all__ = ["Optimizer"]

State = dict[str, np.ndarray]


class Optimizer:
    r"""Base class: hold the learning rate, the state and the step count.

    Parameters
    ----------
    learning_rate : float
        The step size :math:`\eta > 0`.

    Attributes
    ----------
    learning_rate : float
        :math:`\eta`, used when :meth:`step` is given no other.
    state : dict of str to dict of str to ndarray
        For each parameter name, the arrays the rule carries from step to
        step (empty for plain gradient descent).
    t : int
        Number of steps taken so far.

    Notes
    -----
    A subclass sets ``name`` (its key in :data:`nnbook.optim.OPTIMIZERS`)
    and writes :meth:`update`; its ``__init__`` checks and stores its
    hyperparameters, and lists them in ``hyperparameters``.
    """

    #: The key of the optimizer in :data:`nnbook.optim.OPTIMIZERS`.
    name: ClassVar[str] = ""

    def __init__(self, learning_rate: float):
        self.learning_rate = check_positive(
            learning_rate,
            "learning_rate",
            func=type(self).__name__,
            hint="Typical values lie between 0.0001 and 1.",
        )
        self.state: dict[str, State] = {}
        self.t = 0

    @property
    def hyperparameters(self) -> dict[str, Any]:
        """Return the hyperparameters by name, the learning rate first."""
        return {"learning_rate": self.learning_rate}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.hyperparameters.items())
        return f"{type(self).__name__}({args})"

    def reset(self) -> None:
        """Forget the state and the step count, as if newly made."""
        self.state, self.t = {}, 0

    def update(
        self, theta: np.ndarray, g: np.ndarray, state: State, learning_rate: float
    ) -> tuple[np.ndarray, State]:
        """Return the new parameter and state for one array (the rule).

        Parameters
        ----------
        theta, g : ndarray
            The parameter and its gradient, of one shape.
        state : dict of str to ndarray
            What the previous step returned for this array (empty at the
            first step).
        learning_rate : float
            The step size of this step.
        """
        raise NotImplementedError

    def step(
        self,
        params: MutableMapping[str, np.ndarray],
        grads: Mapping[str, Any],
        *,
        learning_rate: float | None = None,
    ) -> None:
        """Update every array of ``params`` in place from ``grads``.

        Parameters
        ----------
        params : dict of str to ndarray
            The parameters, e.g. ``{"W1": ..., "b1": ...}``; float64 arrays,
            changed in place.
        grads : dict of str to array-like
            The gradient of the loss for each key of ``params``, same shapes.
        learning_rate : float, optional
            The step size of this step (a schedule's value); the optimizer's
            own ``learning_rate`` if not given.

        Raises
        ------
        ValueError
            If the keys or shapes of ``grads`` do not match ``params``, or
            the learning rate is negative or not finite.
        FloatingPointError
            If the step would make a parameter or the state NaN or infinite
            (the run diverged); parameters and state are left as they were.

        Examples
        --------
        >>> from nnbook.optim import SGD
        >>> params = {"w": np.array([1.0, -2.0])}
        >>> SGD(learning_rate=0.5).step(params, {"w": np.array([2.0, -2.0])})
        >>> params["w"]
        array([ 0., -1.])
        """
        func = f"{type(self).__name__}.step"
        rate = self.learning_rate
        if learning_rate is not None:
            # 0 is allowed: a schedule may end at 0 (cosine), as in PyTorch.
            rate = check_nonnegative(learning_rate, "learning_rate", func=func)
        grads = _check_grads(params, grads, func=func)
        updated, new_state = {}, {}
        with np.errstate(all="ignore"):  # non-finite results are caught below
            for key, theta in params.items():
                updated[key], new_state[key] = self.update(
                    theta, grads[key], self.state.get(key, {}), rate
                )
        for key, value in updated.items():
            arrays = [value, *new_state[key].values()]
            if not all(np.isfinite(a).all() for a in arrays):
                raise _divergence(func, key, self.t + 1, rate)
        for key, value in updated.items():
            params[key][...] = value
        self.state = new_state
        self.t += 1


def _check_grads(
    params: Mapping[str, np.ndarray], grads: Any, *, func: str
) -> dict[str, np.ndarray]:
    if not isinstance(grads, Mapping) or set(grads) != set(params):
        keys = sorted(grads) if isinstance(grads, Mapping) else type(grads).__name__
        msg = (
            f"{func}(): argument 'grads' must be a dict with the keys of "
            f"'params', {sorted(params)}; got {keys}. Pass one gradient per "
            "parameter, under the parameter's name (W1, not dW1)."
        )
        raise ValueError(msg)
    checked = {}
    for key, theta in params.items():
        g = np.asarray(grads[key], dtype=np.float64)
        if g.shape != np.shape(theta):
            msg = (
                f"{func}(): the gradient for {key!r} has shape {g.shape}, but "
                f"the parameter has shape {np.shape(theta)}; they must match."
            )
            raise ValueError(msg)
        checked[key] = g
    return checked


def _divergence(func: str, key: str, t: int, rate: float) -> FloatingPointError:
    return FloatingPointError(
        f"{func}(): step {t} with learning_rate={rate:g} would make {key!r} "
        "infinite or NaN, so the run has diverged; the parameters are left "
        f"as they were. Try a smaller learning rate (e.g. {rate / 10:g})."
    )
