"""An adversarial battery: every public function against bad and edge inputs.

For each public function there is one valid call (``Case``) and a table of
mutations of its arguments: NaN, +-inf, +-1e308, subnormals, empty and 0-d
arrays, lists, int/bool/float16/complex/object/str dtypes, torch tensors
(also ones that require grad, and bfloat16), wrong ndim, transposed layouts,
inconsistent parameter dicts, unknown names and out-of-range hyperparameters.
Each call runs with warnings as errors, and its outcome must be one of

* ``value``: it returned, and every number in the result is finite (or an
  infinity the function documents as the exact answer);
* ``error``: a ``ValueError`` or ``TypeError`` whose message starts with the
  public function's name and names the argument that was changed;
* ``diverged``: a ``FloatingPointError`` from a training loop, naming the
  function, the epoch (or the step) and ``learning_rate``.

Anything else (a leaked warning, NaN in a result, a raw NumPy or torch
exception, a message that names a helper or another argument) is a failure.
``python tests/test_battery.py`` prints the counts.
"""

import copy
import math
import re
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
import torch
from matplotlib.figure import Figure

import nnbook
from nnbook import pytorch as nt
from nnbook.diagrams import draw_network, draw_neuron
from nnbook.plotting import (
    plot_activation_comparison,
    plot_decision_boundary,
    plot_function_and_derivative,
    plot_training_curve,
)

# --- the mutations -----------------------------------------------------------


def _rendered(draw: Callable[..., Figure]) -> Callable[..., Figure]:
    """``draw``, then lay the figure out as saving would: errors of drawing show."""

    def call(**kwargs: Any) -> Figure:
        figure = draw(**kwargs)
        figure.draw_without_rendering()
        return figure

    call.__name__ = draw.__name__
    return call


TINY = 5e-324  # the smallest subnormal


def array_mutations(value: np.ndarray) -> dict[str, Any]:
    """Bad and edge versions of a float array argument."""
    value = np.asarray(value, dtype=float)
    out: dict[str, Any] = {
        "nan": np.where(np.arange(value.size).reshape(value.shape) == 0, np.nan, value),
        "+inf": np.full_like(value, np.inf),
        "-inf": np.full_like(value, -np.inf),
        "+1e308": np.full_like(value, 1e308),
        "-1e308": np.full_like(value, -1e308),
        "mixed 1e308": np.where(value > value.mean(), 1e308, -1e308),
        "subnormal": np.full_like(value, TINY),
        "empty": np.empty((0,) * max(value.ndim, 1)),
        "0-d": np.array(0.5),
        "list": value.tolist(),
        "int dtype": value.round().astype(np.int64),
        "bool dtype": value > 0,
        "float16": value.astype(np.float16),
        "complex": value.astype(complex),
        "object": value.astype(object),
        "str": np.full(value.shape, "a"),
        "None": None,
        "torch": torch.from_numpy(value.copy()),
        "torch requires_grad": torch.from_numpy(value.copy()).requires_grad_(),
        "torch bfloat16": torch.from_numpy(value.copy()).to(torch.bfloat16),
        "extra axis": value[..., None],
        "raveled": value.ravel(),
    }
    if value.ndim == 2:
        out["transposed"] = value.T
    return out


INT_MUTATIONS: dict[str, Any] = {
    "-1": -1,
    "0": 0,
    "1.5": 1.5,
    "2.0": 2.0,
    "True": True,
    "'3'": "3",
    "None": None,
    "np.int64": np.int64(3),
    "nan": math.nan,
}
# A huge batch is out of range; huge epochs or sample counts are only slow.
BATCH_MUTATIONS: dict[str, Any] = {**INT_MUTATIONS, "huge": 10**30}
POSITIVE_MUTATIONS: dict[str, Any] = {
    "0": 0.0,
    "-1": -1.0,
    "nan": math.nan,
    "inf": math.inf,
    "1e308": 1e308,
    "subnormal": TINY,
    "'0.1'": "0.1",
    "True": True,
    "complex": 1j,
    "array": np.array([0.1, 0.2]),
}
NAME_MUTATIONS: dict[str, Any] = {
    "unknown": "sigmiod",
    "int": 3,
    "None": None,
    "list": ["relu"],
    "upper": "ReLU",
}
RNG_MUTATIONS: dict[str, Any] = {
    "-1": -1,
    "1.5": 1.5,
    "str": "seed",
    "legacy RandomState": np.random.RandomState(0),
    "True": True,
}


