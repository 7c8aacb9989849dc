"""Tests for nnbook._validation: one test per error message, plus the happy paths."""

import numpy as np
import pytest
import torch
from hypothesis import given
from strategies import distributions, float_arrays, one_hot

from nnbook._validation import (
    DEFAULT_SEED,
    as_float_array,
    as_float_scalar,
    check_axis,
    check_choice,
    check_finite_result,
    check_int,
    check_layer_sizes,
    check_one_hot,
    check_parameters,
    check_positive,
    check_probabilities,
    check_random_state,
    check_same_shape,
    check_shape,
    check_torch_generator,
    reraise_as,
    resolve_activation,
)

# --- as_float_array ---------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [3, 2.5, True, [1, 2], [[True, False]], np.arange(3, dtype=np.int8)],
)
def test_as_float_array_converts_numbers_to_float64(value):
    array = as_float_array(value, "z", func="f")
    assert array.dtype == np.float64
    np.testing.assert_array_equal(array, np.asarray(value, dtype=float))


def test_as_float_array_does_not_copy_float64():
    X = np.ones((2, 2))
    assert as_float_array(X, "X", func="f") is X


@pytest.mark.parametrize("value", ["abc", ["1", "2"], [object()], None])
def test_as_float_array_rejects_non_numbers(value):
    with pytest.raises(
        TypeError, match=r"f\(\): argument 'z' must contain real numbers"
    ):
        as_float_array(value, "z", func="f")


def test_as_float_array_rejects_complex_and_suggests_real():
    with pytest.raises(TypeError, match=r"dtype complex128.*pass z\.real"):
        as_float_array([1 + 0j], "z", func="f")


def test_as_float_array_rejects_ragged_lists():
    with pytest.raises(ValueError, match=r"must be a rectangular array.*same length"):
        as_float_array([[1, 2], [3]], "X", func="f")


def test_as_float_array_ndim_message_has_shape_and_hint():
    expected = (
        r"forward_layer\(\): argument 'X' must be a 2-D array of shape "
        r"\(n_features, n_samples\); got a 1-D array of shape \(3,\)\. "
        r"Reshape it, e\.g\. X\.reshape\(-1, 1\) for one sample\."
    )
    with pytest.raises(ValueError, match=expected):
        as_float_array(
            [1.0, 2.0, 3.0],
            "X",
            func="forward_layer",
            ndim=2,
            shape_desc="(n_features, n_samples)",
            hint="Reshape it, e.g. X.reshape(-1, 1) for one sample.",
        )


def test_as_float_array_ndim_tuple_and_scalar_wording():
    assert as_float_array([1.0], "b", func="f", ndim=(1, 2)).shape == (1,)
    with pytest.raises(
        ValueError, match=r"1-D or 2-D array; got a scalar \(0-D array\)"
    ):
        as_float_array(1.0, "b", func="f", ndim=(1, 2))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_as_float_array_rejects_nonfinite_by_default(bad):
    with pytest.raises(
        ValueError,
        match=r"contains NaN or infinite values: 1 of 3 \(first at index \(1,\)\)",
    ):
        as_float_array([0.0, bad, 1.0], "X", func="f")


def test_as_float_array_allow_inf_still_rejects_nan():
    np.testing.assert_array_equal(
        as_float_array([np.inf, -np.inf], "z", func="f", allow_inf=True),
        [np.inf, -np.inf],
    )
    with pytest.raises(ValueError, match=r"argument 'z' contains NaN values"):
        as_float_array([np.inf, np.nan], "z", func="f", allow_inf=True)


def test_as_float_array_allow_nonfinite_accepts_everything():
    array = as_float_array([np.nan, np.inf], "z", func="f", allow_nonfinite=True)
    assert np.isnan(array[0])


@given(float_arrays())
def test_as_float_array_round_trips_finite_arrays(X):
    np.testing.assert_array_equal(as_float_array(X, "X", func="f"), X)


def test_as_float_scalar():
    assert as_float_scalar(np.float32(0.5), "alpha", func="f") == 0.5
    with pytest.raises(
        ValueError, match=r"argument 'alpha' must be a scalar \(0-D\) array"
    ):
        as_float_scalar([0.5], "alpha", func="f")


# --- shapes -----------------------------------------------------------------


def test_check_shape_accepts_wildcards():
    check_shape(np.zeros((4, 7)), "W", (4, None), func="f")


@pytest.mark.parametrize("shape", [(3, 2), (4,), (4, 2, 1)])
def test_check_shape_message(shape):
    with pytest.raises(
        ValueError,
        match=(
            r"f\(\): argument 'W' must have shape \(4, \*\) \(\* = any size\); "
            r"got shape \(.*\)\. Fix"
        ),
    ):
        check_shape(np.zeros(shape), "W", (4, None), func="f", hint="Fix it.")


