r"""The L2 penalty (weight decay): its value and its gradient term.

Taught in Chapter 7, Generalisation and regularisation, section
:ref:`nn-regularisation-weight-decay`. Adding
:math:`\tfrac{\lambda}{2}\lVert\theta\rVert^2` to the loss adds
:math:`\lambda\theta` to its gradient, which is what the ``weight_decay``
argument of :class:`nnbook.optim.SGD` (and of ``torch.optim.SGD``) adds at
each step; the chapter checks that the two are the same.
"""

from collections.abc import Mapping
from typing import Any

import numpy as np

from nnbook._validation import (
    as_float_array,
    check_finite_result,
    check_nonnegative,
)

__all__ = ["l2_penalty"]


def l2_penalty(
    parameters: Mapping[str, Any], weight_decay: float
) -> tuple[float, dict[str, np.ndarray]]:
    r"""Return :math:`\tfrac{\lambda}{2}\sum \theta^2` and its gradient.

    Parameters
    ----------
    parameters : dict of str to array-like
        The arrays to penalise, e.g. ``net.parameters`` (weights and
        biases, as ``torch.optim.SGD(weight_decay=...)`` decays them all) or
        only the weights.
    weight_decay : float
        The strength :math:`\lambda \ge 0`.

    Returns
    -------
    value : float
        :math:`\tfrac{\lambda}{2}\sum_k \lVert\theta_k\rVert^2`.
    grads : dict of str to ndarray
        :math:`\lambda\,\theta_k` for every array, by the same names.

    Raises
    ------
    ValueError
        If ``weight_decay`` is negative or not finite, or an array holds a
        NaN or an infinity.

    Notes
    -----
    .. math:: L_\lambda(\theta) = L(\theta) + \frac{\lambda}{2}\lVert\theta\rVert^2,
              \qquad \nabla L_\lambda = \nabla L + \lambda\,\theta,

    so a gradient step shrinks every parameter by the factor
    :math:`1 - \eta\lambda` before the usual step: weight *decay*.

    References
    ----------
    .. [1] A. Krogh and J. A. Hertz, "A simple weight decay can improve
       generalization", *NIPS* 4, pp. 950-957, 1992.

    Examples
    --------
    >>> value, grads = l2_penalty({"W1": np.array([[3.0, 4.0]])}, 0.1)
    >>> round(value, 12), grads["W1"]
    (1.25, array([[0.3, 0.4]]))
    """
    func = "l2_penalty"
    if not isinstance(parameters, Mapping):
        msg = (
            f"{func}(): argument 'parameters' must be a dict of arrays, e.g. "
            f"net.parameters; got {type(parameters).__name__}."
        )
        raise TypeError(msg)
    lam = check_nonnegative(
        weight_decay, "weight_decay", func=func, hint="Use 0 for none."
    )
    arrays = {
        k: as_float_array(v, f"parameters[{k!r}]", func=func)
        for k, v in parameters.items()
    }
    hint = "Check the parameters for huge values, or use a smaller weight_decay."
    with np.errstate(over="ignore"):  # checked just below
        value = 0.5 * lam * sum(float(np.sum(a * a)) for a in arrays.values())
        grads = {k: lam * a for k, a in arrays.items()}
    check_finite_result(
        np.array([value]), "the penalty of 'parameters'", func=func, hint=hint
    )
    for a in grads.values():
        check_finite_result(a, "the gradient of 'parameters'", func=func, hint=hint)
    return value, grads