def parameter_mutations(params: dict[str, np.ndarray]) -> dict[str, Any]:
    """Inconsistent, incomplete or wrongly typed parameter dicts."""
    first_w = params["W1"]
    out: dict[str, Any] = {
        "W1 transposed": {**params, "W1": first_w.T},
        "b1 missing": {k: v for k, v in params.items() if k != "b1"},
        "extra key": {**params, "lr": np.array(0.1)},
        "W1 1-D": {**params, "W1": first_w.ravel()},
        "W1 NaN": {**params, "W1": np.full_like(first_w, np.nan)},
        "W1 1e308": {**params, "W1": np.full_like(first_w, 1e308)},
        "W1 list": {**params, "W1": first_w.tolist()},
        "W1 str": {**params, "W1": np.full(first_w.shape, "w")},
        "b1 wrong length": {**params, "b1": np.zeros(first_w.shape[0] + 1)},
        "empty dict": {},
        "list of arrays": list(params.values()),
        "None": None,
        "torch tensors": {k: torch.from_numpy(v.copy()) for k, v in params.items()},
    }
    if "W2" in params:
        out["W2 transposed"] = {**params, "W2": params["W2"].T}
    return out


# --- the cases ---------------------------------------------------------------


@dataclass
class Case:
    """A public function, one valid call, and how to mutate each argument."""

    name: str  # the name messages must start with, e.g. "Network.fit"
    call: Callable[..., Any]
    kwargs: dict[str, Any]
    mutations: dict[str, dict[str, Any]]  # argument -> label -> value
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    infinite_ok: bool = False  # the function documents inf as an exact value


def arrays(**values: Any) -> dict[str, dict[str, Any]]:
    return {name: array_mutations(value) for name, value in values.items()}


RNG = np.random.default_rng(0)
Z23 = RNG.normal(size=(2, 3))
X23, Y13 = RNG.normal(size=(2, 3)), np.array([[0.0, 1.0, 1.0]])
P13 = np.array([[0.2, 0.7, 0.9]])
ONE_HOT = np.eye(3)[[0, 2, 1, 1]].T  # 3 classes x 4 samples
PROBS = nnbook.softmax(RNG.normal(size=(3, 4)))
PARAMS = nnbook.initialize_parameters([2, 3, 1], method="glorot", rng=0)
PARAM_ALIASES = ("W1", "b1", "W2", "b2", "parameters")
X_ALIASES = ("X", "A0", "X.T")