def test_check_shape_one_dimensional_expected():
    with pytest.raises(
        ValueError, match=r"must have shape \(4,\); got shape \(3,\)\.$"
    ):
        check_shape(np.zeros(3), "b", (4,), func="f")


def test_check_same_shape_same_size_suggests_reshape():
    with pytest.raises(
        ValueError,
        match=(
            r"mse_loss\(\): arguments 'y_true' and 'y_pred' must have the same shape; "
            r"got y_true of shape \(3,\) and y_pred of shape \(3, 1\)\. "
            r"Both hold 3 values: reshape one, "
            r"e\.g\. y_pred\.reshape\(y_true\.shape\)\."
        ),
    ):
        check_same_shape(
            np.zeros(3), "y_true", np.zeros((3, 1)), "y_pred", func="mse_loss"
        )


def test_check_same_shape_different_size():
    with pytest.raises(
        ValueError, match=r"shape \(3,\) and y_pred of shape \(4,\)\. Pass one"
    ):
        check_same_shape(np.zeros(3), "y_true", np.zeros(4), "y_pred", func="mse_loss")


# --- values -----------------------------------------------------------------


def test_check_probabilities_accepts_bounds():
    check_probabilities(np.array([0.0, 0.5, 1.0]), "p", func="f")


def test_check_probabilities_reports_range_and_suggests_logits():
    with pytest.raises(
        ValueError,
        match=(
            r"binary_cross_entropy\(\): argument 'y_pred' must contain "
            r"probabilities in "
            r"\[0, 1\]; got values from -2 to 3 \(2 outside\)\. Did you pass logits.*"
            r"binary_cross_entropy_with_logits"
        ),
    ):
        check_probabilities(
            np.array([-2.0, 0.5, 3.0]), "y_pred", func="binary_cross_entropy"
        )


def test_check_probabilities_custom_hint():
    with pytest.raises(ValueError, match=r"\(1 outside\)\. Labels must be 0 or 1\.$"):
        check_probabilities(
            np.array([2.0]), "y", func="f", hint="Labels must be 0 or 1."
        )


@given(one_hot())
def test_check_one_hot_accepts_one_hot(Y):
    check_one_hot(Y, "y_true", func="f", axis=1)


@given(distributions(axis=0))
def test_check_one_hot_accepts_soft_labels(P):
    check_one_hot(P, "y_true", func="f", axis=0)


def test_check_one_hot_names_first_bad_sample():
    Y = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.0], [0.0, 0.0]])
    with pytest.raises(
        ValueError,
        match=(
            r"f\(\): argument 'y_true' must hold one-hot \(or probability\) "
            r"vectors along "
            r"axis 1: non-negative and summing to 1\. Sample 2 sums to 0\.5\."
        ),
    ):
        check_one_hot(Y, "y_true", func="f", axis=1)


def test_check_one_hot_reports_negative_entries():
    with pytest.raises(
        ValueError, match=r"Sample 0 sums to 1 and has negative entries"
    ):
        check_one_hot(np.array([[2.0, -1.0]]), "y_true", func="f", axis=-1)


def test_check_one_hot_suggests_the_other_axis():
    Y = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]])  # classes x samples
    with pytest.raises(ValueError, match=r"is valid along axis 0: pass axis=0"):
        check_one_hot(Y, "y_true", func="f", axis=1)


def test_check_axis():
    assert check_axis(-1, np.zeros((2, 3)), "Z", func="f") == 1
    with pytest.raises(
        ValueError,
        match=(
            r"axis=2 is out of range for argument 'Z' of shape \(2, 3\); "
            r"use an axis between -2 and 1"
        ),
    ):
        check_axis(2, np.zeros((2, 3)), "Z", func="f")
    with pytest.raises(TypeError, match=r"f\(\): axis must be an integer; got 0\.5"):
        check_axis(0.5, np.zeros(2), "Z", func="f")


def test_check_choice_lists_sorted_choices():
    check_choice("relu", "name", {"tanh", "relu"}, func="get_activation")
    with pytest.raises(
        ValueError,
        match=(
            r"get_activation\(\): argument 'name' must be one of 'relu', 'tanh'; "
            r"got 'sigmiod'\."
        ),
    ):
        check_choice("sigmiod", "name", {"tanh", "relu"}, func="get_activation")


def test_check_choice_unhashable_value():
    with pytest.raises(ValueError, match=r"got \['relu'\]"):
        check_choice(["relu"], "name", {"relu"}, func="f")


# --- tensors at the boundary ------------------------------------------------


