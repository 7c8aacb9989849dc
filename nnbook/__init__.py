"""nnbook: neural networks from the ground up, in NumPy and PyTorch.

This package is the code that the book runs. Every number and every figure
in a chapter is computed by these functions at build time.

The public names are imported lazily (:pep:`562`): ``from nnbook import
sigmoid`` loads :mod:`nnbook.activations` only. Chapters therefore depend on
the modules they use and nothing else, which is what lets the book re-execute
exactly the chapters that an edit to the package affects.

Layout conventions
------------------
This is the one place the convention is stated; every default follows it.
NumPy functions use the book's layout, **features x samples**: a batch of
``m`` samples with ``n`` features is an array ``X`` of shape ``(n, m)``, and
a network's output is **classes x samples**, so every class axis defaults to
``axis=0`` (:func:`softmax`, :func:`log_softmax`,
:func:`categorical_cross_entropy` and its ``_with_logits`` form). The
PyTorch counterparts in :mod:`nnbook.pytorch` use PyTorch's layout, samples
x features (classes along ``dim=1``).

A network's last layer and its loss are one **output head**
(:data:`nnbook.heads.HEADS`), and :func:`forward_network` records its
activations in the cache, so :func:`backward_network` backpropagates through
the same model: ``backward_network(forward_network(X, p), p, Y)`` needs no
activation arguments, and a different one given is an error.

Examples
--------
>>> import nnbook
>>> float(nnbook.sigmoid(0.0))
0.5
"""

from importlib.metadata import version

from nnbook._lazy import attach

# The one version number is [project].version in pyproject.toml; the book's
# metadata, its "Cite this" boxes and CITATION.cff are made from it too.
__version__ = version(__name__)

#: Where each public name is defined: ``name -> module``.
_SOURCES: dict[str, str] = {
    # activations
    "ACTIVATIONS": "activations",
    "Activation": "activations",
    "get_activation": "activations",
    "sigmoid": "activations.smooth",
    "sigmoid_derivative": "activations.smooth",
    "tanh": "activations.smooth",
    "tanh_derivative": "activations.smooth",
    "relu": "activations.piecewise",
    "relu_derivative": "activations.piecewise",
    "leaky_relu": "activations.piecewise",
    "leaky_relu_derivative": "activations.piecewise",
    "linear": "activations.piecewise",
    "linear_derivative": "activations.piecewise",
    "softmax": "probability",
    "log_softmax": "probability",
    # the perceptron
    "Perceptron": "perceptron",
    # forward propagation
    "forward_neuron": "forward",
    "forward_layer": "forward",
    "forward_network": "forward",
    "ForwardCache": "cache",
    # parameter initialisation
    "initialize_parameters": "initialization",
    # losses, each beside its gradient
    "mse_loss": "losses.mse",
    "binary_cross_entropy": "losses.binary",
    "binary_cross_entropy_with_logits": "losses.binary",
    "categorical_cross_entropy": "losses.categorical",
    "categorical_cross_entropy_with_logits": "losses.categorical",
    # data sets
    "make_xor": "datasets",
    # figures
    "plot_function_and_derivative": "plotting.activations",
    "plot_activation_comparison": "plotting.activations",
    # Chapter 2: backpropagation and training
    "activation_backward": "backward",
    "dense_backward": "backward",
    "backward_network": "backward",
    "mse_loss_gradient": "losses.mse",
    "binary_cross_entropy_gradient": "losses.binary",
    "categorical_cross_entropy_gradient": "losses.categorical",
    "sigmoid_bce_backward": "losses.binary",
    "softmax_cce_backward": "losses.categorical",
    # output heads: an output activation with its loss
    "HEADS": "heads",
    "Head": "heads",
    "numerical_gradient": "gradcheck",
    "relative_error": "gradcheck",
    "gradient_check": "gradcheck",
    "minibatches": "training",
    "Network": "network",
    "make_moons": "datasets",
    "make_spirals": "datasets",
    "plot_decision_boundary": "plotting.training",
    "plot_training_curve": "plotting.training",
    # Chapter 4: classifying handwritten digits
    "load_digits": "digits",
    "load_digits_split": "digits",
    "stratified_split": "digits",
    "one_hot": "digits",
    "DigitsSplit": "digits",
    "DigitsSubset": "digits",
    "HeldOutTestSet": "digits",
    "accuracy": "metrics",
    "confusion_matrix": "metrics",
    "fit_with_validation": "monitoring",
    # Chapter 6: deep networks
    "Sequential": "sequential",
    "Layer": "layers",
    "Dense": "layers",
    "ActivationLayer": "layers",
    "BatchNorm": "layers",
    "Dropout": "layers",
    # Chapter 7: generalisation and regularisation
    "l2_penalty": "penalties",
    "dropout_mask": "dropout",
    "dropout_forward": "dropout",
    "dropout_backward": "dropout",
    "shift_images": "augment",
    "augment_with_shifts": "augment",
}

__all__ = ["__version__", *_SOURCES]


__getattr__, __dir__ = attach(__name__, _SOURCES)