def _cases() -> list[Case]:
    cases = []
    for name in sorted(nnbook.ACTIVATIONS):
        act = nnbook.ACTIVATIONS[name]
        for fn in (act.function, act.derivative):
            cases.append(
                Case(fn.__name__, fn, {"z": Z23}, arrays(z=Z23), infinite_ok=False)
            )
    leaky = nnbook.ACTIVATIONS["leaky_relu"]
    for fn in (leaky.function, leaky.derivative):
        cases.append(
            Case(
                fn.__name__,
                fn,
                {"z": Z23, "alpha": 0.01},
                {"alpha": {"nan": math.nan, "str": "a", "array": np.ones(2), "-1": -1}},
            )
        )
    for fn in (nnbook.softmax, nnbook.log_softmax):
        cases.append(
            Case(
                fn.__name__,
                fn,
                {"Z": Z23, "axis": 0},
                arrays(Z=Z23) | {"axis": {"2": 2, "1.0": 1.0, "'0'": "0"}},
                aliases={"Z": ("Z",)},
                infinite_ok=fn is nnbook.log_softmax,
            )
        )
    cases.append(
        Case(
            "get_activation",
            nnbook.get_activation,
            {"name": "relu"},
            {"name": NAME_MUTATIONS},
        )
    )
    cases.append(
        Case(
            "forward_neuron",
            nnbook.forward_neuron,
            {"x": [1.0, 2.0], "w": [0.5, -0.2], "b": 0.3, "activation": "relu"},
            arrays(x=np.array([1.0, 2.0]), w=np.array([0.5, -0.2]))
            | {"b": POSITIVE_MUTATIONS, "activation": NAME_MUTATIONS},
        )
    )
    cases.append(
        Case(
            "forward_layer",
            nnbook.forward_layer,
            {"X": X23, "W": PARAMS["W1"], "b": PARAMS["b1"], "activation": "tanh"},
            arrays(X=X23, W=PARAMS["W1"], b=PARAMS["b1"])
            | {"activation": NAME_MUTATIONS},
            aliases={"X": X_ALIASES, "W": ("W",), "b": ("b",)},
        )
    )
    network_names = {
        "hidden_activation": NAME_MUTATIONS,
        "output_activation": NAME_MUTATIONS,
    }
    cases.append(
        Case(
            "forward_network",
            nnbook.forward_network,
            {"X": X23, "parameters": PARAMS, "output_activation": "sigmoid"},
            arrays(X=X23) | {"parameters": parameter_mutations(PARAMS)} | network_names,
            aliases={"X": X_ALIASES, "parameters": PARAM_ALIASES},
        )
    )
    cache = nnbook.forward_network(X23, PARAMS, output_activation="sigmoid")
    cases.append(
        Case(
            "backward_network",
            nnbook.backward_network,
            {"cache": cache, "parameters": PARAMS, "Y": Y13},
            arrays(Y=Y13)
            | {
                "parameters": parameter_mutations(PARAMS),
                "cache": {
                    "plain dict": dict(cache),
                    "None": None,
                    "list": list(cache.values()),
                    "other X": nnbook.forward_network(
                        X23[:, :2], PARAMS, output_activation="sigmoid"
                    ),
                    "other output": nnbook.forward_network(X23, PARAMS),
                },
                "loss": NAME_MUTATIONS | {"other head": "categorical_cross_entropy"},
            }
            | network_names,
            aliases={"parameters": PARAM_ALIASES, "cache": ("cache",), "Y": ("Y",)},
        )
    )
    cases.append(
        Case(
            "activation_backward",
            nnbook.activation_backward,
            {"dA": Z23, "Z": Z23, "activation": "tanh"},
            arrays(dA=Z23, Z=Z23) | {"activation": NAME_MUTATIONS},
            aliases={"dA": ("dA",), "Z": ("Z",)},
        )
    )
    cases.append(
        Case(
            "dense_backward",
            nnbook.dense_backward,
            {"dZ": Z23[:1], "A_prev": X23, "W": PARAMS["W2"][:, :2]},
            arrays(dZ=Z23[:1], A_prev=X23, W=PARAMS["W2"][:, :2]),
            aliases={"dZ": ("dZ",), "A_prev": ("A_prev",), "W": ("W",)},
        )
    )
    cases.append(
        Case(
            "initialize_parameters",
            nnbook.initialize_parameters,
            {"layer_sizes": [2, 3, 1], "method": "normal", "scale": 0.1, "rng": 0},
            {
                "layer_sizes": {
                    "[2]": [2],
                    "[2, 0]": [2, 0],
                    "[2, 1.5]": [2, 1.5],
                    "str": "2,3",
                    "int": 3,
                    "None": None,
                    "[True, 2]": [True, 2],
                },
                "method": NAME_MUTATIONS,
                "scale": POSITIVE_MUTATIONS,
                "rng": RNG_MUTATIONS,
            },
        )
    )
    for fn, y, p, pred, inf_ok in (
        (nnbook.mse_loss, Z23, Z23[::-1], "y_pred", False),
        (nnbook.binary_cross_entropy, Y13, P13, "y_pred", True),
        (nnbook.binary_cross_entropy_with_logits, Y13, Z23[:1], "logits", False),
        (nnbook.categorical_cross_entropy, ONE_HOT, PROBS, "y_pred", True),
        (
            nnbook.categorical_cross_entropy_with_logits,
            ONE_HOT,
            Z23.repeat(2, 1)[:, :4][[0, 1, 0]],
            "logits",
            False,
        ),
        (nnbook.mse_loss_gradient, Z23, Z23[::-1], "y_pred", False),
        (nnbook.binary_cross_entropy_gradient, Y13, P13, "y_pred", False),
        (nnbook.categorical_cross_entropy_gradient, ONE_HOT, PROBS, "y_pred", False),
    ):
        cases.append(
            Case(
                fn.__name__,
                fn,
                {"y_true": y, pred: p},
                arrays(**{"y_true": y, pred: p}),
                infinite_ok=inf_ok,
            )
        )
    for fn, y, z in (
        (nnbook.sigmoid_bce_backward, Y13, Z23[:1]),
        (nnbook.softmax_cce_backward, ONE_HOT, RNG.normal(size=(3, 4))),
    ):
        cases.append(Case(fn.__name__, fn, {"Y": y, "Z": z}, arrays(Y=y, Z=z)))
    cases.append(
        Case(
            "relative_error",
            nnbook.relative_error,
            {"a": Z23, "b": Z23 + 1e-9, "floor": 0.0},
            arrays(a=Z23, b=Z23 + 1e-9)
            | {"floor": {"-1": -1.0, "nan": math.nan, "str": "x"}},
        )
    )
    x_var = np.array([0.5, -1.0])

    def cube() -> float:
        return float(np.sum(x_var**3))

    def overflowing() -> float:
        return float(np.sum(np.exp(x_var * 1000.0)))

    cases.append(
        Case(
            "numerical_gradient",
            nnbook.numerical_gradient,
            {"f": cube, "x": x_var, "eps": 1e-6},
            {
                "x": {
                    k: v
                    for k, v in array_mutations(x_var).items()
                    if not isinstance(v, np.ndarray) or v.dtype != np.float64
                },
                "eps": POSITIVE_MUTATIONS,
                "f": {"returns inf": overflowing},
            },
        )
    )
    cases.append(
        Case(
            "gradient_check",
            nnbook.gradient_check,
            {"parameters": PARAMS, "X": X23, "Y": Y13, "eps": 1e-6},
            arrays(X=X23, Y=Y13)
            | {"parameters": parameter_mutations(PARAMS), "eps": POSITIVE_MUTATIONS},
            aliases={"X": X_ALIASES, "parameters": PARAM_ALIASES},
        )
    )
    cases.append(
        Case(
            "minibatches",
            nnbook.minibatches,
            {"n_samples": 5, "batch_size": 2, "rng": 0},
            {
                "n_samples": INT_MUTATIONS,
                "batch_size": BATCH_MUTATIONS,
                "rng": RNG_MUTATIONS,
            },
        )
    )
    cases.append(
        Case(
            "make_xor",
            nnbook.make_xor,
            {"dtype": float},
            {
                "dtype": {
                    "str": str,
                    "object": object,
                    "complex": complex,
                    "nonsense": "nonsense",
                    "int": int,
                }
            },
        )
    )
    for fn in (nnbook.make_moons, nnbook.make_spirals):
        cases.append(
            Case(
                fn.__name__,
                fn,
                {"n_samples": 10, "noise": 0.1, "rng": 0},
                {
                    "n_samples": INT_MUTATIONS,
                    "noise": POSITIVE_MUTATIONS | {"-0.5": -0.5},
                    "rng": RNG_MUTATIONS,
                },
            )
        )
    cases.append(
        Case(
            "Perceptron",
            nnbook.Perceptron,
            {"n_inputs": 3, "rng": 0, "activation": "relu"},
            {
                "n_inputs": INT_MUTATIONS,
                "rng": RNG_MUTATIONS,
                "activation": NAME_MUTATIONS,
            },
        )
    )
    cases.append(
        Case(
            "Perceptron.from_parameters",
            nnbook.Perceptron.from_parameters,
            {"weights": [0.5, -0.2], "bias": 0.3},
            arrays(weights=np.array([0.5, -0.2])) | {"bias": POSITIVE_MUTATIONS},
        )
    )
    perceptron = nnbook.Perceptron.from_parameters([0.5, -0.2], 0.3)
    cases.append(
        Case("Perceptron.forward", perceptron.forward, {"x": X23}, arrays(x=X23))
    )
    net_names = network_names | {"loss": NAME_MUTATIONS}
    cases.append(
        Case(
            "Network",
            nnbook.Network,
            {"layer_sizes": [2, 3, 1], "rng": 0},
            {
                "layer_sizes": {
                    "[2]": [2],
                    "[2, 0]": [2, 0],
                    "str": "2,3",
                    "None": None,
                    "[2, 1.5]": [2, 1.5],
                },
                "rng": RNG_MUTATIONS,
                "init": NAME_MUTATIONS,
            }
            | net_names,
        )
    )
    cases.append(
        Case(
            "Network.from_parameters",
            nnbook.Network.from_parameters,
            {"parameters": PARAMS},
            {"parameters": parameter_mutations(PARAMS)} | net_names,
            aliases={"parameters": PARAM_ALIASES},
        )
    )
    X_xor, y_xor = nnbook.make_xor()

    def fit(**kwargs: Any) -> dict[str, list]:
        return nnbook.Network([2, 4, 1], rng=0).fit(**kwargs)

    fit_kwargs = {"X": X_xor, "Y": y_xor, "epochs": 3, "learning_rate": 0.5}
    cases.append(
        Case(
            "Network.fit",
            fit,
            fit_kwargs,
            arrays(X=X_xor, Y=y_xor)
            | {
                "epochs": INT_MUTATIONS,
                "learning_rate": POSITIVE_MUTATIONS | {"diverging": 1e5},
                "batch_size": BATCH_MUTATIONS,
                "rng": RNG_MUTATIONS,
            },
            aliases={"X": X_ALIASES},
        )
    )
    net = nnbook.Network([2, 4, 1], rng=0)
    cases.append(
        Case(
            "Network.predict",
            net.predict,
            {"X": X_xor},
            arrays(X=X_xor),
            aliases={"X": X_ALIASES},
        )
    )
    cases.append(
        Case(
            "Network.evaluate",
            net.evaluate,
            {"X": X_xor, "Y": y_xor},
            arrays(X=X_xor, Y=y_xor),
            aliases={"X": X_ALIASES},
        )
    )
    z = np.linspace(-3, 3, 20)
    cases.append(
        Case(
            "plot_function_and_derivative",
            plot_function_and_derivative,
            {"activation": "tanh", "z": z},
            {"activation": NAME_MUTATIONS} | arrays(z=z),
        )
    )
    cases.append(
        Case(
            "plot_activation_comparison",
            plot_activation_comparison,
            {"names": ("relu", "tanh"), "z": z},
            {
                "names": {
                    "str": "relu",
                    "unknown": ("relu", "sigmiod"),
                    "empty": (),
                    "None": None,
                }
            }
            | arrays(z=z),
        )
    )
    cases.append(
        Case(
            "plot_decision_boundary",
            plot_decision_boundary,
            {"predict": net.predict, "X": X_xor, "y": y_xor},
            arrays(X=X_xor, y=y_xor)
            | {
                "predict": {"None": None, "wrong size": lambda X: np.zeros(3)},
                "resolution": BATCH_MUTATIONS,
                "padding": POSITIVE_MUTATIONS | {"-1": -1.0},
            },
            aliases={"X": X_ALIASES, "predict": ("predict",)},
        )
    )
    history = net.fit(X_xor, y_xor, epochs=2, learning_rate=0.1)
    cases.append(
        Case(
            "plot_training_curve",
            plot_training_curve,
            {"history": history},
            {
                "history": {
                    "None": None,
                    "no loss": {"epoch": [0]},
                    "nan loss": {"loss": [0.5, math.nan]},
                    "ragged": {"loss": [0.5, 0.4], "accuracy": [1.0]},
                    "accuracy 2": {"loss": [0.5], "accuracy": [2.0]},
                    "loss 1e308": {"loss": [1e308, -1e308]},
                }
            },
        )
    )
    # PyTorch
    cases.append(
        Case(
            "get_activation",
            nt.get_activation,
            {"name": "relu"},
            {"name": NAME_MUTATIONS},
        )
    )
    t_params = {k: torch.from_numpy(v.copy()) for k, v in PARAMS.items()}
    cases.append(
        Case(
            "forward_network",
            nt.forward_network,
            {"X": torch.from_numpy(X23.T.copy()), "parameters": t_params},
            arrays(X=X23.T)
            | {"parameters": parameter_mutations(PARAMS)}
            | network_names,
            aliases={"X": X_ALIASES, "parameters": PARAM_ALIASES},
        )
    )
    dtype_mutations = {"numpy": np.float64, "str": "float64", "int": torch.int64}
    cases.append(
        Case(
            "build_network",
            nt.build_network,
            {"layer_sizes": [2, 3, 1], "generator": 0},
            {
                "layer_sizes": {"[2]": [2], "[2, 0]": [2, 0], "None": None},
                "generator": RNG_MUTATIONS,
                "dtype": dtype_mutations,
            }
            | network_names,
        )
    )
    cases.append(
        Case(
            "SimpleNetwork",
            nt.SimpleNetwork,
            {"generator": 0},
            {"generator": RNG_MUTATIONS, "dtype": dtype_mutations},
        )
    )
    cases.append(
        Case(
            "load_parameters",
            nt.load_parameters,
            {
                "model": nt.build_network([2, 3, 1], dtype=torch.float64),
                "parameters": PARAMS,
            },
            {
                "parameters": parameter_mutations(PARAMS),
                "model": {"None": None, "other widths": nt.build_network([2, 4, 1])},
            },
            aliases={"parameters": PARAM_ALIASES, "model": ("model", "layers")},
        )
    )
    cases.append(
        Case(
            "train_network",
            nt.train_network,
            {
                "parameters": PARAMS,
                "X": X_xor.T,
                "Y": y_xor.T,
                "epochs": 2,
                "learning_rate": 0.5,
            },
            arrays(X=X_xor.T, Y=y_xor.T)
            | {
                "parameters": parameter_mutations(PARAMS),
                "epochs": INT_MUTATIONS,
                "learning_rate": POSITIVE_MUTATIONS | {"diverging": 1e5},
                "batch_size": BATCH_MUTATIONS,
                "rng": RNG_MUTATIONS,
            }
            | net_names,
            aliases={"X": X_ALIASES, "parameters": PARAM_ALIASES},
        )
    )
    x3, w3 = np.array([1.0, 2.0, 3.0]), np.array([0.5, -0.2, 0.1])
    cases.append(
        Case(
            "draw_neuron",
            _rendered(draw_neuron),
            {"x": x3, "w": w3, "b": 0.3, "activation": "sigmoid"},
            arrays(x=x3, w=w3)
            | {
                "b": POSITIVE_MUTATIONS | {"-1e308": -1e308},
                "activation": NAME_MUTATIONS,
            },
        )
    )
    cases.append(
        Case(
            "draw_network",
            _rendered(draw_network),
            {"parameters": PARAMS},
            {
                "parameters": parameter_mutations(PARAMS),
                "weight_scale": POSITIVE_MUTATIONS,
            },
            aliases={"parameters": PARAM_ALIASES},
        )
    )
    cases.extend(_chapter4_cases())
    cases.extend(_regularisation_cases())
    return cases