@pytest.mark.parametrize(
    "tensor",
    [
        torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True),
        torch.tensor([1.0, 2.0], dtype=torch.bfloat16),
        torch.tensor([1, 2]),
    ],
    ids=["requires_grad", "bfloat16", "int64"],
)
def test_tensors_are_converted(tensor):
    np.testing.assert_array_equal(as_float_array(tensor, "z", func="f"), [1.0, 2.0])


# --- scalars ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        (0, ValueError, r"f\(\): argument 'n' must be an integer >= 1; got 0\.$"),
        (2.0, TypeError, r"got float 2\.0\. Pass 2 instead\."),
        (True, TypeError, r"must be an integer >= 1; got bool True"),
        (9, ValueError, r"from 1 to 5; got 9\. Pass None"),
    ],
)
def test_check_int_errors(value, error, match):
    maximum = 5 if value == 9 else None
    hint = "Pass None." if maximum else None
    with pytest.raises(error, match=match):
        check_int(value, "n", func="f", min_value=1, max_value=maximum, hint=hint)


def test_check_int_accepts_numpy_integers():
    assert check_int(np.int64(12), "n", func="f", min_value=2) == 12


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        (0.0, ValueError, r"'lr' must be positive and finite; got 0\.0"),
        (np.nan, ValueError, r"got nan"),
        ("0.1", TypeError, r"'lr' must be a positive number; got str"),
        (np.ones(2), TypeError, r"got an array of shape \(2,\)"),
        (1j, TypeError, r"'lr' must be a positive number; got complex"),
    ],
)
def test_check_positive_errors(value, error, match):
    with pytest.raises(error, match=match):
        check_positive(value, "lr", func="f")


def test_random_state_helpers_are_seeded_and_checked():
    a = check_random_state(None, func="f").integers(1000, size=3)
    b = np.random.default_rng(DEFAULT_SEED).integers(1000, size=3)
    np.testing.assert_array_equal(a, b)
    generator = np.random.default_rng(1)
    assert check_random_state(generator, func="f") is generator
    with pytest.raises(TypeError, match=r"f\(\): argument 'rng' must be an int seed"):
        check_random_state(1.5, func="f")
    assert check_torch_generator(None, func="f").initial_seed() == DEFAULT_SEED
    with pytest.raises(ValueError, match=r"'generator' must be a non-negative"):
        check_torch_generator(-1, func="f")


# --- parameter dicts -----------------------------------------------------------


def test_check_parameters_returns_float_arrays_and_widths():
    params = {"W1": [[1, 2]], "b1": [0], "W2": np.ones((3, 1)), "b2": np.zeros(3)}
    arrays, sizes = check_parameters(params, func="f")
    assert sizes == (2, 1, 3)
    assert all(value.dtype == np.float64 for value in arrays.values())


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (
            {"W1": np.ones((2, 4))},
            r"b1 of shape \(4,\) but W1 of shape \(2, 4\).*"
            r"W1 looks transposed",
        ),
        ({"W2": np.ones((1, 3))}, r"W2 of shape \(1, 3\) but W1 has 4 rows"),
        (
            {"b2": np.zeros(2)},
            r"b2 of shape \(2,\) but W2 of shape \(1, 4\).*"
            r"Give b2 the shape \(1,\)",
        ),
        ({"W1": np.ones(8)}, r"argument 'W1' must be a 2-D array"),
        ({"W1": np.zeros((0, 2))}, r"must be a 2-D|empty W1"),
    ],
)
def test_check_parameters_names_the_inconsistent_pair(change, match):
    params = {
        "W1": np.ones((4, 2)),
        "b1": np.zeros(4),
        "W2": np.ones((1, 4)),
        "b2": np.zeros(1),
    }
    with pytest.raises(ValueError, match=r"^Network\(\): .*" + match):
        check_parameters(params | change, func="Network")


def test_check_layer_sizes_errors():
    with pytest.raises(ValueError, match=r"f\(\): argument 'layer_sizes' must list"):
        check_layer_sizes([3], func="f")


# --- names and results ---------------------------------------------------------


def test_resolve_activation_names_the_callers_argument():
    with pytest.raises(TypeError, match=r"^forward_layer\(\): argument 'activation'"):
        resolve_activation(3, "activation", func="forward_layer")


def test_reraise_as_renames_only_another_functions_error():
    inner, plain = "forward_network(): boom", "no prefix"
    with pytest.raises(ValueError, match=r"^fit\(\): boom$"), reraise_as("fit"):
        raise ValueError(inner)
    with pytest.raises(ValueError, match=r"^no prefix$"), reraise_as("fit"):
        raise ValueError(plain)


def test_check_finite_result_reports_overflow():
    with pytest.raises(ValueError, match=r"f\(\): W @ X overflows float64 .* Scale"):
        check_finite_result(np.array([np.inf]), "W @ X", func="f", hint="Scale.")
