"""Input checks shared by every nnbook function (private): one home.

Shaped like scikit-learn's ``utils/validation.py``. The book's readers are
learning, so a wrong argument stops them with a message that names the
**public** function they called and the argument, says what was expected and
what arrived, and suggests a fix. Every public function calls these helpers
instead of using ``assert``, which ``python -O`` removes.

Each helper takes ``func``, the name of the public function being called
(``"forward_layer"``), so that the message starts with ``forward_layer():``
rather than with the name of a helper the reader never called. Values are
handled at the boundary: lists, NumPy scalars, bools, ints and torch tensors
(also ones that require grad, or bfloat16) are converted to float64; strings,
objects and complex numbers are rejected with a ``TypeError``.

=========================  ===================================================
module                     checks
=========================  ===================================================
:mod:`.arrays`             arrays: dtype, ndim, shape, finiteness,
                           overflowed results
:mod:`.labels`             probabilities, one-hot labels, the class axis
:mod:`.scalars`            whole numbers, positive numbers, NumPy and torch
                           random generators
:mod:`.parameters`         layer widths and parameter dicts with
                           consistent shapes
:mod:`.names`              choices, registry names, activations
=========================  ===================================================
"""

from nnbook._validation.arrays import (
    as_float_array,
    as_float_scalar,
    check_finite_result,
    check_same_shape,
    check_shape,
)
from nnbook._validation.labels import (
    ONE_HOT_TOL,
    check_axis,
    check_one_hot,
    check_probabilities,
)
from nnbook._validation.names import (
    check_choice,
    check_name,
    reraise_as,
    resolve_activation,
)
from nnbook._validation.parameters import (
    check_layer_sizes,
    check_parameters,
    count_layers,
)
from nnbook._validation.scalars import (
    DEFAULT_SEED,
    check_fraction,
    check_int,
    check_nonnegative,
    check_positive,
    check_random_state,
    check_torch_generator,
    is_int,
)

__all__ = [
    "DEFAULT_SEED",
    "ONE_HOT_TOL",
    "as_float_array",
    "as_float_scalar",
    "check_axis",
    "check_choice",
    "check_finite_result",
    "check_fraction",
    "check_int",
    "check_layer_sizes",
    "check_name",
    "check_nonnegative",
    "check_one_hot",
    "check_parameters",
    "check_positive",
    "check_probabilities",
    "check_random_state",
    "check_same_shape",
    "check_shape",
    "check_torch_generator",
    "count_layers",
    "is_int",
    "reraise_as",
    "resolve_activation",
]