def _regularisation_cases() -> list[Case]:
    """Chapter 7: the L2 penalty, dropout (and its torch twin), shifts."""
    A = RNG.normal(size=(3, 4))
    mask = nnbook.dropout_mask(A.shape, 0.5, rng=0)
    A_t = torch.from_numpy(A.T.copy())
    pixels = RNG.integers(0, 17, size=(64, 3)).astype(float)
    rates = {**POSITIVE_MUTATIONS, "1": 1.0, "-0.1": -0.1}
    del rates["0"], rates["subnormal"]  # valid drop probabilities
    masks = {
        "float": mask.astype(float),
        "transposed": mask.T,
        "None": None,
        "list": mask.tolist(),
    }
    shifts = {
        "1.5": 1.5,
        "8": 8,
        "-9": -9,
        "None": None,
        "str": "a",
        "too many": np.zeros(5),
        "nan": math.nan,
    }
    return [
        Case(
            "l2_penalty",
            nnbook.l2_penalty,
            {"parameters": PARAMS, "weight_decay": 0.1},
            {
                "parameters": {
                    "None": None,
                    "W1 NaN": {"W1": np.full(2, np.nan)},
                    "W1 1e308": {"W1": np.full(2, 1e308)},
                    "W1 str": {"W1": np.full(2, "w")},
                },
                "weight_decay": {
                    "-1": -1.0,
                    "nan": math.nan,
                    "inf": math.inf,
                    "str": "0.1",
                    "1e308": 1e308,
                },
            },
            aliases={"parameters": ("W1",)},
        ),
        Case(
            "dropout_mask",
            nnbook.dropout_mask,
            {"shape": (3, 4), "p": 0.5, "rng": 0},
            {
                "shape": {
                    "negative": (3, -1),
                    "float": (3, 1.5),
                    "None": None,
                    "str": "a",
                    "huge": (10**30,),
                },
                "p": rates,
                "rng": RNG_MUTATIONS,
            },
        ),
        Case(
            "dropout_forward",
            nnbook.dropout_forward,
            {"A": A, "mask": mask, "p": 0.5},
            arrays(A=A) | {"mask": masks, "p": rates},
        ),
        Case(
            "dropout_backward",
            nnbook.dropout_backward,
            {"dA": A, "mask": mask, "p": 0.5},
            arrays(dA=A) | {"mask": masks, "p": rates},
        ),
        *(
            Case(
                name,
                call,
                {"A": A_t, "p": 0.5, "seed": 0},
                {
                    "A": {"None": None, "numpy": A.T},
                    "p": rates,
                    "seed": {"str": "a", "None": None, "1.5": 1.5},
                },
            )
            for name, call in (
                ("torch_dropout", nt.torch_dropout),
                ("torch_dropout_mask", nt.torch_dropout_mask),
            )
        ),
        Case(
            "shift_images",
            nnbook.shift_images,
            {"pixels": pixels, "dx": 1, "dy": -1},
            arrays(pixels=pixels) | {"dx": shifts, "dy": shifts},
        ),
        Case(
            "augment_with_shifts",
            nnbook.augment_with_shifts,
            {"pixels": pixels, "labels": np.array([1, 2, 3]), "rng": 0},
            arrays(pixels=pixels)
            | {
                "labels": {"short": [1], "None": None, "2-D": np.ones((3, 1))},
                "max_shift": INT_MUTATIONS | {"4": 4},
                "copies": INT_MUTATIONS,
                "rng": RNG_MUTATIONS,
            },
        ),
    ]


def _chapter4_cases() -> list[Case]:
    """Chapter 4: the digits, the metrics and the classifier's training loops."""
    labels = np.array([0.0, 1.0, 2.0, 1.0, 0.0, 2.0, 0.0, 1.0, 2.0])
    fractions = {
        "two": (0.5, 0.5),
        "sum 2": (1.0, 0.5, 0.5),
        "None": None,
        "negative": (1.2, -0.1, -0.1),
        "str": "a",
    }
    X = RNG.normal(size=(2, 6))
    Y = nnbook.one_hot([0, 1, 2, 0, 1, 2], 3)
    net = nnbook.Network(
        [2, 3], output_activation="softmax", loss="categorical_cross_entropy", rng=0
    )
    pair_mutations = {
        "None": None,
        "triple": (X, Y, Y),
        "X only": X,
        "transposed X": (X.T, Y),
        "NaN X": (X * np.nan, Y),
    }
    model = nt.Classifier([2, 3], generator=0, dtype=torch.float64)
    X_t, y_t = torch.from_numpy(X.T.copy()), torch.tensor([0, 1, 2, 0, 1, 2])
    tensor_pairs = {
        "None": None,
        "numpy": (X.T, y_t),
        "float labels": (X_t, y_t.double()),
        "short labels": (X_t, y_t[:2]),
        "1-D X": (X_t[:, 0], y_t),
    }
    return [
        Case("load_digits", nnbook.load_digits, {}, {}),
        Case(
            "load_digits_split",
            nnbook.load_digits_split,
            {"rng": 0},
            {"fractions": fractions, "rng": RNG_MUTATIONS},
        ),
        Case(
            "stratified_split",
            nnbook.stratified_split,
            {"labels": labels},
            arrays(labels=labels) | {"fractions": fractions, "rng": RNG_MUTATIONS},
        ),
        Case(
            "one_hot",
            nnbook.one_hot,
            {"labels": labels, "n_classes": 3},
            arrays(labels=labels) | {"n_classes": INT_MUTATIONS},
        ),
        Case(
            "accuracy",
            nnbook.accuracy,
            {"y_true": labels, "y_pred": labels[::-1]},
            arrays(y_true=labels, y_pred=labels[::-1]),
        ),
        Case(
            "confusion_matrix",
            nnbook.confusion_matrix,
            {"y_true": labels, "y_pred": labels[::-1], "n_classes": 3},
            arrays(y_true=labels, y_pred=labels[::-1]) | {"n_classes": INT_MUTATIONS},
        ),
        # Each call trains a fresh copy: a mutation must not see the last one's
        # weights.
        Case(
            "fit_with_validation",
            lambda net, **kw: nnbook.fit_with_validation(copy.deepcopy(net), **kw),
            {
                "net": net,
                "train": (X, Y),
                "validation": (X, Y),
                "epochs": 2,
                "learning_rate": 0.5,
                "batches": lambda: nnbook.minibatches(6, 2, 0),
            },
            {
                "net": {"None": None, "torch": model},
                "train": pair_mutations,
                "validation": pair_mutations,
                "epochs": INT_MUTATIONS,
                "learning_rate": POSITIVE_MUTATIONS,
                "batches": {"None": None, "list": [[0, 1]]},
            },
            aliases={"train": ("X", "Y"), "validation": ("X", "Y")},
        ),
        Case(
            "evaluate_classifier",
            nt.evaluate_classifier,
            {"model": model, "X": X_t, "y": y_t},
            {
                "model": {"None": None, "net": net},
                "X": {"None": None, "numpy": X.T, "1-D": X_t[:, 0]},
                "y": {"None": None, "float": y_t.double(), "short": y_t[:2]},
            },
            aliases={"X": ("(X, y)",), "y": ("(X, y)",)},
        ),
        Case(
            "train_classifier",
            lambda model, **kw: nt.train_classifier(copy.deepcopy(model), **kw),
            {
                "model": model,
                "loader": [(X_t, y_t)],
                "train": (X_t, y_t),
                "validation": (X_t, y_t),
                "epochs": 2,
                "learning_rate": 0.1,
            },
            {
                "model": {"None": None, "net": net},
                "loader": {"int": 3},
                "train": tensor_pairs,
                "validation": tensor_pairs,
                "epochs": INT_MUTATIONS,
                "learning_rate": POSITIVE_MUTATIONS,
            },
        ),
        *_optimizer_cases(),
    ]


def _optimizer_cases() -> list[Case]:
    """The torch.optim twins of chapter 5."""
    from nnbook.optim import Adam, Cosine

    params = nnbook.initialize_parameters([2, 3, 3], rng=0)
    X = np.random.default_rng(0).normal(size=(2, 6))
    not_an_optimizer = {"None": None, "name": "adam", "torch": torch.optim.SGD}
    weight = torch.zeros(2, requires_grad=True)
    return [
        Case(
            "compare_with_torch",
            nt.compare_with_torch,
            {
                "parameters": params,
                "X": X,
                "labels": np.array([0, 1, 2, 0, 1, 2]),
                "batches": [np.arange(3), np.arange(3, 6)],
                "optimizer": Adam(0.01),
                "schedule": Cosine(2),
            },
            arrays(X=X)
            | {
                "parameters": parameter_mutations(params),
                "labels": {"float": np.zeros(6), "3": np.full(6, 3), "short": [0]},
                "batches": {"floats": [np.zeros(2)], "too far": [np.arange(7)]},
                "optimizer": not_an_optimizer,
                "schedule": {"3": 3},
            },
            aliases={"X": X_ALIASES, "parameters": PARAM_ALIASES},
        ),
        Case(
            "torch_optimizer",
            nt.torch_optimizer,
            {"optimizer": Adam(0.01), "params": [weight]},
            {
                "optimizer": not_an_optimizer
                | {"no correction": Adam(0.01, bias_correction=False)}
            },
            aliases={"optimizer": ("Adam",)},
        ),
        Case(
            "torch_scheduler",
            nt.torch_scheduler,
            {"schedule": Cosine(5), "optimizer": torch.optim.SGD([weight], lr=0.1)},
            {"schedule": {"None": None, "3": 3}, "optimizer": {"None": None}},
        ),
    ]


# --- running and classifying ---------------------------------------------------


def _numbers(result: Any) -> list[np.ndarray]:
    """Every number in a result: arrays, floats, tensors, dict values, tuples."""
    if isinstance(result, Figure | torch.nn.Module):
        return []
    if isinstance(result, torch.Tensor):
        return [result.detach().double().numpy()]
    if isinstance(result, dict):
        return [n for value in result.values() for n in _numbers(value)]
    if isinstance(result, list | tuple):
        return [n for value in result for n in _numbers(value)]
    if isinstance(result, nnbook.Perceptron | nnbook.Network):
        return _numbers(getattr(result, "parameters", None) or [result.weights])
    if isinstance(result, np.random.Generator | nnbook.Activation | type | str):
        return []
    if result is None:
        return []
    array = np.asarray(result)
    return [array.astype(float)] if array.dtype.kind in "biuf" else []


def _names_argument(message: str, argument: str, aliases: tuple[str, ...]) -> bool:
    return any(
        re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", message)
        for n in (argument, *aliases)
    )


def run(case: Case, argument: str, label: str, value: Any) -> tuple[str, str]:
    """Call with one argument replaced; return ``(outcome, detail)``."""
    kwargs = {**case.kwargs, argument: value}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            result = case.call(**kwargs)
        except (ValueError, TypeError) as err:
            message = str(err)
            if not message.startswith(f"{case.name}()"):
                return (
                    "bad",
                    f"{type(err).__name__} not naming {case.name}(): {message}",
                )
            if not _names_argument(message, argument, case.aliases.get(argument, ())):
                return "bad", f"message does not name {argument!r}: {message}"
            return "error", type(err).__name__
        except FloatingPointError as err:
            message = str(err)
            prefix = rf"{re.escape(case.name)}\(\): training diverged at (epoch|step) "
            diverged = re.match(prefix, message)
            if diverged and ("learning_rate" in message):
                return "diverged", "FloatingPointError"
            return "bad", f"FloatingPointError: {message}"
        except Warning as err:  # a warning raised as an error: it leaked
            return "bad", f"warning {type(err).__name__}: {err}"
        except Exception as err:
            return "bad", f"{type(err).__name__}: {err}"
    numbers = _numbers(result)
    for number in numbers:
        if np.isnan(number).any():
            return "bad", "NaN in the result"
        if np.isinf(number).any() and not (case.infinite_ok or "inf" in label):
            return "bad", "inf in the result"
    if label in SAME_VALUES:  # the same numbers in another container: same result
        expected = _numbers(case.call(**case.kwargs))
        if len(expected) != len(numbers) or not all(
            np.array_equal(e, n) for e, n in zip(expected, numbers, strict=True)
        ):
            return "bad", "a different result than for the float64 array"
    return "value", ""


#: Mutations that hold the valid call's own numbers, so the result must match.
SAME_VALUES = frozenset({"list", "torch", "torch requires_grad"})


def battery() -> list[tuple[Case, str, str, str, str]]:
    """Run every mutation of every case; one row per call, with its outcome."""
    rows = []
    for case in CASES:
        for argument, table in case.mutations.items():
            for label, value in table.items():
                outcome, detail = run(case, argument, label, value)
                rows.append((case, argument, label, outcome, detail))
    return rows


CASES = _cases()


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.call.__module__}.{c.name}")
def test_battery(case):
    # The valid call itself must give a finite value.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _numbers(case.call(**case.kwargs)) is not None
    failures = [
        f"{argument}={label}: {detail}"
        for argument, table in case.mutations.items()
        for label, value in table.items()
        for outcome, detail in [run(case, argument, label, value)]
        if outcome == "bad"
    ]
    assert not failures, "\n".join(failures)


def test_battery_covers_every_public_function():
    """Every public callable of nnbook and nnbook.pytorch has a case."""
    covered = {case.call for case in CASES} | {
        case.call.__func__ for case in CASES if hasattr(case.call, "__func__")
    }
    covered_names = {getattr(c, "__name__", "") for c in covered} | {
        case.name for case in CASES
    }
    public = [
        name
        for module in (nnbook, nt)
        for name in module.__all__
        if callable(getattr(module, name)) and not name[0].isupper()
    ]
    missing = sorted(set(public) - covered_names - {"attach"})
    assert not missing, missing


if __name__ == "__main__":
    rows = battery()
    counts = Counter(outcome for *_, outcome, _ in rows)
    print(f"{len(CASES)} public functions, {len(rows)} calls: {dict(counts)}")
    for case, argument, label, outcome, detail in rows:
        if outcome == "bad":
            print(f"BAD {case.name}({argument}={label}): {detail}")
